import { providersOf, resourcesOf, type StackJson } from "../review/synthesized";
import { FREE_TYPES } from "./free";
import type { CostLine, PricingContext, Shares, UnpricedItem } from "./model";
import { PRICES, type PriceTable } from "./prices";
import { PRICERS } from "./resources";
import { type CostUsage, DEFAULT_USAGE } from "./usage";

/**
 * The monthly estimate of synthesized stacks, per environment and stack, at baseline (every autoscaler at its
 * min or desired size) and at max scale (every autoscaler at its maximum). Pure: the same stacks, table and usage give
 * the same estimate.
 */

export interface StackCost {
  readonly stackId: string;
  readonly environment: string;
  readonly region: string;
  readonly baseline: number;
  readonly max: number;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly UnpricedItem[];
}

export interface EnvironmentCost {
  readonly environment: string;
  readonly baseline: number;
  readonly max: number;
  readonly stacks: readonly StackCost[];
  readonly usage: CostUsage;
}

export interface EstimateOptions {
  /** @default PRICES */
  readonly table?: PriceTable;
  /** The usage volumes of an environment. @default DEFAULT_USAGE for every one */
  readonly usage?: (environment: string) => CostUsage;
}

/** The environment of a stack id: `prod` of `prod-data` and of its standby's `prod-euc1-data`. */
export function environmentOfStack(stackId: string): string {
  const dash = stackId.indexOf("-");
  return dash < 0 ? stackId : stackId.slice(0, dash);
}

/** A standby's stacks are `<env>-<region code>-<layer>` (stacks/standby.ts). */
export function isStandbyStack(stackId: string): boolean {
  return /^[^-]+-[a-z]+\d+-/.test(stackId);
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function regionOf(providers: Map<string, Record<string, unknown>>, provider: unknown): string {
  const block = providers.get(typeof provider === "string" ? provider : "aws") ?? providers.get("aws");
  return typeof block?.region === "string" ? block.region : "unknown-region";
}

function sharesOf(stacks: ReadonlyMap<string, StackJson>): Shares {
  const count = (type: string, standby: boolean) =>
    sum(
      [...stacks]
        .filter(([id]) => standby || !isStandbyStack(id))
        .map(([, stack]) => Object.keys(stack.resource?.[type] ?? {}).length),
    );
  return {
    natGateways: count("aws_nat_gateway", true),
    logGroups: count("aws_cloudwatch_log_group", true),
    distributions: count("aws_cloudfront_distribution", false),
    restApis: count("aws_api_gateway_rest_api", false),
  };
}

function estimateStack(
  stackId: string,
  stack: StackJson,
  base: Omit<PricingContext, "stackId" | "stack" | "region" | "standby">,
): StackCost {
  const providers = providersOf(stack);
  const lines: CostLine[] = [];
  const unpriced: UnpricedItem[] = [];
  for (const resource of resourcesOf(stack).values()) {
    const pricer = PRICERS[resource.type];
    if (pricer === undefined) {
      if (FREE_TYPES[resource.type] === undefined) {
        unpriced.push({
          kind: "unpriced",
          stackId,
          address: resource.address,
          type: resource.type,
          what: resource.type,
          reason: "resource type not in the price table",
        });
      }
      continue;
    }
    const context: PricingContext = {
      ...base,
      stackId,
      stack,
      region: regionOf(providers, resource.config.provider),
      standby: isStandbyStack(stackId),
    };
    for (const item of pricer(resource, context)) {
      if (item.kind === "priced") {
        lines.push(item);
      } else {
        unpriced.push(item);
      }
    }
  }
  return {
    stackId,
    environment: environmentOfStack(stackId),
    region: regionOf(providers, undefined),
    baseline: sum(lines.map((line) => line.baseline)),
    max: sum(lines.map((line) => line.max)),
    lines,
    unpriced,
  };
}

/** Estimates every stack of `stacks` (by id, in their order), grouped by environment in order of appearance. */
export function estimateStacks(
  stacks: ReadonlyMap<string, StackJson>,
  options: EstimateOptions = {},
): EnvironmentCost[] {
  const table = options.table ?? PRICES;
  const environments = [...new Set([...stacks.keys()].map(environmentOfStack))];
  return environments.map((environment) => {
    const own = new Map([...stacks].filter(([id]) => environmentOfStack(id) === environment));
    const usage = options.usage?.(environment) ?? DEFAULT_USAGE;
    const base = { table, environmentStacks: own, usage, shares: sharesOf(own) };
    const costs = [...own].map(([id, stack]) => estimateStack(id, stack, base));
    return {
      environment,
      baseline: sum(costs.map((stack) => stack.baseline)),
      max: sum(costs.map((stack) => stack.max)),
      stacks: costs,
      usage,
    };
  });
}
