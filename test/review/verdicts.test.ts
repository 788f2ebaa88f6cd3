import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { environments } from "../../src/config/environments";
import { type EnvironmentOverrides, resolveRegistered } from "../../src/config/load";
import { type Review, reviewTrees, type Verdict } from "../../src/review/diff";
import type { SynthesizedTree } from "../../src/review/synthesized";
import { runReview } from "../../src/tools/review";
import { defineEnvironment, expectedStackIds } from "../../stacks/environment";
import { synthApp, writeSynthesizedTree } from "../helpers";
import { platformStacks } from "../synthesized";

/**
 * The fixture set of changes to prod, each synthesized for real and reviewed against prod as it is: the verdict of
 * each (replaced, dangerous, impossible, safe), with no false alarm on a tag change, and `--fail-on-dangerous`
 * failing on every dangerous one.
 */
const prod = environments.prod;

/**
 * Prod's own stacks, without its standby's (`prod-euc1-*`): the fixtures change the primary, and synthesizing only
 * its eight stacks keeps this file fast (the standby's review is test/review/failover.test.ts's).
 */
const isPrimary = (id: string) => id.startsWith("prod-") && !id.startsWith("prod-euc1-");

function synthesize(overrides: EnvironmentOverrides): SynthesizedTree {
  const app = Testing.app();
  const config = resolveRegistered("prod", overrides);
  defineEnvironment(app, config);
  return {
    stacks: new Map(
      Object.entries(synthApp(app, expectedStackIds(config).filter(isPrimary))),
    ) as SynthesizedTree["stacks"],
  };
}

/** `verdict type address` of every change that is not safe, sorted. */
function verdicts(review: Review): string[] {
  return review.stacks
    .flatMap((stack) => stack.changes)
    .filter((change) => change.verdict !== "safe")
    .map((change) => `${change.verdict} ${change.address}`)
    .sort();
}

const worst = (review: Review): Verdict =>
  review.impossible.length > 0
    ? "impossible"
    : review.dangerous.length > 0
      ? "dangerous"
      : review.replaced.length > 0
        ? "replaced"
        : "safe";

const FIXTURES: Record<string, Partial<EnvironmentOverrides>> = {
  "a tag": { tags: { ...prod.tags, owner: "data-team" } },
  "the VPC CIDR": { network: { ...prod.network, vpcCidr: "10.32.0.0/16" } },
  "PostgreSQL 17 to 16": { database: { ...prod.database, engineVersion: "16" } },
  "Kubernetes 1.35 to 1.34": { eks: { ...prod.eks, kubernetesVersion: "1.34" } },
  "the Kafka broker volume 100 to 50 GiB": { kafka: { ...prod.kafka, volumeSizeGiB: 50 } },
  // A non-production environment has no standby (dr is production only).
  "production off": { production: false, dr: undefined },
  "a topic's partitions": {
    kafka: {
      ...prod.kafka,
      topics: {
        ...prod.kafka!.topics,
        events_ingested: { partitions: 48, retentionHours: 72, deadLetterRetentionHours: 336 },
      },
    },
  },
};
const heads = Object.fromEntries(
  Object.entries(FIXTURES).map(([name, change]) => [name, synthesize({ ...prod, ...change } as EnvironmentOverrides)]),
);
/**
 * Prod as config has it: its stacks from the shared synth of the platform (test/synthesized.ts). Read after the
 * fixtures' own synths, so that a worker waiting for the shared synth has done its own work first.
 */
const base: SynthesizedTree = {
  stacks: new Map(Object.entries(platformStacks()).filter(([id]) => isPrimary(id))) as SynthesizedTree["stacks"],
};
const reviews = Object.fromEntries(Object.entries(heads).map(([name, head]) => [name, reviewTrees(base, head)]));

describe("the review's verdict on each fixture change to prod", () => {
  test("a tag change is safe everywhere: no false alarm", () => {
    const review = reviews["a tag"];
    expect(worst(review)).toBe("safe");
    expect(verdicts(review)).toEqual([]);
    expect(review.stacks.filter((stack) => stack.status === "changed").length).toBeGreaterThan(0);
  });

  test("a new VPC CIDR replaces the VPC and every subnet (dangerous), and lists the stacks downstream", () => {
    const review = reviews["the VPC CIDR"];
    expect(worst(review)).toBe("dangerous");
    const replaced = verdicts(review).filter((line) => / aws_(vpc|subnet)\./.test(line));
    expect(replaced.filter((line) => line.includes("aws_vpc.")).length).toBe(1);
    expect(replaced.filter((line) => line.includes("aws_subnet.")).length).toBe(9);
    expect(replaced.every((line) => line.startsWith("dangerous "))).toBe(true);
    expect(review.affected.map((stack) => stack.stackId)).toEqual(
      expect.arrayContaining(["prod-data", "prod-cluster", "prod-workloads", "prod-edge"]),
    );
    expect(review.affected.every((stack) => stack.from === "prod-network")).toBe(true);
  });

  test("PostgreSQL 17 to 16 is impossible (RDS does not downgrade); its parameter group family is replaced", () => {
    const review = reviews["PostgreSQL 17 to 16"];
    expect(worst(review)).toBe("impossible");
    expect(review.impossible.map((change) => change.type)).toEqual(expect.arrayContaining(["aws_db_instance"]));
    expect(review.impossible[0].findings[0].reason).toMatch(/^engine_version: 17 → 16: RDS does not downgrade/);
    expect(verdicts(review)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^replaced aws_db_parameter_group\./)]),
    );
  });

  test("Kubernetes 1.35 to 1.34 is impossible", () => {
    const review = reviews["Kubernetes 1.35 to 1.34"];
    expect(worst(review)).toBe("impossible");
    expect(review.impossible.map((change) => change.type)).toContain("aws_eks_cluster");
  });

  test("a smaller Kafka volume is flagged although storage auto scaling owns the size (ignore_changes)", () => {
    const review = reviews["the Kafka broker volume 100 to 50 GiB"];
    expect(worst(review)).toBe("dangerous");
    const [cluster] = review.dangerous.filter((change) => change.type === "aws_msk_cluster");
    expect(cluster.findings[0].reason).toMatch(/volume_size: 100 → 50: MSK broker storage cannot shrink.*no effect/);
  });

  test("production off removes prevent_destroy from every stateful resource, and its smaller defaults shrink storage", () => {
    const review = reviews["production off"];
    // The non-production defaults would shrink the database's storage, which RDS refuses.
    expect(worst(review)).toBe("impossible");
    expect(
      review.impossible.map((change) => change.findings.map((finding) => finding.reason.split(":")[0])),
    ).toContainEqual(expect.arrayContaining(["allocated_storage"]));
    const unprotected = review.dangerous.filter((change) =>
      change.findings.some((finding) => finding.reason.startsWith("lifecycle.prevent_destroy")),
    );
    expect(unprotected.map((change) => change.type)).toEqual(
      expect.arrayContaining([
        "aws_db_instance",
        "aws_elasticache_replication_group",
        "aws_msk_cluster",
        "aws_kms_key",
      ]),
    );
  });

  test("six Kafka brokers down to three is dangerous (their partitions must move off first)", () => {
    const sixBrokers = synthesize({ ...prod, kafka: { ...prod.kafka, brokerCount: 6 } } as EnvironmentOverrides);
    const review = reviewTrees(sixBrokers, base);
    expect(worst(review)).toBe("dangerous");
    const [cluster] = review.dangerous.filter((change) => change.type === "aws_msk_cluster");
    expect(cluster.findings.map((finding) => finding.reason)).toContainEqual(
      expect.stringMatching(/^number_of_broker_nodes: 6 → 3: removing brokers needs their partitions moved off first/),
    );
  });

  test("a topic change renames the topics Job, which forces its replacement (no state: replaced)", () => {
    const review = reviews["a topic's partitions"];
    expect(verdicts(review)).toEqual(expect.arrayContaining([expect.stringMatching(/^replaced kubernetes_job_v1\./)]));
  });
});

describe("--fail-on-dangerous", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  function write(tree: SynthesizedTree): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdicts-"));
    dirs.push(dir);
    return writeSynthesizedTree(dir, tree.stacks);
  }
  const baseDir = write(base);

  test.each(Object.keys(FIXTURES))("on %s: exits 1 exactly when the change is dangerous or impossible", (name) => {
    const out = path.join(baseDir, `${name.replace(/\W+/g, "-")}.md`);
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const headDir = write(heads[name]);
      const code = runReview(
        ["--base-dir", baseDir, "--head-dir", headDir, "--out", out, "--fail-on-dangerous"],
        () => undefined,
      );
      const impossible = reviews[name].impossible.length > 0;
      expect(code).toBe(["a tag", "a topic's partitions"].includes(name) ? 0 : impossible ? 3 : 1);
      expect(fs.readFileSync(out, "utf8")).toContain("# Plan preview (offline)");
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
