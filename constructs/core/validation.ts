import { Token } from "cdktf";
import type { IConstruct } from "constructs";
import { ValidationError } from "../../src/errors";

/**
 * Throws a ValidationError unless `value` is a whole number from `min` to `max` (tokens pass: they are only known at
 * apply). The message names the setting, the value and the range.
 */
export function requireWholeNumber(scope: IConstruct, setting: string, value: number, min: number, max: number): void {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {
    throw new ValidationError(
      `${setting}: ${value} is outside the allowed range; expected a whole number from ${min} to ${max}`,
      scope,
    );
  }
}
