import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { headroomRows } from "../../src/capacity/headroom";
import { checkCapacity, capacityProblems } from "../../src/capacity/report";
import { environments } from "../../src/config/environments";
import { ConfigError, type EnvironmentOverrides, loadEnvironments } from "../../src/config/load";
import { mergeConfig } from "../../src/config/merge";
import { synthesizePlatform } from "../../src/synth";
import { edited } from "./fixtures";

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** An output directory holding an earlier synth's file, which a failed synth must leave alone. */
function earlierOutput(): { parent: string; outdir: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "platform-capacity-"));
  tempDirs.push(parent);
  const outdir = path.join(parent, "cdktf.out");
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"earlier":true}');
  return { parent, outdir };
}

const prodWith = (change: object): EnvironmentOverrides =>
  mergeConfig(environments.prod, change).value as EnvironmentOverrides;

describe("capacity at synth", () => {
  const configs = loadEnvironments();
  const prod = configs.find((config) => config.environment === "prod")!;

  test("production as configured passes, every tier at its stated headroom (README)", () => {
    expect(capacityProblems(prod)).toEqual([]);
    expect(Object.fromEntries(headroomRows(prod).map((r) => [r.resource, [r.used, r.limit, r.status]]))).toEqual({
      "pods of service analytics": [2, 20, "ok"],
      "pods of service auth": [3, 30, "ok"],
      "pods of service ingestion": [3, 30, "ok"],
      "pods of service reports": [2, 20, "ok"],
      "nodes of node group system": [3, 30, "ok"],
      "nodes of node group services": [3, 30, "ok"],
      "monolith instances": [2, 20, "ok"],
      // A global datastore's primary (dr): shards change in config, up to ElastiCache's 500 per cluster.
      "cache shards": [2, 500, "ok"],
      "broker storage": [100, 1000, "ok"],
      "database storage": [100, 1000, "ok"],
      // RDS's 15 read replicas per source over the 2 configured: 7.5x, the most AWS allows
      "database read replicas": [2, 15, "capped"],
    });
  });

  test.each([
    // auth reads and writes through the proxy: 1,621 connections (90% of 1,802 for db.r7g.large)
    [
      "max replicas",
      { services: { auth: { databasePool: { writer: 50 }, replicas: { max: 40 } } } },
      "service auth (40 replicas x 50 = 2,000) need 2,000 connections; the proxy allows 1,621 (90% of max_connections 1,802 for db.r7g.large)",
    ],
    [
      "pool size",
      { services: { auth: { databasePool: { writer: 60 } } } },
      "service auth (30 replicas x 60 = 1,800) need 1,800 connections; the proxy allows 1,621 (90% of max_connections 1,802 for db.r7g.large)",
    ],
  ])("raising a prod service's %s past its budget fails synth and writes nothing", (_, change, numbers) => {
    const { parent, outdir } = earlierOutput();
    const run = () => synthesizePlatform({ outdir, registry: { prod: prodWith(change) } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(`[prod] capacity: database shard-0 writer via proxy: ${numbers}`);
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
    expect(fs.readdirSync(outdir)).toEqual(["manifest.json"]);
    expect(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).toBe('{"earlier":true}');
  });

  test("within the budget the same service passes: 30 replicas x 50 = 1,500 of 1,621", () => {
    const config = loadEnvironments(["prod"], {
      prod: prodWith({ services: { auth: { databasePool: { writer: 50 } } } }),
    });
    expect(capacityProblems(config[0])).toEqual([]);
  });

  test("production problems stop any synth; the selected others' are warnings", () => {
    const dev = configs.find((config) => config.environment === "dev")!;
    const crowdedDev = edited(dev, (c) => (c.services.auth.databasePool = { writer: 200 }));
    const warning =
      "[dev] capacity: database shard-0 writer: service auth (2 replicas x 200 = 400) need 400 connections; the writer allows max_connections 225 for db.t4g.small";
    expect(checkCapacity([crowdedDev, prod], ["dev"])).toEqual([warning]);
    expect(checkCapacity([crowdedDev, prod], ["prod"])).toEqual([]);
    const crowdedProd = edited(prod, (c) => (c.services.auth.databasePool = { writer: 60 }));
    // Prod's standby after a failover (one instance per shard) runs out too, and says so under its own name.
    expect(() => checkCapacity([crowdedDev, crowdedProd], ["dev"])).toThrow(
      /^Invalid configuration \(2 problems\):\n {2}- \[prod\] capacity: database shard-0 writer via proxy: service auth \(30 replicas x 60 = 1,800\).*\n {2}- \[prod-euc1\] capacity: database shard-0 writer \(and readers, no replica\)/,
    );
  });
});
