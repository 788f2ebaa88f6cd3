import { checkInstanceType, EC2_INSTANCE_TYPES } from "../../constructs/core/instance-types";
import { z } from "zod";
import { CPU_QUANTITY, MEMORY_QUANTITY } from "../../constructs/eks/options";
import { show } from "../../constructs/core/errors";

/**
 * Building blocks of the config schema. Messages follow one pattern, `<path>: <value> is not allowed; expected <what
 * is allowed>`: the path is added by the formatter in `load.ts`, the rest by `allowed()`, so every setting explains
 * itself.
 */

/** Error text for a setting: says what was received and what is allowed. */
export function allowed(expectation: string) {
  return (issue: { input?: unknown; code?: string }): string =>
    issue.input === undefined
      ? `is required; expected ${expectation}`
      : `${show(issue.input)} is not allowed; expected ${expectation}`;
}

/** A string setting with a pattern; the same message for a wrong type and a wrong shape. */
export function pattern(regex: RegExp, expectation: string) {
  const error = allowed(expectation);
  return z.string({ error }).regex(regex, { error });
}

/** A section of settings that rejects unknown keys and names the ones it accepts. */
export function section<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `is not a known setting; allowed settings here: ${known}`
        : allowed(`an object with the settings ${known}`)(issue),
  });
}

/** A whole number in a range, with the range in the message. */
export function wholeNumber(min: number, max: number, expectation = `a whole number from ${min} to ${max}`) {
  const error = allowed(expectation);
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** One of a list of literal values, listed in the message. */
export function oneOf<const Values extends readonly [string | number, ...Array<string | number>]>(
  values: Values,
  note = "",
) {
  return z.literal(values, { error: allowed(`one of ${values.map((value) => show(value)).join(", ")}${note}`) });
}

/** A setting that `schema` parses and `check` accepts; the message is the value followed by the check's reason. */
export function withCheck<T>(schema: z.ZodType<T>, check: (value: T) => string | undefined) {
  return schema.superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) {
      ctx.addIssue({ code: "custom", input: value, message: `${show(value)} ${problem}` });
    }
  });
}

/** A string that a check function accepts; the check's reason becomes the message. */
export function checked(check: (value: string) => string | undefined, expectation: string) {
  return withCheck(z.string({ error: allowed(expectation) }), check);
}

/** Reports a problem at a path of the config; the message follows the value (`<value> <message>`) when one is given. */
export type IssueReporter = (path: PropertyKey[], input: unknown, message: string) => void;

/** A Kubernetes CPU quantity. */
export const cpuQuantity = pattern(CPU_QUANTITY, 'a CPU quantity such as "500m" or "2"');

/** A Kubernetes memory quantity. */
export const memoryQuantity = pattern(MEMORY_QUANTITY, 'a memory quantity such as "512Mi" or "4Gi"');

/** An EC2 instance type of the platform's table (`constructs/core/instance-types.ts`). */
export const ec2InstanceType = checked(
  (type) => checkInstanceType(EC2_INSTANCE_TYPES, "an EC2 instance type", type),
  "an EC2 instance type such as m7g.large",
);
