/**
 * One line of the capacity table, and the helpers every check builds its lines with.
 */

export type CapacityCheck = "database" | "scheduling" | "kafka" | "headroom";

/**
 * `ok`: within the limit; `over`: fails (a production synth stops); `capped`: a headroom tier below the minimum
 * whose maximum is already the AWS (or platform) limit, so that nothing in config could raise it; `info`: shown only.
 */
export type CapacityStatus = "ok" | "over" | "capped" | "info";

export interface CapacityRow {
  readonly environment: string;
  readonly check: CapacityCheck;
  /** What is measured: `shard-0 writer via proxy`, `node groups services: CPU`, `pods of service auth`. */
  readonly resource: string;
  /** What the services need at their max (budgets), or the baseline (headroom tiers). */
  readonly used: number;
  /** What the resource allows (budgets), or the tier's maximum (headroom tiers). */
  readonly limit: number;
  readonly unit: string;
  /** limit / used: how many times the need fits, or the tier's headroom; Infinity when nothing is used. */
  readonly ratio: number;
  /** The least ratio that passes: 1 for a budget, `capacity.minHeadroom` for a headroom tier. */
  readonly required: number;
  readonly status: CapacityStatus;
  /** How the numbers were made. */
  readonly detail: string;
  /** Why the row fails: the services, the resource and both numbers. Set on the rows a failure is reported for. */
  readonly problem?: string;
}

/** What a check says of one measurement; `row` adds the environment, the ratio and the status. */
export interface Measurement {
  readonly resource: string;
  readonly used: number;
  readonly limit: number;
  readonly unit: string;
  readonly detail: string;
  /** @default 1 */
  readonly required?: number;
  /** The status when the ratio is below `required`. @default "over" */
  readonly short?: CapacityStatus;
  /** The message when the ratio is below `required` and the status is `over`. */
  readonly problem?: () => string;
  /** Shown only: never fails. */
  readonly info?: boolean;
}

export function row(environment: string, check: CapacityCheck, measurement: Measurement): CapacityRow {
  const { resource, used, limit, unit, detail } = measurement;
  const required = measurement.required ?? 1;
  const ratio = used === 0 ? Number.POSITIVE_INFINITY : limit / used;
  const passes = ratio >= required;
  const status: CapacityStatus = measurement.info ? "info" : passes ? "ok" : (measurement.short ?? "over");
  return {
    environment,
    check,
    resource,
    used,
    limit,
    unit,
    ratio,
    required,
    status,
    detail,
    ...(status === "over" && measurement.problem ? { problem: measurement.problem() } : {}),
  };
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** `1802` → `1,802`; `109.951` → `109.95`. */
export function num(value: number): string {
  return Number.isFinite(value) ? NUMBER.format(value) : "-";
}

/** Millicores as vCPUs: `3665` → `3.665`. */
export function vcpu(millicores: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 }).format(millicores / 1000);
}

/** MiB as GiB: `14615` → `14.27`. */
export function gib(mebibytes: number): string {
  return num(mebibytes / 1024);
}

/** A ratio as the table shows it: `5.41x`, or `-` when nothing is used. */
export function times(ratio: number): string {
  return Number.isFinite(ratio) ? `${num(ratio)}x` : "-";
}

/** Services a message names one by one, largest first; the rest are counted. */
export const LISTED = 6;

/** `parts` as a message lists them: the first `LISTED`, then `and N more`. */
export function listed(parts: readonly string[]): string {
  const more = parts.length > LISTED ? ` and ${parts.length - LISTED} more` : "";
  return `${parts.slice(0, LISTED).join(", ")}${more}`;
}
