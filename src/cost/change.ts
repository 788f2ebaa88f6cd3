import type { StackJson } from "../review/synthesized";
import { type EnvironmentCost, type EstimateOptions, estimateStacks } from "./estimate";
import type { CostLine, UnpricedItem } from "./model";

/**
 * What a change does to the bill: the estimates of a base and a head tree, compared per environment (the review's
 * cost column). Both sides are estimated with the same prices and usage, so that only what the stacks deploy moves
 * the figures: a tag-only change moves nothing.
 */

export interface Figures {
  readonly baseline: number;
  readonly max: number;
}

/** One priced item (a resource's charge of one price) whose monthly figure differs. */
export interface ItemChange {
  readonly stackId: string;
  readonly address: string;
  readonly what: string;
  readonly priceKey: string;
  readonly before: Figures;
  readonly after: Figures;
}

export interface EnvironmentCostChange {
  readonly environment: string;
  readonly before: Figures;
  readonly after: Figures;
  /** after - before. */
  readonly delta: Figures;
  readonly items: readonly ItemChange[];
  /** Items the head cannot price that the base did not have (by stack, address and what). */
  readonly unpricedAdded: readonly UnpricedItem[];
  readonly unpricedRemoved: readonly UnpricedItem[];
}

/** Below a cent a month is no change (sums of floating-point prices). */
const CENT = 0.005;

const key = (line: { stackId: string; address: string }, detail: string) => `${line.stackId} ${line.address} ${detail}`;

function pricedItems(cost: EnvironmentCost | undefined): Map<string, { line: CostLine; figures: Figures }> {
  const items = new Map<string, { line: CostLine; figures: Figures }>();
  for (const line of cost?.stacks.flatMap((stack) => stack.lines) ?? []) {
    const id = key(line, line.priceKey);
    const previous = items.get(id)?.figures ?? { baseline: 0, max: 0 };
    items.set(id, { line, figures: { baseline: previous.baseline + line.baseline, max: previous.max + line.max } });
  }
  return items;
}

const unpricedKeys = (cost: EnvironmentCost | undefined) =>
  new Map((cost?.stacks.flatMap((stack) => stack.unpriced) ?? []).map((item) => [key(item, item.what), item]));

export function changed(figures: Figures): boolean {
  return Math.abs(figures.baseline) >= CENT || Math.abs(figures.max) >= CENT;
}

/** The cost change of every environment of either tree, in the head's order (then environments only the base has). */
export function costChanges(
  base: ReadonlyMap<string, StackJson>,
  head: ReadonlyMap<string, StackJson>,
  options: EstimateOptions = {},
): EnvironmentCostChange[] {
  const before = estimateStacks(base, options);
  const after = estimateStacks(head, options);
  const names = [
    ...after.map((cost) => cost.environment),
    ...before.map((cost) => cost.environment).filter((name) => !after.some((cost) => cost.environment === name)),
  ];
  return names.map((environment) => {
    const old = before.find((cost) => cost.environment === environment);
    const now = after.find((cost) => cost.environment === environment);
    const oldItems = pricedItems(old);
    const newItems = pricedItems(now);
    const items: ItemChange[] = [];
    for (const id of new Set([...newItems.keys(), ...oldItems.keys()])) {
      const was = oldItems.get(id);
      const is = newItems.get(id);
      const line = (is ?? was)!.line;
      const beforeFigures = was?.figures ?? { baseline: 0, max: 0 };
      const afterFigures = is?.figures ?? { baseline: 0, max: 0 };
      if (
        changed({ baseline: afterFigures.baseline - beforeFigures.baseline, max: afterFigures.max - beforeFigures.max })
      ) {
        items.push({
          stackId: line.stackId,
          address: line.address,
          what: line.what,
          priceKey: line.priceKey,
          before: beforeFigures,
          after: afterFigures,
        });
      }
    }
    const oldUnpriced = unpricedKeys(old);
    const newUnpriced = unpricedKeys(now);
    const figures = (cost: EnvironmentCost | undefined): Figures => ({
      baseline: cost?.baseline ?? 0,
      max: cost?.max ?? 0,
    });
    return {
      environment,
      before: figures(old),
      after: figures(now),
      delta: { baseline: figures(now).baseline - figures(old).baseline, max: figures(now).max - figures(old).max },
      items,
      unpricedAdded: [...newUnpriced].filter(([id]) => !oldUnpriced.has(id)).map(([, item]) => item),
      unpricedRemoved: [...oldUnpriced].filter(([id]) => !newUnpriced.has(id)).map(([, item]) => item),
    };
  });
}
