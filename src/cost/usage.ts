import { DEFAULT_SPOT_DISCOUNT_PERCENT } from "./prices";

/**
 * The traffic volumes the usage-based charges are estimated at, per environment: config's `cost` section
 * (src/config/cost-schema.ts) over these defaults. The volumes are the environment's own: its warm standby (`dr`)
 * serves no traffic until a failover, so the standby's CloudFront, API and WAF requests are zero; NAT data and log
 * ingestion are shared equally by every NAT gateway and every log group of the environment, standby included.
 */
export interface CostUsage {
  readonly spotDiscountPercent: number;
  readonly cdnRequestsPerMonth: number;
  readonly cdnDataOutGBPerMonth: number;
  readonly apiRequestsPerMonth: number;
  readonly natDataGBPerMonth: number;
  readonly logIngestionGBPerMonth: number;
}

export const DEFAULT_USAGE: CostUsage = {
  spotDiscountPercent: DEFAULT_SPOT_DISCOUNT_PERCENT,
  cdnRequestsPerMonth: 10_000_000,
  cdnDataOutGBPerMonth: 100,
  apiRequestsPerMonth: 5_000_000,
  natDataGBPerMonth: 100,
  logIngestionGBPerMonth: 20,
};

/** An environment's usage: its config's `cost` settings over the defaults. */
export function usageOf(
  config: { readonly cost?: { readonly [K in keyof CostUsage]?: number | undefined } } | undefined,
): CostUsage {
  const set = Object.entries(config?.cost ?? {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_USAGE, ...Object.fromEntries(set) };
}
