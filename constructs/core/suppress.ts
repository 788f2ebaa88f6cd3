import { TerraformDataSource, TerraformResource } from "cdktf";
import { show, ValidationError } from "./errors";

/**
 * Code-level exceptions to the guardrails: a construct marks one resource as exempt from one rule, with why. The
 * marks live here, next to the constructs that make them; the guardrails aspect (src/aspects) reads them when it
 * evaluates a stack, and refuses a mark that names no rule of its catalogue.
 */

/** A guardrail rule id: a checkov (`CKV_AWS_16`) or Trivy (`AVD-AWS-0080`) id, or one of ours (`PLAT_...`). */
export const RULE_ID = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/;
/** A justification says why, in a sentence, not "ok". */
export const MIN_JUSTIFICATION_LENGTH = 20;

/** A resource or data source a rule can be suppressed on. */
export type SuppressibleElement = TerraformResource | TerraformDataSource;

/** A code-level suppression as the aspect reads it. */
export interface CodeSuppression {
  readonly rule: string;
  readonly resource: string;
  readonly justification: string;
  readonly source: "code";
}

/** Code-level suppressions per element: rule id → justification. */
const suppressionsByElement = new WeakMap<SuppressibleElement, Map<string, string>>();

/**
 * Accepts one rule's finding on one resource, with the reason it is right there; the finding is listed in the synth
 * output as suppressed with the justification. Throws when the rule id is not one's shape, the justification is
 * shorter than MIN_JUSTIFICATION_LENGTH characters, or the rule is already suppressed on the resource; an id the
 * catalogue lacks fails the stack's guardrails at synth.
 *
 * @example suppressRule(bucket, "PLAT_PREVENT_DESTROY", "Holds build output that is re-deployed from its sources");
 */
export function suppressRule(resource: SuppressibleElement, ruleId: string, justification: string): void {
  if (!RULE_ID.test(ruleId)) {
    throw new ValidationError(
      `suppressRule: ${show(ruleId)} is not a guardrail rule id; expected one of the ids listed in docs/reference/guardrails.md`,
      resource,
    );
  }
  const reason = justification.trim();
  if (reason.length < MIN_JUSTIFICATION_LENGTH) {
    throw new ValidationError(
      `suppressRule(${ruleId}): the justification ${show(reason)} has ${reason.length} characters; expected a sentence of at least ${MIN_JUSTIFICATION_LENGTH} saying why the rule does not apply`,
      resource,
    );
  }
  const suppressions = suppressionsByElement.get(resource) ?? new Map<string, string>();
  if (suppressions.has(ruleId)) {
    throw new ValidationError(`suppressRule: ${ruleId} is already suppressed on this resource`, resource);
  }
  suppressions.set(ruleId, reason);
  suppressionsByElement.set(resource, suppressions);
}

/** `aws_db_instance.Database_1A2B3C4D`, or `data.aws_iam_policy_document.Policy_1A2B3C4D`. */
export function addressOf(element: SuppressibleElement): string {
  const prefix = TerraformDataSource.isTerraformDataSource(element) ? "data." : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

/** The code-level suppressions declared on those of `elements` that are resources or data sources. */
export function codeSuppressions(elements: readonly unknown[]): CodeSuppression[] {
  return elements
    .filter(
      (element): element is SuppressibleElement =>
        TerraformResource.isTerraformResource(element) || TerraformDataSource.isTerraformDataSource(element),
    )
    .flatMap((element) =>
      [...(suppressionsByElement.get(element) ?? new Map<string, string>())].map(([rule, justification]) => ({
        rule,
        resource: addressOf(element),
        justification,
        source: "code" as const,
      })),
    );
}
