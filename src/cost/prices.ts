import { PRICES_READ, type SourceId } from "./sources";

/**
 * The price table: USD, tax excluded, on-demand, for the regions the platform uses (eu-west-1, its standby region
 * eu-central-1, and us-east-1 where CloudFront's WAF, certificate and log groups live). Keys are
 * `<service>:<region>:<item>`; `global` holds the prices AWS does not qualify by region (WAF, KMS keys, Secrets
 * Manager, Route 53, the EKS control plane, CloudFront by edge geography).
 *
 * Only prices read from a source are here: a price missing for a region is missing (the estimate lists what it
 * could not price by name); none is derived from another region or another engine. Confidence A is an AWS page or
 * document, or a snapshot generated from the AWS Price List API; B is a scrape or transcription of an AWS page.
 * To update a price: read it again from its source (or a better one), change `usd`, `asOf` and, if the source
 * changed, `source` (sources.ts), and `PRICES_READ`; then `npx jest test/cost` shows which hand-computed totals move.
 */

export interface Price {
  readonly usd: number;
  /** What one `usd` buys: `instance-hour`, `GB-month`, `1M requests`. */
  readonly per: PriceUnit;
  readonly source: SourceId;
  /** Which part of the source: a test file, a table row. */
  readonly detail?: string;
  /** When the source's data was made or published. */
  readonly asOf: string;
  /** When the price was read from the source. */
  readonly read: string;
  readonly confidence: "A" | "B";
}

export type PriceUnit =
  | "instance-hour"
  | "node-hour"
  | "broker-hour"
  | "cluster-hour"
  | "gateway-hour"
  | "LB-hour"
  | "endpoint-AZ-hour"
  | "cache-hour"
  | "GB-month"
  | "IOPS-month"
  | "GB"
  | "1M requests"
  | "10k requests"
  | "1M invocations"
  | "month";

type Row = readonly [
  usd: number,
  per: PriceUnit,
  source: SourceId,
  asOf: string,
  confidence: "A" | "B",
  detail?: string,
];

const rows = (entries: Readonly<Record<string, Row>>): Record<string, Price> =>
  Object.fromEntries(
    Object.entries(entries).map(([key, [usd, per, source, asOf, confidence, detail]]) => [
      key,
      { usd, per, source, asOf, read: PRICES_READ, confidence, ...(detail ? { detail } : {}) },
    ]),
  );

const KARPENTER = "2026-07-20";
const SCRAPE = "2023-01-06";
const ELASTICACHE_DATA = "2025-04-24";
const RDS_2021 = "2021-08-03";
const GOLDEN = "2024-07-01";

/** EC2 Linux on-demand, shared tenancy. */
const EC2: Record<string, Row> = {
  "ec2:eu-west-1:t4g.micro": [0.0092, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t4g.small": [0.0184, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t4g.medium": [0.0368, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t4g.large": [0.0736, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t4g.xlarge": [0.1472, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t3.small": [0.0228, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t3.medium": [0.0456, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t3.large": [0.0912, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-west-1:t3.xlarge": [0.1824, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-west-1.csv"],
  "ec2:eu-central-1:t4g.medium": [0.0384, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-central-1.csv"],
  "ec2:eu-central-1:t4g.large": [0.0768, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-central-1.csv"],
  "ec2:eu-central-1:t3.medium": [0.048, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-central-1.csv"],
  "ec2:eu-central-1:t3.large": [0.096, "instance-hour", "ec2Scrape", SCRAPE, "B", "eu-central-1.csv"],
  "ec2:us-east-1:t4g.medium": [0.0336, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:t4g.large": [0.0672, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:t3.medium": [0.0416, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:t3.large": [0.0832, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m6g.large": [0.077, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m6g.xlarge": [0.154, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m7g.large": [0.0816, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m7g.xlarge": [0.1632, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m6i.large": [0.096, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:m7i.large": [0.1008, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:c7g.large": [0.0725, "instance-hour", "karpenter", KARPENTER, "A"],
  "ec2:us-east-1:r7g.large": [0.1071, "instance-hour", "karpenter", KARPENTER, "A"],
};

/** RDS for PostgreSQL instances (Single-AZ unless the key says Multi-AZ), storage and Performance Insights. */
const RDS: Record<string, Row> = {
  "rds:eu-west-1:db.r6g.large:single-az": [0.252, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:eu-west-1:db.r6g.xlarge:single-az": [0.504, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:eu-west-1:db.m6g.large:single-az": [0.176, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:eu-west-1:db.m6g.xlarge:multi-az": [
    0.704,
    "instance-hour",
    "infracost",
    GOLDEN,
    "A",
    "elastic_beanstalk_environment_test (PostgreSQL, eu-west-1)",
  ],
  "rds:eu-central-1:db.r6g.large:single-az": [0.274, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:eu-central-1:db.r6g.xlarge:single-az": [0.549, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:eu-central-1:db.m6g.large:single-az": [0.189, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:us-east-1:db.r6g.large:single-az": [0.225, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:us-east-1:db.r6g.xlarge:single-az": [0.45, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds:us-east-1:db.m6g.large:single-az": [0.159, "instance-hour", "rdsData", RDS_2021, "A"],
  "rds-storage:us-east-1:gp3:single-az": [0.115, "GB-month", "infracost", "2026-05-03", "A", "db_instance_test"],
  "rds-storage:us-east-1:gp3:multi-az": [0.23, "GB-month", "infracost", "2026-05-03", "A", "db_instance_test"],
  "rds-iops:us-east-1:gp3:single-az": [0.02, "IOPS-month", "infracost", "2026-05-03", "A", "db_instance_test"],
  "rds-iops:us-east-1:gp3:multi-az": [0.04, "IOPS-month", "infracost", "2026-05-03", "A", "db_instance_test"],
  "rds:global:performance-insights-7-days": [0, "month", "performanceInsights", PRICES_READ, "A"],
};

/** ElastiCache nodes, on-demand, by engine (Valkey is 20% below Redis OSS in the source). */
const ELASTICACHE_NODES: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>> = {
  "eu-west-1": {
    "cache.t4g.micro": [0.0136, 0.017],
    "cache.t4g.small": [0.0272, 0.034],
    "cache.t4g.medium": [0.0544, 0.068],
    "cache.r7g.large": [0.1944, 0.243],
    "cache.m7g.large": [0.1392, 0.174],
    "cache.r6g.large": [0.1832, 0.229],
    "cache.m6g.large": [0.1312, 0.164],
    "cache.r7g.xlarge": [0.3896, 0.487],
    "cache.m7g.xlarge": [0.2776, 0.347],
  },
  "eu-central-1": {
    "cache.t4g.micro": [0.0144, 0.018],
    "cache.t4g.small": [0.0288, 0.036],
    "cache.t4g.medium": [0.0576, 0.072],
    "cache.r7g.large": [0.2104, 0.263],
    "cache.m7g.large": [0.1504, 0.188],
    "cache.r6g.large": [0.1976, 0.247],
    "cache.m6g.large": [0.1416, 0.177],
  },
  "us-east-1": {
    "cache.t4g.micro": [0.0128, 0.016],
    "cache.t4g.small": [0.0256, 0.032],
    "cache.t4g.medium": [0.052, 0.065],
    "cache.r7g.large": [0.1752, 0.219],
    "cache.m7g.large": [0.1264, 0.158],
    "cache.r6g.large": [0.1648, 0.206],
    "cache.m6g.large": [0.1192, 0.149],
  },
};

const ELASTICACHE: Record<string, Row> = Object.fromEntries(
  Object.entries(ELASTICACHE_NODES).flatMap(([region, nodes]) =>
    Object.entries(nodes).flatMap(([node, [valkey, redis]]) => [
      [`elasticache:${region}:${node}:valkey`, [valkey, "node-hour", "elasticacheData", ELASTICACHE_DATA, "A"] as Row],
      [`elasticache:${region}:${node}:redis`, [redis, "node-hour", "elasticacheData", ELASTICACHE_DATA, "A"] as Row],
    ]),
  ),
);

/** Everything else: Kafka, network, edge, security, observability. */
const SERVICES: Record<string, Row> = {
  "eks:global:cluster": [0.1, "cluster-hour", "eksBlog", "2024-04-01", "A", "standard support"],
  "msk:us-east-1:kafka.t3.small": [0.0456, "broker-hour", "infracost", GOLDEN, "A", "msk_cluster_test"],
  "msk-storage:us-east-1:gp": [0.1, "GB-month", "infracost", GOLDEN, "A", "msk_cluster_test"],
  "nat:us-east-1:hour": [0.045, "gateway-hour", "vpcPage", "2026-09-20", "A"],
  "nat:us-east-1:data": [0.045, "GB", "vpcPage", "2026-09-20", "A"],
  "lb:us-east-1:application": [0.0225, "LB-hour", "elbPage", "2026-09-20", "A"],
  "lb:us-east-1:network": [0.0225, "LB-hour", "infracost", GOLDEN, "A", "lb_test"],
  "lb:eu-west-1:network": [0.0252, "LB-hour", "infracost", GOLDEN, "A", "elastic_beanstalk_environment_test"],
  "vpce:us-east-1:interface": [0.01, "endpoint-AZ-hour", "infracost", "2024-10-18", "A", "vpc_endpoint_test"],
  "ebs:us-east-1:gp3": [0.08, "GB-month", "infracost", GOLDEN, "A", "ebs_volume_test"],
  "cloudfront:global:europe-data-out": [
    0.085,
    "GB",
    "infracost",
    GOLDEN,
    "A",
    "cloudfront_distribution_test (Europe and Israel, first 10 TB)",
  ],
  "cloudfront:global:europe-https-requests": [
    0.012,
    "10k requests",
    "infracost",
    GOLDEN,
    "B",
    "cloudfront_distribution_test (Europe and Israel; worked back from a rounded total)",
  ],
  "cloudfront:global:function": [0.1, "1M invocations", "infracost", "2024-12-23", "A", "cloudfront_function_test"],
  "apigateway:us-east-1:rest-requests": [3.5, "1M requests", "apiGatewayWhitepaper", PRICES_READ, "A", "first 333M"],
  "apigateway:us-east-1:cache-0.5": [0.02, "cache-hour", "infracost", GOLDEN, "A", "api_gateway_stage_test"],
  "waf:global:web-acl": [5, "month", "wafGuide", "2026-06-10", "A"],
  "waf:global:rule": [1, "month", "wafGuide", "2026-06-10", "A", "a rule or a managed rule group"],
  "waf:global:requests": [0.6, "1M requests", "wafGuide", "2026-06-10", "A", "up to 1,500 WCU"],
  "kms:global:key": [1, "month", "kmsPage", PRICES_READ, "A", "customer managed key"],
  "secrets:global:secret": [0.4, "month", "secretsPage", "2026-09-20", "A", "each replica is a secret of its own"],
  "route53:global:zone": [0.5, "month", "route53Page", "2026-09-20", "A", "first 25 hosted zones"],
  "route53:global:health-check-aws": [0.5, "month", "route53Page", "2026-09-20", "A", "basic, AWS endpoint"],
  "route53:global:health-check-other": [0.75, "month", "route53Page", "2026-09-20", "A", "basic, non-AWS endpoint"],
  "cloudwatch:us-east-1:alarm": [0.1, "month", "infracost", GOLDEN, "A", "cloudwatch_metric_alarm_test"],
  "cloudwatch:us-east-1:alarm-high-resolution": [
    0.3,
    "month",
    "infracost",
    GOLDEN,
    "A",
    "cloudwatch_metric_alarm_test",
  ],
  "cloudwatch:us-east-1:dashboard": [3, "month", "infracost", GOLDEN, "A", "cloudwatch_dashboard_test"],
  "logs:us-east-1:ingestion": [0.5, "GB", "infracost", GOLDEN, "A", "cloudwatch_log_group_test"],
  "logs:eu-west-1:ingestion": [0.57, "GB", "infracost", GOLDEN, "A", "elastic_beanstalk_environment_test"],
};

/** The assumed Spot discount when config sets none: an assumption, not a price (AWS says "up to 90%"). */
export const DEFAULT_SPOT_DISCOUNT_PERCENT = 60;

/** Hours in a month, as AWS's own calculators count them (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

export type PriceTable = Readonly<Record<string, Price>>;

export const PRICES: PriceTable = rows({ ...EC2, ...RDS, ...ELASTICACHE, ...SERVICES });

/** The price of `item` of `service` in `region`, else its region-less (`global`) price, else undefined. */
export function priceOf(table: PriceTable, service: string, region: string, item: string): Price | undefined {
  return table[`${service}:${region}:${item}`] ?? table[`${service}:global:${item}`];
}
