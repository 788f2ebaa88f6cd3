import { estimateStacks } from "../../src/cost/estimate";
import { loadEnvironments } from "../../src/config/load";
import { costCommand } from "../../src/tools/cost";
import { COST } from "../../src/tools/commands";
import { helpText } from "../../src/tools/command-line";
import { platformOutput, platformStacks } from "../synthesized";

/** `npm run cost` on the platform's shared synth (test/synthesized.ts), read with --from: no synth of its own. */

function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = costCommand(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const environments = () => loadEnvironments().map((config) => config.environment);

describe("npm run cost", () => {
  test("prints every environment: its totals, a row per stack, the top items and what is not priced", () => {
    const { code, out, err } = run(["--from", platformOutput().outdir]);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    for (const environment of environments()) {
      expect(out).toMatch(
        new RegExp(`^${environment}: \\$[\\d,]+\\.\\d\\d a month at baseline, \\$[\\d,]+\\.\\d\\d at max scale`, "m"),
      );
      expect(out).toMatch(new RegExp(`^  ${environment}-data +eu-`, "m"));
    }
    // In config's order, non-production first.
    const positions = environments().map((environment) => out.search(new RegExp(`^${environment}: `, "m")));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain("  top items (baseline / max):");
    expect(out).toContain("  not priced (never counted as zero):");
  });

  test("--json: totals, stacks with their priced lines and prices, the top items and the not-priced groups", () => {
    const { code, out } = run(["--from", platformOutput().outdir, "--json", "--env", "dev"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ currency: "USD", hoursPerMonth: 730, pricesRead: "2026-12-04" });
    expect(json.environments.map((environment: { environment: string }) => environment.environment)).toEqual(["dev"]);
    const [dev] = json.environments;
    expect(dev).toEqual({
      environment: "dev",
      baseline: expect.any(Number),
      max: expect.any(Number),
      usage: expect.objectContaining({ spotDiscountPercent: expect.any(Number) }),
      stacks: expect.arrayContaining([
        expect.objectContaining({ stackId: "dev-data", region: "eu-west-1", lines: expect.any(Array) }),
      ]),
      top: expect.any(Array),
      unpriced: expect.any(Array),
    });
    const line = dev.stacks.flatMap((stack: { lines: unknown[] }) => stack.lines)[0];
    expect(line).toEqual({
      address: expect.any(String),
      type: expect.any(String),
      what: expect.any(String),
      baseline: expect.any(Number),
      max: expect.any(Number),
      priceKey: expect.any(String),
      price: expect.objectContaining({ usd: expect.any(Number), source: expect.any(String), read: "2026-12-04" }),
    });
    expect(dev.unpriced[0]).toEqual({
      type: expect.any(String),
      what: expect.any(String),
      reason: expect.any(String),
      count: expect.any(Number),
      stacks: expect.any(Array),
    });
    const sum = dev.stacks.reduce((total: number, stack: { baseline: number }) => total + stack.baseline, 0);
    expect(sum).toBeCloseTo(dev.baseline, 1);
  });

  test("bad arguments exit 2 with the usage line; --help runs nothing", () => {
    const unknown = run(["--from", platformOutput().outdir, "--env", "qa"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown environment "qa"; expected one of dev, staging, prod/);
    expect(run(["--frobnicate"]).code).toBe(2);
    expect(run(["--help"])).toEqual({ code: 0, out: helpText(COST), err: "" });
  });
});

describe("the platform's stacks", () => {
  const estimate = () => estimateStacks(new Map(Object.entries(platformStacks())));

  test("every resource type is priced, has no charge of its own, or is named with its reason", () => {
    const unknownTypes = estimate()
      .flatMap((environment) => environment.stacks.flatMap((stack) => stack.unpriced))
      .filter((item) => item.reason === "resource type not in the price table")
      .map((item) => item.type);
    expect([...new Set(unknownTypes)]).toEqual([]);
  });

  test("each environment's standby is part of it, priced in its own region; max is never below baseline", () => {
    for (const environment of estimate()) {
      expect(environment.max).toBeGreaterThanOrEqual(environment.baseline - 1e-9);
      for (const stack of environment.stacks) {
        expect(stack.stackId.startsWith(`${environment.environment}-`)).toBe(true);
      }
    }
    const prod = estimate().find((environment) => environment.environment === "prod")!;
    const standby = prod.stacks.filter((stack) => /^prod-[a-z]+\d+-/.test(stack.stackId));
    for (const stack of standby) {
      expect(stack.region).not.toBe("eu-west-1");
    }
  });

  test("dev's Spot node group: its synthesized sizes at t4g.large's eu-west-1 price less 60%", () => {
    const dev = estimate().find((environment) => environment.environment === "dev")!;
    const cluster = platformStacks()["dev-cluster"] as { resource: Record<string, Record<string, any>> };
    const [[name, group]] = Object.entries(cluster.resource.aws_eks_node_group);
    const line = dev.stacks
      .flatMap((stack) => stack.lines)
      .find(
        (candidate) => candidate.address === `aws_eks_node_group.${name}` && candidate.priceKey.startsWith("ec2:"),
      )!;
    expect(group.instance_types[0]).toBe("t4g.large");
    expect(group.capacity_type).toBe("SPOT");
    // 0.0736 x 730 x 0.4 = 21.4912 a node.
    expect(line.baseline).toBeCloseTo(group.scaling_config.desired_size * 21.4912, 6);
    expect(line.max).toBeCloseTo(group.scaling_config.max_size * 21.4912, 6);
  });
});
