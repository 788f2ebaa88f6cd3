import { show } from "../../../constructs/core/errors";
import type { ResourceView, Rule, StackView } from "../rule";
import {
  block,
  blocks,
  byAddress,
  isFalse,
  isReference,
  isSet,
  isTrue,
  list,
  referencedAddress,
  referencing,
  wholeInternet,
} from "./helpers";

/**
 * The tag that marks a security group as a public edge listener (an internet-facing load balancer's group): the only
 * groups allowed to take ingress from 0.0.0.0/0 or ::/0. Set it on the `aws_security_group` itself
 * (`tags: { PublicEdge: "true" }`); provider default tags do not count.
 */
export const PUBLIC_EDGE_TAG = "PublicEdge";

/** Whether a security group carries `PublicEdge = "true"`. */
export function isPublicEdge(group: ResourceView | undefined): boolean {
  const tags = block(group?.config.tags);
  return tags?.[PUBLIC_EDGE_TAG] === "true";
}

/** `tcp 443`, `tcp 1024-2048`, `all traffic`: the ports of a rule, for messages. */
function ports(rule: { readonly [key: string]: unknown }): string {
  const protocol = String(rule.ip_protocol ?? rule.protocol ?? "");
  if (protocol === "-1" || protocol === "all") {
    return "all traffic";
  }
  const from = rule.from_port;
  const to = rule.to_port;
  return from === undefined
    ? protocol
    : from === to
      ? `${protocol} ${String(from)}`
      : `${protocol} ${String(from)}-${String(to)}`;
}

/** The security group of this stack that a standalone rule belongs to, when its `security_group_id` names one. */
function ruleGroup(rule: ResourceView, stack: StackView): ResourceView | undefined {
  const address = referencedAddress(rule.config.security_group_id, "aws_security_group");
  return address ? byAddress(stack, address) : undefined;
}

/** Network exposure: nothing but public edge listeners takes traffic from the internet. */
export const NETWORK_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_17",
    rationale: "Databases live in isolated subnets and never get a public address.",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set publiclyAccessible: false",
    check: (db) => (isTrue(db.config.publicly_accessible) ? "publicly_accessible is true" : undefined),
  },
  {
    id: "CKV_AWS_291",
    rationale: "Kafka brokers are reachable from the VPC only, never through public IP addresses.",
    severity: "error",
    resourceTypes: ["aws_msk_cluster"],
    fix: 'remove connectivityInfo.publicAccess or set its type to "DISABLED"',
    check: (kafka) => {
      const access = block(block(block(kafka.config.broker_node_group_info)?.connectivity_info)?.public_access);
      return access?.type === "SERVICE_PROVIDED_EIPS"
        ? "brokers have public access (SERVICE_PROVIDED_EIPS)"
        : undefined;
    },
  },
  {
    id: "PLAT_MSK_CLIENT_AUTH",
    rationale: "Kafka clients authenticate (IAM, SCRAM or mutual TLS); unauthenticated access is off.",
    severity: "error",
    resourceTypes: ["aws_msk_cluster"],
    fix: "set clientAuthentication: { sasl: { iam: true }, unauthenticated: false }",
    check: (kafka) => {
      const auth = block(kafka.config.client_authentication);
      if (!auth) {
        return "no client_authentication, so clients connect unauthenticated";
      }
      if (isTrue(auth.unauthenticated)) {
        return "client_authentication.unauthenticated is true";
      }
      const sasl = block(auth.sasl);
      const authenticated = isTrue(sasl?.iam) || isTrue(sasl?.scram) || isSet(auth.tls);
      return authenticated ? undefined : "client_authentication enables neither SASL (IAM, SCRAM) nor TLS";
    },
  },
  {
    id: "CKV_AWS_38",
    rationale: "A public Kubernetes API endpoint is limited to known CIDRs, never the whole internet.",
    severity: "error",
    resourceTypes: ["aws_eks_cluster"],
    fix: "set vpcConfig.endpointPublicAccess: false, or publicAccessCidrs to the operators' CIDRs",
    check: (cluster) => {
      const vpc = block(cluster.config.vpc_config);
      if (isFalse(vpc?.endpoint_public_access)) {
        return undefined;
      }
      const cidrs = vpc?.public_access_cidrs;
      if (isReference(cidrs)) {
        return undefined;
      }
      if (!isSet(cidrs)) {
        return "the public endpoint is on without public_access_cidrs, which defaults to 0.0.0.0/0";
      }
      const open = wholeInternet(cidrs);
      return open.length > 0 ? `the public endpoint is open to ${open.join(", ")}` : undefined;
    },
  },
  {
    id: "CKV_AWS_39",
    rationale:
      "Clusters expose the Kubernetes API on the private endpoint only; a public one (CIDR-limited, CKV_AWS_38) is an exception.",
    severity: "warning",
    resourceTypes: ["aws_eks_cluster"],
    fix: "set vpcConfig.endpointPublicAccess: false and reach the API from the VPC (VPN, bastion, CI runners)",
    check: (cluster) =>
      isFalse(block(cluster.config.vpc_config)?.endpoint_public_access)
        ? undefined
        : "vpc_config.endpoint_public_access is not false",
  },
  {
    id: "PLAT_SG_NO_WORLD_INGRESS",
    rationale: `Only security groups tagged ${PUBLIC_EDGE_TAG} = "true" (public edge listeners) take ingress from 0.0.0.0/0 or ::/0.`,
    severity: "error",
    resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
    fix: `allow a source security group or a narrower CIDR, or tag the group ${PUBLIC_EDGE_TAG} = "true" if it is a public edge listener`,
    check: (resource, stack) => {
      if (resource.type === "aws_security_group") {
        if (isPublicEdge(resource)) {
          return undefined;
        }
        const open = blocks(resource.config.ingress)
          .map((rule) => ({ rule, cidrs: wholeInternet([...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks)]) }))
          .filter(({ cidrs }) => cidrs.length > 0)
          .map(({ rule, cidrs }) => `${ports(rule)} from ${cidrs.join(", ")}`);
        return open.length > 0 ? `inline ingress allows ${open.join("; ")}` : undefined;
      }
      if (resource.type === "aws_security_group_rule" && resource.config.type !== "ingress") {
        return undefined;
      }
      const cidrs =
        resource.type === "aws_security_group_rule"
          ? wholeInternet([...list(resource.config.cidr_blocks), ...list(resource.config.ipv6_cidr_blocks)])
          : wholeInternet([resource.config.cidr_ipv4, resource.config.cidr_ipv6]);
      if (cidrs.length === 0 || isPublicEdge(ruleGroup(resource, stack))) {
        return undefined;
      }
      const group =
        referencedAddress(resource.config.security_group_id, "aws_security_group") ??
        show(resource.config.security_group_id);
      return `ingress allows ${ports(resource.config)} from ${cidrs.join(", ")} to ${group}`;
    },
  },
  {
    id: "CKV2_AWS_12",
    rationale: "The VPC's default security group allows nothing, so resources placed in it by mistake stay isolated.",
    severity: "warning",
    resourceTypes: ["aws_vpc"],
    fix: "add an aws_default_security_group for the VPC with no ingress and no egress rules",
    check: (vpc, stack) => {
      const defaults = referencing(stack, "aws_default_security_group", "vpc_id", vpc.address);
      if (defaults.length === 0) {
        return "no aws_default_security_group in the stack manages the VPC's default group";
      }
      return defaults.some((group) => blocks(group.config.ingress).length > 0 || blocks(group.config.egress).length > 0)
        ? "the default security group has rules"
        : undefined;
    },
  },
  {
    id: "CKV_AWS_59",
    rationale: "Every API method requires an authorizer or an API key (CORS preflight OPTIONS excepted).",
    severity: "error",
    resourceTypes: ["aws_api_gateway_method"],
    fix: 'set authorization to "COGNITO_USER_POOLS", "CUSTOM" or "AWS_IAM", or apiKeyRequired: true',
    check: (method) =>
      method.config.authorization === "NONE" &&
      !isTrue(method.config.api_key_required) &&
      method.config.http_method !== "OPTIONS"
        ? `${show(method.config.http_method)} has authorization NONE and no API key`
        : undefined,
  },
  {
    id: "CKV_AWS_131",
    rationale: "Application load balancers drop requests with invalid header fields (request smuggling).",
    severity: "error",
    resourceTypes: ["aws_lb", "aws_alb"],
    fix: "set dropInvalidHeaderFields: true",
    check: (balancer) => {
      const type = balancer.config.load_balancer_type;
      if (type !== undefined && type !== "application") {
        return undefined;
      }
      return isTrue(balancer.config.drop_invalid_header_fields) ? undefined : "drop_invalid_header_fields is not true";
    },
  },
];
