import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { blocks, isSet, requiresCompanion } from "./helpers";

/** The internet-facing edge: a web application firewall in front of everything public, security headers on top. */
export const EDGE_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_68",
    rationale: "CloudFront distributions are protected by a WAF web ACL (rate limits, managed rule groups).",
    severity: "error",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: "set webAclId to the ARN of a CLOUDFRONT-scope aws_wafv2_web_acl",
    check: (distribution) => (isSet(distribution.config.web_acl_id) ? undefined : "web_acl_id is not set"),
  },
  {
    id: "CKV2_AWS_29",
    rationale: "Public REST API stages are protected by a regional WAF web ACL.",
    severity: "error",
    resourceTypes: ["aws_api_gateway_stage"],
    fix: "add an aws_wafv2_web_acl_association with resourceArn set to the stage's ARN in the same stack",
    check: requiresCompanion("aws_wafv2_web_acl_association", "resource_arn", "the stage"),
  },
  {
    id: "CKV2_AWS_32",
    rationale: "Every CloudFront behaviour adds security headers (HSTS, content type options, frame options).",
    severity: "warning",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: "set responseHeadersPolicyId on the default and every ordered behaviour",
    check: (distribution) => {
      const missing = [
        ...blocks(distribution.config.default_cache_behavior)
          .filter((behaviour) => !isSet(behaviour.response_headers_policy_id))
          .map(() => "default"),
        ...blocks(distribution.config.ordered_cache_behavior)
          .filter((behaviour) => !isSet(behaviour.response_headers_policy_id))
          .map((behaviour) => show(behaviour.path_pattern)),
      ];
      return missing.length > 0 ? `behaviours without response_headers_policy_id: ${missing.join(", ")}` : undefined;
    },
  },
];
