import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import {
  block,
  blocks,
  isFalse,
  isReference,
  isSet,
  isTrue,
  ofType,
  policyStatements,
  strings,
  targetsBucket,
} from "./helpers";

/** CloudFront viewer TLS policies that refuse anything older than TLS 1.2. */
const CLOUDFRONT_TLS_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/** Load balancer security policies whose minimum is TLS 1.2 (`ELBSecurityPolicy-TLS13-1-2-2021-06`, ...). */
const ELB_TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

/** API Gateway custom-domain policies with TLS 1.2 as the minimum. */
const API_TLS_POLICY = /^(TLS_1_2|SecurityPolicy_TLS13_.+)$/;

/** Encryption in transit: TLS required between clients and every data store, at the edge and on the wire. */
export const TRANSIT_RULES: readonly Rule[] = [
  {
    id: "CKV2_AWS_69",
    rationale: "PostgreSQL refuses unencrypted connections only with rds.force_ssl = 1 in its parameter group.",
    severity: "error",
    resourceTypes: ["aws_db_parameter_group"],
    fix: 'add the parameter { name: "rds.force_ssl", value: "1" }',
    check: (group) => {
      if (typeof group.config.family !== "string" || !group.config.family.startsWith("postgres")) {
        return undefined;
      }
      const forceSsl = blocks(group.config.parameter).find((parameter) => parameter.name === "rds.force_ssl");
      return forceSsl && String(forceSsl.value) === "1"
        ? undefined
        : `rds.force_ssl is ${forceSsl ? show(forceSsl.value) : "not set"}, not "1"`;
    },
  },
  {
    id: "PLAT_RDS_PROXY_TLS",
    rationale: "Clients reach the database through the proxy over TLS only.",
    severity: "error",
    resourceTypes: ["aws_db_proxy"],
    fix: "set requireTls: true",
    check: (proxy) => (isTrue(proxy.config.require_tls) ? undefined : "require_tls is not true"),
  },
  {
    id: "CKV_AWS_30",
    rationale:
      "Cache traffic (keys, values, IAM tokens) is encrypted in transit, and TLS is required, not merely preferred.",
    severity: "error",
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: 'set transitEncryptionEnabled: true and transitEncryptionMode: "required" (cache.transitEncryption in config)',
    check: (cache) => {
      const enabled = cache.config.transit_encryption_enabled;
      if (!isTrue(enabled)) {
        return `transit_encryption_enabled is ${show(enabled)}, not true`;
      }
      // Unset, the mode is "required"; "preferred" (a migration step) still accepts plaintext clients.
      const mode = cache.config.transit_encryption_mode;
      return mode === undefined || mode === "required" || isReference(mode)
        ? undefined
        : `transit_encryption_mode is ${show(mode)}, not "required"`;
    },
  },
  {
    id: "CKV_AWS_31",
    rationale: "Cache clients authenticate: an AUTH token or RBAC user groups, never the open default user.",
    severity: "error",
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: "set userGroupIds to a user group with IAM-authenticated users (or an authToken)",
    check: (cache) =>
      isSet(cache.config.auth_token) || isSet(cache.config.user_group_ids)
        ? undefined
        : "neither auth_token nor user_group_ids is set",
  },
  {
    id: "CKV_AWS_81",
    rationale: "Kafka traffic is TLS between clients and brokers and between brokers.",
    severity: "error",
    resourceTypes: ["aws_msk_cluster"],
    fix: 'set encryptionInfo.encryptionInTransit: { clientBroker: "TLS", inCluster: true }',
    check: (kafka) => {
      const transit = block(block(kafka.config.encryption_info)?.encryption_in_transit);
      const clientBroker = transit?.client_broker;
      if (clientBroker !== undefined && clientBroker !== "TLS" && !isReference(clientBroker)) {
        return `encryption_in_transit.client_broker is ${show(clientBroker)}, not "TLS"`;
      }
      return isFalse(transit?.in_cluster) ? "encryption_in_transit.in_cluster is false" : undefined;
    },
  },
  {
    id: "CKV_AWS_34",
    rationale: "Viewers reach CloudFront over HTTPS only: every behaviour redirects HTTP or refuses it.",
    severity: "error",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: 'set viewerProtocolPolicy: "redirect-to-https" (or "https-only") on the default and every ordered behaviour',
    check: (distribution) => {
      const behaviours = [
        ...blocks(distribution.config.default_cache_behavior).map((behaviour) => ({ name: "default", behaviour })),
        ...blocks(distribution.config.ordered_cache_behavior).map((behaviour) => ({
          name: show(behaviour.path_pattern),
          behaviour,
        })),
      ];
      const insecure = behaviours
        .filter(
          ({ behaviour }) =>
            behaviour.viewer_protocol_policy !== "redirect-to-https" &&
            behaviour.viewer_protocol_policy !== "https-only",
        )
        .map(({ name, behaviour }) => `${name} (${show(behaviour.viewer_protocol_policy)})`);
      return insecure.length > 0 ? `behaviours allow plain HTTP: ${insecure.join(", ")}` : undefined;
    },
  },
  {
    id: "CKV_AWS_174",
    rationale:
      "Viewers reach CloudFront with TLS 1.2 or newer: a custom certificate with a TLSv1.2_2021 policy (with the default *.cloudfront.net certificate CloudFront accepts TLS 1.0, whatever the policy says).",
    severity: "error",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: 'serve the site\'s own domain (config edge.cdn.domain: names with hostedZoneId or a us-east-1 certificateArn), with viewerCertificate.minimumProtocolVersion "TLSv1.2_2021"',
    check: (distribution) => {
      const certificate = block(distribution.config.viewer_certificate);
      const custom = isSet(certificate?.acm_certificate_arn) || isSet(certificate?.iam_certificate_id);
      if (!custom) {
        return "viewer_certificate is the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0";
      }
      const version = certificate?.minimum_protocol_version;
      return typeof version === "string" && CLOUDFRONT_TLS_POLICIES.includes(version)
        ? undefined
        : `viewer_certificate.minimum_protocol_version is ${show(version)}, not TLSv1.2_2021 or newer`;
    },
  },
  {
    id: "PLAT_CLOUDFRONT_ORIGIN_TLS",
    rationale:
      "CloudFront calls custom origins over HTTPS with TLS 1.2, so responses are not exposed between AWS edges and origins.",
    severity: "error",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: 'set customOriginConfig.originProtocolPolicy: "https-only" and originSslProtocols: ["TLSv1.2"] on every custom origin',
    check: (distribution) => {
      const problems = blocks(distribution.config.origin).flatMap((origin) => {
        const custom = block(origin.custom_origin_config);
        if (!custom) {
          return [];
        }
        const weak = strings(custom.origin_ssl_protocols).filter((protocol) => protocol !== "TLSv1.2");
        return [
          ...(custom.origin_protocol_policy === "https-only"
            ? []
            : [`origin ${show(origin.origin_id)} uses origin_protocol_policy ${show(custom.origin_protocol_policy)}`]),
          ...(weak.length > 0 ? [`origin ${show(origin.origin_id)} allows ${weak.join(", ")}`] : []),
        ];
      });
      return problems.length > 0 ? problems.join("; ") : undefined;
    },
  },
  {
    id: "CKV_AWS_206",
    rationale: "API custom domains refuse clients older than TLS 1.2.",
    severity: "error",
    resourceTypes: ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"],
    fix: 'set securityPolicy: "TLS_1_2" (or a SecurityPolicy_TLS13_* policy)',
    check: (domain) => {
      const policy =
        domain.type === "aws_apigatewayv2_domain_name"
          ? block(domain.config.domain_name_configuration)?.security_policy
          : domain.config.security_policy;
      return typeof policy === "string" && API_TLS_POLICY.test(policy)
        ? undefined
        : `security_policy is ${show(policy)}, not TLS_1_2 or newer`;
    },
  },
  {
    id: "CKV_AWS_103",
    rationale: "HTTPS and TLS listeners negotiate TLS 1.2 or newer only.",
    severity: "error",
    resourceTypes: ["aws_lb_listener", "aws_alb_listener"],
    fix: 'set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy)',
    check: (listener) => {
      if (listener.config.protocol !== "HTTPS" && listener.config.protocol !== "TLS") {
        return undefined;
      }
      const policy = listener.config.ssl_policy;
      return typeof policy === "string" && (ELB_TLS12_POLICY.test(policy) || isReference(policy))
        ? undefined
        : `the ${String(listener.config.protocol)} listener's ssl_policy is ${show(policy)}, which allows TLS older than 1.2`;
    },
  },
  {
    id: "PLAT_S3_TLS_ONLY",
    rationale: "Buckets refuse requests without TLS through a bucket policy that denies aws:SecureTransport = false.",
    severity: "error",
    resourceTypes: ["aws_s3_bucket"],
    fix: 'add a bucket policy statement { effect: "Deny", actions: ["s3:*"], principals: "*", condition Bool aws:SecureTransport = "false" }',
    check: (bucket, stack) => {
      const policies = ofType(stack, "aws_s3_bucket_policy").filter((policy) =>
        targetsBucket(policy.config.bucket, bucket),
      );
      if (policies.length === 0) {
        return "no aws_s3_bucket_policy in the stack refers to the bucket";
      }
      const statements = policies.map((policy) => policyStatements(policy.config.policy, stack));
      if (statements.some((list) => list === undefined)) {
        // A policy this stack cannot read (another stack's document, jsonencode): its content is unknown at synth.
        return undefined;
      }
      const deniesPlainHttp = statements
        .flat()
        .some(
          (statement) =>
            statement?.effect === "Deny" &&
            statement.conditions.some(
              (condition) =>
                condition.test === "Bool" &&
                condition.variable === "aws:SecureTransport" &&
                condition.values.includes("false"),
            ),
        );
      return deniesPlainHttp ? undefined : "the bucket policy does not deny aws:SecureTransport = false";
    },
  },
];
