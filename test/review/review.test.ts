import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { printable, reviewTrees } from "../../src/review/diff";
import { renderReport, summaryLine } from "../../src/review/report";
import type { StackJson, SynthesizedTree } from "../../src/review/synthesized";
import { runReview } from "../../src/tools/review";
import { writeSynthesizedTree } from "../helpers";

/** A stack `prod-data` holding what `define` creates, synthesized. */
function synthesized(define: (stack: Construct) => void, stackId = "prod-data"): [string, StackJson] {
  const stack = new TerraformStack(Testing.app(), stackId);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  define(stack);
  return [stackId, JSON.parse(Testing.synth(stack)) as StackJson];
}

function tree(...stacks: [string, StackJson][]): SynthesizedTree {
  return { stacks: new Map(stacks) };
}

const database = (scope: Construct, id = "Database", overrides: Record<string, unknown> = {}) =>
  new DbInstance(scope, id, {
    identifier: "acme-prod-db",
    engine: "postgres",
    engineVersion: "17",
    instanceClass: "db.r7g.large",
    storageEncrypted: true,
    tags: { Owner: "platform-team" },
    ...overrides,
  });

const SUBJECT = { base: "main (1a2b3c4)", head: "the working tree (HEAD 5d6e7f8)" };

describe("review of fixture pairs", () => {
  test("an added resource is listed and counted, and is not dangerous", () => {
    const review = reviewTrees(
      tree(synthesized((stack) => database(stack))),
      tree(
        synthesized((stack) => {
          database(stack);
          new SnsTopic(stack, "Alarms", { name: "acme-prod-alarms" });
        }),
      ),
    );
    expect(review.stacks[0].changes).toEqual([
      expect.objectContaining({
        kind: "added",
        type: "aws_sns_topic",
        address: "aws_sns_topic.Alarms",
      }),
    ]);
    expect(review.dangerous).toEqual([]);
    const report = renderReport(review, SUBJECT);
    expect(report).toContain("None: no stateful resource is destroyed, replaced or renamed");
    expect(report).toContain("#### Added");
    expect(report).toContain("| aws_sns_topic | 1 | 0 | 0 | 0 |");
    // What it is: its settings, not only its address.
    expect(report).toContain('- `aws_sns_topic.Alarms` <sub>Alarms</sub>\n  - `name`: `"acme-prod-alarms"`');
    expect(summaryLine(review)).toBe(
      "review: 1 added, 0 removed, 0 renamed, 0 changed in 1 stack; 0 replaced, 0 dangerous, 0 impossible; 0 stacks downstream",
    );
  });

  test("a removed stateful resource is a dangerous destroy", () => {
    const review = reviewTrees(tree(synthesized((stack) => database(stack))), tree(synthesized(() => undefined)));
    expect(review.dangerous).toEqual([
      expect.objectContaining({
        kind: "removed",
        type: "aws_db_instance",
        stackId: "prod-data",
        environment: "prod",
        verdict: "dangerous",
        findings: [{ verdict: "dangerous", action: "destroy", reason: expect.stringMatching(/^removed: /) }],
      }),
    ]);
    const report = renderReport(review, SUBJECT);
    expect(report).toMatch(/\| prod \| prod-data \| `aws_db_instance\.Database` \| \*\*destroy\*\* \| removed: /);
    expect(report).toContain("#### Removed");
    expect(report).toContain("### prod-data\n");
    expect(summaryLine(review)).toContain("1 replaced, 1 dangerous, 0 impossible");
  });

  test("a renamed construct id is a rename of the same database, flagged as a replacement", () => {
    const review = reviewTrees(
      tree(synthesized((stack) => database(stack, "Database"))),
      tree(synthesized((stack) => database(stack, "PrimaryDatabase"))),
    );
    const [change] = review.stacks[0].changes;
    expect(change).toMatchObject({
      kind: "renamed",
      address: "aws_db_instance.PrimaryDatabase",
      previous: { stackId: "prod-data", address: "aws_db_instance.Database" },
      verdict: "dangerous",
      findings: [
        expect.objectContaining({
          action: "replace",
          reason: expect.stringContaining("unless the move is declared (cdktf moveTo/moveFromId"),
        }),
      ],
    });
    expect(review.stacks[0].changes).toHaveLength(1);
    const report = renderReport(review, SUBJECT);
    expect(report).toContain("#### Renamed (address changed)");
    expect(report).toMatch(/`aws_db_instance\.PrimaryDatabase` ← `aws_db_instance\.Database` \(⚠ dangerous\)/);
  });

  test("a change to an attribute that forces replacement is a dangerous replacement, with its source", () => {
    const review = reviewTrees(
      tree(synthesized((stack) => database(stack))),
      tree(synthesized((stack) => database(stack, "Database", { storageEncrypted: false, engineVersion: "17.2" }))),
    );
    const [change] = review.dangerous;
    expect(change).toMatchObject({
      kind: "changed",
      verdict: "dangerous",
      findings: [
        expect.objectContaining({
          action: "replace",
          reason: expect.stringMatching(/^storage_encrypted forces replacement: /),
        }),
      ],
    });
    expect(change.attributes).toEqual([
      { path: "engine_version", kind: "changed", before: '"17"', after: '"17.2"' },
      {
        path: "storage_encrypted",
        kind: "changed",
        before: "true",
        after: "false",
        forcesReplacement: { attribute: "storage_encrypted", source: expect.stringMatching(/^https:\/\//) },
      },
    ]);
    expect(renderReport(review, SUBJECT)).toMatch(
      /`storage_encrypted`: `true` → `false` — \*\*forces replacement\*\* \(\[source\]\(https:/,
    );
    expect(summaryLine(review)).toContain("1 replaced, 1 dangerous, 0 impossible");
  });

  test("a new identifier renames the database in place: flagged, because its endpoint changes", () => {
    const review = reviewTrees(
      tree(synthesized((stack) => database(stack))),
      tree(synthesized((stack) => database(stack, "Database", { identifier: "acme-prod-db-v2" }))),
    );
    expect(review.dangerous).toEqual([
      expect.objectContaining({
        kind: "changed",
        findings: [
          {
            verdict: "dangerous",
            action: "rename",
            reason: expect.stringMatching(/^identifier renamed in place .*the endpoint changes/),
          },
        ],
        attributes: [
          {
            path: "identifier",
            kind: "changed",
            before: '"acme-prod-db"',
            after: '"acme-prod-db-v2"',
            renames: expect.objectContaining({ attribute: "identifier", source: expect.stringMatching(/^https:/) }),
          },
        ],
      }),
    ]);
    expect(summaryLine(review)).toContain("0 replaced, 1 dangerous, 0 impossible");
  });

  test("a tag change is a harmless in-place change", () => {
    const review = reviewTrees(
      tree(synthesized((stack) => database(stack))),
      tree(synthesized((stack) => database(stack, "Database", { tags: { Owner: "data-team" } }))),
    );
    expect(review.dangerous).toEqual([]);
    expect(review.stacks[0].changes).toEqual([
      expect.objectContaining({
        kind: "changed",
        attributes: [{ path: "tags.Owner", kind: "changed", before: '"platform-team"', after: '"data-team"' }],
      }),
    ]);
    expect(review.stacks[0].changes[0]).toMatchObject({ verdict: "safe", findings: [] });
    const report = renderReport(review, SUBJECT);
    expect(report).toContain("(in place)");
    expect(report).toContain('`tags.Owner`: `"platform-team"` → `"data-team"`');
    expect(summaryLine(review)).toBe(
      "review: 0 added, 0 removed, 0 renamed, 1 changed in 1 stack; 0 replaced, 0 dangerous, 0 impossible; 0 stacks downstream",
    );
  });
});

describe("provider changes", () => {
  test("a default tag change is listed as an in-place provider change of the stack, not as a danger", () => {
    const withOwner = (owner: string): [string, StackJson] => {
      const stack = new TerraformStack(Testing.app(), "prod-data");
      new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: [{ tags: { Owner: owner } }] });
      database(stack);
      return ["prod-data", JSON.parse(Testing.synth(stack)) as StackJson];
    };
    const review = reviewTrees(tree(withOwner("platform-team")), tree(withOwner("data-team")));
    expect(review.dangerous).toEqual([]);
    expect(review.stacks[0]).toMatchObject({
      status: "changed",
      changes: [],
      providers: [
        {
          provider: "aws",
          attributes: [
            { path: "default_tags[0].tags.Owner", kind: "changed", before: '"platform-team"', after: '"data-team"' },
          ],
        },
      ],
    });
    expect(renderReport(review, SUBJECT)).toContain(
      'Provider `aws` changes (in place on every resource it manages that takes them):\n\n- `default_tags[0].tags.Owner`: `"platform-team"` → `"data-team"`',
    );
  });
});

describe("attribute values", () => {
  test("a JSON document in a string is compared inside", () => {
    const policy = (actions: string[]) =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
    const review = reviewTrees(
      tree(synthesized((stack) => new IamPolicy(stack, "Policy", { name: "p", policy: policy(["s3:GetObject"]) }))),
      tree(synthesized((stack) => new IamPolicy(stack, "Policy", { name: "p", policy: policy(["s3:PutObject"]) }))),
    );
    // A list of strings reports what left and what came, not positions.
    expect(review.stacks[0].changes[0].attributes).toEqual([
      { path: "policy (JSON).Statement[0].Action", kind: "removed", before: '"s3:GetObject"' },
      { path: "policy (JSON).Statement[0].Action", kind: "added", after: '"s3:PutObject"' },
    ]);
  });

  test("secrets are elided, long texts are shown as changed lines, other long values shortened with a hash", () => {
    const script = (version: string) =>
      `#!/bin/bash\nset -euo pipefail\ndocker pull monolith:${version}\ndocker run monolith\n`;
    const before: StackJson = {
      resource: { aws_x: { A: { password: "old", description: "short", user_data: script("1") } } },
    };
    const after: StackJson = {
      resource: { aws_x: { A: { password: "new", description: "y".repeat(200), user_data: script("2") } } },
    };
    const [change] = reviewTrees(tree(["dev-x", before]), tree(["dev-x", after])).stacks[0].changes;
    expect(change.attributes).toEqual([
      { path: "description", kind: "changed", lines: ["- short", `+ ${"y".repeat(200)}`] },
      { path: "password", kind: "changed", before: "(sensitive)", after: "(sensitive)" },
      { path: "user_data", kind: "changed", lines: ["- docker pull monolith:1", "+ docker pull monolith:2"] },
    ]);
    expect(printable(["y".repeat(200)])).toMatch(/^\["y{58}… \(204 chars, sha256 [0-9a-f]{8}\)$/);
  });

  test("a new or removed stack is reported as such, grouped by environment, and the output is deterministic", () => {
    const base = tree(synthesized((stack) => database(stack)));
    const head = tree(
      synthesized((stack) => database(stack)),
      synthesized((stack) => new SnsTopic(stack, "T", { name: "t" }), "dev-observability"),
    );
    const review = reviewTrees(base, head);
    expect(review.stacks.map((stack) => [stack.stackId, stack.status])).toEqual([
      ["prod-data", "unchanged"],
      ["dev-observability", "added"],
    ]);
    const report = renderReport(review, SUBJECT);
    expect(report).toContain("## dev");
    expect(report).toContain("### dev-observability (new stack)");
    expect(report).toContain("Unchanged: prod-data.");
    expect(renderReport(reviewTrees(base, head), SUBJECT)).toBe(report);
  });
});

describe("npm run review with synthesized directories", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  function writeTree(stacks: [string, StackJson][]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-test-"));
    dirs.push(dir);
    return writeSynthesizedTree(dir, stacks);
  }
  const base = () => writeTree([synthesized((stack) => database(stack))]);

  test("--fail-on-destroy exits 1 when a stateful resource would be destroyed, and writes the report", () => {
    const out = path.join(base(), "review.md");
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const code = runReview(
        [
          "--base-dir",
          base(),
          "--head-dir",
          writeTree([synthesized(() => undefined)]),
          "--out",
          out,
          "--fail-on-destroy",
        ],
        () => undefined,
      );
      expect(code).toBe(1);
      expect(log.mock.calls[0][0]).toBe(
        "review: 0 added, 1 removed, 0 renamed, 0 changed in 1 stack; 1 replaced, 1 dangerous, 0 impossible; 0 stacks downstream",
      );
      expect(error.mock.calls[0][0]).toMatch(
        /--fail-on-destroy: 1 stateful resource\(s\) would be destroyed, replaced or renamed/,
      );
      expect(fs.readFileSync(out, "utf8")).toContain("## Dangerous changes");
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  test("a harmless change exits 0 even with --fail-on-destroy", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const head = writeTree([synthesized((stack) => database(stack, "Database", { tags: { Owner: "x" } }))]);
      const out = path.join(head, "review.md");
      expect(
        runReview(["--base-dir", base(), "--head-dir", head, "--out", out, "--fail-on-destroy"], () => undefined),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
  });

  test.each([
    [["--base"], /Option '--base <value>' argument missing\nusage: npm run review -- \[--base <git ref>\]/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
    [["--base", "main", "--base-dir", "x"], /--base and --base-dir exclude each other/],
  ])("refuses %j", (argv, message) => {
    expect(() => runReview(argv)).toThrow(message);
  });
});
