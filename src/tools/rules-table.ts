import { RULES } from "../aspects/rules";
import type { Rule } from "../aspects/rule";
import { runCommand } from "./command-line";
import { RULES_TABLE } from "./commands";

/**
 * Prints the Markdown table of every guardrail rule for docs/reference/guardrails.md:
 * `node --require ts-node/register/transpile-only src/tools/rules-table.ts`. A test checks that README lists
 * every rule as this table does, so regenerate it whenever a rule changes.
 */

/** One table cell: pipes escaped, whitespace collapsed. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

/** The README row of a rule. */
export function ruleRow(rule: Rule): string {
  const severity = rule.productionOnly ? `${rule.severity} (production)` : rule.severity;
  const types = rule.resourceTypes.map((type) => `\`${type}\``).join(", ");
  return `| \`${rule.id}\` | ${severity} | ${types} | ${cell(rule.rationale)} |`;
}

/** The Markdown table of `rules`: id, severity, resource types, rationale. */
export function rulesTable(rules: readonly Rule[] = RULES): string {
  return ["| id | severity | resource types | rationale |", "| --- | --- | --- | --- |", ...rules.map(ruleRow)].join(
    "\n",
  );
}

export function rulesTableCommand(argv: readonly string[]): number {
  return runCommand(RULES_TABLE, argv, () => {
    console.log(rulesTable());
    return 0;
  });
}

if (require.main === module) {
  process.exitCode = rulesTableCommand(process.argv.slice(2));
}
