import { loadEnvironments } from "../../src/config/load";
import { expectedStackIds } from "../../stacks/environment";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readModel, runPreflight } from "../../src/preflight";
import { preflightCommand } from "../../src/tools/preflight";
import { platformOutput } from "../synthesized";
import { model, stackInput } from "./fixtures";

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-preflight-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Runs the command, capturing what it prints. */
function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = preflightCommand(
    argv,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

/** Writes fixture stacks as cdktf would: a manifest and one `cdk.tf.json` per stack. */
function writeOutput(dir: string, stacks: ReturnType<typeof stackInput>[]): void {
  const manifest: Record<string, unknown> = {};
  for (const stack of stacks) {
    const file = path.join("stacks", stack.id, "cdk.tf.json");
    fs.mkdirSync(path.join(dir, "stacks", stack.id), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(stack.json));
    manifest[stack.id] = { synthesizedStackPath: file, dependencies: stack.dependencies ?? [] };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ version: "stubbed", stacks: manifest }));
}

describe("the platform", () => {
  const { outdir } = platformOutput();

  test("every stack of every environment passes the preflight", () => {
    const result = runPreflight(readModel(outdir));

    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual([]);
  });

  test("npm run preflight prints the summary and exits 0", () => {
    const { code, out, err } = run(["--out", outdir]);

    expect(err).toEqual([]);
    const stacks = loadEnvironments().flatMap(expectedStackIds).length;
    expect(out).toEqual([`preflight: ${stacks} stacks, 11 rules, 0 finding(s), 0 suppressed`]);
    expect(code).toBe(0);
  });
});

describe("findings and suppressions", () => {
  const duplicate = {
    id: "prod-workloads",
    blocks: {
      "aws_vpc_security_group_ingress_rule.A": {
        security_group_id: "sg-1",
        cidr_ipv4: "10.0.0.0/8",
        ip_protocol: "tcp",
        from_port: 80,
        to_port: 80,
      },
      "aws_vpc_security_group_ingress_rule.B": {
        security_group_id: "sg-1",
        cidr_ipv4: "10.0.0.0/8",
        ip_protocol: "6",
        from_port: 80,
        to_port: 80,
      },
    },
  };

  test("one line per finding, RULE stack address: message, and exit 1", () => {
    const dir = tempDir();
    writeOutput(dir, [stackInput(duplicate)]);
    const { code, out } = run(["--out", dir]);

    expect(out).toEqual([
      "PF_SG_DUPLICATE_RULE prod-workloads aws_vpc_security_group_ingress_rule.B: ingress tcp 80-80 with 10.0.0.0/8 is already granted by aws_vpc_security_group_ingress_rule.A; EC2 rejects it as InvalidPermission.Duplicate. Write one rule per distinct permission (for example one per port, not one per service)",
      "preflight: 1 stacks, 11 rules, 1 finding(s), 0 suppressed",
    ]);
    expect(code).toBe(1);
  });

  test("a suppression with its reason accepts the finding; one that matches nothing is a finding itself", () => {
    const suppression = {
      rule: "PF_SG_DUPLICATE_RULE",
      stack: "prod-workloads",
      resource: "aws_vpc_security_group_ingress_rule.B",
      justification: "Imported rule that the next change removes",
    };
    const stale = { ...suppression, resource: "aws_vpc_security_group_ingress_rule.C" };
    const result = runPreflight(model(duplicate), [suppression, stale]);

    expect(result.suppressed.map((entry) => entry.justification)).toEqual([suppression.justification]);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.address}: ${finding.message}`)).toEqual([
      "PF_STALE_SUPPRESSION aws_vpc_security_group_ingress_rule.C: the suppression of PF_SG_DUPLICATE_RULE matches no finding; remove it from preflight.suppressions",
    ]);
  });
});

describe("bad input", () => {
  test("no synthesized output", () => {
    const dir = path.join(tempDir(), "missing");
    const { code, err } = run(["--out", dir]);

    expect(err).toEqual([
      `preflight: ${path.join(dir, "manifest.json")} does not exist: no synthesized output here; synthesize first (npm run synth) or pass --out <dir>`,
    ]);
    expect(code).toBe(2);
  });

  test("a partial output: the manifest lists a stack whose file is missing", () => {
    const dir = tempDir();
    writeOutput(dir, [stackInput({ id: "prod-network" })]);
    fs.rmSync(path.join(dir, "stacks", "prod-network"), { recursive: true });
    const { code, err } = run(["--out", dir]);

    expect(err[0]).toBe(
      `preflight: ${path.join(dir, "stacks/prod-network/cdk.tf.json")} does not exist: the manifest lists stack prod-network but its file is missing (a partial output); synthesize first (npm run synth) or pass --out <dir>`,
    );
    expect(code).toBe(2);
  });

  test("a stack file that is not JSON", () => {
    const dir = tempDir();
    writeOutput(dir, [stackInput({ id: "prod-network" })]);
    fs.writeFileSync(path.join(dir, "stacks", "prod-network", "cdk.tf.json"), '{"resource": ');
    const { code, err } = run(["--out", dir]);

    expect(err[0]).toMatch(
      new RegExp(
        `^preflight: ${path.join(dir, "stacks/prod-network/cdk.tf.json")} is not valid JSON \\(.+\\); synthesize first`,
      ),
    );
    expect(code).toBe(2);
  });

  test("options it does not know, and --out without a directory: the problem and the usage line, exit 2", () => {
    const usage = "usage: npm run preflight -- [--out <dir>] (--help for more)";
    expect(run(["--strict"])).toMatchObject({
      code: 2,
      err: [`npm run preflight: Unknown option '--strict'\n${usage}`],
    });
    expect(run(["--out"])).toMatchObject({
      code: 2,
      err: [`npm run preflight: Option '--out <value>' argument missing\n${usage}`],
    });
  });

  test("--help describes it and runs nothing", () => {
    const result = run(["--help", "--out", "/nonexistent"]);
    expect(result.code).toBe(0);
    expect(result.out.join("\n")).toMatch(/^npm run preflight: check the synthesized stacks/);
    expect(result.err).toEqual([]);
  });
});
