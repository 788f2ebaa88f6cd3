/**
 * Errors of the app above the constructs. (A construct's bad input is a `ValidationError`, in
 * constructs/core/errors.ts.)
 */

/**
 * The guardrails policy pack refused the synthesized Terraform: error findings nobody suppressed, or config
 * suppressions that are unknown or stale. `problems` holds one line per problem; the message starts with a header
 * naming the stack or environment.
 */
export class GuardrailError extends Error {
  constructor(
    header: string,
    public readonly problems: readonly string[],
  ) {
    super(`${header}\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "GuardrailError";
  }
}

/**
 * The preflight refused the synthesized stacks (what the AWS APIs would refuse at apply time): `problems` holds one
 * line per finding, `RULE stack address: message`.
 */
export class PreflightError extends Error {
  constructor(
    header: string,
    public readonly problems: readonly string[],
  ) {
    super(`${header}\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "PreflightError";
  }
}
