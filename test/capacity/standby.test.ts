import { environments } from "../../src/config/environments";
import { type EnvironmentOverrides, loadEnvironments } from "../../src/config/load";
import { mergeConfig } from "../../src/config/merge";
import { capacityReport, capacityScopes, checkCapacity } from "../../src/capacity";
import { failedOverStandby } from "../../src/capacity/standby";
import { capacityCommand } from "../../src/tools/capacity";

/** Prod as registered (with its standby), with `change` merged over its file. */
function prodWith(change: object): ReturnType<typeof loadEnvironments>[number] {
  const merged = mergeConfig(environments.prod, change).value as EnvironmentOverrides;
  return loadEnvironments(["prod"], { prod: merged })[0];
}

describe("the standby's capacity after a failover", () => {
  const prod = loadEnvironments(["prod"])[0];
  const standby = failedOverStandby(prod)!;

  test("is prod's sizes in the standby region, each shard one instance without proxy or replicas", () => {
    expect(standby.environment).toBe("prod-euc1");
    expect(standby.aws.region).toBe("eu-central-1");
    expect(standby.eks.nodeGroups.map((group) => group.minSize)).toEqual(prod.eks.nodeGroups.map((g) => g.minSize));
    expect(standby.monolith.minSize).toBe(prod.monolith.minSize);
    expect(standby.database).toMatchObject({ replicas: 0, proxy: { enabled: false } });
    expect(standby.kafka.brokerCount).toBe(prod.dr!.standby.kafkaBrokerCount);
    expect(failedOverStandby(loadEnvironments(["dev"])[0])).toBeUndefined();
  });

  test("puts the writers' and the readers' pools on the one instance of each shard", () => {
    const [database] = capacityReport(standby).filter((row) => row.check === "database");
    // auth 30 x 10 writes, analytics and reports 20 x 10 each read: all on the promoted instance.
    expect(database).toMatchObject({ resource: "shard-0 writer (and readers, no replica)", used: 700, limit: 1802 });
    expect(capacityReport(standby).filter((row) => row.problem !== undefined)).toEqual([]);
  });

  test("fails prod's synth when only the standby would run out: 30 x 50 writer connections fit the proxy, not the one instance", () => {
    const bigger = prodWith({ services: { auth: { databasePool: { writer: 50 } } } });
    const [primary, after] = capacityScopes(bigger);
    expect(capacityReport(primary.config).filter((row) => row.problem)).toEqual([]);
    expect(after.name).toBe("prod-euc1 (standby of prod, after a failover)");
    expect(() => checkCapacity([bigger], ["prod"])).toThrow(
      /capacity: database shard-0 writer \(and readers, no replica\): services auth \(30 replicas x 50 = 1,500\), analytics \(20 replicas x 10 = 200\), reports \(20 replicas x 10 = 200\) need 1,900 connections/,
    );
  });

  test("npm run capacity prints the standby's table after prod's", () => {
    const out: string[] = [];
    expect(
      capacityCommand(
        ["--env", "prod"],
        (text) => out.push(text),
        () => undefined,
      ),
    ).toBe(0);
    const text = out.join("\n");
    expect(text.indexOf("prod-euc1 (standby of prod, after a failover)")).toBeGreaterThan(
      text.indexOf("prod (production"),
    );
  });
});
