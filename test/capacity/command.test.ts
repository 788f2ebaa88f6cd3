import { helpText, usageLine } from "../../src/tools/command-line";
import { capacityCommand } from "../../src/tools/capacity";
import { CAPACITY, SCRIPTS } from "../../src/tools/commands";
import { databaseEnvironment } from "../../constructs/services/access";
import { environments } from "../../src/config/environments";
import { ConfigError, type EnvironmentOverrides, resolveRegistered } from "../../src/config/load";
import { mergeConfig } from "../../src/config/merge";
import { databasePoolSize } from "../../src/config/services-schema";

/** Runs the command, capturing what it prints. */
function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = capacityCommand(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run capacity", () => {
  test("prints a table for every environment; problems of non-production ones are warnings", () => {
    const result = run([]);
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    for (const name of Object.keys(environments)) {
      expect(result.out).toMatch(new RegExp(`^${name} \\(`, "m"));
    }
    expect(result.out).toContain("prod (production: problems fail synth; capacity.minHeadroom 10): no problems");
    expect(result.out).toMatch(/^ {2}check {7}resource +used +limit +unit +ratio +need +status +detail$/m);
    expect(result.out).toMatch(
      /^ {2}database {4}shard-0 writer via proxy +300 +1,621 +connections +5\.4x +1x +ok +service auth \(30 replicas x 10 = 300\); proxy: 90% of max_connections 1,802 for db\.r7g\.large$/m,
    );
    expect(result.out).toMatch(/^ {2}headroom +database read replicas +2 +15 +replicas +7\.5x +10x +capped /m);
    expect(result.out).not.toContain("error: [prod]");
  });

  test("--env picks environments, --json prints the rows", () => {
    const result = run(["--env", "prod", "--json"]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as Array<Record<string, unknown>>;
    // Prod, then its standby after a failover.
    expect(new Set(rows.map((row) => row.environment))).toEqual(new Set(["prod", "prod-euc1"]));
    expect(rows).toContainEqual(
      expect.objectContaining({
        check: "database",
        resource: "shard-0 writer via proxy",
        used: 300,
        limit: 1621,
        unit: "connections",
        required: 1,
        status: "ok",
      }),
    );
    expect(new Set(rows.map((row) => row.check))).toEqual(new Set(["database", "scheduling", "kafka", "headroom"]));
  });

  test("bad options: an unknown environment or option, with the usage line; --help runs nothing", () => {
    const unknown = run(["--env", "qa"]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe("");
    expect(unknown.err).toContain('unknown environment "qa"; expected one of');
    expect(unknown.err).toContain(usageLine(CAPACITY));
    const option = run(["--frobnicate"]);
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '--frobnicate'");
    expect(run(["--help"])).toEqual({ code: 0, out: helpText(CAPACITY), err: "" });
    expect(SCRIPTS.capacity.spec).toBe(CAPACITY);
  });
});

describe("database pool", () => {
  const prodWith = (change: object) =>
    resolveRegistered("prod", mergeConfig(environments.prod, change).value as EnvironmentOverrides);

  test("the pool the check counts is the one the container gets as DB_POOL_SIZE", () => {
    const config = prodWith({ services: { auth: { databasePool: { writer: 25 } } } });
    expect(databasePoolSize(config.services.auth)).toBe(25);
    expect(databasePoolSize(config.services.reports)).toBe(10);
    expect(databasePoolSize(config.services.ingestion)).toBe(0);
    const target = {
      shardMapParameterName: "/acme/prod/database/shard-map",
      shardMapParameter: { arn: "arn:shard-map" },
      iamConnectArns: () => [],
      readerConnectArns: () => [],
    };
    expect(databaseEnvironment(target, "read-write", "auth", databasePoolSize(config.services.auth))).toMatchObject({
      DB_POOL_SIZE: "25",
    });
  });

  test("a writer pool on a read-only service, or a reader pool on a read-write one, is refused", () => {
    expect(() =>
      prodWith({ services: { reports: { databasePool: { writer: 5 } }, auth: { databasePool: { reader: 5 } } } }),
    ).toThrow(ConfigError);
    try {
      prodWith({ services: { reports: { databasePool: { writer: 5 } }, auth: { databasePool: { reader: 5 } } } });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        '[prod] services.auth.databasePool.reader: 5 has no effect: the service\'s database access is "read-write"; expected a reader pool only with database "read-only"',
        '[prod] services.reports.databasePool.writer: 5 has no effect: the service\'s database access is "read-only"; expected a writer pool only with database "read-write"',
      ]);
    }
  });
});
