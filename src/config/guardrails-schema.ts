import { z } from "zod";
import { MIN_JUSTIFICATION_LENGTH, RULE_ID } from "../../constructs/core/suppress";
import { allowed, type IssueReporter, pattern, section } from "./schema-helpers";

export { MIN_JUSTIFICATION_LENGTH, RULE_ID } from "../../constructs/core/suppress";
/** A synthesized resource address, `<type>.<logical id>`: `aws_db_instance.Database_Primary_Resource_1A2B3C4D`. */
export const RESOURCE_ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;

const suppressionSchema = section({
  /** The rule to suppress, e.g. `CKV_AWS_30`. */
  rule: pattern(RULE_ID, "a guardrail rule id such as CKV_AWS_30 or PLAT_HELM_PINNED"),
  /** The one resource it is suppressed on, as the finding names it: `<type>.<logical id>`. */
  resource: pattern(RESOURCE_ADDRESS, "a resource address such as aws_db_instance.Database_Primary_Resource_1A2B3C4D"),
  /** Why breaking the rule is right for this resource; listed in the synth output. */
  justification: z
    .string({ error: allowed(`a sentence of at least ${MIN_JUSTIFICATION_LENGTH} characters`) })
    .trim()
    .min(MIN_JUSTIFICATION_LENGTH, { error: allowed(`a sentence of at least ${MIN_JUSTIFICATION_LENGTH} characters`) }),
});

/** The policy pack's settings for one environment: only per-resource suppressions, each with its reason. */
export const guardrailsSchema = section({
  /** Per-resource exceptions to a rule; each must match a finding, or synth fails (no stale exceptions). */
  suppressions: z.array(suppressionSchema, { error: allowed("a list of { rule, resource, justification }") }),
});

export type GuardrailsConfig = z.output<typeof guardrailsSchema>;
export type SuppressionConfig = GuardrailsConfig["suppressions"][number];

/** One suppression per rule and resource. */
export function checkGuardrails(guardrails: GuardrailsConfig, issue: IssueReporter): void {
  const seen = new Set<string>();
  guardrails.suppressions.forEach((suppression, index) => {
    const key = `${suppression.rule} on ${suppression.resource}`;
    if (seen.has(key)) {
      issue(
        ["guardrails", "suppressions", index],
        key,
        `is suppressed twice; expected one entry per rule and resource`,
      );
    }
    seen.add(key);
  });
}
