import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EnvironmentOverrides } from "../src/config/load";
import { environments } from "../src/config/environments";
import { ConfigError, loadEnvironments } from "../src/config/load";
import { GuardrailError, PreflightError } from "../src/errors";
import { expectedStackIds } from "../stacks/environment";
import { synthesizePlatform } from "../src/synth";
import { platformOutput } from "./synthesized";

/** Every file under `dir`, relative path → contents. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  }
  return files;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-synth-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of the whole platform's synth (test/synthesized.ts) to synthesize over. */
function copyOfPlatform(): string {
  const outdir = path.join(tempDir(), "cdktf.out");
  fs.cpSync(platformOutput().outdir, outdir, { recursive: true });
  return outdir;
}

describe("synthesizePlatform", () => {
  const second = path.join(tempDir(), "elsewhere", "cdktf.out");
  fs.mkdirSync(path.dirname(second), { recursive: true });
  // One environment again, elsewhere: staging, the largest without a standby (.ci/run compares two whole synths,
  // prod's standby included). First: a worker waiting for the shared synth has done its own work.
  synthesizePlatform({ outdir: second, selection: "staging" });
  // The whole platform, synthesized once per test run by synthesizePlatform() and shared by the test files.
  const result = platformOutput();
  const first = result.outdir;
  const firstTree = readTree(first);
  const secondTree = readTree(second);

  test("writes every stack of every environment and the manifest", () => {
    expect(result.stackIds).toEqual(loadEnvironments().flatMap(expectedStackIds));
    expect(result.stackIds.filter((id) => /^(dev|staging|prod)-/.test(id))).toEqual([
      "dev-network",
      "dev-data",
      "dev-cluster",
      "dev-addons",
      "dev-workloads",
      "dev-edge",
      "dev-observability",
      "staging-bootstrap",
      "staging-network",
      "staging-data",
      "staging-cluster",
      "staging-addons",
      "staging-workloads",
      "staging-edge",
      "staging-observability",
      "prod-bootstrap",
      "prod-network",
      "prod-data",
      "prod-cluster",
      "prod-addons",
      "prod-workloads",
      "prod-edge",
      "prod-observability",
      "prod-euc1-bootstrap",
      "prod-euc1-network",
      "prod-euc1-data",
      "prod-euc1-cluster",
      "prod-euc1-addons",
      "prod-euc1-workloads",
      "prod-euc1-edge",
      "prod-euc1-observability",
    ]);
    expect(Object.keys(firstTree).sort()).toEqual([
      "manifest.json",
      ...result.stackIds.map((id) => `stacks/${id}/cdk.tf.json`).sort(),
    ]);
  });

  test("is deterministic: two synths in different directories give the same bytes", () => {
    const stagingFiles = Object.keys(secondTree).filter((file) => file.startsWith("stacks/"));
    expect(stagingFiles.length).toBeGreaterThanOrEqual(8);
    expect(stagingFiles.every((file) => file.startsWith("stacks/staging-"))).toBe(true);
    for (const file of stagingFiles) {
      expect(secondTree[file]).toBe(firstTree[file]);
    }
  });

  test("writes no absolute path, home directory or timestamp", () => {
    const everything = Object.values(firstTree).join("\n");

    // The synth directories themselves live under the temp directory; "/tmp" alone is legitimate content (a pod's
    // scratch mount).
    for (const machineSpecific of [first, second, process.cwd(), os.homedir()]) {
      expect(everything).not.toContain(machineSpecific);
    }
    expect(everything).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  test("synthesizes only the selected environments and removes the stacks of the others", () => {
    const outdir = copyOfPlatform();
    const selected = synthesizePlatform({ outdir, selection: "dev" });

    expect(selected.stackIds).toEqual([
      "dev-network",
      "dev-data",
      "dev-cluster",
      "dev-addons",
      "dev-workloads",
      "dev-edge",
      "dev-observability",
    ]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual([
      "dev-addons",
      "dev-cluster",
      "dev-data",
      "dev-edge",
      "dev-network",
      "dev-observability",
      "dev-workloads",
    ]);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks)).toEqual([
      "dev-addons",
      "dev-cluster",
      "dev-data",
      "dev-edge",
      "dev-network",
      "dev-observability",
      "dev-workloads",
    ]);
  });

  test("the manifest orders deploys: network, data and cluster, the cluster's add-ons, workloads, the edge, observability", () => {
    const manifest = JSON.parse(firstTree["manifest.json"]);

    for (const environment of ["dev", "staging", "prod"]) {
      expect(manifest.stacks[`${environment}-data`].dependencies).toEqual([`${environment}-network`]);
      expect(manifest.stacks[`${environment}-cluster`].dependencies).toEqual([`${environment}-network`]);
      expect([...manifest.stacks[`${environment}-addons`].dependencies].sort()).toEqual([
        `${environment}-cluster`,
        `${environment}-data`,
        `${environment}-network`,
      ]);
      expect([...manifest.stacks[`${environment}-workloads`].dependencies].sort()).toEqual([
        `${environment}-addons`,
        `${environment}-cluster`,
        `${environment}-data`,
        `${environment}-network`,
      ]);
      expect([...manifest.stacks[`${environment}-edge`].dependencies].sort()).toEqual([
        `${environment}-network`,
        `${environment}-workloads`,
      ]);
      // Node groups' auto-scaling groups and the load balancer's ARN suffix are the dashboard's and alarms' dimensions;
      // the Grafana dashboard goes into the add-ons' monitoring namespace.
      expect([...manifest.stacks[`${environment}-observability`].dependencies].sort()).toEqual([
        `${environment}-addons`,
        `${environment}-cluster`,
        `${environment}-workloads`,
      ]);
    }
  });

  describe("atomic synth: the output directory changes only when every stack passes", () => {
    const { dev, staging } = environments;
    /** A synth of dev alone, then a failing synth into the same directory: the directory must be as it was. */
    function failingOver(registry: Record<string, EnvironmentOverrides>, error: new (...args: never[]) => Error) {
      const outdir = copyOfPlatform();
      const before = readTree(outdir);
      let thrown: unknown;
      try {
        synthesizePlatform({ outdir, registry });
      } catch (caught) {
        thrown = caught;
      }
      expect(thrown).toBeInstanceOf(error);
      expect(readTree(outdir)).toEqual(before);
      // No staging folder is left next to it.
      expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
      return thrown as Error;
    }

    test("a guardrail error leaves the output as it was", () => {
      failingOver(
        { dev: { ...dev, cache: { ...dev.cache, transitEncryption: false } } as EnvironmentOverrides },
        GuardrailError,
      );
    });

    test("a preflight finding leaves the output as it was (two environments of one account both create its singletons)", () => {
      const sameAccount = { ...dev, aws: { ...dev.aws, accountId: "222222222222" } } as EnvironmentOverrides;
      expect(failingOver({ dev: sameAccount, staging }, PreflightError).message).toMatch(
        /^Preflight: \d+ finding\(s\) that the AWS APIs would refuse at apply time; nothing was written to .*\n {2}PF_/,
      );
    });
  });

  test("writes nothing when the config is invalid", () => {
    const outdir = path.join(tempDir(), "out");
    const registry = { dev: { environment: "dev", network: { azCount: 1 } } as unknown as EnvironmentOverrides };

    expect(() => synthesizePlatform({ outdir, registry })).toThrow(ConfigError);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe("the app entry point", () => {
  test("exits non-zero with one message per problem and writes nothing for an unknown environment", () => {
    const cwd = tempDir();
    const run = spawnSync(process.execPath, [path.resolve(__dirname, "../dist/src/main.js")], {
      cwd,
      env: { ...process.env, PLATFORM_ENVS: "dev,qa", CDKTF_OUTDIR: "cdktf.out" },
      encoding: "utf8",
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `PLATFORM_ENVS: unknown environment "qa"; expected one or more of ${Object.keys(environments).join(", ")}`,
    );
    expect(run.stderr).toContain("Nothing was synthesized.");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
