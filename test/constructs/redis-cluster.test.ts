import { replacementSuffix } from "../../constructs/core/replacement-name";
import { RedisCluster, type RedisClusterProps } from "../../constructs/cache/redis-cluster";
import { dataNamed, listOf, named, onlyOf, ref, synth, synthWithValues, testStack, type StackJson } from "../helpers";

const BASE: RedisClusterProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
};

function build(props: Partial<RedisClusterProps> = {}): { json: StackJson; cache: RedisCluster } {
  const stack = testStack();
  const cache = new RedisCluster(stack, "Cache", { ...BASE, ...props });
  return { json: synth(stack), cache };
}

function groupOf(json: StackJson): any {
  return onlyOf(json, "aws_elasticache_replication_group");
}

const AUTOSCALING = {
  shards: { min: 2, max: 6, targetPercent: 65 },
  replicas: { min: 1, max: 3, targetPercent: 60 },
};

describe("RedisCluster", () => {
  describe("topology", () => {
    test("a cluster-mode replication group of shards with replicas, failover and Multi-AZ", () => {
      const { json } = build({ shards: 3, replicasPerShard: 2 });

      expect(groupOf(json)).toMatchObject({
        replication_group_id: "acme-test-cache",
        engine: "valkey",
        engine_version: "8.0",
        node_type: "cache.r7g.large",
        port: 6379,
        cluster_mode: "enabled",
        num_node_groups: 3,
        replicas_per_node_group: 2,
        automatic_failover_enabled: true,
        multi_az_enabled: true,
        auto_minor_version_upgrade: "true",
      });
    });

    test("without replicas keeps failover on (cluster mode requires it) and turns Multi-AZ off", () => {
      const { json } = build({ shards: 1, replicasPerShard: 0, nodeType: "cache.t4g.small" });

      expect(groupOf(json)).toMatchObject({
        num_node_groups: 1,
        replicas_per_node_group: 0,
        automatic_failover_enabled: true,
        multi_az_enabled: false,
      });
    });

    test("a parameter group of the engine's family with cluster mode on and the eviction policy", () => {
      const { json } = build({ engine: "redis", engineVersion: "7.1", evictionPolicy: "volatile-lfu" });

      const [parameterGroupId, parameterGroup] = named(json, "aws_elasticache_parameter_group", "ParameterGroup");
      expect(parameterGroup).toMatchObject({
        // Replaced before destroyed on a new family: the name carries the hash of family and description.
        name: `acme-test-cache-redis7-${replacementSuffix({ family: "redis7", description: "Cluster-mode redis7 parameters of acme-test-cache" })}`,
        description: "Cluster-mode redis7 parameters of acme-test-cache",
        family: "redis7",
        parameter: [
          { name: "cluster-enabled", value: "yes" },
          { name: "maxmemory-policy", value: "volatile-lfu" },
        ],
        lifecycle: { create_before_destroy: true },
      });
      expect(groupOf(json)).toMatchObject({
        engine: "redis",
        engine_version: "7.1",
        parameter_group_name: ref("aws_elasticache_parameter_group", parameterGroupId, "name"),
      });
    });

    test("a subnet group on the given data subnets", () => {
      const { json } = build();

      const [subnetGroupId, subnetGroup] = named(json, "aws_elasticache_subnet_group", "SubnetGroup");
      expect(subnetGroup.subnet_ids).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
      expect(groupOf(json).subnet_group_name).toBe(ref("aws_elasticache_subnet_group", subnetGroupId, "name"));
    });

    test("exposes the configuration endpoint, port and the metrics of every node", () => {
      const stack = testStack();
      const cache = new RedisCluster(stack, "Cache", { ...BASE, shards: 2, replicasPerShard: 1 });
      const { json, values } = synthWithValues(stack, { endpoint: cache.configurationEndpoint, port: cache.port });

      const [groupId] = named(json, "aws_elasticache_replication_group", "Cache");
      expect(values.endpoint).toBe(ref("aws_elasticache_replication_group", groupId, "configuration_endpoint_address"));
      expect(values.port).toBe(6379);
      expect(cache.nodeMetrics.map((node) => node.cacheClusterId)).toEqual([
        "acme-test-cache-0001-001",
        "acme-test-cache-0001-002",
        "acme-test-cache-0002-001",
        "acme-test-cache-0002-002",
      ]);
      const metrics = cache.nodeMetrics[1].metrics;
      expect(Object.values(metrics).map((metric) => metric.metricName)).toEqual([
        "CacheHitRate",
        "EngineCPUUtilization",
        "DatabaseMemoryUsagePercentage",
        "CurrConnections",
        "Evictions",
        "ReplicationLag",
      ]);
      expect(metrics.cacheHitRate).toMatchObject({
        namespace: "AWS/ElastiCache",
        dimensions: { CacheClusterId: "acme-test-cache-0001-002" },
        statistic: "Average",
        unit: "Percent",
      });
    });
  });

  describe("encryption and authentication", () => {
    test("encrypts at rest with its own customer-managed key and requires TLS in transit", () => {
      const { json } = build();

      const [storageKeyId, storageKey] = named(json, "aws_kms_key", "StorageKey");
      expect(storageKey.enable_key_rotation).toBe(true);
      expect(groupOf(json)).toMatchObject({
        at_rest_encryption_enabled: "true",
        kms_key_id: ref("aws_kms_key", storageKeyId, "arn"),
        transit_encryption_enabled: true,
        transit_encryption_mode: "required",
      });
    });

    test("users authenticate with IAM, the default user is switched off, and no user has a password", () => {
      const stack = testStack();
      const cache = new RedisCluster(stack, "Cache", {
        ...BASE,
        users: { app: "on ~* &* +@all -@dangerous", reader: "on ~* &* +@read" },
      });
      const { json, values } = synthWithValues(stack, { connect: cache.connectArns("reader") });

      const [defaultId, defaultUser] = named(json, "aws_elasticache_user", "DefaultUser");
      expect(defaultUser).toMatchObject({
        user_id: "acme-test-cache-default",
        user_name: "default",
        engine: "valkey",
        access_string: "off -@all",
        no_password_required: true,
      });
      // `authentication_mode { type = "no-password-required" }` reads back as "no-password": a change in every plan.
      expect(defaultUser.authentication_mode).toBeUndefined();
      const [appId, app] = named(json, "aws_elasticache_user", "User-app");
      expect(app).toMatchObject({
        user_id: "acme-test-cache-app",
        user_name: "acme-test-cache-app",
        access_string: "on ~* &* +@all -@dangerous",
        authentication_mode: { type: "iam" },
      });
      const [readerId, reader] = named(json, "aws_elasticache_user", "User-reader");
      expect(reader.authentication_mode).toEqual({ type: "iam" });
      for (const user of listOf(json, "aws_elasticache_user")) {
        expect(user).not.toHaveProperty("passwords");
        expect(user.authentication_mode ?? {}).not.toHaveProperty("passwords");
      }

      const [userGroupId, userGroup] = named(json, "aws_elasticache_user_group", "Users");
      expect(userGroup).toMatchObject({
        user_group_id: "acme-test-cache-users",
        engine: "valkey",
        user_ids: [
          ref("aws_elasticache_user", defaultId, "user_id"),
          ref("aws_elasticache_user", appId, "user_id"),
          ref("aws_elasticache_user", readerId, "user_id"),
        ],
      });
      expect(groupOf(json).user_group_ids).toEqual([ref("aws_elasticache_user_group", userGroupId, "user_group_id")]);
      expect(groupOf(json)).not.toHaveProperty("auth_token");
      const [groupId] = named(json, "aws_elasticache_replication_group", "Cache");
      expect(values.connect).toEqual([
        ref("aws_elasticache_replication_group", groupId, "arn"),
        ref("aws_elasticache_user", readerId, "arn"),
      ]);
    });

    test("no secret anywhere in the synthesized JSON", () => {
      const text = JSON.stringify(build().json);

      expect(text).not.toMatch(/"(auth_token|passwords?)"\s*:/);
      expect(text).not.toMatch(/nopass/);
    });

    test("connectArns refuses a user the cache does not have", () => {
      const { cache } = build();

      expect(() => cache.connectArns("admin")).toThrow(
        'connectArns: "admin" is not a user of this cache; expected one of "app"',
      );
    });
  });

  describe("network", () => {
    test("its security group has no rules until a security group is granted the cache port", () => {
      const { json: closed } = build();
      expect(listOf(closed, "aws_vpc_security_group_ingress_rule")).toEqual([]);

      const stack = testStack();
      const cache = new RedisCluster(stack, "Cache", BASE);
      cache.allowFrom("EksNodes", "sg-nodes");
      const json = synth(stack);

      const [securityGroupId, securityGroup] = named(json, "aws_security_group", "SecurityGroup");
      expect(securityGroup).toMatchObject({ name: "acme-test-cache", vpc_id: "vpc-123" });
      expect(securityGroup).not.toHaveProperty("ingress");
      expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({
        security_group_id: ref("aws_security_group", securityGroupId),
        referenced_security_group_id: "sg-nodes",
        ip_protocol: "tcp",
        from_port: 6379,
        to_port: 6379,
        description: "Cache from EksNodes",
      });
      expect(groupOf(json).security_group_ids).toEqual([ref("aws_security_group", securityGroupId)]);
    });
  });

  describe("operations", () => {
    test("snapshots, maintenance window and slow and engine logs as JSON to encrypted log groups created first", () => {
      const { json } = build({
        snapshotRetentionDays: 14,
        snapshotWindow: "01:00-02:00",
        maintenanceWindow: "sat:03:00-sat:04:00",
        logRetentionDays: 30,
      });

      const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");
      const [slowId, slow] = named(json, "aws_cloudwatch_log_group", "SlowLogGroup");
      const [engineId, engine] = named(json, "aws_cloudwatch_log_group", "EngineLogGroup");
      expect(slow.name).toBe("/aws/elasticache/acme-test-cache/slow-log");
      expect(engine.name).toBe("/aws/elasticache/acme-test-cache/engine-log");
      for (const group of [slow, engine]) {
        expect(group).toMatchObject({
          retention_in_days: 30,
          kms_key_id: ref("aws_kms_key", logsKeyId, "arn"),
          deletion_protection_enabled: true,
        });
      }
      const group = groupOf(json);
      expect(group).toMatchObject({
        snapshot_retention_limit: 14,
        snapshot_window: "01:00-02:00",
        maintenance_window: "sat:03:00-sat:04:00",
        apply_immediately: false,
        log_delivery_configuration: [
          {
            destination: ref("aws_cloudwatch_log_group", slowId, "name"),
            destination_type: "cloudwatch-logs",
            log_format: "json",
            log_type: "slow-log",
          },
          {
            destination: ref("aws_cloudwatch_log_group", engineId, "name"),
            destination_type: "cloudwatch-logs",
            log_format: "json",
            log_type: "engine-log",
          },
        ],
      });
      expect(group.depends_on).toEqual([`aws_cloudwatch_log_group.${slowId}`, `aws_cloudwatch_log_group.${engineId}`]);
    });

    test("the logs key lets CloudWatch Logs use it only for the cache's two log groups", () => {
      const { json } = build();

      const policy = dataNamed(json, "aws_iam_policy_document", "LogsKey_Policy")[1];
      const grant = policy.statement.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
      expect(grant.condition).toEqual([
        expect.objectContaining({
          test: "ArnEquals",
          values: [
            expect.stringMatching(/:log-group:\/aws\/elasticache\/acme-test-cache\/slow-log$/),
            expect.stringMatching(/:log-group:\/aws\/elasticache\/acme-test-cache\/engine-log$/),
          ],
        }),
      ]);
    });

    test("protected by default: a final snapshot and prevent_destroy on the group and its keys", () => {
      const { json } = build();

      expect(groupOf(json)).toMatchObject({
        final_snapshot_identifier: "acme-test-cache-final",
        lifecycle: { prevent_destroy: true },
      });
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key.lifecycle).toEqual({ prevent_destroy: true });
      }
    });

    test("relaxed explicitly: no final snapshot, no prevent_destroy, no log group deletion protection", () => {
      const { json } = build({
        protection: { deletionProtection: false, finalSnapshot: false, preventDestroy: false },
      });

      const group = groupOf(json);
      expect(group).not.toHaveProperty("final_snapshot_identifier");
      expect(group).not.toHaveProperty("lifecycle");
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key).not.toHaveProperty("lifecycle");
      }
      for (const logGroup of listOf(json, "aws_cloudwatch_log_group")) {
        expect(logGroup.deletion_protection_enabled).toBe(false);
      }
    });
  });

  describe("auto scaling", () => {
    test("none by default: the shard and replica counts stay under Terraform's control", () => {
      const { json } = build();

      expect(listOf(json, "aws_appautoscaling_target")).toEqual([]);
      expect(groupOf(json).lifecycle).toEqual({ prevent_destroy: true });
    });

    test("shards track memory and replicas track replica engine CPU, within the bounds", () => {
      const { json } = build({ autoscaling: AUTOSCALING });

      const [, shardTarget] = named(json, "aws_appautoscaling_target", "ShardScaling_Target");
      const [groupId] = named(json, "aws_elasticache_replication_group", "Cache");
      expect(shardTarget).toMatchObject({
        service_namespace: "elasticache",
        resource_id: `replication-group/${ref("aws_elasticache_replication_group", groupId, "replication_group_id")}`,
        scalable_dimension: "elasticache:replication-group:NodeGroups",
        min_capacity: 2,
        max_capacity: 6,
      });
      const [shardPolicyId, shardPolicy] = named(json, "aws_appautoscaling_policy", "ShardScaling_Policy");
      expect(shardPolicy).toMatchObject({
        name: "acme-test-cache-shards-memory",
        policy_type: "TargetTrackingScaling",
        target_tracking_scaling_policy_configuration: {
          predefined_metric_specification: {
            predefined_metric_type: "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
          },
          target_value: 65,
          disable_scale_in: false,
          scale_in_cooldown: 1800,
          scale_out_cooldown: 600,
        },
      });

      const [, replicaTarget] = named(json, "aws_appautoscaling_target", "ReplicaScaling_Target");
      expect(replicaTarget).toMatchObject({
        scalable_dimension: "elasticache:replication-group:Replicas",
        min_capacity: 1,
        max_capacity: 3,
        depends_on: [`aws_appautoscaling_policy.${shardPolicyId}`],
      });
      const [, replicaPolicy] = named(json, "aws_appautoscaling_policy", "ReplicaScaling_Policy");
      expect(
        replicaPolicy.target_tracking_scaling_policy_configuration.predefined_metric_specification
          .predefined_metric_type,
      ).toBe("ElastiCacheReplicaEngineCPUUtilization");
      expect(replicaPolicy.target_tracking_scaling_policy_configuration.target_value).toBe(60);

      expect(groupOf(json).lifecycle).toEqual({
        prevent_destroy: true,
        ignore_changes: ["num_node_groups", "replicas_per_node_group"],
      });
    });

    test("shards can track the primaries' engine CPU instead", () => {
      const { json } = build({ autoscaling: { shards: { ...AUTOSCALING.shards, metric: "engine-cpu" } } });

      const [, policy] = named(json, "aws_appautoscaling_policy", "ShardScaling_Policy");
      expect(policy.name).toBe("acme-test-cache-shards-engine-cpu");
      expect(
        policy.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
      ).toBe("ElastiCachePrimaryEngineCPUUtilization");
      expect(groupOf(json).lifecycle.ignore_changes).toEqual(["num_node_groups"]);
    });
  });

  describe("validation", () => {
    test.each<[string, Partial<RedisClusterProps>, string]>([
      [
        "an engine version of the other engine",
        { engine: "redis", engineVersion: "8.0" },
        'engineVersion: "8.0" is not a supported redis version; expected one of "7.0", "7.1"',
      ],
      [
        "an unsupported engine",
        { engine: "memcached" as never },
        'engine: "memcached" is not allowed; expected one of "valkey", "redis"',
      ],
      [
        "a malformed node type",
        { nodeType: "r7g.large" },
        'nodeType: "r7g.large" is not allowed; expected an ElastiCache node type of the form cache.<family>.<size>',
      ],
      ["no shards", { shards: 0 }, "shards: 0 is outside the allowed range; expected a whole number from 1 to 500"],
      [
        "too many shards",
        { shards: 501 },
        "shards: 501 is outside the allowed range; expected a whole number from 1 to 500",
      ],
      [
        "too many replicas per shard",
        { replicasPerShard: 6 },
        "replicasPerShard: 6 is outside the allowed range; expected a whole number from 0 to 5",
      ],
      [
        "a snapshot window shorter than an hour",
        { snapshotWindow: "04:00-04:30" },
        'snapshotWindow: "04:00-04:30" is shorter than 60 minutes; expected a daily UTC window hh:mm-hh:mm of at least 60 minutes',
      ],
      [
        "overlapping windows",
        { snapshotWindow: "05:00-06:00", maintenanceWindow: "sun:05:30-sun:06:30" },
        'maintenanceWindow: "sun:05:30-sun:06:30" overlaps the snapshot window "05:00-06:00"; expected windows that do not overlap',
      ],
      [
        "an unknown eviction policy",
        { evictionPolicy: "lru" as never },
        'evictionPolicy: "lru" is not allowed; expected one of "allkeys-lru"',
      ],
      [
        "a user with a password",
        { users: { app: "on >secret ~* +@all" } },
        'users.app: "on >secret ~* +@all" sets a password; expected ACL rules only',
      ],
      [
        "a disabled application user",
        { users: { app: "off ~* +@all" } },
        'users.app: "off ~* +@all" is not allowed; expected an access string that starts with "on"',
      ],
      [
        "a user named default",
        { users: { default: "on ~* +@all" } },
        'users: "default" is not allowed; expected a user name of lower-case words joined by single hyphens, other than "default" and "users"',
      ],
      [
        "auto scaling on a burstable node",
        { nodeType: "cache.t4g.small", autoscaling: AUTOSCALING },
        'nodeType: "cache.t4g.small" does not support ElastiCache auto scaling; expected a large, xlarge, 2xlarge node of the r7g',
      ],
      [
        "auto scaling min above max",
        { autoscaling: { shards: { min: 4, max: 3, targetPercent: 60 } } },
        "autoscaling.shards.min: 4 is above autoscaling.shards.max (3); expected min <= max",
      ],
      [
        "a starting shard count outside the scaling bounds",
        { shards: 2, autoscaling: { shards: { min: 3, max: 6, targetPercent: 60 } } },
        "shards: 2 is outside autoscaling.shards 3 to 6; expected the starting size within the scaling bounds",
      ],
      [
        "a scaling target ElastiCache refuses",
        { autoscaling: { shards: { min: 2, max: 6, targetPercent: 90 } } },
        "autoscaling.shards.targetPercent: 90 is outside the allowed range; expected a whole number from 35 to 70",
      ],
      [
        "replica scaling down to no replica while Multi-AZ",
        { autoscaling: { replicas: { min: 0, max: 2, targetPercent: 60 } } },
        "autoscaling.replicas.min: 0 would turn Multi-AZ failover off (replicasPerShard is 1); expected at least 1",
      ],
      [
        "a name prefix too long for the user ids",
        { namePrefix: "a-very-long-project-name-prod" },
        'namePrefix: the replication group id "a-very-long-project-name-prod-cache" has 35 characters; expected at most 32',
      ],
      ["a single subnet", { subnetIds: ["subnet-a"] }, "subnetIds: 1 subnets; expected at least 2"],
    ])("rejects %s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => build({ shards: 0 })).toThrow(/^test\/Cache: /);
    });
  });
});
