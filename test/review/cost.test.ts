import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { costChanges } from "../../src/cost/change";
import { reviewTrees } from "../../src/review/diff";
import { renderReport } from "../../src/review/report";
import type { StackJson } from "../../src/review/synthesized";
import { costLine, runReview } from "../../src/tools/review";
import { database, stack, tree } from "../cost/fixtures";
import { writeSynthesizedTree } from "../helpers";

/** The review's cost column: the monthly cost change of each environment next to its resource changes. */

const SUBJECT = { base: "main (1a2b3c4)", head: "the working tree (HEAD 5d6e7f8)" };

const data = (replicas: number, tags: Record<string, string> = { Owner: "platform-team" }) =>
  stack("eu-west-1", {
    aws_db_instance: database("db.r6g.large", replicas, { tags }),
    aws_kms_key: { Key: { tags } },
  });

function report(base: Map<string, StackJson>, head: Map<string, StackJson>): string {
  return renderReport(reviewTrees({ stacks: base }, { stacks: head }), SUBJECT, costChanges(base, head));
}

describe("the cost of a change", () => {
  test("a tag-only change shows no cost change", () => {
    const base = tree(["prod-data", data(1)]);
    const head = tree(["prod-data", data(1, { Owner: "someone-else" })]);
    const [change] = costChanges(base, head);
    expect(change).toMatchObject({ environment: "prod", items: [], unpricedAdded: [], unpricedRemoved: [] });
    expect(change.delta.baseline).toBe(0);
    expect(change.delta.max).toBe(0);
    const text = report(base, head);
    expect(text).toContain("## Monthly cost change");
    expect(text).toMatch(/\| prod \| \$\d[\d,]*\.\d\d \| none \| \$\d[\d,]*\.\d\d \| none \| 0 \|/);
    expect(text).toContain("## prod\n\nMonthly cost: no change.\n");
    expect(costLine([change])).toBe("cost: prod no change");
  });

  test("adding a read replica shows its instance price next to the added resource", () => {
    const base = tree(["prod-data", data(1)]);
    const head = tree(["prod-data", data(2)]);
    const text = report(base, head);
    // db.r6g.large Single-AZ in eu-west-1: 0.252 x 730 = 183.96; the primary, the replica and the key: 2 x 183.96 + 1.
    expect(text).toContain("| prod | $368.92 → $552.88 | +$183.96 | $368.92 → $552.88 | +$183.96 | 1 |");
    expect(text).toContain(
      "## prod\n\nMonthly cost: **+$183.96** at baseline ($552.88), **+$183.96** at max scale ($552.88).\n" +
        "- `aws_db_instance.Replica2` (prod-data): db.r6g.large Single-AZ read replica: +$183.96 baseline, +$183.96 max [`rds:eu-west-1:db.r6g.large:single-az`]\n" +
        "- not priced, now: `aws_db_instance.Replica2` (prod-data): 100 GB gp3 storage (400 at max) in eu-west-1; no rds-storage price for gp3:single-az in eu-west-1\n",
    );
    expect(costLine(costChanges(base, head))).toBe("cost: prod +$183.96 a month at baseline, +$183.96 at max");
  });

  test("a replica of a class the table cannot price is named in the report, not counted as zero silently", () => {
    const unpricedData = (replicas: number) =>
      stack("eu-west-1", { aws_db_instance: database("db.r7g.large", replicas) });
    const text = report(tree(["prod-data", unpricedData(1)]), tree(["prod-data", unpricedData(2)]));
    expect(text).toMatch(/\| prod \| \$0\.00 \| none \| \$0\.00 \| none \| 2 \|/);
    expect(text).toContain("Monthly cost: no change in what the table prices; what it cannot price changed (below).");
    expect(text).toContain(
      "- not priced, now: `aws_db_instance.Replica2` (prod-data): db.r7g.large Single-AZ read replica in eu-west-1; no rds price for db.r7g.large:single-az in eu-west-1",
    );
  });

  test("a removed stack's environment shows what it saves", () => {
    const [change] = costChanges(tree(["dev-data", data(0)]), tree());
    expect(change.environment).toBe("dev");
    expect(change.delta.baseline).toBeCloseTo(-(183.96 + 1), 6);
  });
});

describe("npm run review writes the cost column", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  function writeTree(stacks: [string, StackJson][]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-cost-test-"));
    dirs.push(dir);
    return writeSynthesizedTree(dir, stacks);
  }

  test("the report and the console line of a change that adds a read replica", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const head = writeTree([["prod-data", data(2)]]);
      const out = path.join(head, "review.md");
      expect(
        runReview(
          ["--base-dir", writeTree([["prod-data", data(1)]]), "--head-dir", head, "--out", out],
          () => undefined,
        ),
      ).toBe(0);
      expect(log.mock.calls[1][0]).toBe("cost: prod +$183.96 a month at baseline, +$183.96 at max");
      expect(fs.readFileSync(out, "utf8")).toContain("| prod | $368.92 → $552.88 | +$183.96 |");
    } finally {
      log.mockRestore();
    }
  });
});
