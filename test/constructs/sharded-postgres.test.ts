import { ShardedPostgres, type ShardedPostgresProps } from "../../constructs/database/sharded-postgres";
import { shardMapSize } from "../../constructs/database/shard-map";
import { listOf, named, onlyOf, ref, resourcesOf, synth, testStack, type StackJson } from "../helpers";

const BASE: ShardedPostgresProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  shardMapParameterName: "/acme/test/database/shard-map",
};

function build(props: Partial<ShardedPostgresProps> = {}): { json: StackJson; database: ShardedPostgres } {
  const stack = testStack();
  const database = new ShardedPostgres(stack, "Database", { ...BASE, ...props });
  return { json: synth(stack), database };
}

function primaries(json: StackJson): Array<[string, any]> {
  return Object.entries(resourcesOf(json, "aws_db_instance")).filter(
    ([, instance]) => instance.replicate_source_db === undefined,
  );
}

describe("ShardedPostgres", () => {
  test("one shard by default, named shard-0", () => {
    const { json, database } = build();

    expect(primaries(json).map(([, instance]) => instance.identifier)).toEqual(["acme-test-db-shard-0"]);
    expect(database.shards).toHaveLength(1);
  });

  test("N shards are N primaries, each with its replicas and proxy", () => {
    const { json } = build({ shards: 3, replicas: 2, proxy: {} });

    const shardPrimaries = primaries(json);
    expect(shardPrimaries.map(([, instance]) => instance.identifier)).toEqual([
      "acme-test-db-shard-0",
      "acme-test-db-shard-1",
      "acme-test-db-shard-2",
    ]);
    for (const [primaryId, instance] of shardPrimaries) {
      const replicas = listOf(json, "aws_db_instance").filter(
        (replica) => replica.replicate_source_db === ref("aws_db_instance", primaryId, "identifier"),
      );
      expect(replicas.map((replica) => replica.identifier)).toEqual([
        `${instance.identifier}-replica-1`,
        `${instance.identifier}-replica-2`,
      ]);
      expect(instance.tags.Shard).toBe(instance.identifier.replace("acme-test-db-", ""));
    }
    expect(listOf(json, "aws_db_proxy").map((proxy) => proxy.name)).toEqual([
      "acme-test-db-shard-0-proxy",
      "acme-test-db-shard-1-proxy",
      "acme-test-db-shard-2-proxy",
    ]);
  });

  test("shards share one set of keys and one monitoring role", () => {
    const { json } = build({ shards: 3 });

    expect(listOf(json, "aws_kms_alias").map((alias) => alias.name)).toEqual([
      "alias/acme-test-db-logs",
      "alias/acme-test-db-secrets",
      "alias/acme-test-db-storage",
    ]);
    expect(listOf(json, "aws_iam_role").map((role) => role.name)).toEqual(["acme-test-db-monitoring"]);
    const [storageKeyId] = named(json, "aws_kms_key", "StorageKey");
    for (const [, instance] of primaries(json)) {
      expect(instance.kms_key_id).toBe(ref("aws_kms_key", storageKeyId, "arn"));
    }
  });

  test("adding shards keeps the existing shards' logical ids", () => {
    const one = build({ shards: 1, replicas: 1 }).json;
    const three = build({ shards: 3, replicas: 1 }).json;

    for (const [logicalId, instance] of Object.entries(resourcesOf(one, "aws_db_instance"))) {
      expect(resourcesOf(three, "aws_db_instance")[logicalId]).toEqual(instance);
    }
  });

  test("publishes a shard map with each shard's writer, proxy and reader endpoints", () => {
    const { json, database } = build({ shards: 3, replicas: 2, proxy: {} });

    const parameter = onlyOf(json, "aws_ssm_parameter");
    expect(parameter).toMatchObject({ name: "/acme/test/database/shard-map", type: "String", tier: "Standard" });
    expect(parameter).not.toHaveProperty("value");
    const value: string = parameter.insecure_value;
    expect(value).toMatch(
      /^\$\{jsonencode\(\{"version" = 1, "engine" = "postgres", "iamAuthentication" = true, "shardCount" = 3, /,
    );
    for (const [primaryId] of primaries(json)) {
      expect(value).toContain(`"writerEndpoint" = aws_db_instance.${primaryId}.address`);
    }
    for (const [proxyId] of Object.entries(resourcesOf(json, "aws_db_proxy"))) {
      expect(value).toContain(`"proxyEndpoint" = aws_db_proxy.${proxyId}.endpoint`);
    }
    expect(
      value.match(/"readerEndpoints" = \[aws_db_instance\.\S+\.address, aws_db_instance\.\S+\.address\]/g),
    ).toHaveLength(3);
    expect(value.match(/"name" = "shard-\d"/g)).toEqual([
      '"name" = "shard-0"',
      '"name" = "shard-1"',
      '"name" = "shard-2"',
    ]);

    expect(database.shardMap.shardCount).toBe(3);
    expect(database.shardMap.shards.map((shard) => [shard.id, shard.name, shard.port, shard.databaseName])).toEqual([
      [0, "shard-0", 5432, "app"],
      [1, "shard-1", 5432, "app"],
      [2, "shard-2", 5432, "app"],
    ]);
    expect(database.shardMap.shards.every((shard) => shard.readerEndpoints.length === 2)).toBe(true);
    expect(database.shardMap.shards.every((shard) => shard.proxyEndpoint !== undefined)).toBe(true);
  });

  test("without a proxy, the shard map has no proxy endpoint", () => {
    const { json, database } = build({ shards: 2 });

    expect(onlyOf(json, "aws_ssm_parameter").insecure_value).not.toContain("proxyEndpoint");
    expect(database.shardMap.shards[0]).not.toHaveProperty("proxyEndpoint");
  });

  test("a shard map above 4 KB goes to an advanced parameter", () => {
    const { json } = build({ shards: 8, replicas: 5, proxy: {} });

    expect(onlyOf(json, "aws_ssm_parameter").tier).toBe("Advanced");
  });

  test("the shard map size estimate matches the JSON layout", () => {
    const small = shardMapSize({
      shardIdentifiers: ["acme-test-db-shard-0"],
      replicasPerShard: 0,
      proxy: false,
      region: "eu-west-1",
      port: 5432,
      databaseName: "app",
    });
    const withReplica = shardMapSize({
      shardIdentifiers: ["acme-test-db-shard-0"],
      replicasPerShard: 1,
      proxy: false,
      region: "eu-west-1",
      port: 5432,
      databaseName: "app",
    });

    // One more host name: `"<identifier>-replica-1.<12>.eu-west-1.rds.amazonaws.com.cn"`.
    expect(withReplica - small).toBe(
      '"acme-test-db-shard-0-replica-1.xxxxxxxxxxxx.eu-west-1.rds.amazonaws.com.cn"'.length,
    );
  });

  test("allowFrom opens every shard and proxy to the granted security group", () => {
    const stack = testStack();
    const database = new ShardedPostgres(stack, "Database", { ...BASE, shards: 2, proxy: {} });
    database.allowFrom("Services", "sg-services");
    const json = synth(stack);

    const granted = listOf(json, "aws_vpc_security_group_ingress_rule").filter(
      (rule) => rule.referenced_security_group_id === "sg-services",
    );
    expect(granted).toHaveLength(4);
    expect(database.iamConnectArns("app_user")).toHaveLength(4);
  });

  test.each<[string, Partial<ShardedPostgresProps>, string]>([
    ["zero shards", { shards: 0 }, "shards: 0 is outside the allowed range; expected a whole number from 1 to 16"],
    ["17 shards", { shards: 17 }, "shards: 17 is outside the allowed range; expected a whole number from 1 to 16"],
    [
      "a shard map too large for SSM",
      { shards: 16, replicas: 15 },
      "shards: 16 shards with 15 replicas each make a shard map of about",
    ],
    [
      "a parameter name that is not a path",
      { shardMapParameterName: "shard-map" },
      'shardMapParameterName: "shard-map" is not allowed; expected a path such as /acme/prod/database/shard-map',
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
