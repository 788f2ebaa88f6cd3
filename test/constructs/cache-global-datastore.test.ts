import {
  CacheSecondary,
  type CacheSecondaryProps,
  GLOBAL_MEMBER_CONFLICTING_ARGUMENTS,
} from "../../constructs/cache/cache-secondary";
import {
  checkGlobalDatastoreNodeType,
  checkGlobalDatastoreSuffix,
  GlobalDatastore,
  type GlobalDatastoreProps,
} from "../../constructs/cache/global-datastore";
import { RedisCluster } from "../../constructs/cache/redis-cluster";
import { listOf, named, onlyOf, ref, synth, synthWithValues, testStack, type StackJson } from "../helpers";

const GLOBAL_ID = "gxeiz-acme-prod-cache";

const DATASTORE: GlobalDatastoreProps = {
  idSuffix: "acme-prod-cache",
  primaryReplicationGroupId: "acme-prod-cache",
};

const SECONDARY: CacheSecondaryProps = {
  namePrefix: "acme-prod-euc1",
  region: "eu-central-1",
  vpcId: "vpc-standby",
  subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
  globalReplicationGroupId: GLOBAL_ID,
};

function buildDatastore(props: Partial<GlobalDatastoreProps> = {}): { json: StackJson; datastore: GlobalDatastore } {
  const stack = testStack();
  const datastore = new GlobalDatastore(stack, "GlobalCache", { ...DATASTORE, ...props });
  return { json: synth(stack), datastore };
}

function buildSecondary(props: Partial<CacheSecondaryProps> = {}): { json: StackJson; cache: CacheSecondary } {
  const stack = testStack();
  const cache = new CacheSecondary(stack, "Cache", { ...SECONDARY, ...props });
  return { json: synth(stack), cache };
}

function groupOf(json: StackJson): any {
  return onlyOf(json, "aws_elasticache_replication_group");
}

describe("GlobalDatastore", () => {
  test("a global replication group around the primary, named by its suffix", () => {
    const { json } = buildDatastore({ description: "Sessions, replicated to the standby" });

    expect(onlyOf(json, "aws_elasticache_global_replication_group")).toEqual({
      global_replication_group_id_suffix: "acme-prod-cache",
      primary_replication_group_id: "acme-prod-cache",
      global_replication_group_description: "Sessions, replicated to the standby",
      // A failover promotes the standby's member outside Terraform; the id is ForceNew.
      lifecycle: { ignore_changes: ["primary_replication_group_id"] },
    });
  });

  test("references the primary's replication group so that Terraform creates the primary first", () => {
    const stack = testStack();
    const primary = new RedisCluster(stack, "Cache", {
      namePrefix: "acme-prod",
      region: "eu-west-1",
      vpcId: "vpc-123",
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    });
    const datastore = new GlobalDatastore(stack, "GlobalCache", {
      idSuffix: "acme-prod-cache",
      primaryReplicationGroupId: primary.replicationGroup.replicationGroupId,
      nodeType: "cache.r7g.large",
    });
    const { json, values } = synthWithValues(stack, {
      globalId: datastore.globalReplicationGroupId,
      arn: datastore.arn,
    });

    const [primaryId] = named(json, "aws_elasticache_replication_group", "Cache");
    const [datastoreId, datastoreConfig] = named(json, "aws_elasticache_global_replication_group", "GlobalCache");
    expect(datastoreConfig.primary_replication_group_id).toBe(
      ref("aws_elasticache_replication_group", primaryId, "replication_group_id"),
    );
    expect(values.globalId).toBe(
      ref("aws_elasticache_global_replication_group", datastoreId, "global_replication_group_id"),
    );
    expect(values.arn).toBe(ref("aws_elasticache_global_replication_group", datastoreId, "arn"));
  });

  test("describes the replication of the primary when no description is given", () => {
    const { json } = buildDatastore();

    expect(onlyOf(json, "aws_elasticache_global_replication_group").global_replication_group_description).toBe(
      "Cross-region replication of acme-prod-cache",
    );
  });

  describe("node types", () => {
    test.each([
      "cache.r7g.large",
      "cache.m5.xlarge",
      "cache.r6gd.2xlarge",
      "cache.c7gn.16xlarge",
      "cache.m7g.12xlarge",
    ])("accepts %s", (nodeType) => {
      expect(checkGlobalDatastoreNodeType(nodeType)).toBeUndefined();
    });

    test.each(["cache.t4g.medium", "cache.r7g.medium", "cache.r4.large", "cache.m4.xlarge", "r7g.large"])(
      "refuses %s, naming it and what is allowed",
      (nodeType) => {
        expect(checkGlobalDatastoreNodeType(nodeType)).toBe(
          `"${nodeType}" cannot be in a global datastore; expected a node of the m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn families of size large or bigger, such as "cache.r7g.large"`,
        );
      },
    );
  });

  test("accepts a suffix of 34 characters, the most that fits the identifier limit", () => {
    expect(checkGlobalDatastoreSuffix("a".repeat(34))).toBeUndefined();
  });

  describe("validation", () => {
    test.each<[string, Partial<GlobalDatastoreProps>, string]>([
      [
        "an upper-case suffix",
        { idSuffix: "Acme-Cache" },
        'idSuffix: "Acme-Cache" is not allowed; expected lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
      ],
      ["a suffix with two hyphens in a row", { idSuffix: "acme--cache" }, 'idSuffix: "acme--cache" is not allowed'],
      ["a suffix ending in a hyphen", { idSuffix: "acme-cache-" }, 'idSuffix: "acme-cache-" is not allowed'],
      ["a suffix starting with a digit", { idSuffix: "1-cache" }, 'idSuffix: "1-cache" is not allowed'],
      ["an empty suffix", { idSuffix: "" }, 'idSuffix: "" is not allowed'],
      [
        "a suffix too long for the global datastore id",
        { idSuffix: "a".repeat(35) },
        `idSuffix: "${"a".repeat(35)}" has 35 characters; expected at most 34, so that the global datastore id (a 6-character region prefix and the suffix) fits ElastiCache's 40-character identifiers`,
      ],
      [
        "a burstable primary",
        { nodeType: "cache.t4g.medium" },
        'nodeType: "cache.t4g.medium" cannot be in a global datastore; expected a node of the m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn families',
      ],
    ])("rejects %s", (_name, props, message) => {
      expect(() => buildDatastore(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => buildDatastore({ idSuffix: "Bad" })).toThrow(/^test\/GlobalCache: idSuffix: /);
    });
  });
});

describe("CacheSecondary", () => {
  test("joins the global datastore with none of the arguments the datastore decides", () => {
    const { json } = buildSecondary();
    const group = groupOf(json);

    expect(group.global_replication_group_id).toBe(GLOBAL_ID);
    expect(group.replication_group_id).toBe("acme-prod-euc1-cache");
    for (const argument of GLOBAL_MEMBER_CONFLICTING_ARGUMENTS) {
      expect(group).not.toHaveProperty(argument);
    }
    expect(GLOBAL_MEMBER_CONFLICTING_ARGUMENTS).toEqual([
      "num_node_groups",
      "parameter_group_name",
      "engine",
      "engine_version",
      "node_type",
      "security_group_names",
      "transit_encryption_enabled",
      "transit_encryption_mode",
      "at_rest_encryption_enabled",
      "snapshot_arns",
      "snapshot_name",
    ]);
    // Not verified for a secondary: no user group, no snapshots, no cluster mode or version settings of its own.
    for (const argument of [
      "user_group_ids",
      "auth_token",
      "cluster_mode",
      "auto_minor_version_upgrade",
      "snapshot_retention_limit",
      "snapshot_window",
      "final_snapshot_identifier",
      "num_cache_clusters",
    ]) {
      expect(group).not.toHaveProperty(argument);
    }
  });

  test("encrypts with its own storage key in the standby region", () => {
    const { json } = buildSecondary();

    const [storageKeyId] = named(json, "aws_kms_key", "StorageKey");
    expect(groupOf(json).kms_key_id).toBe(ref("aws_kms_key", storageKeyId, "arn"));
    expect(named(json, "aws_kms_alias", "StorageKey")[1].name).toBe("alias/acme-prod-euc1-cache-storage");
  });

  test("states the primary's failover and Multi-AZ, and its own replicas per shard", () => {
    const { json } = buildSecondary({ replicasPerShard: 2 });

    expect(groupOf(json)).toMatchObject({
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      replicas_per_node_group: 2,
      description: "Global datastore secondary of acme-prod-euc1",
      apply_immediately: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("follows a primary without Multi-AZ, replicas down to none", () => {
    const { json } = buildSecondary({ multiAz: false, replicasPerShard: 0 });

    expect(groupOf(json)).toMatchObject({
      automatic_failover_enabled: true,
      multi_az_enabled: false,
      replicas_per_node_group: 0,
    });
  });

  test("a subnet group on the standby's data subnets", () => {
    const { json } = buildSecondary();

    const [subnetGroupId, subnetGroup] = named(json, "aws_elasticache_subnet_group", "SubnetGroup");
    expect(subnetGroup).toMatchObject({
      name: "acme-prod-euc1-cache",
      subnet_ids: ["subnet-d", "subnet-e", "subnet-f"],
    });
    expect(groupOf(json).subnet_group_name).toBe(ref("aws_elasticache_subnet_group", subnetGroupId, "name"));
  });

  test("its security group has no rules until a security group is granted the cache port", () => {
    const { json: closed } = buildSecondary();
    expect(listOf(closed, "aws_vpc_security_group_ingress_rule")).toEqual([]);

    const stack = testStack();
    const cache = new CacheSecondary(stack, "Cache", SECONDARY);
    cache.allowFrom("EksNodes", "sg-nodes");
    const json = synth(stack);

    const [securityGroupId, securityGroup] = named(json, "aws_security_group", "SecurityGroup");
    expect(securityGroup).toMatchObject({ name: "acme-prod-euc1-cache", vpc_id: "vpc-standby" });
    expect(securityGroup).not.toHaveProperty("ingress");
    expect(groupOf(json).security_group_ids).toEqual([ref("aws_security_group", securityGroupId)]);
    expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      security_group_id: ref("aws_security_group", securityGroupId),
      referenced_security_group_id: "sg-nodes",
      ip_protocol: "tcp",
      from_port: 6379,
      to_port: 6379,
      description: "Cache from EksNodes",
    });
    expect(cache.ingressPoints).toEqual([{ name: "Cache", securityGroupId: cache.securityGroupId, port: 6379 }]);
  });

  test("states a port other than the default, and opens it", () => {
    const stack = testStack();
    const cache = new CacheSecondary(stack, "Cache", { ...SECONDARY, port: 6380 });
    cache.allowFrom("EksNodes", "sg-nodes");
    const json = synth(stack);

    expect(groupOf(json).port).toBe(6380);
    expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({ from_port: 6380, to_port: 6380 });
  });

  test("delivers slow and engine logs as JSON to log groups encrypted with its logs key", () => {
    const { json } = buildSecondary();

    const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");
    const [slowId, slow] = named(json, "aws_cloudwatch_log_group", "SlowLogGroup");
    const [engineId, engine] = named(json, "aws_cloudwatch_log_group", "EngineLogGroup");
    expect(slow).toMatchObject({
      name: "/aws/elasticache/acme-prod-euc1-cache/slow-log",
      kms_key_id: ref("aws_kms_key", logsKeyId, "arn"),
      retention_in_days: 365,
      deletion_protection_enabled: true,
    });
    expect(engine.name).toBe("/aws/elasticache/acme-prod-euc1-cache/engine-log");
    expect(groupOf(json).log_delivery_configuration).toEqual([
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
    ]);
  });

  test("exposes the configuration endpoint, port, id, security group and keys", () => {
    const stack = testStack();
    const cache = new CacheSecondary(stack, "Cache", SECONDARY);
    const { json, values } = synthWithValues(stack, {
      endpoint: cache.configurationEndpoint,
      securityGroup: cache.securityGroupId,
      storageKey: cache.keys.storage.keyArn,
    });

    const [groupId] = named(json, "aws_elasticache_replication_group", "Cache");
    const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
    const [storageKeyId] = named(json, "aws_kms_key", "StorageKey");
    expect(values.endpoint).toBe(ref("aws_elasticache_replication_group", groupId, "configuration_endpoint_address"));
    expect(values.securityGroup).toBe(ref("aws_security_group", securityGroupId));
    expect(values.storageKey).toBe(ref("aws_kms_key", storageKeyId, "arn"));
    expect(cache.port).toBe(6379);
    expect(cache.replicationGroupId).toBe("acme-prod-euc1-cache");
  });

  test("joins a global datastore of another stack through its computed id", () => {
    const stack = testStack();
    const datastore = new GlobalDatastore(stack, "GlobalCache", DATASTORE);
    new CacheSecondary(stack, "Cache", { ...SECONDARY, globalReplicationGroupId: datastore.globalReplicationGroupId });
    const json = synth(stack);

    const [datastoreId] = named(json, "aws_elasticache_global_replication_group", "GlobalCache");
    expect(groupOf(json).global_replication_group_id).toBe(
      ref("aws_elasticache_global_replication_group", datastoreId, "global_replication_group_id"),
    );
  });

  test("drops prevent_destroy when protection allows destroying", () => {
    const { json } = buildSecondary({ protection: { preventDestroy: false, deletionProtection: false } });

    expect(groupOf(json)).not.toHaveProperty("lifecycle");
    expect(named(json, "aws_cloudwatch_log_group", "SlowLogGroup")[1].deletion_protection_enabled).toBe(false);
  });

  describe("defaults", () => {
    const { json, cache } = buildSecondary();
    const group = groupOf(json);

    test("keeps one replica per shard when replicasPerShard is not given", () => {
      expect(group.replicas_per_node_group).toBe(1);
    });

    test("states Multi-AZ on, as a production primary has it, when multiAz is not given", () => {
      expect(group.multi_az_enabled).toBe(true);
      expect(group.automatic_failover_enabled).toBe(true);
    });

    test("listens on 6379 without stating it when port is not given", () => {
      expect(group).not.toHaveProperty("port");
      expect(cache.port).toBe(6379);
    });

    test("keeps logs a year when logRetentionDays is not given", () => {
      expect(named(json, "aws_cloudwatch_log_group", "EngineLogGroup")[1].retention_in_days).toBe(365);
    });

    test("applies changes in the maintenance window when applyImmediately is not given", () => {
      expect(group.apply_immediately).toBe(false);
    });

    test("guards the group and its keys when protection is not given", () => {
      expect(group.lifecycle).toEqual({ prevent_destroy: true });
      expect(named(json, "aws_kms_key", "StorageKey")[1].lifecycle).toEqual({ prevent_destroy: true });
    });

    test("creates its own keys when keys are not given", () => {
      expect(listOf(json, "aws_kms_key")).toHaveLength(2);
    });
  });

  describe("validation", () => {
    test.each<[string, Partial<CacheSecondaryProps>, string]>([
      [
        "no replica with Multi-AZ",
        { replicasPerShard: 0 },
        "replicasPerShard: 0 leaves Multi-AZ (inherited from the primary) no replica to fail over to; expected at least 1",
      ],
      [
        "too many replicas",
        { replicasPerShard: 6 },
        "replicasPerShard: 6 is outside the allowed range; expected a whole number from 0 to 5",
      ],
      ["a privileged port", { port: 80 }, "port: 80 is outside the allowed range; expected a whole number from 1024"],
      [
        "a log retention CloudWatch Logs refuses",
        { logRetentionDays: 100 },
        "logRetentionDays: 100 is not allowed; expected one of the CloudWatch Logs retention periods",
      ],
      [
        "a name prefix with an underscore",
        { namePrefix: "acme_prod" },
        'namePrefix: "acme_prod" is not allowed; expected lower-case words joined by hyphens',
      ],
      [
        "a name prefix too long for a replication group id",
        { namePrefix: "a-very-long-project-name-prod-euc1-x" },
        'namePrefix: the replication group id "a-very-long-project-name-prod-euc1-x-cache" has 42 characters; expected at most 40',
      ],
      ["a single subnet", { subnetIds: ["subnet-d"] }, "subnetIds: 1 subnets; expected at least 2"],
    ])("rejects %s", (_name, props, message) => {
      expect(() => buildSecondary(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => buildSecondary({ replicasPerShard: 9 })).toThrow(/^test\/Cache: replicasPerShard: /);
    });
  });
});
