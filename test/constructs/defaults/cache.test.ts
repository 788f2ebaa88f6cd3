import { RedisCluster } from "../../../constructs/cache/redis-cluster";
import { listOf, named, onlyOf, ref, synth, testStack } from "../../helpers";

/** A cache built with only the required props. */
function build() {
  const stack = testStack();
  const cache = new RedisCluster(stack, "Cache", {
    namePrefix: "acme-test",
    region: "eu-west-1",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  });
  return { cache, json: synth(stack) };
}

describe("RedisCluster defaults", () => {
  const { cache, json } = build();
  const group = onlyOf(json, "aws_elasticache_replication_group");

  test("runs 2 shards when shards is not given", () => {
    expect(group.num_node_groups).toBe(2);
    expect(new Set(cache.nodeMetrics.map((node) => node.shard))).toEqual(new Set([1, 2]));
  });

  test("gives each shard 1 replica, Multi-AZ, when replicasPerShard is not given", () => {
    expect(group).toMatchObject({
      replicas_per_node_group: 1,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
    });
    expect(cache.nodeMetrics.map((node) => node.cacheClusterId)).toEqual([
      "acme-test-cache-0001-001",
      "acme-test-cache-0001-002",
      "acme-test-cache-0002-001",
      "acme-test-cache-0002-002",
    ]);
  });

  test("evicts any key, least recently used first, when evictionPolicy is not given", () => {
    expect(named(json, "aws_elasticache_parameter_group", "ParameterGroup")[1].parameter).toEqual([
      { name: "cluster-enabled", value: "yes" },
      { name: "maxmemory-policy", value: "allkeys-lru" },
    ]);
  });

  test("keeps 7 days of snapshots when snapshotRetentionDays is not given", () => {
    expect(group.snapshot_retention_limit).toBe(7);
  });

  test("snapshots at 04:00-05:00 UTC when snapshotWindow is not given", () => {
    expect(group.snapshot_window).toBe("04:00-05:00");
  });

  test("maintains on Sundays 05:30-06:30 UTC when maintenanceWindow is not given", () => {
    expect(group.maintenance_window).toBe("sun:05:30-sun:06:30");
  });

  test("keeps the slow and engine logs for 365 days when logRetentionDays is not given", () => {
    for (const id of ["SlowLogGroup", "EngineLogGroup"]) {
      expect(named(json, "aws_cloudwatch_log_group", id)[1].retention_in_days).toBe(365);
    }
  });

  test("creates one IAM user app that may run everything but dangerous commands when users is not given", () => {
    const [appId, app] = named(json, "aws_elasticache_user", "User-app");
    expect(app).toEqual({
      user_id: "acme-test-cache-app",
      user_name: "acme-test-cache-app",
      engine: "valkey",
      access_string: "on ~* &* +@all -@dangerous",
      authentication_mode: { type: "iam" },
    });
    expect(listOf(json, "aws_elasticache_user")).toHaveLength(2);
    const [defaultId] = named(json, "aws_elasticache_user", "DefaultUser");
    expect(onlyOf(json, "aws_elasticache_user_group").user_ids).toEqual([
      ref("aws_elasticache_user", defaultId, "user_id"),
      ref("aws_elasticache_user", appId, "user_id"),
    ]);
  });
});
