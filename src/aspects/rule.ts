/**
 * The vocabulary of the guardrails policy pack: rules, the view of the synthesized Terraform they check, and the
 * findings they produce. Rules are pure: they read a stack view and return what is wrong, nothing else.
 */

/** `error` fails synth unless suppressed; `warning` is advice, listed in the synth output. */
export type Severity = "error" | "warning";

/** A JSON object of the synthesized Terraform (snake_case keys). */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * One synthesized resource or data source, as a rule sees it.
 *
 * Data sources have types prefixed with `data.` (`data.aws_iam_policy_document`), so that `address` is always
 * `${type}.${name}` and matches what Terraform calls it.
 */
export interface ResourceView {
  /** `aws_db_instance`, or `data.aws_iam_policy_document` for a data source. */
  readonly type: string;
  /** The logical id: `Database_Shard0_F566A5EE`. */
  readonly name: string;
  /** `${type}.${name}`: `aws_db_instance.Database_Shard0_F566A5EE`. */
  readonly address: string;
  /** The construct path: `prod-data/Database/Shard0/Resource`. */
  readonly path: string;
  /**
   * The synthesized body (snake_case keys), with `lifecycle`, `depends_on` and escape-hatch overrides, without the
   * `//` metadata. Values that Terraform computes appear as references (`${aws_kms_key.Key_1A2B3C4D.arn}`).
   */
  readonly config: JsonObject;
}

/** Everything a stack synthesizes, for rules that relate resources (a flow log per VPC, a key per bucket). */
export interface StackView {
  readonly stackId: string;
  readonly resources: readonly ResourceView[];
  readonly dataSources: readonly ResourceView[];
}

/** What a rule knows about where it runs. */
export interface RuleContext {
  /** The environment holds production data (`production: true` in its config). */
  readonly production: boolean;
  readonly stackId: string;
}

/** A policy: one property every resource of some types must have. */
export interface Rule {
  /**
   * The checkov (`CKV_AWS_16`, `CKV2_AWS_6`) or Trivy (`AVD-AWS-0179`) id the rule mirrors, so that findings can be
   * cross-checked with those tools; `PLAT_...` when no such check exists.
   */
  readonly id: string;
  /** Why the rule exists, in one line. */
  readonly rationale: string;
  readonly severity: Severity;
  /** Resource types the rule looks at; data sources prefixed with `data.`. */
  readonly resourceTypes: readonly string[];
  /**
   * Only evaluated in production environments (Multi-AZ, deletion protection, backups): elsewhere these are
   * deliberately relaxed.
   *
   * @default false
   */
  readonly productionOnly?: boolean;
  /** How to comply, in one sentence. */
  readonly fix: string;
  /**
   * What is wrong with `resource`, in a short clause without a final period (`storage_encrypted is false`), or
   * `undefined` when it complies. Values only known at apply time (references) count as set.
   */
  check(resource: ResourceView, stack: StackView, context: RuleContext): string | undefined;
}

/** A rule broken by a resource. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** `aws_db_instance.Database_Shard0_F566A5EE`. */
  readonly address: string;
  /** Construct path of the resource. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Where a suppression was declared: in code (`suppressRule`) or in the environment's config. */
export type SuppressionSource = "code" | "config";

/** An accepted exception to one rule on one resource. */
export interface Suppression {
  readonly rule: string;
  /** Resource address, as findings name it. */
  readonly resource: string;
  /** Why breaking the rule is right for this resource. */
  readonly justification: string;
  readonly source: SuppressionSource;
}

/** A finding that a suppression accepted. */
export interface SuppressedFinding extends Finding {
  readonly justification: string;
  readonly source: SuppressionSource;
}

/** The outcome of evaluating the rules over one stack. */
export interface Evaluation {
  /** Unsuppressed error findings: any fails synth. */
  readonly errors: readonly Finding[];
  /** Unsuppressed warnings: listed, never fail synth. */
  readonly warnings: readonly Finding[];
  /** Findings (errors or warnings) that a suppression accepted, with its justification. */
  readonly suppressed: readonly SuppressedFinding[];
}

/** `[<rule id>] <address> (<construct path>): <what is wrong>. Fix: <how>`, one line. */
export function formatFinding(finding: Finding): string {
  return `[${finding.ruleId}] ${finding.address} (${finding.path}): ${finding.message}. Fix: ${finding.fix}`;
}
