import type { Model } from "./model";
import { type PreflightFinding, type PreflightRule, sortFindings } from "./rule";
import { createBeforeDestroyNames, globalNames, nameCollisions, nameLimits } from "./rules/names";
import { ownedAttributes } from "./rules/owned-attributes";
import { rolesBeforePolicies, serviceLinkedRoles } from "./rules/roles";
import { duplicateSecurityGroupRules, mixedSecurityGroupRules } from "./rules/security-groups";
import { crdsAtPlanTime, crossStackReferences } from "./rules/stack-order";

export { buildModel, readModel, type Model, type StackInput, type StackJson } from "./model";
export { formatFinding, type PreflightFinding, type PreflightRule } from "./rule";

/** Every preflight rule, in the order the README lists them. */
export const PREFLIGHT_RULES: readonly PreflightRule[] = [
  duplicateSecurityGroupRules,
  mixedSecurityGroupRules,
  nameLimits,
  nameCollisions,
  globalNames,
  createBeforeDestroyNames,
  ownedAttributes,
  crossStackReferences,
  crdsAtPlanTime,
  rolesBeforePolicies,
  serviceLinkedRoles,
];

/** The finding a suppression that matched nothing becomes: exceptions must not outlive their reason. */
export const STALE_SUPPRESSION = "PF_STALE_SUPPRESSION";

/** An accepted finding: one rule on one resource of one stack, with the reason it is right there. */
export interface PreflightSuppression {
  readonly rule: string;
  readonly stack: string;
  /** `<type>.<logical id>`, or `stack` for a stack-wide finding. */
  readonly resource: string;
  readonly justification: string;
}

export interface PreflightResult {
  /** What fails the preflight: unsuppressed findings and stale suppressions. */
  readonly findings: readonly PreflightFinding[];
  readonly suppressed: readonly { readonly finding: PreflightFinding; readonly justification: string }[];
}

/**
 * Runs the rules over the model. A suppression applies to the stacks of the output only: one that names a stack
 * which is in the output but matches no finding is stale and reported; one for a stack not synthesized (another
 * environment) is left alone.
 */
export function runPreflight(
  model: Model,
  suppressions: readonly PreflightSuppression[] = [],
  rules: readonly PreflightRule[] = PREFLIGHT_RULES,
): PreflightResult {
  const all = rules.flatMap((rule) => rule.check(model));
  const used = new Set<PreflightSuppression>();
  const findings: PreflightFinding[] = [];
  const suppressed: { finding: PreflightFinding; justification: string }[] = [];
  for (const finding of sortFindings(model, all)) {
    const suppression = suppressions.find(
      (candidate) =>
        candidate.rule === finding.rule && candidate.stack === finding.stack && candidate.resource === finding.address,
    );
    if (suppression) {
      used.add(suppression);
      suppressed.push({ finding, justification: suppression.justification });
    } else {
      findings.push(finding);
    }
  }
  for (const suppression of suppressions.filter((candidate) => !used.has(candidate))) {
    if (model.byId.has(suppression.stack)) {
      findings.push({
        rule: STALE_SUPPRESSION,
        stack: suppression.stack,
        address: suppression.resource,
        message: `the suppression of ${suppression.rule} matches no finding; remove it from preflight.suppressions`,
      });
    }
  }
  return { findings, suppressed };
}
