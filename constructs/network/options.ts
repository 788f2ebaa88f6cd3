/**
 * Choices of the network construct, kept free of provider imports so that config validation can use them without
 * loading the AWS bindings.
 */

/**
 * How private subnets reach the internet:
 * - `single`: one zonal NAT gateway in the first public subnet, shared by every AZ (cheapest; an outage of that AZ
 *   cuts egress everywhere);
 * - `one-per-az`: a zonal NAT gateway per AZ, each AZ routes through its own (highly available);
 * - `regional`: one regional NAT gateway that AWS spreads over the AZs in use (highly available, one resource,
 *   addresses managed by AWS).
 */
export const NAT_STRATEGIES = ["single", "one-per-az", "regional"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** Interface endpoints the network construct knows, with the construct id each one gets. */
export const INTERFACE_ENDPOINT_IDS = {
  "ecr.api": "EcrApiEndpoint",
  "ecr.dkr": "EcrDkrEndpoint",
  sts: "StsEndpoint",
  logs: "LogsEndpoint",
} as const;
export type InterfaceEndpointService = keyof typeof INTERFACE_ENDPOINT_IDS;

/**
 * The endpoints private workloads need most: pulling images from ECR (api and dkr; the layers come through the S3
 * gateway endpoint), STS for IRSA and Pod Identity credentials, and CloudWatch Logs for log shipping.
 */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly InterfaceEndpointService[] = ["ecr.api", "ecr.dkr", "sts", "logs"];
