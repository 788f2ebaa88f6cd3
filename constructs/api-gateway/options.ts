/**
 * Limits and checks of the API Gateway settings, shared by the construct (props) and the config schema (settings),
 * so that both say the same thing about the same mistake. Each check returns the problem as text, or undefined.
 */

/** HTTP methods a route may give its own throttle or cache setting (ANY covers the rest). */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Execution logging levels of a stage. */
export const EXECUTION_LOG_LEVELS = ["OFF", "ERROR", "INFO"] as const;
export type ExecutionLogLevel = (typeof EXECUTION_LOG_LEVELS)[number];

/** Stage cache cluster sizes, GB. */
export const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export type CacheClusterSize = (typeof CACHE_CLUSTER_SIZES)[number];

/** API Gateway's longest cache TTL, seconds. */
export const MAX_CACHE_TTL_SECONDS = 3600;

/** Seconds in an hour: a tier's steady request rate is its hourly budget spread over the hour. */
const SECONDS_PER_HOUR = 3600;

/** Hours in the quota period: API Gateway quotas count per DAY, WEEK or MONTH, never per hour. */
export const QUOTA_PERIOD = "DAY";
const HOURS_PER_QUOTA_PERIOD = 24;

/** A client tier: what an API key on its usage plan may do. */
export interface UsageTier {
  /** `basic`, `pro`, `enterprise`: the usage plan is `<api name>-<tier>`. */
  readonly name: string;
  /** The tier's budget: requests per hour, enforced as a steady rate plus a daily quota. */
  readonly requestsPerHour: number;
  /** Requests a client may send at once above the steady rate (token bucket size). */
  readonly burstLimit: number;
  /** Tighter limits on single methods of single routes (an expensive write, for example). @default none */
  readonly methodThrottles?: readonly MethodThrottle[];
}

/** A throttle on one method of one route, in requests per second. */
export interface MethodThrottle {
  /** A route path: a service's prefix or a public path. */
  readonly path: string;
  readonly method: HttpMethod;
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** What API Gateway enforces for a tier, derived from its hourly budget. */
export interface TierLimits {
  /** Requests per second: the hourly budget spread evenly, to four decimals (1,000/h → 0.2778). */
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** Requests per quota period (a day): 24 hours of the budget. */
  readonly quotaLimit: number;
  readonly quotaPeriod: typeof QUOTA_PERIOD;
}

/** The steady rate, burst and daily quota that express a tier's requests per hour. */
export function tierLimits(tier: UsageTier): TierLimits {
  return {
    rateLimit: Math.round((tier.requestsPerHour / SECONDS_PER_HOUR) * 10_000) / 10_000,
    burstLimit: tier.burstLimit,
    quotaLimit: tier.requestsPerHour * HOURS_PER_QUOTA_PERIOD,
    quotaPeriod: QUOTA_PERIOD,
  };
}

/** A throttle's burst below its rate: the bucket could never hold one second of the rate. */
export function checkBurst(rateLimit: number, burstLimit: number): string | undefined {
  return burstLimit < rateLimit
    ? `is below the rate limit of ${rateLimit} requests per second; expected a burst limit of at least ${Math.ceil(rateLimit)}`
    : undefined;
}

/** A problem of the tier list, and which tier (index) and setting it is about. */
export interface TierProblem {
  readonly index: number;
  readonly setting: "name" | "requestsPerHour" | "burstLimit";
  readonly value: unknown;
  readonly message: string;
}

/**
 * Tiers are listed from the smallest to the largest: each must allow more requests per hour than the one before
 * (a higher tier that allows less is a typo that would throttle the best customers), names are unique, and each
 * tier's burst holds at least a second of its steady rate.
 */
export function checkTiers(tiers: readonly UsageTier[]): TierProblem[] {
  const problems: TierProblem[] = [];
  tiers.forEach((tier, index) => {
    if (tiers.findIndex((other) => other.name === tier.name) !== index) {
      problems.push({
        index,
        setting: "name",
        value: tier.name,
        message: "is listed twice; expected unique tier names",
      });
    }
    const previous = tiers[index - 1];
    if (previous && tier.requestsPerHour <= previous.requestsPerHour) {
      problems.push({
        index,
        setting: "requestsPerHour",
        value: tier.requestsPerHour,
        message: `is not above the ${previous.name} tier's ${previous.requestsPerHour}; expected tiers listed from the smallest to the largest, each allowing more requests per hour than the one before`,
      });
    }
    const rate = tierLimits(tier).rateLimit;
    if (checkBurst(rate, tier.burstLimit)) {
      problems.push({
        index,
        setting: "burstLimit",
        value: tier.burstLimit,
        message: `is below the tier's steady rate of ${rate} requests per second (${tier.requestsPerHour} per hour); expected a burst limit of at least ${Math.ceil(rate)}`,
      });
    }
  });
  return problems;
}
