import type { EnvironmentCost } from "./estimate";
import type { CostLine, UnpricedItem } from "./model";
import { HOURS_PER_MONTH } from "./prices";
import { PRICES_READ } from "./sources";

/** How `npm run cost` shows an estimate: a table per environment, or JSON. */

/** Items listed per environment, largest first. */
export const TOP_ITEMS = 8;

const MONEY = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `$1,234.56`; a negative amount `-$12.00`. */
export function usd(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return `${rounded < 0 ? "-" : ""}$${MONEY.format(Math.abs(rounded) + 0)}`;
}

/** A change: `+$183.96`, `-$5.00`, `$0.00`. */
export function signedUsd(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return rounded > 0 ? `+${usd(rounded)}` : usd(rounded);
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

export interface UnpricedGroup {
  readonly type: string;
  readonly what: string;
  readonly reason: string;
  readonly count: number;
  readonly stacks: readonly string[];
}

/** Not-priced items folded by type and what: `aws_cloudwatch_metric_alarm: standard alarm in eu-west-1 (x21)`. */
export function unpricedGroups(items: readonly UnpricedItem[]): UnpricedGroup[] {
  const groups = new Map<string, { type: string; what: string; reason: string; count: number; stacks: Set<string> }>();
  for (const item of items) {
    const key = `${item.type}\n${item.what}\n${item.reason}`;
    const group = groups.get(key) ?? {
      type: item.type,
      what: item.what,
      reason: item.reason,
      count: 0,
      stacks: new Set(),
    };
    group.count += 1;
    group.stacks.add(item.stackId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, stacks: [...group.stacks] }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.what.localeCompare(b.what));
}

/** The largest priced lines of an environment: by baseline, then by max. */
export function topLines(environment: EnvironmentCost, count = TOP_ITEMS): CostLine[] {
  return environment.stacks
    .flatMap((stack) => stack.lines)
    .filter((line) => line.max > 0)
    .sort((a, b) => b.baseline - a.baseline || b.max - a.max || a.address.localeCompare(b.address))
    .slice(0, count);
}

const unpricedOf = (environment: EnvironmentCost) => environment.stacks.flatMap((stack) => stack.unpriced);

/** The estimate as text: per environment its total, a row per stack, the top items and what was not priced. */
export function formatCostReport(environments: readonly EnvironmentCost[]): string {
  const out: string[] = [
    `Monthly estimate in USD (${HOURS_PER_MONTH} hours a month; prices read ${PRICES_READ}, src/cost/prices.ts).`,
    "Baseline: every autoscaler at its min or desired size; max: every one at its maximum. Priced items only:",
    "the resources listed under 'not priced' are not in either figure.",
  ];
  for (const environment of environments) {
    const unpriced = unpricedGroups(unpricedOf(environment));
    out.push(
      "",
      `${environment.environment}: ${usd(environment.baseline)} a month at baseline, ${usd(environment.max)} at max scale` +
        ` (${unpriced.reduce((total, group) => total + group.count, 0)} items not priced)`,
    );
    const width = Math.max(5, ...environment.stacks.map((stack) => stack.stackId.length));
    out.push(`  ${"stack".padEnd(width)}  ${"region".padEnd(12)}  ${"baseline".padStart(12)}  ${"max".padStart(12)}`);
    for (const stack of environment.stacks) {
      out.push(
        `  ${stack.stackId.padEnd(width)}  ${stack.region.padEnd(12)}  ${usd(stack.baseline).padStart(12)}  ${usd(stack.max).padStart(12)}`,
      );
    }
    out.push("  top items (baseline / max):");
    for (const line of topLines(environment)) {
      out.push(
        `    ${usd(line.baseline).padStart(11)} / ${usd(line.max).padStart(11)}  ${line.stackId} ${line.address}: ${line.what} [${line.priceKey}]`,
      );
    }
    out.push("  not priced (never counted as zero):");
    for (const group of unpriced) {
      out.push(`    ${group.type}: ${group.what}${group.count > 1 ? ` (x${group.count})` : ""}; ${group.reason}`);
    }
  }
  return out.join("\n");
}

/** The estimate as JSON: totals, stacks, every priced line with its price and source, and what was not priced. */
export function costJson(environments: readonly EnvironmentCost[]): unknown {
  return {
    currency: "USD",
    hoursPerMonth: HOURS_PER_MONTH,
    pricesRead: PRICES_READ,
    environments: environments.map((environment) => ({
      environment: environment.environment,
      baseline: cents(environment.baseline),
      max: cents(environment.max),
      usage: environment.usage,
      stacks: environment.stacks.map((stack) => ({
        stackId: stack.stackId,
        region: stack.region,
        baseline: cents(stack.baseline),
        max: cents(stack.max),
        lines: stack.lines.map((line) => ({
          address: line.address,
          type: line.type,
          what: line.what,
          baseline: cents(line.baseline),
          max: cents(line.max),
          priceKey: line.priceKey,
          price: line.price,
        })),
      })),
      top: topLines(environment).map((line) => ({
        stackId: line.stackId,
        address: line.address,
        what: line.what,
        baseline: cents(line.baseline),
        max: cents(line.max),
      })),
      unpriced: unpricedGroups(unpricedOf(environment)),
    })),
  };
}
