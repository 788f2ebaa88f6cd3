import type { ResourceBody, StackJson } from "../review/synthesized";
import { HOURS_PER_MONTH, type Price, type PriceTable, priceOf } from "./prices";
import type { CostUsage } from "./usage";

/**
 * What the estimate is made of: per resource, priced lines (a monthly figure at baseline and at max scale, with the
 * price and its source) and what could not be priced, by name and why.
 */

export interface CostLine {
  readonly kind: "priced";
  readonly stackId: string;
  readonly address: string;
  readonly type: string;
  /** What is charged: `3 x m7g.large on-demand (baseline), 30 at max`. */
  readonly what: string;
  /** USD a month with every autoscaler at its baseline (min or desired). */
  readonly baseline: number;
  /** USD a month with every autoscaler at its maximum. */
  readonly max: number;
  /** The key of the price in the table: `ec2:eu-west-1:t4g.large`. */
  readonly priceKey: string;
  readonly price: Price;
}

export interface UnpricedItem {
  readonly kind: "unpriced";
  readonly stackId: string;
  readonly address: string;
  readonly type: string;
  /** What it is: `db.r7g.large Multi-AZ instance in eu-west-1`. */
  readonly what: string;
  readonly reason: string;
}

export type CostItem = CostLine | UnpricedItem;

/** Environment-wide volumes that several resources share, and how many resources share each. */
export interface Shares {
  readonly natGateways: number;
  readonly logGroups: number;
  readonly distributions: number;
  readonly restApis: number;
}

/** What a resource's pricer knows besides the resource. */
export interface PricingContext {
  readonly table: PriceTable;
  readonly stackId: string;
  readonly stack: StackJson;
  /** The region the resource lives in: its provider's (an aliased provider may differ from the stack's). */
  readonly region: string;
  /** Every stack of the resource's environment (its standby's included), by id. */
  readonly environmentStacks: ReadonlyMap<string, StackJson>;
  readonly usage: CostUsage;
  /** The stack belongs to a warm standby (`<env>-<region code>-<layer>`): it serves no traffic. */
  readonly standby: boolean;
  readonly shares: Shares;
}

export type Pricer = (resource: ResourceBody, context: PricingContext) => CostItem[];

/** USD a month for `quantity` of a price's unit: hourly prices run every hour of the month. */
export function monthly(price: Price, quantity: number): number {
  switch (price.per) {
    case "1M requests":
    case "1M invocations":
      return (price.usd * quantity) / 1_000_000;
    case "10k requests":
      return (price.usd * quantity) / 10_000;
    case "GB-month":
    case "IOPS-month":
    case "GB":
    case "month":
      return price.usd * quantity;
    default:
      return price.usd * quantity * HOURS_PER_MONTH;
  }
}

/**
 * A priced line for `quantity` (baseline and max) of the price `<service>:<region>:<item>`, or, without that price
 * in the table, the unpriced item that names it.
 */
export function charge(
  context: PricingContext,
  resource: ResourceBody,
  key: { readonly service: string; readonly item: string; readonly region?: string },
  what: string,
  quantity: { readonly baseline: number; readonly max: number },
  factor = 1,
): CostItem {
  const region = key.region ?? context.region;
  const price = priceOf(context.table, key.service, region, key.item);
  if (price === undefined) {
    return unpriced(context, resource, `${what} in ${region}`, `no ${key.service} price for ${key.item} in ${region}`);
  }
  const found = context.table[`${key.service}:${region}:${key.item}`] ? region : "global";
  return {
    kind: "priced",
    stackId: context.stackId,
    address: resource.address,
    type: resource.type,
    what,
    baseline: monthly(price, quantity.baseline) * factor,
    max: monthly(price, quantity.max) * factor,
    priceKey: `${key.service}:${found}:${key.item}`,
    price,
  };
}

export function unpriced(context: PricingContext, resource: ResourceBody, what: string, reason: string): UnpricedItem {
  return { kind: "unpriced", stackId: context.stackId, address: resource.address, type: resource.type, what, reason };
}

/** A number from a synthesized attribute (cdktf writes numbers; a reference is not one). */
/** A resource's (or a block's) arguments as synthesized. */
export type Body = Readonly<Record<string, unknown>>;

/** A nested block: Terraform JSON writes a block as an object or as a list of one. */
export const record = (value: unknown): Body | undefined =>
  Array.isArray(value)
    ? (value[0] as Body | undefined)
    : value !== null && typeof value === "object"
      ? (value as Body)
      : undefined;

export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The local resource a reference `${<type>.<name>.<attribute>}` points at, in the same stack. */
export function referenced(stack: StackJson, value: unknown, type: string): Record<string, unknown> | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const match = new RegExp(`\\$\\{${type}\\.([^.}]+)\\.`).exec(value);
  return match ? stack.resource?.[type]?.[match[1]] : undefined;
}

/** `2 x m7g.large`, `1 x ...`: a count and a thing, with the max when it differs. */
export function counted(baseline: number, max: number, thing: string): string {
  return baseline === max ? `${baseline} x ${thing}` : `${baseline} x ${thing} (${max} at max)`;
}

/** A usage volume in an item's description (`1,234.5 GB`): grouped thousands, at most two decimals. */
export const volume = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
