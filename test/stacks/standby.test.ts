import { Testing } from "cdktf";
import { ConfigError, loadEnvironments } from "../../src/config/load";
import { defineEnvironment, expectedStackIds } from "../../stacks/environment";
import { regionCode, standbyConfig } from "../../stacks/standby";
import { DR, NO_CACHE_AUTOSCALING } from "./dr-fixture";
import { listOf, onlyOf, type StackJson, synthApp, testConfig } from "../helpers";
import { platformOutput } from "../synthesized";

const drOverrides = { dr: DR, cache: NO_CACHE_AUTOSCALING } as const;

let stacks: Record<string, StackJson> | undefined;
/** Every stack of the test environment with a standby, synthesized once. */
function withStandby(): Record<string, StackJson> {
  if (!stacks) {
    const app = Testing.app();
    defineEnvironment(app, testConfig(drOverrides as never));
    stacks = synthApp(app);
  }
  return stacks;
}

const fromPrimaryData = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-data\.outputs\./;

describe("region codes", () => {
  test.each([
    ["eu-central-1", "euc1"],
    ["eu-west-1", "euw1"],
    ["us-east-2", "use2"],
    ["ap-southeast-1", "apse1"],
    ["ap-northeast-3", "apne3"],
    ["us-gov-west-1", "usgw1"],
  ])("%s is %s", (region, code) => {
    expect(regionCode(region)).toBe(code);
  });
});

describe("an environment without dr", () => {
  test("has no standby stacks", () => {
    const config = testConfig();
    expect(config.dr).toBeUndefined();
    expect(expectedStackIds(config).some((id) => id.includes("euc1"))).toBe(false);
    expect(defineEnvironment(Testing.app(), config).standby).toBeUndefined();
  });

  test("of the registered environments only prod has a standby", () => {
    expect(loadEnvironments().map((config) => [config.environment, config.dr?.region])).toEqual([
      ["dev", undefined],
      ["staging", undefined],
      ["prod", "eu-central-1"],
    ]);
  });
});

describe("the standby of an environment with dr", () => {
  test("adds the standby's stacks after the primary's, named <env>-<region code>-<layer>", () => {
    const config = testConfig(drOverrides as never);
    expect(expectedStackIds(config).slice(-7)).toEqual([
      "test-euc1-network",
      "test-euc1-data",
      "test-euc1-cluster",
      "test-euc1-addons",
      "test-euc1-workloads",
      "test-euc1-edge",
      "test-euc1-observability",
    ]);
    expect(Object.keys(withStandby())).toEqual(expectedStackIds(config));
  });

  test("puts every standby stack's provider in the standby region, its state under its own name", () => {
    for (const id of expectedStackIds(testConfig(drOverrides as never)).filter((id) => id.startsWith("test-euc1-"))) {
      const json = withStandby()[id];
      expect(json.provider?.aws[0].region).toBe("eu-central-1");
      expect(json.provider?.aws[0].default_tags[0].tags.Environment).toBe("test-euc1");
    }
    expect(withStandby()["test-euc1-network"].terraform?.backend).toEqual({
      local: { path: "../../../.tfstate/test-euc1/network.tfstate" },
    });
    expect(onlyOf(withStandby()["test-euc1-network"], "aws_vpc").cidr_block).toBe("10.31.0.0/16");
  });

  test("keeps the standby's state in a bucket of its own region when the primary's is in S3", () => {
    const config = standbyConfig(
      testConfig({
        ...drOverrides,
        aws: { region: "eu-west-1", accountId: "123456789012" },
        stateBackend: { bucket: "acme-test-state-123456789012" },
      } as never),
    );
    expect(config.stateBackend).toMatchObject({ bucket: "acme-test-state-123456789012-euc1", region: "eu-central-1" });
    expect(config.aws).toMatchObject({ region: "eu-central-1", autoScalingServiceLinkedRole: "existing" });
    expect(config.dr).toBeUndefined();
  });

  test("starts the standby's node groups at the standby size", () => {
    const groups = listOf(withStandby()["test-euc1-cluster"], "aws_eks_node_group");
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.scaling_config.min_size).toBe(1);
      expect(group.scaling_config.desired_size).toBe(1);
    }
  });

  test("a cross-region replica of every shard, encrypted with a key of the standby region", () => {
    const standby = withStandby()["test-euc1-data"];
    const primaries = listOf(withStandby()["test-data"], "aws_db_instance").filter(
      (instance) => instance.replicate_source_db === undefined,
    );
    const replicas = listOf(standby, "aws_db_instance");
    expect(replicas).toHaveLength(primaries.length);
    const standbyKeys = Object.keys(standby.resource?.aws_kms_key ?? {});
    for (const replica of replicas) {
      expect(replica.replicate_source_db).toMatch(fromPrimaryData);
      expect(replica.replicate_source_db).toMatch(/aws_db_instance.*arn\}$/);
      const key = /^\$\{aws_kms_key\.([^.]+)\.arn\}$/.exec(replica.kms_key_id);
      expect(key && standbyKeys.includes(key[1])).toBe(true);
      expect(replica).not.toHaveProperty("username");
      expect(replica.identifier).toMatch(/^acme-test-euc1-db-shard-\d+$/);
    }
  });

  test("pages from the standby region when a replica lags further than the recovery point objective", () => {
    const standby = withStandby()["test-euc1-data"];
    const replicas = listOf(standby, "aws_db_instance").map((replica) => replica.identifier);
    const alarms = listOf(standby, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((alarm) => alarm.dimensions.DBInstanceIdentifier)).toEqual(replicas);
    const topic = Object.keys(standby.resource?.aws_sns_topic ?? {});
    expect(topic).toHaveLength(1);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: "AWS/RDS",
        metric_name: "ReplicaLag",
        statistic: "Maximum",
        threshold: 15 * 60,
        comparison_operator: "GreaterThanThreshold",
        alarm_actions: [`\${aws_sns_topic.${topic[0]}.arn}`],
      });
    }
    expect(onlyOf(standby, "aws_sns_topic_subscription")).toMatchObject({
      protocol: "email",
      endpoint: "oncall@example.com",
    });
  });

  test("the cache joins the primary's global datastore, with its own region's key", () => {
    const global = onlyOf(withStandby()["test-data"], "aws_elasticache_global_replication_group");
    expect(global.primary_replication_group_id).toMatch(
      /^\$\{aws_elasticache_replication_group\..+\.replication_group_id\}$/,
    );
    const secondary = onlyOf(withStandby()["test-euc1-data"], "aws_elasticache_replication_group");
    expect(secondary.global_replication_group_id).toMatch(fromPrimaryData);
    expect(secondary.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    for (const conflicting of ["engine", "engine_version", "node_type", "num_node_groups", "parameter_group_name"]) {
      expect(secondary).not.toHaveProperty(conflicting);
    }
  });

  test("MSK Replicator copies the primary's topics to the standby cluster, which the primary lets it read", () => {
    const primary = withStandby()["test-data"];
    expect(
      onlyOf(primary, "aws_msk_cluster").broker_node_group_info.connectivity_info.vpc_connectivity.client_authentication
        .sasl.iam,
    ).toBe(true);
    expect(onlyOf(primary, "aws_msk_cluster_policy").cluster_arn).toMatch(/^\$\{aws_msk_cluster\..+\.arn\}$/);
    const standby = withStandby()["test-euc1-data"];
    const replicator = onlyOf(standby, "aws_msk_replicator");
    const info = replicator.replication_info_list;
    expect(info.source_kafka_cluster_arn).toMatch(fromPrimaryData);
    expect(info.target_kafka_cluster_arn).toMatch(/^\$\{aws_msk_cluster\..+\.arn\}$/);
    expect(info.topic_replication[0].topic_name_configuration).toEqual({ type: "IDENTICAL" });
    expect(onlyOf(standby, "aws_msk_cluster").number_of_broker_nodes).toBe(3);
  });

  test("without dr the primary's data stack has no global datastore, replication policy or multi-VPC brokers", () => {
    const app = Testing.app();
    defineEnvironment(app, testConfig());
    const json = synthApp(app, ["test-data"])["test-data"];
    expect(listOf(json, "aws_elasticache_global_replication_group")).toEqual([]);
    expect(listOf(json, "aws_msk_cluster_policy")).toEqual([]);
    expect(onlyOf(json, "aws_msk_cluster").broker_node_group_info.connectivity_info).toEqual({
      public_access: { type: "DISABLED" },
    });
  });
});

describe("dr configuration", () => {
  const problems = (overrides: object): string[] => {
    try {
      testConfig(overrides as never);
    } catch (error) {
      if (error instanceof ConfigError) {
        return [...error.problems];
      }
      throw error;
    }
    return [];
  };

  test("is accepted on production with a region, a block and the data settings a standby needs", () => {
    expect(problems(drOverrides)).toEqual([]);
  });

  test("names each problem: not production, the same region, an overlapping block", () => {
    expect(problems({ ...drOverrides, production: false })).toContainEqual(
      expect.stringContaining("dr: is set on an environment that is not production"),
    );
    expect(problems({ ...drOverrides, dr: { ...DR, region: "eu-west-1" } })).toContainEqual(
      expect.stringContaining('dr.region: "eu-west-1" is the environment\'s own region'),
    );
    expect(problems({ ...drOverrides, network: { vpcCidr: "10.31.0.0/16" } })).toContainEqual(
      expect.stringContaining('dr.vpcCidr: "10.31.0.0/16" overlaps network.vpcCidr 10.31.0.0/16'),
    );
  });

  test("refuses cache auto scaling (ElastiCache does not scale a global datastore's members)", () => {
    expect(problems({ dr: DR })).toEqual(
      expect.arrayContaining([
        expect.stringContaining("cache.autoscaling.shards.enabled: true is not allowed with dr"),
        expect.stringContaining("cache.autoscaling.replicas.enabled: true is not allowed with dr"),
      ]),
    );
  });

  test("refuses a cache node a global datastore cannot hold and brokers without multi-VPC connectivity", () => {
    expect(
      problems({ ...drOverrides, cache: { ...NO_CACHE_AUTOSCALING, nodeType: "cache.t4g.medium" } }),
    ).toContainEqual(expect.stringContaining('"cache.t4g.medium" cannot be in a global datastore'));
    expect(problems({ ...drOverrides, kafka: { brokerInstanceType: "kafka.t3.small" } })).toContainEqual(
      expect.stringContaining('"kafka.t3.small" does not support multi-VPC private connectivity'),
    );
  });

  test("refuses a standby Kafka cluster MSK cannot spread over the zones or replicate into", () => {
    expect(problems({ ...drOverrides, dr: { ...DR, standby: { ...DR.standby, kafkaBrokerCount: 4 } } })).toContainEqual(
      expect.stringContaining(
        "dr.standby.kafkaBrokerCount: 4 is not allowed; expected a multiple of network.azCount (3)",
      ),
    );
  });
});

describe("prod with its standby, synthesized as npm run synth does", () => {
  test("passes the guardrails, the preflight (names, collisions across both regions' stacks) and the capacity check", () => {
    // The shared synth of the registered environments (test/synthesized.ts): synthesizePlatform, whose guardrails,
    // preflight and capacity check throw on any problem, so that its result exists only when all passed.
    const result = platformOutput();
    expect(result.stackIds.filter((id) => id.startsWith("prod-euc1-"))).toEqual([
      "prod-euc1-bootstrap",
      "prod-euc1-network",
      "prod-euc1-data",
      "prod-euc1-cluster",
      "prod-euc1-addons",
      "prod-euc1-workloads",
      "prod-euc1-edge",
      "prod-euc1-observability",
    ]);
    const standby = result.guardrails
      .find(({ environment }) => environment === "prod")!
      .reports.filter((report) => report.stackId.startsWith("prod-euc1-"));
    // The standby's reports come with its environment's (main.ts prints them), each stack's, with no error.
    expect(standby.map((report) => report.stackId)).toEqual(
      result.stackIds.filter((id) => id.startsWith("prod-euc1-")),
    );
    expect(standby.flatMap((report) => report.errors)).toEqual([]);
    expect(standby.every((report) => report.production)).toBe(true);
  });
});
