import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  checkRateLimit,
  DEFAULT_MANAGED_RULE_GROUPS,
  WAF_EVALUATION_WINDOWS,
  WAF_RATE_LIMIT,
  WebAcl,
  type WebAclProps,
} from "../../constructs/waf/web-acl";
import { named, onlyOf, ref, synth, synthWithValues, testStack } from "../helpers";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000";
const STAGE_ARN = "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1";

const BASE: WebAclProps = {
  name: "acme-test-api",
  scope: "REGIONAL",
  rateLimit: 2000,
  logs: { kmsKeyArn: KEY_ARN, retentionDays: 90, deletionProtection: true },
};

function build(overrides: Partial<WebAclProps> = {}) {
  const stack = testStack();
  const acl = new WebAcl(stack, "Waf", { ...BASE, ...overrides });
  return { stack, acl };
}

function visibility(metricName: string) {
  return { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: metricName };
}

describe("WebAcl", () => {
  describe("REGIONAL, with the defaults", () => {
    const { stack, acl } = build();
    acl.associate("Stage", STAGE_ARN);
    const { json, values } = synthWithValues(stack, {
      arn: acl.arn,
      id: acl.id,
      logGroupName: acl.logGroupName,
      logGroupArn: acl.logGroupArn,
    });
    const [aclId, webAcl] = named(json, "aws_wafv2_web_acl", "Waf");
    const [logGroupId, logGroup] = named(json, "aws_cloudwatch_log_group", "LogGroup");

    test("allows by default, in the given scope, with metrics and sampled requests under the ACL's name", () => {
      expect(webAcl).toMatchObject({
        name: "acme-test-api",
        scope: "REGIONAL",
        default_action: { allow: {} },
        visibility_config: visibility("acme-test-api"),
      });
      expect(webAcl).not.toHaveProperty("provider");
    });

    test("the rate rule first, then the default managed groups in order", () => {
      expect(webAcl.rule.map((rule: any) => [rule.priority, rule.name])).toEqual([
        [0, "RateLimitPerIp"],
        [1, "AWSManagedRulesAmazonIpReputationList"],
        [2, "AWSManagedRulesCommonRuleSet"],
        [3, "AWSManagedRulesKnownBadInputsRuleSet"],
      ]);
      expect(acl.ruleNames).toEqual(webAcl.rule.map((rule: any) => rule.name));
      expect(DEFAULT_MANAGED_RULE_GROUPS.map((group) => group.name)).toEqual(acl.ruleNames.slice(1));
    });

    test("the rate rule blocks a client IP over the limit in a five-minute window", () => {
      expect(webAcl.rule[0]).toEqual({
        name: "RateLimitPerIp",
        priority: 0,
        action: { block: {} },
        statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
        visibility_config: visibility("acme-test-api-RateLimitPerIp"),
      });
    });

    test("managed groups of vendor AWS keep their own actions (override none), each with its metrics", () => {
      expect(webAcl.rule[2]).toEqual({
        name: "AWSManagedRulesCommonRuleSet",
        priority: 2,
        override_action: { none: {} },
        statement: {
          managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" },
        },
        visibility_config: visibility("acme-test-api-AWSManagedRulesCommonRuleSet"),
      });
      for (const rule of webAcl.rule.slice(1)) {
        expect(rule.statement.managed_rule_group_statement).toEqual({ name: rule.name, vendor_name: "AWS" });
        expect(rule).not.toHaveProperty("action");
      }
    });

    test("logs to a KMS-encrypted log group with the WAF prefix and the given retention", () => {
      expect(logGroup).toEqual({
        name: "aws-waf-logs-acme-test-api",
        kms_key_id: KEY_ARN,
        retention_in_days: 90,
        deletion_protection_enabled: true,
      });
      expect(values.logGroupName).toBe(ref("aws_cloudwatch_log_group", logGroupId, "name"));
      expect(values.logGroupArn).toBe(ref("aws_cloudwatch_log_group", logGroupId, "arn"));
    });

    test("the logging configuration points at the log group's ARN and redacts credentials", () => {
      expect(onlyOf(json, "aws_wafv2_web_acl_logging_configuration")).toEqual({
        resource_arn: ref("aws_wafv2_web_acl", aclId, "arn"),
        log_destination_configs: [ref("aws_cloudwatch_log_group", logGroupId, "arn")],
        redacted_fields: [{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }],
      });
    });

    test("associate() attaches the ACL to a regional resource", () => {
      expect(onlyOf(json, "aws_wafv2_web_acl_association")).toEqual({
        resource_arn: STAGE_ARN,
        web_acl_arn: ref("aws_wafv2_web_acl", aclId, "arn"),
      });
      expect(values.arn).toBe(ref("aws_wafv2_web_acl", aclId, "arn"));
      expect(values.id).toBe(ref("aws_wafv2_web_acl", aclId, "id"));
    });
  });

  test("rules that block legitimate traffic can be set to count, and the window changed", () => {
    const { stack } = build({
      rateLimit: 500,
      evaluationWindowSeconds: 60,
      managedRuleGroups: [
        { name: "AWSManagedRulesCommonRuleSet", countRules: ["SizeRestrictions_BODY", "NoUserAgent_HEADER"] },
        { name: "AWSManagedRulesSQLiRuleSet" },
      ],
    });
    const [, webAcl] = named(synth(stack), "aws_wafv2_web_acl", "Waf");

    expect(webAcl.rule[0].statement.rate_based_statement).toEqual({
      limit: 500,
      aggregate_key_type: "IP",
      evaluation_window_sec: 60,
    });
    expect(webAcl.rule.map((rule: any) => rule.name)).toEqual([
      "RateLimitPerIp",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesSQLiRuleSet",
    ]);
    expect(webAcl.rule[1].statement.managed_rule_group_statement).toEqual({
      name: "AWSManagedRulesCommonRuleSet",
      vendor_name: "AWS",
      rule_action_override: [
        { name: "SizeRestrictions_BODY", action_to_use: { count: {} } },
        { name: "NoUserAgent_HEADER", action_to_use: { count: {} } },
      ],
    });
    expect(webAcl.rule[2].statement.managed_rule_group_statement).not.toHaveProperty("rule_action_override");
  });

  describe("CLOUDFRONT, through the us-east-1 provider", () => {
    const stack = testStack();
    const provider = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us_east_1" });
    const acl = new WebAcl(stack, "Waf", { ...BASE, name: "acme-test-cdn", scope: "CLOUDFRONT", provider });
    const json = synth(stack);

    test("every resource of the construct uses the us-east-1 provider", () => {
      const resources = Object.entries(json.resource!).flatMap(([, blocks]) => Object.values(blocks));
      expect(resources).toHaveLength(3);
      for (const resource of resources) {
        expect(resource.provider).toBe("aws.us_east_1");
      }
      expect(named(json, "aws_wafv2_web_acl", "Waf")[1].scope).toBe("CLOUDFRONT");
      expect(named(json, "aws_cloudwatch_log_group", "LogGroup")[1].name).toBe("aws-waf-logs-acme-test-cdn");
    });

    test("cannot be associated: the distribution takes the ACL's ARN", () => {
      expect(() => acl.associate("Distribution", "arn:aws:cloudfront::123456789012:distribution/E1")).toThrow(
        /Waf: Distribution: "arn:aws:cloudfront::123456789012:distribution\/E1" cannot be associated with a CLOUDFRONT web ACL; expected the distribution to take the ACL's arn as its web_acl_id/,
      );
    });
  });

  describe("behind a proxy, with per-user limits and body limits", () => {
    const { stack, acl } = build({
      proxyHeader: { name: "X-Api-Key", value: "site-secret" },
      headerRateLimits: [{ name: "RateLimitPerUser", header: "authorization", limit: 500, paths: ["/api"] }],
      bodySizeLimits: {
        defaultBytes: 8192,
        inspectionLimitKb: 64,
        routes: [{ name: "api-ingest", paths: ["/v1/api/ingest", "/api/ingest"], maxBytes: 65536 }],
      },
    });
    const json = synth(stack);
    const [, webAcl] = named(json, "aws_wafv2_web_acl", "Waf");
    const rule = (name: string) => webAcl.rule.find((candidate: any) => candidate.name === name);
    const notFromProxy = {
      not_statement: {
        statement: {
          byte_match_statement: {
            field_to_match: { single_header: { name: "x-api-key" } },
            positional_constraint: "EXACTLY",
            search_string: "site-secret",
            text_transformation: [{ priority: 0, type: "NONE" }],
          },
        },
      },
    };
    const path = (constraint: string, value: string) => ({
      byte_match_statement: {
        field_to_match: { uri_path: {} },
        positional_constraint: constraint,
        search_string: value,
        text_transformation: [{ priority: 0, type: "NONE" }],
      },
    });
    const ingest = {
      or_statement: {
        statement: [
          path("EXACTLY", "/v1/api/ingest"),
          path("STARTS_WITH", "/v1/api/ingest/"),
          path("EXACTLY", "/api/ingest"),
          path("STARTS_WITH", "/api/ingest/"),
        ],
      },
    };
    const larger = (bytes: number) => ({
      size_constraint_statement: {
        field_to_match: { body: { oversize_handling: "MATCH" } },
        comparison_operator: "GT",
        size: bytes,
        text_transformation: [{ priority: 0, type: "NONE" }],
      },
    });

    test("rules in order: address rules, per-user limit, body limits, managed groups", () => {
      expect(acl.ruleNames).toEqual([
        "RateLimitPerIp",
        "RateLimitPerUser",
        "BodySize-api-ingest",
        "BodySizeDefault",
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
      ]);
      expect(webAcl.rule.map((candidate: any) => candidate.priority)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    test("the address rules judge only requests without the proxy's secret header (their address is the proxy's)", () => {
      expect(rule("RateLimitPerIp").statement.rate_based_statement.scope_down_statement).toEqual(notFromProxy);
      expect(
        rule("AWSManagedRulesAmazonIpReputationList").statement.managed_rule_group_statement.scope_down_statement,
      ).toEqual(notFromProxy);
      // The content rules judge every request, the proxy's included.
      expect(rule("AWSManagedRulesCommonRuleSet").statement.managed_rule_group_statement).not.toHaveProperty(
        "scope_down_statement",
      );
    });

    test("the per-user limit keys on the header's value, for the API's paths only", () => {
      expect(rule("RateLimitPerUser")).toMatchObject({
        action: { block: {} },
        statement: {
          rate_based_statement: {
            limit: 500,
            aggregate_key_type: "CUSTOM_KEYS",
            custom_key: [{ header: { name: "authorization", text_transformation: [{ priority: 0, type: "NONE" }] } }],
            evaluation_window_sec: 300,
            scope_down_statement: {
              or_statement: { statement: [path("EXACTLY", "/api"), path("STARTS_WITH", "/api/")] },
            },
          },
        },
      });
    });

    test("each route's body limit on every path it arrives on; the default limit everywhere else", () => {
      expect(rule("BodySize-api-ingest")).toMatchObject({
        action: { block: {} },
        statement: { and_statement: { statement: [ingest, larger(65536)] } },
      });
      expect(rule("BodySizeDefault")).toMatchObject({
        action: { block: {} },
        statement: { and_statement: { statement: [{ not_statement: { statement: ingest } }, larger(8192)] } },
      });
    });

    test("the managed 8 KB body rule only counts, and the resource sends WAF 64 KB of each body", () => {
      expect(rule("AWSManagedRulesCommonRuleSet").statement.managed_rule_group_statement.rule_action_override).toEqual([
        { name: "SizeRestrictions_BODY", action_to_use: { count: {} } },
      ]);
      expect(webAcl.association_config).toEqual({
        request_body: [{ api_gateway: { default_size_inspection_limit: "KB_64" } }],
      });
    });
  });

  test("a CLOUDFRONT ACL sets CloudFront's inspection limit, 16 KB unless told", () => {
    const stack = testStack();
    const provider = new AwsProvider(stack, "us-east-1", { region: "us-east-1", alias: "us_east_1" });
    new WebAcl(stack, "Waf", {
      ...BASE,
      scope: "CLOUDFRONT",
      provider,
      bodySizeLimits: { defaultBytes: 4096, routes: [] },
    });
    const [, webAcl] = named(synth(stack), "aws_wafv2_web_acl", "Waf");
    expect(webAcl.association_config).toEqual({
      request_body: [{ cloudfront: { default_size_inspection_limit: "KB_16" } }],
    });
    expect(webAcl.rule.find((rule: any) => rule.name === "BodySizeDefault").statement).toEqual({
      size_constraint_statement: {
        field_to_match: { body: { oversize_handling: "MATCH" } },
        comparison_operator: "GT",
        size: 4096,
        text_transformation: [{ priority: 0, type: "NONE" }],
      },
    });
  });

  test("checkRateLimit accepts WAF's range and says what is wrong outside it", () => {
    expect(WAF_RATE_LIMIT).toEqual({ min: 10, max: 2_000_000_000 });
    expect(WAF_EVALUATION_WINDOWS).toEqual([60, 120, 300, 600]);
    expect(checkRateLimit(10)).toBeUndefined();
    expect(checkRateLimit(2_000_000_000)).toBeUndefined();
    expect(checkRateLimit(9)).toMatch(/^is below the WAF minimum of 10; expected a whole number/);
    expect(checkRateLimit(2_000_000_001)).toMatch(/^is above the WAF maximum of 2000000000/);
    expect(checkRateLimit(100.5)).toMatch(/^is not a whole number/);
  });

  test.each<[string, Partial<WebAclProps>, RegExp]>([
    [
      "a rate limit below 10",
      { rateLimit: 9 },
      /rateLimit: 9 is below the WAF minimum of 10; expected a whole number of requests per client IP from 10 to 2000000000/,
    ],
    ["a rate limit above the maximum", { rateLimit: 3_000_000_000 }, /rateLimit: 3000000000 is above the WAF maximum/],
    ["a fractional rate limit", { rateLimit: 99.5 }, /rateLimit: 99.5 is not a whole number/],
    [
      "a 30-second window",
      { evaluationWindowSeconds: 30 },
      /evaluationWindowSeconds: 30 is not allowed; expected one of 60, 120, 300, 600/,
    ],
    [
      "a name with a space",
      { name: "acme prod" },
      /name: "acme prod" is not a web ACL name; expected 1 to 128 letters, digits, hyphens or underscores/,
    ],
    ["a name too long", { name: "a".repeat(129) }, /name: "a{129}" is not a web ACL name/],
    [
      "an unknown scope",
      { scope: "GLOBAL" as never },
      /scope: "GLOBAL" is not allowed; expected one of "REGIONAL", "CLOUDFRONT"/,
    ],
    [
      "a retention CloudWatch Logs does not offer",
      { logs: { ...BASE.logs, retentionDays: 45 } },
      /logs.retentionDays: 45 is not allowed; expected one of the CloudWatch Logs retention periods 1, 3, 5/,
    ],
    [
      "a rule group twice",
      { managedRuleGroups: [{ name: "AWSManagedRulesCommonRuleSet" }, { name: "AWSManagedRulesCommonRuleSet" }] },
      /managedRuleGroups\[1\].name: "AWSManagedRulesCommonRuleSet" names another rule of the ACL; expected each rule group once/,
    ],
    [
      "a rule group named like the rate rule",
      { managedRuleGroups: [{ name: "RateLimitPerIp" }] },
      /managedRuleGroups\[0\].name: "RateLimitPerIp" names another rule of the ACL/,
    ],
    [
      "a bad rule group name",
      { managedRuleGroups: [{ name: "AWS Common" }] },
      /managedRuleGroups\[0\].name: "AWS Common" is not a rule group name; expected the name of an AWS managed rule group/,
    ],
    [
      "a bad count rule",
      { managedRuleGroups: [{ name: "AWSManagedRulesCommonRuleSet", countRules: ["Size Body"] }] },
      /managedRuleGroups\[0\].countRules\[0\]: "Size Body" is not a rule name; expected the name of a rule of AWSManagedRulesCommonRuleSet/,
    ],
    [
      "a count rule twice",
      { managedRuleGroups: [{ name: "AWSManagedRulesCommonRuleSet", countRules: ["A", "A"] }] },
      /managedRuleGroups\[0\].countRules\[1\]: "A" is listed twice; expected each rule once/,
    ],
    [
      "a per-user limit below 10",
      { headerRateLimits: [{ name: "RateLimitPerUser", header: "authorization", limit: 5 }] },
      /headerRateLimits\[0\].limit: 5 is below the WAF minimum of 10/,
    ],
    [
      "a per-user limit on an upper-case header",
      { headerRateLimits: [{ name: "RateLimitPerUser", header: "Authorization", limit: 100 }] },
      /headerRateLimits\[0\].header: "Authorization" is not a header name; expected lower-case letters/,
    ],
    [
      "a per-user limit named like the rate rule",
      { headerRateLimits: [{ name: "RateLimitPerIp", header: "authorization", limit: 100 }] },
      /headerRateLimits\[0\].name: "RateLimitPerIp" is not a free rule name/,
    ],
    [
      "a body limit beyond what WAF inspects",
      { bodySizeLimits: { defaultBytes: 8192, routes: [{ name: "ingest", paths: ["/api/ingest"], maxBytes: 20000 }] } },
      /bodySizeLimits.routes\[0\].maxBytes: 20000 is not allowed; expected a whole number of bytes from 1 to 16384 \(what WAF inspects with inspectionLimitKb 16\)/,
    ],
    [
      "an inspection limit WAF does not offer",
      { bodySizeLimits: { defaultBytes: 8192, inspectionLimitKb: 20 as never, routes: [] } },
      /bodySizeLimits.inspectionLimitKb: 20 is not allowed; expected one of 16, 32, 48, 64/,
    ],
    [
      "a body-limit route without paths",
      { bodySizeLimits: { defaultBytes: 8192, routes: [{ name: "ingest", paths: [], maxBytes: 1000 }] } },
      /bodySizeLimits.routes\[0\].paths: \[\] is not a list of paths/,
    ],
    [
      "a body-limit route twice",
      {
        bodySizeLimits: {
          defaultBytes: 8192,
          routes: [
            { name: "ingest", paths: ["/a"], maxBytes: 1000 },
            { name: "ingest", paths: ["/b"], maxBytes: 1000 },
          ],
        },
      },
      /bodySizeLimits.routes\[1\].name: "ingest" is not a free rule name/,
    ],
  ])("rejects %s before creating anything", (_case, overrides, message) => {
    const stack = testStack();
    expect(() => new WebAcl(stack, "Waf", { ...BASE, ...overrides })).toThrow(message);
    expect(synth(stack).resource).toBeUndefined();
  });
});
