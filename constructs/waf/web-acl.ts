import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { type TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { encryptedLogGroup } from "../core/log-group";
import { requireLogRetentionDays, requireOneOf } from "../core/validation";
import {
  type BodySizeLimits,
  bodySizeRules,
  checkRateLimit,
  type HeaderRateLimit,
  limitProblems,
  notWithHeader,
  underPaths,
} from "./statements";

export {
  BODY_INSPECTION_LIMITS_KB,
  type BodyInspectionLimitKb,
  type BodySizeLimits,
  checkRateLimit,
  type HeaderRateLimit,
  WAF_RATE_LIMIT,
} from "./statements";

/** Where a web ACL protects resources: REGIONAL for API Gateway, ALBs...; CLOUDFRONT for distributions. */
export const WAF_SCOPES = ["REGIONAL", "CLOUDFRONT"] as const;
export type WafScope = (typeof WAF_SCOPES)[number];

/** The evaluation windows of a rate-based rule, in seconds. */
export const WAF_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;
export type WafEvaluationWindow = (typeof WAF_EVALUATION_WINDOWS)[number];

/** A web ACL name: 1 to 128 letters, digits, hyphens or underscores. */
export const WEB_ACL_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export const WEB_ACL_NAME_EXPECTATION = "1 to 128 letters, digits, hyphens or underscores";

/** WAF delivers logs to CloudWatch Logs only into log groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

/** Name of the rate-based rule, the first rule of every ACL. */
export const RATE_LIMIT_RULE_NAME = "RateLimitPerIp";

/** The managed group that judges requests by their source address. */
const IP_REPUTATION_GROUP = "AWSManagedRulesAmazonIpReputationList";

/** Headers whose values never reach the WAF logs: they carry credentials. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/** Name of an AWS managed rule group or of a rule in one. */
const RULE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** An AWS managed rule group (vendor AWS) and the rules of it that only count instead of blocking. */
export interface ManagedRuleGroup {
  /** Name of the group, e.g. `AWSManagedRulesCommonRuleSet`. */
  readonly name: string;
  /**
   * Rules of the group whose action is overridden to count: rules that block legitimate traffic, such as
   * `SizeRestrictions_BODY` for an API that takes uploads larger than 8 KB. Matches still show in the logs and
   * metrics.
   *
   * @default - none: every rule of the group acts as AWS defines it
   */
  readonly countRules?: readonly string[];
}

/**
 * The managed rule groups of an ACL unless told otherwise: requests from IPs with a bad reputation, the common rule
 * set (OWASP Top 10 classes) and known bad inputs (Log4j, exploitable paths). About 925 of the 1,500 WCUs an ACL has
 * without extra charge, rate rule included.
 */
export const DEFAULT_MANAGED_RULE_GROUPS: readonly ManagedRuleGroup[] = [
  { name: "AWSManagedRulesAmazonIpReputationList" },
  { name: "AWSManagedRulesCommonRuleSet" },
  { name: "AWSManagedRulesKnownBadInputsRuleSet" },
];

/** Where the ACL's request logs go. */
export interface WebAclLogOptions {
  /**
   * Customer-managed key of the log group, in the ACL's region (us-east-1 for CLOUDFRONT). Its policy must let
   * CloudWatch Logs of that region use it for `aws-waf-logs-<name>` (`cloudWatchLogsGrant`).
   */
  readonly kmsKeyArn: string;
  /** Days the logs are kept: one of the CloudWatch Logs retention periods. */
  readonly retentionDays: number;
  /** CloudWatch Logs deletion protection on the log group. */
  readonly deletionProtection: boolean;
}

export interface WebAclProps {
  /** Name of the ACL, also the base of its metric names and log group: `acme-prod-api`. */
  readonly name: string;
  /**
   * REGIONAL for an API Gateway stage (`associate`), CLOUDFRONT for a distribution (which takes `arn` as its
   * `web_acl_id`). A CLOUDFRONT ACL lives in us-east-1: pass the us-east-1 provider.
   */
  readonly scope: WafScope;
  /**
   * Requests one client IP may send per evaluation window before the rate rule blocks it (until its rate drops back
   * under the limit), from 10 to 2,000,000,000.
   */
  readonly rateLimit: number;
  /** Window the rate rule counts requests over, in seconds: 60, 120, 300 or 600. @default 300 */
  readonly evaluationWindowSeconds?: number;
  /**
   * AWS managed rule groups, evaluated in this order after the rate rule.
   *
   * @default DEFAULT_MANAGED_RULE_GROUPS
   */
  readonly managedRuleGroups?: readonly ManagedRuleGroup[];
  /** The KMS-encrypted log group of the ACL's request logs. */
  readonly logs: WebAclLogOptions;
  /**
   * Requests carrying this header with this value are let past the rules that key on the client's address (the per-IP
   * rate limit and the IP reputation list): they come through a proxy (CloudFront) that already applied those rules to
   * the real client address, and here would only show the proxy's. The value is a secret only the proxy sends.
   *
   * @default - every request is subject to the address rules
   */
  readonly proxyHeader?: { readonly name: string; readonly value: string };
  /** Rate limits per header value (per user token), after the per-IP rule. @default none */
  readonly headerRateLimits?: readonly HeaderRateLimit[];
  /**
   * Body size limits, enforced by rules of this ACL; the managed common rule set's own 8 KB limit
   * (`SizeRestrictions_BODY`) then only counts.
   *
   * @default - the managed rule's 8 KB limit on every request
   */
  readonly bodySizeLimits?: BodySizeLimits;
  /**
   * The AWS provider of the ACL's region, for every resource of the construct: the us-east-1 provider for a
   * CLOUDFRONT ACL.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A WAFv2 web ACL that allows what no rule blocks:
 *
 * 1. a rate-based rule (priority 0) that blocks client IPs sending more than `rateLimit` requests per window;
 * 2. AWS managed rule groups in order, each rule acting as AWS defines it unless listed in `countRules`.
 *
 * Every rule and the ACL publish CloudWatch metrics and sampled requests. Full request logs go to a KMS-encrypted
 * log group `aws-waf-logs-<name>` with the `authorization` and `cookie` headers redacted. WAF adds the log group's
 * resource policy for `delivery.logs.amazonaws.com` itself on the first apply (the deploying role needs
 * `logs:PutResourcePolicy` and `logs:DescribeResourcePolicies`).
 */
export class WebAcl extends Construct {
  /** The `aws_wafv2_web_acl`. */
  public readonly webAcl: Wafv2WebAcl;
  /** What a CloudFront distribution takes as `web_acl_id`, and associations as `web_acl_arn`. */
  public readonly arn: string;
  public readonly id: string;
  public readonly name: string;
  public readonly scope: WafScope;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  /** Names of the ACL's rules, in priority order: the rate rule, then the managed groups. */
  public readonly ruleNames: readonly string[];

  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);

    // Defaults: a five-minute window (WAF's classic one) and the three baseline AWS managed rule groups.
    const evaluationWindowSeconds = props.evaluationWindowSeconds ?? 300;
    const managedRuleGroups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
    this.provider = props.provider;

    this.validate(props, evaluationWindowSeconds, managedRuleGroups);

    this.name = props.name;
    this.scope = props.scope;

    // Requests from the proxy carry its secret header; only the others are judged by their (client) address.
    const notFromProxy = props.proxyHeader ? notWithHeader(props.proxyHeader.name, props.proxyHeader.value) : undefined;
    const rules: Record<string, unknown>[] = [
      {
        name: RATE_LIMIT_RULE_NAME,
        action: { block: {} },
        // `statement` is typed `any` in the provider bindings and passed through verbatim: Terraform's names.
        statement: {
          rate_based_statement: {
            limit: props.rateLimit,
            aggregate_key_type: "IP",
            evaluation_window_sec: evaluationWindowSeconds,
            scope_down_statement: notFromProxy,
          },
        },
      },
      ...(props.headerRateLimits ?? []).map((rateLimit) => ({
        name: rateLimit.name,
        action: { block: {} },
        statement: {
          rate_based_statement: {
            limit: rateLimit.limit,
            aggregate_key_type: "CUSTOM_KEYS",
            custom_key: [{ header: { name: rateLimit.header, text_transformation: [{ priority: 0, type: "NONE" }] } }],
            evaluation_window_sec: evaluationWindowSeconds,
            scope_down_statement: rateLimit.paths?.length ? underPaths(rateLimit.paths) : undefined,
          },
        },
      })),
      ...bodySizeRules(props.bodySizeLimits),
      ...managedRuleGroups.map((group) => {
        const bodyLimitsOwnTheSize = props.bodySizeLimits && group.name === "AWSManagedRulesCommonRuleSet";
        const countRules = [...(group.countRules ?? []), ...(bodyLimitsOwnTheSize ? ["SizeRestrictions_BODY"] : [])];
        return {
          name: group.name,
          overrideAction: { none: {} },
          statement: {
            managed_rule_group_statement: {
              name: group.name,
              vendor_name: "AWS",
              rule_action_override:
                countRules.length > 0
                  ? [...new Set(countRules)].map((rule) => ({ name: rule, action_to_use: { count: {} } }))
                  : undefined,
              scope_down_statement: group.name === IP_REPUTATION_GROUP ? notFromProxy : undefined,
            },
          },
        };
      }),
    ];
    this.ruleNames = rules.map((rule) => String(rule.name));
    const repeated = this.ruleNames.find((name, index) => this.ruleNames.indexOf(name) !== index);
    if (repeated !== undefined) {
      throw new ValidationError(`rules: ${show(repeated)} names two rules; expected every rule name once`, this);
    }
    // How much of a body the protected resource sends WAF: the body limits may not exceed it.
    const inspectionLimit = props.bodySizeLimits && {
      defaultSizeInspectionLimit: `KB_${props.bodySizeLimits.inspectionLimitKb ?? 16}`,
    };

    this.webAcl = new Wafv2WebAcl(this, "Resource", {
      name: props.name,
      description: `${props.name}: per-IP rate limit and AWS managed rules`,
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rule: rules.map((rule, priority) => ({
        ...rule,
        priority,
        visibilityConfig: visibility(`${props.name}-${String(rule.name)}`),
      })) as never,
      associationConfig: inspectionLimit && {
        requestBody: [props.scope === "CLOUDFRONT" ? { cloudfront: inspectionLimit } : { apiGateway: inspectionLimit }],
      },
      provider: this.provider,
    });
    this.arn = this.webAcl.arn;
    this.id = this.webAcl.id;

    this.logGroup = encryptedLogGroup(this, "LogGroup", {
      name: `${WAF_LOG_GROUP_PREFIX}${props.name}`,
      kmsKeyArn: props.logs.kmsKeyArn,
      retentionDays: props.logs.retentionDays,
      deletionProtection: props.logs.deletionProtection,
      provider: this.provider,
    });
    this.logGroupName = this.logGroup.name;
    this.logGroupArn = this.logGroup.arn;

    new Wafv2WebAclLoggingConfiguration(this, "Logging", {
      resourceArn: this.webAcl.arn,
      // WAF wants the log group's ARN without the `:*` the CloudWatch Logs API appends; the provider's `arn`
      // attribute of aws_cloudwatch_log_group (AWS provider 6) already has it removed, so it is used as is.
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
      provider: this.provider,
    });
  }

  /**
   * Protects a regional resource with the ACL, e.g. an API Gateway stage
   * (`arn:aws:apigateway:<region>::/restapis/<id>/stages/<stage>`). A CLOUDFRONT ACL is not associated: the
   * distribution takes `arn` as its `web_acl_id`.
   */
  public associate(id: string, resourceArn: string): Wafv2WebAclAssociation {
    if (this.scope === "CLOUDFRONT") {
      throw new ValidationError(
        `${id}: ${show(resourceArn)} cannot be associated with a CLOUDFRONT web ACL; expected the distribution to take the ACL's arn as its web_acl_id, or a REGIONAL ACL for regional resources`,
        this,
      );
    }
    return new Wafv2WebAclAssociation(this, `${id}Association`, {
      resourceArn,
      webAclArn: this.webAcl.arn,
      provider: this.provider,
    });
  }

  /** Checks the props with their defaults resolved, before any resource exists. */
  private validate(
    props: WebAclProps,
    evaluationWindowSeconds: number,
    managedRuleGroups: readonly ManagedRuleGroup[],
  ): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };

    if (!WEB_ACL_NAME.test(props.name)) {
      fail(`name: ${show(props.name)} is not a web ACL name; expected ${WEB_ACL_NAME_EXPECTATION}`);
    }
    requireOneOf(this, "scope", props.scope, WAF_SCOPES);
    if (!Token.isUnresolved(props.rateLimit)) {
      const problem = checkRateLimit(props.rateLimit);
      if (problem) {
        fail(`rateLimit: ${show(props.rateLimit)} ${problem}`);
      }
    }
    requireOneOf(this, "evaluationWindowSeconds", evaluationWindowSeconds, WAF_EVALUATION_WINDOWS);

    const groupNames = managedRuleGroups.map((group) => group.name);
    managedRuleGroups.forEach((group, index) => {
      const path = `managedRuleGroups[${index}]`;
      if (!RULE_NAME.test(group.name)) {
        fail(
          `${path}.name: ${show(group.name)} is not a rule group name; expected the name of an AWS managed rule group, such as "AWSManagedRulesCommonRuleSet"`,
        );
      }
      if (group.name === RATE_LIMIT_RULE_NAME || groupNames.indexOf(group.name) !== index) {
        fail(`${path}.name: ${show(group.name)} names another rule of the ACL; expected each rule group once`);
      }
      const countRules = group.countRules ?? [];
      countRules.forEach((rule, ruleIndex) => {
        if (!RULE_NAME.test(rule)) {
          fail(
            `${path}.countRules[${ruleIndex}]: ${show(rule)} is not a rule name; expected the name of a rule of ${group.name}, such as "SizeRestrictions_BODY"`,
          );
        }
        if (countRules.indexOf(rule) !== ruleIndex) {
          fail(`${path}.countRules[${ruleIndex}]: ${show(rule)} is listed twice; expected each rule once`);
        }
      });
    });

    const [limitProblem] = limitProblems(props, [RATE_LIMIT_RULE_NAME, ...groupNames]);
    if (limitProblem) {
      fail(limitProblem);
    }

    requireLogRetentionDays(this, "logs.retentionDays", props.logs.retentionDays);
  }
}

/** CloudWatch metrics and sampled requests under one metric name. */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}
