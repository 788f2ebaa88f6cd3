import { z } from "zod";
import { MIN_JUSTIFICATION_LENGTH } from "./guardrails-schema";
import { allowed, type IssueReporter, pattern, section } from "./schema-helpers";

/** A preflight rule id: `PF_SG_DUPLICATE_RULE`. */
const PREFLIGHT_RULE_ID = /^PF_[A-Z0-9_]+$/;
/** What a preflight finding names: `<type>.<logical id>`, a data source, or `stack`. */
const PREFLIGHT_TARGET = /^(stack|(data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)$/;

const suppressionSchema = section({
  /** The rule, e.g. `PF_NAME_COLLISION`. */
  rule: pattern(PREFLIGHT_RULE_ID, "a preflight rule id such as PF_NAME_COLLISION"),
  /** The stack of the finding, e.g. `prod-workloads`: one of this environment's. */
  stack: pattern(/^[a-z][a-z0-9]*-[a-z][a-z0-9-]*$/, "a stack id such as prod-workloads"),
  /** The resource the finding names, `<type>.<logical id>` (or `stack`). */
  resource: pattern(PREFLIGHT_TARGET, "a resource address such as aws_lb.LoadBalancer_1A2B3C4D, or stack"),
  /** Why the apply will work although the rule says it would not; printed with every preflight run. */
  justification: z
    .string({ error: allowed(`a sentence of at least ${MIN_JUSTIFICATION_LENGTH} characters`) })
    .trim()
    .min(MIN_JUSTIFICATION_LENGTH, { error: allowed(`a sentence of at least ${MIN_JUSTIFICATION_LENGTH} characters`) }),
});

/** `npm run preflight`'s settings for one environment: per-finding suppressions, each with its reason. */
export const preflightSchema = section({
  /** Accepted findings; one that matches no finding fails the preflight (PF_STALE_SUPPRESSION). */
  suppressions: z.array(suppressionSchema, { error: allowed("a list of { rule, stack, resource, justification }") }),
});

export type PreflightConfig = z.output<typeof preflightSchema>;

/** Suppressions name this environment's stacks, once each. */
export function checkPreflight(environment: string, preflight: PreflightConfig, issue: IssueReporter): void {
  const seen = new Set<string>();
  preflight.suppressions.forEach((suppression, index) => {
    const at = ["preflight", "suppressions", index];
    if (!suppression.stack.startsWith(`${environment}-`)) {
      issue([...at, "stack"], suppression.stack, `is not a stack of ${environment}; expected ${environment}-<layer>`);
    }
    const key = `${suppression.rule} ${suppression.stack} ${suppression.resource}`;
    if (seen.has(key)) {
      issue(at, key, "is suppressed twice; expected one entry per rule, stack and resource");
    }
    seen.add(key);
  });
}
