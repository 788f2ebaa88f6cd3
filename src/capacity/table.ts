import { type CapacityRow, num, times } from "./rows";

const FIGURE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/**
 * The capacity table of one environment as text: a heading, then one line per row with aligned columns. `ratio` is
 * limit / used (how many times the need fits, or the tier's headroom), `need` the least ratio that passes.
 */
export function formatCapacityTable(
  environment: { readonly name: string; readonly production: boolean; readonly minHeadroom: number },
  rows: readonly CapacityRow[],
): string[] {
  const failing = rows.filter((r) => r.status === "over").length;
  const heading = `${environment.name} (${environment.production ? "production: problems fail synth" : "not production: problems are warnings"}; capacity.minHeadroom ${num(environment.minHeadroom)}): ${failing === 0 ? "no problems" : `${failing} over`}`;
  const cells = [
    ["check", "resource", "used", "limit", "unit", "ratio", "need", "status", "detail"],
    ...rows.map((r) => [
      r.check,
      r.resource,
      FIGURE.format(r.used),
      FIGURE.format(r.limit),
      r.unit,
      times(r.ratio),
      times(r.required),
      r.status === "over" ? "OVER" : r.status,
      r.detail,
    ]),
  ];
  const numeric = new Set([2, 3, 5, 6]);
  const widths = cells[0].map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  const lines = cells.map((line) =>
    line
      .map((cell, column) =>
        column === line.length - 1
          ? cell
          : numeric.has(column)
            ? cell.padStart(widths[column])
            : cell.padEnd(widths[column]),
      )
      .join("  ")
      .trimEnd(),
  );
  return [heading, ...lines.map((line) => `  ${line}`)];
}
