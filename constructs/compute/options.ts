/**
 * The limits and choices of the compute tier (EC2 auto-scaling groups), in one place: the construct validates its
 * props against them and a config schema can validate settings against them, so both say the same thing. No
 * provider imports here, so that the config schema can use them without loading the AWS bindings.
 *
 * Check functions return `[setting, problem]` pairs: `setting` names the offending setting relative to the object
 * checked (`""` for the object as a whole), `problem` is the message after the value, `is above ...; expected ...`.
 * Callers put the path and the value in front.
 */
import { describeShape, instanceShape } from "../core/instance-shape";
import { checkArchitectures, INSTANCE_TYPE, INSTANCE_TYPE_EXPECTATION } from "../eks/options";

/** Group names: they name the group, its launch template, security group, role and key alias. */
export const GROUP_NAME = /^[a-z][a-z0-9-]{0,46}[a-z0-9]$/;
export const GROUP_NAME_EXPECTATION =
  "2 to 48 lower-case letters, digits or hyphens, starting with a letter and ending with a letter or digit";

/**
 * Instances per group. An auto-scaling group has no size limit of its own (the account's vCPU quota binds first);
 * the upper bound only catches typos.
 */
export const GROUP_SIZE = { min: 0, max: 1000 } as const;

/** Percentages: on-demand share above the base, healthy share during an instance refresh. */
export const PERCENT = { min: 0, max: 100 } as const;

/** Target of CPU target tracking and predictive scaling, percent of average CPU. */
export const CPU_TARGET_PERCENT = { min: 1, max: 100 } as const;

/** Target of ALBRequestCountPerTarget tracking, requests per target per minute. */
export const REQUESTS_PER_TARGET = { min: 1, max: 1_000_000 } as const;

/** Root volume size, GiB: Amazon Linux 2023's snapshot is 8 GiB; EBS allows up to 16 TiB. */
export const ROOT_VOLUME_GIB = { min: 8, max: 16384 } as const;

/** TCP ports. */
export const PORT = { min: 1, max: 65535 } as const;

/** Seconds before Auto Scaling acts on a new instance's health checks (the application's boot time). */
export const HEALTH_CHECK_GRACE_SECONDS = { min: 0, max: 7200 } as const;

/** Seconds a new instance needs before its metrics count (instance refresh and the default instance warmup). */
export const INSTANCE_WARMUP_SECONDS = { min: 0, max: 3600 } as const;

/** How long predictive scaling launches capacity ahead of the forecast, seconds (AWS allows up to an hour). */
export const SCHEDULING_BUFFER_SECONDS = { min: 0, max: 3600 } as const;

/** Spot allocation strategies; price-capacity-optimized balances price against interruption risk. */
export const SPOT_ALLOCATION_STRATEGIES = [
  "price-capacity-optimized",
  "capacity-optimized",
  "capacity-optimized-prioritized",
  "lowest-price",
] as const;
export type SpotAllocationStrategy = (typeof SPOT_ALLOCATION_STRATEGIES)[number];

/** Predictive scaling modes: ForecastOnly publishes forecasts without acting on them. */
export const PREDICTIVE_SCALING_MODES = ["ForecastAndScale", "ForecastOnly"] as const;
export type PredictiveScalingMode = (typeof PREDICTIVE_SCALING_MODES)[number];

/** Named termination policies (a Lambda function ARN is also accepted, for a custom policy). */
export const TERMINATION_POLICIES = [
  "OldestLaunchTemplate",
  "AllocationStrategy",
  "OldestInstance",
  "NewestInstance",
  "ClosestToNextInstanceHour",
  "OldestLaunchConfiguration",
  "Default",
] as const;
export type TerminationPolicy = (typeof TERMINATION_POLICIES)[number];

/** A custom termination policy: a Lambda function (or alias) ARN. */
export const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

/**
 * Instances not on the latest launch template go first (they are the next to be replaced anyway), then the ones
 * that bring spot and on-demand back to the allocation strategy, then AWS's default order (oldest template, next
 * billing hour). Auto Scaling always balances zones before any policy applies.
 */
export const DEFAULT_TERMINATION_POLICIES: readonly TerminationPolicy[] = [
  "OldestLaunchTemplate",
  "AllocationStrategy",
  "Default",
];

/** The Amazon Linux 2023 image of each architecture, as public SSM parameters. */
export const AL2023_AMI_PARAMETERS = {
  arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
  x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
} as const;

/** An SSM parameter name (a path), as the AMI parameter must be. */
export const SSM_PARAMETER_NAME = /^\/[A-Za-z0-9_.\-/]+$/;
export const SSM_PARAMETER_NAME_EXPECTATION = `an SSM parameter path such as ${AL2023_AMI_PARAMETERS.arm64}`;

/** Scheduled action names: they also name the action's construct (`Schedule-<name>`). */
export const SCHEDULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const SCHEDULE_NAME_EXPECTATION = "1 to 64 letters, digits, _ or -, starting with a letter or digit";

/**
 * An ALB request-count resource label: `<load balancer ARN suffix>/<target group ARN suffix>`, that is
 * `app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>`.
 */
export const REQUEST_RESOURCE_LABEL = /^app\/[A-Za-z0-9-]+\/[0-9a-f]+\/targetgroup\/[A-Za-z0-9-]+\/[0-9a-f]+$/;
export const REQUEST_RESOURCE_LABEL_EXPECTATION =
  "<load balancer arn_suffix>/<target group arn_suffix>, such as app/acme-prod-alb/50dc6c495c0c9188/targetgroup/acme-prod-monolith/943f017f100becff";

/** A time zone name from the IANA database. */
export const TIME_ZONE_EXPECTATION = "an IANA time zone name such as Europe/Berlin or Etc/UTC";

/** The fields of a 5-field (Unix) cron expression, with their ranges and names. */
const CRON_FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  },
  { name: "day-of-week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

export const CRON_EXPECTATION =
  'a 5-field cron expression "minute hour day-of-month month day-of-week", such as "0 20 * * MON-FRI"';

/**
 * Why `expression` is not a recurrence Auto Scaling accepts, or undefined when it is: five fields of `*`, values,
 * ranges (`1-5`, `MON-FRI`), steps (`*\/15`, `0-30/10`) and lists of these. The Quartz extensions of EventBridge
 * schedules (`?`, `L`, `W`, `#`, a seconds or year field) are not Unix cron and are rejected.
 */
export function checkCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS.length) {
    return `has ${fields.length} field${fields.length === 1 ? "" : "s"}; expected ${CRON_EXPECTATION}`;
  }
  for (const [index, spec] of CRON_FIELDS.entries()) {
    const names: readonly string[] = "names" in spec ? spec.names : [];
    if (!fields[index].split(",").every((item) => cronItemValid(item, spec.min, spec.max, names))) {
      const named = names.length > 0 ? ` or ${names[0]}-${names[names.length - 1]}` : "";
      return `has ${spec.name} ${JSON.stringify(fields[index])}, which is not allowed; expected *, values from ${spec.min} to ${spec.max}${named}, ranges, */steps or lists of these`;
    }
  }
  return undefined;
}

function cronItemValid(item: string, min: number, max: number, names: readonly string[]): boolean {
  const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
  if (!match) {
    return false;
  }
  const [, range, step] = match;
  if (step !== undefined && (Number(step) < 1 || Number(step) > max)) {
    return false;
  }
  if (range === "*") {
    return true;
  }
  const value = (text: string): number | undefined => {
    const index = names.indexOf(text.toUpperCase());
    const number = /^\d+$/.test(text) ? Number(text) : index >= 0 ? min + index : undefined;
    return number !== undefined && number >= min && number <= max ? number : undefined;
  };
  const [first, last] = range.split("-");
  const start = value(first);
  const end = last === undefined ? start : value(last);
  return start !== undefined && end !== undefined && start <= end;
}

/** True for a time zone name the IANA database (as Node's ICU knows it) has. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A scheduled change of the group's sizes, e.g. an off-peak scale-down. */
export interface ScheduledActionOptions {
  /** Name of the action, unique in the group, e.g. `night`. */
  readonly name: string;
  /** When the action runs: a 5-field cron expression, e.g. `0 20 * * MON-FRI`. */
  readonly recurrence: string;
  /**
   * IANA time zone of the recurrence, e.g. `Europe/Berlin` (daylight saving time included).
   *
   * @default - UTC
   */
  readonly timeZone?: string;
  /**
   * The group's minimum size from then on.
   *
   * @default - unchanged
   */
  readonly minSize?: number;
  /**
   * The group's maximum size from then on.
   *
   * @default - unchanged
   */
  readonly maxSize?: number;
  /**
   * The group's desired capacity at that time (scaling policies move it afterwards).
   *
   * @default - unchanged
   */
  readonly desiredCapacity?: number;
}

export type ScheduledActionProblem = readonly [setting: keyof ScheduledActionOptions | "", problem: string];

/**
 * Problems of one scheduled action, as `[setting, problem]` pairs (`""` for the action as a whole). `path` is how
 * messages name the action (`compute.monolith.scheduled[0]` gives `compute.monolith.scheduled[0].maxSize`); without
 * it, the bare setting names. Sizes out of range are left to the caller's range checks.
 */
export function checkScheduledAction(action: ScheduledActionOptions, path?: string): ScheduledActionProblem[] {
  const name = (setting: string) => (path ? `${path}.${setting}` : setting);
  const problems: ScheduledActionProblem[] = [];
  if (!SCHEDULE_NAME.test(action.name)) {
    problems.push(["name", `is not allowed; expected ${SCHEDULE_NAME_EXPECTATION}`]);
  }
  const cronProblem = checkCron(action.recurrence);
  if (cronProblem) {
    problems.push(["recurrence", cronProblem]);
  }
  if (action.timeZone !== undefined && !isTimeZone(action.timeZone)) {
    problems.push(["timeZone", `is not a known time zone; expected ${TIME_ZONE_EXPECTATION}`]);
  }
  const { minSize, maxSize, desiredCapacity } = action;
  if (minSize === undefined && maxSize === undefined && desiredCapacity === undefined) {
    problems.push(["", "sets no size; expected at least one of minSize, maxSize, desiredCapacity"]);
  }
  if (minSize !== undefined && maxSize !== undefined && minSize > maxSize) {
    problems.push(["minSize", `is above ${name("maxSize")} (${maxSize}); expected at most that`]);
  } else if (desiredCapacity !== undefined) {
    if (minSize !== undefined && desiredCapacity < minSize) {
      problems.push(["desiredCapacity", `is below ${name("minSize")} (${minSize}); expected at least that`]);
    }
    if (maxSize !== undefined && desiredCapacity > maxSize) {
      problems.push(["desiredCapacity", `is above ${name("maxSize")} (${maxSize}); expected at most that`]);
    }
  }
  return problems;
}

/** The capacity settings of a group, defaults resolved. */
export interface GroupCapacity {
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  /** On-demand instances before any spot. */
  readonly onDemandBaseCapacity: number;
  /** Share of the capacity above the base that is on-demand, percent. */
  readonly onDemandPercentageAboveBase: number;
  readonly instanceTypes: readonly string[];
}

export type CapacityProblem = readonly [setting: keyof GroupCapacity, problem: string];

/** True when some of the group's capacity can be spot: the group can grow past the base and not all of it is on-demand. */
export function usesSpot(capacity: GroupCapacity): boolean {
  return capacity.onDemandPercentageAboveBase < 100 && capacity.maxSize > capacity.onDemandBaseCapacity;
}

/**
 * Problems between a group's capacity settings, as `[setting, problem]` pairs. `path` is how messages name the
 * group's settings (`compute.monolith` gives `compute.monolith.maxSize`); without it, the bare names. Ranges of
 * single settings are left to the caller's range checks.
 */
export function checkCapacity(capacity: GroupCapacity, path?: string): CapacityProblem[] {
  const name = (setting: keyof GroupCapacity) => (path ? `${path}.${setting}` : setting);
  const problems: CapacityProblem[] = [];
  if (capacity.maxSize < 1) {
    problems.push(["maxSize", "is below 1; expected at least one instance"]);
  }
  if (capacity.minSize > capacity.maxSize) {
    problems.push(["minSize", `is above ${name("maxSize")} (${capacity.maxSize}); expected at most that`]);
  } else if (capacity.desiredCapacity < capacity.minSize || capacity.desiredCapacity > capacity.maxSize) {
    problems.push([
      "desiredCapacity",
      `is outside ${name("minSize")} to ${name("maxSize")}; expected from ${capacity.minSize} to ${capacity.maxSize}`,
    ]);
  }
  if (capacity.onDemandBaseCapacity > capacity.maxSize) {
    problems.push(["onDemandBaseCapacity", `is above ${name("maxSize")} (${capacity.maxSize}); expected at most that`]);
  }
  const weights = capacityWeights(capacity.instanceTypes);
  const largest = Array.isArray(weights) ? Math.max(...weights) : 1;
  if (largest > 1 && capacity.minSize > 0 && capacity.minSize < 2 * largest) {
    problems.push([
      "minSize",
      `is below twice the largest instance weight (${largest}): one ${capacity.instanceTypes[Array.isArray(weights) ? weights.indexOf(largest) : 0]} alone would meet it, in one zone; expected at least ${2 * largest} (sizes are in units of ${capacity.instanceTypes[0]})`,
    ]);
  }
  if (usesSpot(capacity) && new Set(capacity.instanceTypes).size < 2) {
    problems.push([
      "instanceTypes",
      `has a single instance type while capacity above ${name("onDemandBaseCapacity")} (${capacity.onDemandBaseCapacity}) can be spot (${name("onDemandPercentageAboveBase")} ${capacity.onDemandPercentageAboveBase}); expected at least two, so that the group still gets instances when one spot pool runs dry, or ${name("onDemandPercentageAboveBase")} 100`,
    ]);
  }
  return problems;
}

/**
 * How much capacity each instance type counts for, in units of the first (preferred) type's vCPUs: `undefined` when
 * every type has as many vCPUs (each instance counts one), the weights when they differ (Auto Scaling then counts
 * min, max and desired capacity in these units; "Configure instance weighting", EC2 Auto Scaling User Guide), or
 * why no weights can be given: a type the platform cannot size, a first type that is not the smallest, or a size
 * that is not a whole multiple of it.
 */
export function capacityWeights(instanceTypes: readonly string[]): number[] | undefined | string {
  const shapes = instanceTypes.map((type) => instanceShape(type));
  if (new Set(instanceTypes).size < 2) {
    return undefined;
  }
  const unknown = instanceTypes.filter((_, index) => shapes[index] === undefined);
  if (unknown.length > 0) {
    return `has ${unknown.join(", ")}, whose vCPUs the platform cannot count to weigh the types against each other; expected types of the c, m, r or t families`;
  }
  const vcpus = shapes.map((shape) => shape!.vcpus);
  if (new Set(vcpus).size === 1) {
    return undefined;
  }
  const base = vcpus[0];
  const sizes = instanceTypes.map((type, index) => `${type}: ${describeShape(shapes[index]!)}`).join(", ");
  if (vcpus.some((count) => count < base || count % base !== 0)) {
    return `mixes sizes (${sizes}) that are not whole multiples of the first; expected the smallest type first and the others 2, 4, ... times its vCPUs, so that each counts a whole number of units`;
  }
  return vcpus.map((count) => count / base);
}

/**
 * Why a group cannot run these instance types, or undefined when it can: at least one, each a valid type listed
 * once, all of one architecture (the group runs one image).
 */
export function checkInstanceTypes(instanceTypes: readonly string[]): string | undefined {
  if (instanceTypes.length === 0) {
    return "is empty; expected at least one instance type";
  }
  const bad = instanceTypes.find((type) => !INSTANCE_TYPE.test(type));
  if (bad !== undefined) {
    return `has ${JSON.stringify(bad)}, which is not allowed; expected ${INSTANCE_TYPE_EXPECTATION}`;
  }
  const repeated = instanceTypes.find((type, index) => instanceTypes.indexOf(type) !== index);
  if (repeated !== undefined) {
    return `lists ${repeated} twice; expected each instance type once`;
  }
  const weights = capacityWeights(instanceTypes);
  return (
    checkArchitectures(instanceTypes, "one architecture, since the group runs one image") ??
    (typeof weights === "string" ? weights : undefined)
  );
}

/** Why a termination policy is not one Auto Scaling knows, or undefined when it is. */
export function checkTerminationPolicy(policy: string): string | undefined {
  return (TERMINATION_POLICIES as readonly string[]).includes(policy) || LAMBDA_ARN.test(policy)
    ? undefined
    : `is not a termination policy; expected one of ${TERMINATION_POLICIES.join(", ")} or a Lambda function ARN`;
}
