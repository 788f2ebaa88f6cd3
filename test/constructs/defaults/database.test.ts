import { DatabaseKeys } from "../../../constructs/database/database-keys";
import { DatabaseProxy, type DatabaseProxyProps } from "../../../constructs/database/database-proxy";
import { PostgresDatabase, type PostgresDatabaseProps } from "../../../constructs/database/postgres-database";
import { ReadReplica } from "../../../constructs/database/read-replica";
import { shardMapSize } from "../../../constructs/database/shard-map";
import { ShardedPostgres, type ShardedPostgresProps } from "../../../constructs/database/sharded-postgres";
import { listOf, onlyOf, resourcesOf, synth, synthWithValues, testStack, type StackJson } from "../../helpers";

/** What a PostgresDatabase cannot do without; every other prop is left to its default. */
const REQUIRED: PostgresDatabaseProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
};

function buildDatabase(props: Partial<PostgresDatabaseProps> = {}): { json: StackJson; db: PostgresDatabase } {
  const stack = testStack();
  const db = new PostgresDatabase(stack, "Db", { ...REQUIRED, ...props });
  return { json: synth(stack), db };
}

/** The primary as `[logicalId, config]`: the one instance that replicates from nothing. */
function primaryOf(json: StackJson): [string, any] {
  const primaries = Object.entries(resourcesOf(json, "aws_db_instance")).filter(
    ([, instance]) => instance.replicate_source_db === undefined,
  );
  expect(primaries).toHaveLength(1);
  return primaries[0];
}

function parameter(json: StackJson, name: string): string | undefined {
  return onlyOf(json, "aws_db_parameter_group").parameter.find((item: any) => item.name === name)?.value;
}

describe("PostgresDatabase defaults", () => {
  test("runs PostgreSQL 17, with a postgres17 parameter group, when engineVersion is not given", () => {
    const { json } = buildDatabase();

    expect(primaryOf(json)[1].engine_version).toBe("17");
    expect(onlyOf(json, "aws_db_parameter_group")).toMatchObject({
      family: "postgres17",
      name_prefix: "acme-test-db-main-postgres17-",
    });
  });

  test("logs statements slower than 500 ms when slowQueryThresholdMs is not given", () => {
    expect(parameter(buildDatabase().json, "log_min_duration_statement")).toBe("500");
  });

  test("keeps Performance Insights data 7 days when performanceInsightsRetentionDays is not given", () => {
    expect(primaryOf(buildDatabase().json)[1].performance_insights_retention_period).toBe(7);
  });

  test("keeps the PostgreSQL and proxy logs 365 days when logRetentionDays is not given", () => {
    const groups = listOf(buildDatabase({ proxy: {} }).json, "aws_cloudwatch_log_group");

    expect(groups.map((group) => group.name).sort()).toEqual([
      "/aws/rds/instance/acme-test-db-main/postgresql",
      "/aws/rds/instance/acme-test-db-main/upgrade",
      "/aws/rds/proxy/acme-test-db-main-proxy",
    ]);
    for (const group of groups) {
      expect(group.retention_in_days).toBe(365);
    }
  });

  test("writes password version 1 to the instance and the secret when masterPasswordVersion is not given", () => {
    const { json } = buildDatabase();

    expect(primaryOf(json)[1].password_wo_version).toBe(1);
    expect(onlyOf(json, "aws_secretsmanager_secret_version").secret_string_wo_version).toBe(1);
  });

  test("encrypts with keys of its own, aliased after its identifier, when keys are not given", () => {
    const { json } = buildDatabase();

    expect(listOf(json, "aws_kms_alias").map((alias) => alias.name)).toEqual([
      "alias/acme-test-db-main-logs",
      "alias/acme-test-db-main-secrets",
      "alias/acme-test-db-main-storage",
    ]);
  });

  test("publishes Enhanced Monitoring with a role of its own when monitoringRole is not given", () => {
    const { json } = buildDatabase();

    expect(onlyOf(json, "aws_iam_role").name).toBe("acme-test-db-main-monitoring");
  });

  test("allowFrom describes the rule as PostgreSQL from the grant's id when no description is given", () => {
    const stack = testStack();
    new PostgresDatabase(stack, "Db", REQUIRED).allowFrom("Workers", "sg-workers");

    expect(onlyOf(synth(stack), "aws_vpc_security_group_ingress_rule").description).toBe("PostgreSQL from Workers");
  });

  test("readerConnectArns falls back to the primary when there are no replicas", () => {
    const stack = testStack();
    const db = new PostgresDatabase(stack, "Db", REQUIRED);
    const { json, values } = synthWithValues(stack, { readers: db.readerConnectArns("reports") });

    expect(values.readers).toEqual([
      `arn:\${data.aws_partition.Partition.partition}:rds-db:eu-west-1:\${data.aws_caller_identity.CallerIdentity.account_id}:dbuser:\${aws_db_instance.${primaryOf(json)[0]}.resource_id}/reports`,
    ]);
  });
});

describe("ReadReplica defaults", () => {
  test("takes the source's first zone and instance class when neither is given", () => {
    const stack = testStack();
    const db = new PostgresDatabase(stack, "Db", { ...REQUIRED, instanceClass: "db.m7g.xlarge" });
    const replica = new ReadReplica(stack, "Replica", { source: db, identifier: "acme-test-db-main-reporting" });
    const json = synth(stack);

    expect(replica.availabilityZone).toBe("eu-west-1a");
    const instance = listOf(json, "aws_db_instance").find((item) => item.identifier === "acme-test-db-main-reporting");
    expect(instance).toMatchObject({ availability_zone: "eu-west-1a", instance_class: "db.m7g.xlarge" });
  });
});

describe("DatabaseProxy defaults", () => {
  const PROXY: DatabaseProxyProps = {
    name: "acme-test-db-main-proxy",
    region: "eu-west-1",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b"],
    targetInstanceIdentifier: "acme-test-db-main",
    databaseSecurityGroupId: "sg-database",
    port: 5432,
    secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-test-db-main/master-AbCdEf",
    secretKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/secrets",
    logsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs",
    logRetentionDays: 365,
    logDeletionProtection: true,
  };

  test("pools 90% of max_connections, keeps 50% idle and lets clients wait 120 s when no pool settings are given", () => {
    const stack = testStack();
    new DatabaseProxy(stack, "Proxy", PROXY);

    expect(onlyOf(synth(stack), "aws_db_proxy_default_target_group").connection_pool_config).toEqual({
      max_connections_percent: 90,
      max_idle_connections_percent: 50,
      connection_borrow_timeout: 120,
    });
  });

  test("closes client connections idle for 1800 s when idleClientTimeoutSeconds is not given", () => {
    const stack = testStack();
    new DatabaseProxy(stack, "Proxy", PROXY);

    expect(onlyOf(synth(stack), "aws_db_proxy").idle_client_timeout).toBe(1800);
  });
});

describe("DatabaseKeys defaults", () => {
  test("protects the storage, secrets and logs keys from destruction when preventDestroy is not given", () => {
    const stack = testStack();
    new DatabaseKeys(stack, "Keys", {
      aliasPrefix: "acme-test-db",
      region: "eu-west-1",
      logGroupNames: ["/aws/rds/instance/acme-test-db-*"],
    });
    const keys = listOf(synth(stack), "aws_kms_key");

    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(key.lifecycle).toEqual({ prevent_destroy: true });
    }
  });
});

describe("ShardedPostgres defaults", () => {
  const SHARDED: ShardedPostgresProps = {
    ...REQUIRED,
    shardMapParameterName: "/acme/test/database/shard-map",
  };
  const identifiers = Array.from({ length: 16 }, (_, index) => `acme-test-db-shard-${index}`);

  function buildSharded(props: Partial<ShardedPostgresProps>): StackJson {
    const stack = testStack();
    new ShardedPostgres(stack, "Database", { ...SHARDED, ...props });
    return synth(stack);
  }

  test("sizes the shard map without replicas when replicas is not given: 16 shards fit a Standard parameter", () => {
    // With one replica per shard, the map of these 16 shards would need an Advanced parameter.
    const shape = {
      shardIdentifiers: identifiers.map((identifier) => identifier.replace("acme-test", "acme-integration")),
      proxy: false,
      region: "eu-west-1",
      port: 5432,
      databaseName: "app",
    };
    expect(shardMapSize({ ...shape, replicasPerShard: 0 })).toBeLessThanOrEqual(4096);
    expect(shardMapSize({ ...shape, replicasPerShard: 1 })).toBeGreaterThan(4096);

    const json = buildSharded({ namePrefix: "acme-integration", shards: 16 });
    expect(onlyOf(json, "aws_ssm_parameter").tier).toBe("Standard");
  });

  test("sizes the shard map for port 5432, database app and no proxy when they are not given", () => {
    const size = shardMapSize({
      shardIdentifiers: identifiers,
      replicasPerShard: 15,
      proxy: false,
      region: "eu-west-1",
      port: 5432,
      databaseName: "app",
    });

    expect(() => buildSharded({ shards: 16, replicas: 15 })).toThrow(
      `shards: 16 shards with 15 replicas each make a shard map of about ${size} bytes`,
    );
  });
});
