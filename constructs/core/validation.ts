import { Token } from "cdktf";
import type { IConstruct } from "constructs";
import { show, ValidationError } from "./errors";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "./log-retention";

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

/** Throws a ValidationError unless `value` is one of `allowed`; the message lists them. */
export function requireOneOf(scope: IConstruct, setting: string, value: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(value)) {
    throw new ValidationError(
      `${setting}: ${show(value)} is not allowed; expected one of ${allowed.map((item) => show(item)).join(", ")}`,
      scope,
    );
  }
}

/** Throws a ValidationError unless `days` is a retention period CloudWatch Logs accepts. */
export function requireLogRetentionDays(scope: IConstruct, setting: string, days: number): void {
  if (!isLogRetentionDays(days)) {
    throw new ValidationError(
      `${setting}: ${days} is not allowed; expected one of the CloudWatch Logs retention periods ${LOG_RETENTION_DAYS.join(", ")}`,
      scope,
    );
  }
}
