import { changed, type EnvironmentCostChange } from "../cost/change";
import { signedUsd, usd } from "../cost/report";
import { PRICES_READ } from "../cost/sources";

/**
 * The review's cost column: the monthly cost change of each environment (src/cost), as a table at the top of the
 * report and as a line with the changed items at the head of each environment's resource changes.
 */

const escape = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** `$1,438.70 → $1,622.66`, or the one figure when it did not move. */
const beforeAfter = (before: number, after: number) =>
  changed({ baseline: after - before, max: 0 }) ? `${usd(before)} → ${usd(after)}` : usd(after);

export function costSection(costs: readonly EnvironmentCostChange[]): string[] {
  const lines = [
    "## Monthly cost change",
    "",
    `Estimated offline (\`npm run cost\`): USD a month from the price table of src/cost/prices.ts (read ${PRICES_READ}) and the usage volumes of the working tree's config; baseline is every autoscaler at its min or desired size, max every one at its maximum. What the table cannot price is in neither figure and is named below its environment.`,
    "",
  ];
  if (costs.length === 0) {
    return [...lines, "No environment.", ""];
  }
  lines.push(
    "| environment | baseline | change | max scale | change | newly not priced |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const cost of costs) {
    const moved = changed(cost.delta);
    lines.push(
      `| ${cost.environment} | ${beforeAfter(cost.before.baseline, cost.after.baseline)} | ${moved ? signedUsd(cost.delta.baseline) : "none"} | ${beforeAfter(cost.before.max, cost.after.max)} | ${moved ? signedUsd(cost.delta.max) : "none"} | ${cost.unpricedAdded.length} |`,
    );
  }
  return [...lines, ""];
}

/** The lines under an environment's heading: its change and the items that moved or cannot be priced. */
export function environmentCostLines(cost: EnvironmentCostChange): string[] {
  const lines: string[] = [];
  const unpriced = cost.unpricedAdded.length + cost.unpricedRemoved.length;
  if (changed(cost.delta)) {
    lines.push(
      `Monthly cost: **${signedUsd(cost.delta.baseline)}** at baseline (${usd(cost.after.baseline)}), **${signedUsd(cost.delta.max)}** at max scale (${usd(cost.after.max)}).`,
    );
  } else if (unpriced > 0) {
    lines.push("Monthly cost: no change in what the table prices; what it cannot price changed (below).");
  } else {
    lines.push("Monthly cost: no change.");
  }
  for (const item of cost.items) {
    lines.push(
      `- \`${item.address}\` (${item.stackId}): ${escape(item.what)}: ${signedUsd(item.after.baseline - item.before.baseline)} baseline, ${signedUsd(item.after.max - item.before.max)} max [\`${item.priceKey}\`]`,
    );
  }
  for (const item of cost.unpricedAdded) {
    lines.push(
      `- not priced, now: \`${item.address}\` (${item.stackId}): ${escape(item.what)}; ${escape(item.reason)}`,
    );
  }
  for (const item of cost.unpricedRemoved) {
    lines.push(`- not priced, before: \`${item.address}\` (${item.stackId}): ${escape(item.what)}`);
  }
  return [...lines, ""];
}
