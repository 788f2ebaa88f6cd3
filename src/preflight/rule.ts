import type { Model } from "./model";

/**
 * A preflight rule: one constraint that only the AWS APIs (or Terraform at plan time) enforce, checked on the
 * synthesized stacks before anything is applied. Rules are pure: they read the model and return findings.
 */
export interface PreflightRule {
  /** `PF_...`, stable: suppressions name it. */
  readonly id: string;
  /** What the rule checks, in one line (README table). */
  readonly title: string;
  /** What goes wrong at apply time without it, and where that is documented. */
  readonly why: string;
  readonly check: (model: Model) => readonly PreflightFinding[];
}

/** One problem with one resource (or stack, for stack-wide problems). */
export interface PreflightFinding {
  readonly rule: string;
  readonly stack: string;
  /** `<type>.<logical id>` of the resource, or `stack` for a problem of the stack as a whole. */
  readonly address: string;
  readonly message: string;
}

/** `RULE stack address: message`, the one-line form every finding is printed in. */
export function formatFinding(finding: PreflightFinding): string {
  return `${finding.rule} ${finding.stack} ${finding.address}: ${finding.message}`;
}

/** Findings sorted by stack position, then rule, address and message, so output is stable. */
export function sortFindings(model: Model, findings: readonly PreflightFinding[]): PreflightFinding[] {
  const position = (stack: string) => model.position.get(stack) ?? Number.MAX_SAFE_INTEGER;
  return [...findings].sort(
    (a, b) =>
      position(a.stack) - position(b.stack) ||
      a.rule.localeCompare(b.rule) ||
      a.address.localeCompare(b.address) ||
      a.message.localeCompare(b.message),
  );
}
