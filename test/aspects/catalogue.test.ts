import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../../src/aspects/rules";
import { RULE_ID } from "../../src/config/guardrails-schema";
import { ruleRow } from "../../src/tools/rules-table";

/** The rule catalogue itself: size, ids, documentation, and the README table generated from it. */

/** The guardrails reference, which lists every rule as `rulesTable()` writes it. */
const README = fs.readFileSync(path.resolve(__dirname, "../../docs/reference/guardrails.md"), "utf8");

/** A Markdown table row without its column padding. */
function normalizeRow(row: string): string {
  return row
    .split("|")
    .map((cell) => cell.trim())
    .join("|");
}

describe("RULES", () => {
  test("has at least 45 rules", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(45);
  });

  test("ids are unique", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))("%s is documented and well-formed", (id, rule) => {
    expect(id).toMatch(RULE_ID);
    expect(id).toMatch(/^(CKV2?_AWS_\d+|AVD-AWS-\d{4}|PLAT_[A-Z0-9]+(_[A-Z0-9]+)*)$/);
    expect(rule.rationale).toMatch(/^[A-Z].*\.$/);
    expect(rule.rationale).not.toContain("\n");
    expect(["error", "warning"]).toContain(rule.severity);
    expect(rule.fix.trim().length).toBeGreaterThan(10);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
  });

  test("production-only rules are errors (advice would not need to wait for production)", () => {
    expect(RULES.filter((rule) => rule.productionOnly && rule.severity !== "error").map((rule) => rule.id)).toEqual([]);
  });
});

describe("README", () => {
  const rows = new Set(
    README.split("\n")
      .filter((line) => line.startsWith("|"))
      .map(normalizeRow),
  );

  test.each(RULES.map((rule) => [rule.id, rule] as const))("lists %s as the rules table generates it", (_id, rule) => {
    expect(rows).toContain(normalizeRow(ruleRow(rule)));
  });

  test("lists no rule that does not exist", () => {
    const ids = new Set(RULES.map((rule) => rule.id));
    const listed = [...README.matchAll(/^\| `((?:CKV2?_AWS|AVD-AWS|PLAT)[-_A-Z0-9]+)`/gm)].map((match) => match[1]);
    expect(listed.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(listed)).toEqual(ids);
  });
});
