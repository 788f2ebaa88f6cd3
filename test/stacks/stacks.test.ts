import { Testing } from "cdktf";
import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { loadEnvironments } from "../../src/config/load";
import { defineEnvironment } from "../../stacks/environment";
import { NetworkStack } from "../../stacks/network-stack";
import { localStatePath, SECRET_ATTRIBUTES, stateKey } from "../../stacks/platform-stack";
import { listOf, onlyOf, type StackJson, synthApp, testConfig } from "../helpers";
import { platformStacks } from "../synthesized";

const synthesized = new Map<string, Record<string, StackJson>>();
/**
 * Every stack of the test environment with these overrides, synthesized together (so that cross-stack references
 * are wired), once per distinct overrides: many tests read the stacks of the same config. Read them, never change them.
 */
function synthEnvironment(
  overrides: Parameters<typeof testConfig>[0] = {},
  only?: readonly string[],
): Record<string, StackJson> {
  const key = JSON.stringify([overrides, only]);
  let stacks = synthesized.get(key);
  if (!stacks) {
    const app = Testing.app();
    defineEnvironment(app, testConfig(overrides));
    stacks = synthApp(app, only);
    synthesized.set(key, stacks);
  }
  return stacks;
}
const defaultStacks = () => synthEnvironment();

describe("PlatformStack (through NetworkStack)", () => {
  test("names the stack <env>-<layer>", () => {
    const stack = new NetworkStack(Testing.app(), testConfig({ environment: "qa" }));

    expect(stack.node.id).toBe("qa-network");
  });

  test("configures the AWS provider with the region and the default tags", () => {
    const config = testConfig({ tags: { owner: "team-a", costCenter: "cc-42", extra: { Service: "shop" } } });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(json.provider?.aws).toEqual([
      {
        region: "eu-west-1",
        default_tags: [
          {
            tags: {
              Service: "shop",
              Project: "acme",
              Environment: "test",
              Layer: "network",
              ManagedBy: "cdktf",
              Owner: "team-a",
              CostCenter: "cc-42",
            },
          },
        ],
      },
    ]);
  });

  test("refuses any other account when the account id is configured", () => {
    const config = testConfig({ aws: { region: "eu-west-1", accountId: "123456789012" } });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(json.provider?.aws[0].allowed_account_ids).toEqual(["123456789012"]);
  });

  test("sets no account guard when no account id is configured", () => {
    const json = defaultStacks()["test-network"];

    expect(json.provider?.aws[0]).not.toHaveProperty("allowed_account_ids");
  });

  test("requires Terraform 1.11 for S3-native locking", () => {
    const json = defaultStacks()["test-network"];

    expect(json.terraform?.required_version).toBe(">= 1.11");
  });
});

/** A pinned account, which a state bucket requires (its global name carries the id). */
const ACCOUNT = { region: "eu-west-1", accountId: "123456789012" } as const;

describe("state backend", () => {
  test("without a state bucket, state stays local at a relative path outside cdktf.out", () => {
    const json = defaultStacks()["test-network"];

    expect(json.terraform?.backend).toEqual({ local: { path: "../../../.tfstate/test/network.tfstate" } });
    expect(localStatePath("test", "network")).toBe("../../../.tfstate/test/network.tfstate");
  });

  test("with a state bucket, uses the encrypted S3 backend with native locking and an <env>/<layer> key", () => {
    const config = testConfig({
      aws: { region: "eu-west-1", accountId: "123456789012" },
      stateBackend: { bucket: "acme-test-state-123456789012", keyPrefix: "platform" },
    });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: "acme-test-state-123456789012",
        key: "platform/test/network.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "alias/acme-test-terraform-state",
        use_lockfile: true,
      },
    });
  });

  test("honours the state bucket's own region and key", () => {
    const config = testConfig({
      aws: { region: "eu-west-1", accountId: "123456789012" },
      stateBackend: { bucket: "acme-test-state-123456789012", region: "us-east-1", kmsKeyId: "alias/shared-state" },
    });
    const backend = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"].terraform?.backend.s3;

    expect(backend).toMatchObject({
      region: "us-east-1",
      kms_key_id: "alias/shared-state",
      key: "test/network.tfstate",
    });
  });

  test("the key has no prefix folder when none is configured", () => {
    expect(
      stateKey(
        testConfig({
          aws: { region: "eu-west-1", accountId: "123456789012" },
          stateBackend: { bucket: "acme-test-state-123456789012" },
        }),
        "data",
      ),
    ).toBe("test/data.tfstate");
  });
});

describe("BootstrapStack", () => {
  test("exists only when the environment keeps its state in S3", () => {
    expect(defineEnvironment(Testing.app(), testConfig()).bootstrap).toBeUndefined();
    expect(
      defineEnvironment(
        Testing.app(),
        testConfig({ aws: ACCOUNT, stateBackend: { bucket: "acme-test-state-123456789012" } }),
      ).bootstrap,
    ).toBeInstanceOf(BootstrapStack);
  });

  test("creates the state bucket in the state region and keeps its own state local", () => {
    const config = testConfig({
      aws: ACCOUNT,
      stateBackend: { bucket: "acme-test-state-123456789012", region: "eu-central-1" },
    });
    const stacks = synthApp(defineEnvironment(Testing.app(), config).bootstrap!);
    const json = stacks["test-bootstrap"];

    expect(json.provider?.aws[0].region).toBe("eu-central-1");
    expect(json.terraform?.backend).toEqual({ local: { path: "../../../.tfstate/test/bootstrap.tfstate" } });
    expect(onlyOf(json, "aws_s3_bucket")).toMatchObject({
      bucket: "acme-test-state-123456789012",
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyOf(json, "aws_kms_alias").name).toBe("alias/acme-test-terraform-state");
    expect(Object.keys(json.output ?? {})).toEqual(["state_bucket", "state_kms_key_arn"]);
  });
});

describe("NetworkStack", () => {
  test("makes sure AWSServiceRoleForAutoScaling exists before the volume keys of later stacks name it", () => {
    const stacks = defaultStacks();
    const [roleId, role] = Object.entries(stacks["test-network"].resource?.aws_iam_service_linked_role ?? {})[0] as [
      string,
      any,
    ];

    expect(role).toMatchObject({ aws_service_name: "autoscaling.amazonaws.com", lifecycle: { prevent_destroy: true } });
    for (const [stackId, policy] of [
      ["test-cluster", "Cluster_VolumeKey_Policy"],
      ["test-workloads", "Monolith_VolumeKey_Policy"],
    ]) {
      const [, document] = Object.entries(stacks[stackId].data?.aws_iam_policy_document ?? {}).find(([id]) =>
        id.startsWith(policy),
      ) as [string, any];
      const grant = document.statement.find((statement: any) => statement.sid === "AllowAutoScalingVolumes");
      // Through the network stack's output of the role's ARN: the reference orders the stacks.
      const output = grant.principals[0].identifiers[0].match(/outputs\.([\w-]+)\}$/)[1];
      expect(stacks["test-network"].output?.[output].value).toBe(`\${aws_iam_service_linked_role.${roleId}.arn}`);
    }

    const existing = synthApp(
      defineEnvironment(
        Testing.app(),
        testConfig({ aws: { region: "eu-west-1", autoScalingServiceLinkedRole: "existing" } }),
      ).network,
    )["test-network"];
    expect(existing.resource?.aws_iam_service_linked_role).toBeUndefined();
    expect(Object.values(existing.data?.aws_iam_role ?? {})).toEqual([
      expect.objectContaining({ name: "AWSServiceRoleForAutoScaling" }),
    ]);
  });

  test("maps the network config to the network construct", () => {
    const config = testConfig({
      network: { vpcCidr: "10.50.0.0/20", azCount: 2, natGateways: "regional", interfaceEndpoints: true },
      kafka: { brokerCount: 4 },
    });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(onlyOf(json, "aws_vpc").cidr_block).toBe("10.50.0.0/20");
    expect(listOf(json, "aws_subnet")).toHaveLength(6);
    expect(onlyOf(json, "aws_nat_gateway").availability_mode).toBe("regional");
    expect(listOf(json, "aws_vpc_endpoint")).toHaveLength(5);
    expect(onlyOf(json, "aws_cloudwatch_log_group").retention_in_days).toBe(365);
    expect(onlyOf(json, "aws_flow_log").max_aggregation_interval).toBe(60);
  });

  test("turning interface endpoints off leaves only the S3 gateway endpoint", () => {
    const config = testConfig({ network: { interfaceEndpoints: false } });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(listOf(json, "aws_vpc_endpoint").map((endpoint) => endpoint.vpc_endpoint_type)).toEqual(["Gateway"]);
  });

  test("outputs the VPC and the subnet ids of every tier", () => {
    // Besides the cross-stack outputs cdktf adds for the later stacks' references.
    const json = defaultStacks()["test-network"];
    const named = Object.keys(json.output ?? {}).filter((id) => !id.startsWith("cross-stack-output-"));

    expect(named.sort()).toEqual(["data_subnet_ids", "private_subnet_ids", "public_subnet_ids", "vpc_cidr", "vpc_id"]);
    expect(json.output?.private_subnet_ids.value).toHaveLength(3);
  });
});

describe("DataStack", () => {
  const synthData = synthEnvironment;

  function primariesOf(json: ReturnType<typeof synthData>[string]): any[] {
    return listOf(json, "aws_db_instance").filter((instance) => instance.replicate_source_db === undefined);
  }

  test("reads the VPC, data subnets and zones from the network stack's state", () => {
    const stacks = synthData();
    const json = stacks["test-data"];

    const remote = json.data?.terraform_remote_state ?? {};
    expect(Object.keys(remote)).toEqual(["cross-stack-reference-input-test-network"]);
    expect(remote["cross-stack-reference-input-test-network"]).toMatchObject({
      backend: "local",
      config: { path: "../../../.tfstate/test/network.tfstate" },
    });
    const fromNetwork = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-network\.outputs\./;
    expect(onlyOf(json, "aws_db_subnet_group").subnet_ids).toHaveLength(3);
    for (const subnetId of onlyOf(json, "aws_db_subnet_group").subnet_ids) {
      expect(subnetId).toMatch(fromNetwork);
    }
    expect(listOf(json, "aws_security_group")[0].vpc_id).toMatch(fromNetwork);
    // The network stack publishes what the data stack reads.
    expect(
      Object.keys(stacks["test-network"].output ?? {}).filter((name) => name.startsWith("cross-stack-output-")),
    ).not.toHaveLength(0);
  });

  test("production: a protected Multi-AZ encrypted primary, two replicas, a proxy, no secret in the output", () => {
    const json = synthData()["test-data"];

    const [primary] = primariesOf(json);
    expect(primary).toMatchObject({
      multi_az: true,
      storage_encrypted: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(primary.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(listOf(json, "aws_db_instance").filter((instance) => instance.replicate_source_db)).toHaveLength(2);
    expect(listOf(json, "aws_db_proxy")).toHaveLength(1);
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"password"\s*:/);
    expect(text).not.toMatch(/"secret_string"\s*:/);
    // The stack's own outputs; cross-stack outputs for the workloads stack come on top.
    const named = Object.keys(json.output ?? {}).filter((name) => !name.startsWith("cross-stack-output-"));
    expect(named.sort()).toEqual([
      "cache_configuration_endpoint",
      "cache_port",
      "cache_security_group_id",
      "cache_user_ids",
      "database_master_secret_arns",
      "database_security_group_ids",
      "database_shard_map",
      "database_shard_map_parameter",
      "kafka_bootstrap_brokers_iam",
      "kafka_cluster_arn",
      "kafka_security_group_id",
    ]);
    expect(json.output?.database_shard_map_parameter.value).toBe("/acme/test/database/shard-map");
  });

  test("production: a cluster-mode cache and a Kafka cluster in the data subnets, encrypted, IAM-only, scaling", () => {
    const json = synthData()["test-data"];
    const fromNetwork = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-network\.outputs\./;

    const cache = onlyOf(json, "aws_elasticache_replication_group");
    expect(cache).toMatchObject({
      engine: "valkey",
      cluster_mode: "enabled",
      num_node_groups: 2,
      replicas_per_node_group: 1,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      snapshot_retention_limit: 7,
      lifecycle: { prevent_destroy: true, ignore_changes: ["num_node_groups", "replicas_per_node_group"] },
    });
    expect(cache.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    for (const subnetId of onlyOf(json, "aws_elasticache_subnet_group").subnet_ids) {
      expect(subnetId).toMatch(/DataSubnet/);
    }
    const users = listOf(json, "aws_elasticache_user");
    expect(users.map((user) => [user.user_name, user.authentication_mode?.type ?? user.no_password_required])).toEqual([
      ["default", true],
      ["acme-test-cache-app", "iam"],
    ]);
    expect(
      listOf(json, "aws_appautoscaling_target")
        .map((target) => target.scalable_dimension)
        .sort(),
    ).toEqual([
      "elasticache:replication-group:NodeGroups",
      "elasticache:replication-group:Replicas",
      "kafka:broker-storage:VolumeSize",
    ]);

    const kafka = onlyOf(json, "aws_msk_cluster");
    expect(kafka).toMatchObject({
      kafka_version: "3.9.x.kraft",
      number_of_broker_nodes: 3,
      client_authentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
      encryption_info: { encryption_in_transit: { client_broker: "TLS", in_cluster: true } },
      lifecycle: { prevent_destroy: true },
    });
    expect(kafka.broker_node_group_info.client_subnets).toHaveLength(3);
    for (const subnetId of kafka.broker_node_group_info.client_subnets) {
      expect(subnetId).toMatch(fromNetwork);
      expect(subnetId).toMatch(/DataSubnet/);
    }
    expect(onlyOf(json, "aws_msk_configuration").server_properties).toContain("min.insync.replicas=2\n");
    expect(json.output?.cache_port.value).toBe(6379);
  });

  test("a grant opens the cache and Kafka only to the granted security group", () => {
    const app = Testing.app();
    const { data } = defineEnvironment(app, testConfig());
    data.cache.allowFrom("Services", "sg-services");
    data.kafka.allowFrom("Services", "sg-services");
    const json = synthApp(app, ["test-data"])["test-data"];

    // Besides the database proxy's own rule into the database, only the granted group gets in.
    const rules = listOf(json, "aws_vpc_security_group_ingress_rule").filter(
      (rule) => !String(rule.referenced_security_group_id).startsWith("${aws_security_group."),
    );
    expect(rules.map((rule) => [rule.from_port, rule.referenced_security_group_id])).toEqual([
      [6379, "sg-services"],
      [9098, "sg-services"],
    ]);
    expect(JSON.stringify(json)).not.toMatch(/"cidr_ipv4"|"cidr_blocks"/);
  });

  test("raising shards to 3 yields three protected clusters and a shard map listing all three", () => {
    const json = synthData({ database: { shards: 3 } }, ["test-data"])["test-data"];

    const primaries = primariesOf(json);
    expect(primaries.map((instance) => instance.identifier)).toEqual([
      "acme-test-db-shard-0",
      "acme-test-db-shard-1",
      "acme-test-db-shard-2",
    ]);
    for (const primary of primaries) {
      expect(primary).toMatchObject({
        multi_az: true,
        deletion_protection: true,
        lifecycle: { prevent_destroy: true },
      });
    }
    expect(listOf(json, "aws_db_instance")).toHaveLength(9);
    expect(listOf(json, "aws_db_proxy")).toHaveLength(3);
    const shardMap: string = onlyOf(json, "aws_ssm_parameter").insecure_value;
    expect(shardMap.match(/"writerEndpoint" = /g)).toHaveLength(3);
    expect(shardMap).toContain('"shardCount" = 3');
  });

  test("dev's relaxations reach the resources: single AZ, burstable, no proxy, small cache and Kafka, no protection", () => {
    const dev = loadEnvironments(["dev"])[0];
    const app = Testing.app();
    defineEnvironment(app, dev);
    const json = synthApp(app, ["dev-data"])["dev-data"];

    const [primary] = primariesOf(json);
    expect(primary).toMatchObject({
      instance_class: "db.t4g.small",
      multi_az: false,
      backup_retention_period: 1,
      deletion_protection: false,
      skip_final_snapshot: true,
      apply_immediately: true,
    });
    expect(primary).not.toHaveProperty("lifecycle");
    expect(listOf(json, "aws_db_proxy")).toEqual([]);
    expect(listOf(json, "aws_db_instance")).toHaveLength(2);

    expect(onlyOf(json, "aws_elasticache_replication_group")).toMatchObject({
      node_type: "cache.t4g.small",
      num_node_groups: 1,
      replicas_per_node_group: 0,
      multi_az_enabled: false,
      snapshot_retention_limit: 0,
    });
    expect(onlyOf(json, "aws_elasticache_replication_group")).not.toHaveProperty("lifecycle");
    expect(onlyOf(json, "aws_msk_cluster")).toMatchObject({
      kafka_version: "3.9.x",
      number_of_broker_nodes: 2,
      enhanced_monitoring: "DEFAULT",
      broker_node_group_info: { instance_type: "kafka.t3.small" },
    });
    expect(listOf(json, "aws_appautoscaling_target")).toEqual([]);
  });
});

describe("ClusterStack and AddonsStack", () => {
  const stacks = synthEnvironment();
  const cluster = stacks["test-cluster"];
  const addons = stacks["test-addons"];

  test("an environment without prevent_destroy can be torn down and rebuilt at once", () => {
    const rebuilt = synthEnvironment(
      {
        production: false,
        protection: { deletionProtection: false, finalSnapshots: false, preventDestroy: false },
      },
      ["test-data", "test-addons", "test-edge"],
    );
    const secrets = (stackId: string) =>
      listOf(rebuilt[stackId], "aws_secretsmanager_secret").map((secret) => secret.recovery_window_in_days);

    // A secret waiting out a recovery window keeps its name taken: the rebuild's apply would fail on it.
    expect(secrets("test-addons")).toEqual([0]);
    expect(secrets("test-data")).toEqual([0]);
    expect(onlyOf(rebuilt["test-edge"], "aws_s3_bucket").force_destroy).toBe(true);
    // A protected environment keeps its secrets 30 days and refuses to drop a bucket that still holds objects.
    expect(listOf(addons, "aws_secretsmanager_secret").map((secret) => secret.recovery_window_in_days)).toEqual([30]);
    expect(onlyOf(stacks["test-edge"], "aws_s3_bucket").force_destroy).toBe(false);
  });

  test("the cluster stack holds AWS resources only: no kubernetes or helm provider or resource", () => {
    expect(Object.keys(cluster.provider ?? {})).toEqual(["aws"]);
    expect(Object.keys(cluster.resource ?? {}).filter((type) => !type.startsWith("aws_"))).toEqual([]);
    expect(Object.keys(addons.provider ?? {}).sort()).toEqual(["aws", "helm", "kubernetes"]);
  });

  test("production: a private cluster in the private subnets with system and services node groups", () => {
    const fromNetwork = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-network\.outputs\./;
    const eks = onlyOf(cluster, "aws_eks_cluster");

    expect(eks).toMatchObject({
      name: "acme-test-eks",
      version: "1.35",
      vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(eks.vpc_config.subnet_ids).toHaveLength(3);
    eks.vpc_config.subnet_ids.forEach((id: string) => expect(id).toMatch(fromNetwork));
    expect(
      listOf(cluster, "aws_eks_node_group").map((group) => [
        group.node_group_name_prefix,
        group.capacity_type,
        group.scaling_config,
      ]),
    ).toEqual([
      ["services-", "ON_DEMAND", { min_size: 3, desired_size: 3, max_size: 30 }],
      ["system-", "ON_DEMAND", { min_size: 3, desired_size: 3, max_size: 6 }],
    ]);
    expect(listOf(cluster, "aws_launch_template").every((t) => t.metadata_options.http_tokens === "required")).toBe(
      true,
    );
  });

  test("the add-ons stack connects to the cluster from the cluster stack's outputs", () => {
    const fromCluster = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-cluster\.outputs\./;

    expect(addons.provider!.kubernetes[0].host).toMatch(fromCluster);
    expect(addons.provider!.helm[0].kubernetes.host).toMatch(fromCluster);
    expect(
      listOf(addons, "helm_release")
        .map((release) => `${release.name}@${release.version}`)
        .sort(),
    ).toEqual([
      "aws-load-balancer-controller@1.16.0",
      "cluster-autoscaler@9.56.0",
      "istio-base@1.31.1",
      "istio-cni@1.31.1",
      "istiod@1.31.1",
      "keda@2.21.1",
      "kube-prometheus-stack@80.4.1",
      "metrics-server@3.13.0",
      "otel-collector-metrics@0.170.0",
      "otel-collector@0.170.0",
    ]);
    expect(Object.keys(cluster.output ?? {})).toEqual(
      expect.arrayContaining(["cluster_name", "cluster_endpoint", "cluster_security_group_id", "update_kubeconfig"]),
    );
  });

  test("Prometheus reaches the MSK brokers' exporters from the cluster, on 11001 and 11002 only", () => {
    const kafkaGroup =
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-data\.outputs\.cross-stack-output-aws_security_groupKafka_SecurityGroup_\w+id\}$/;
    const clusterGroup =
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-cluster\.outputs\.[\w-]+cluster_security_group_id\}$/;
    const rules = listOf(addons, "aws_vpc_security_group_ingress_rule");

    expect(rules.map((rule) => [rule.ip_protocol, rule.from_port, rule.to_port, rule.description])).toEqual([
      ["tcp", 11001, 11001, "Prometheus from the EKS cluster (JmxExporter)"],
      ["tcp", 11002, 11002, "Prometheus from the EKS cluster (NodeExporter)"],
    ]);
    for (const rule of rules) {
      expect(rule.security_group_id).toMatch(kafkaGroup);
      expect(rule.referenced_security_group_id).toMatch(clusterGroup);
      expect(rule.cidr_ipv4).toBeUndefined();
    }
    // The brokers' domain comes from the data stack's bootstrap string; the data stack holds no grant for it.
    expect(Object.values((addons as any).locals)).toEqual([
      expect.stringMatching(
        /^\$\{element\(regex\("\^b-\[0-9\]\+\[\.\]\(\[\^:,\]\+\)", data\.terraform_remote_state\.cross-stack-reference-input-test-data\.outputs\.[\w-]+bootstrap_brokers_sasl_iam\), 0\)\}$/,
      ),
    ]);
    expect(
      listOf(stacks["test-data"], "aws_vpc_security_group_ingress_rule").filter((rule) => rule.from_port >= 11001),
    ).toEqual([]);
  });

  test("config reaches the add-ons: the autoscaler image of the Kubernetes version, Prometheus sizing", () => {
    const json = synthEnvironment(
      {
        eks: { kubernetesVersion: "1.34", monitoring: { prometheus: { retentionDays: 30, storageGiB: 200 } } },
      },
      ["test-addons"],
    )["test-addons"];
    const values = (name: string) => listOf(json, "helm_release").find((release) => release.name === name).values[0];

    expect(values("cluster-autoscaler")).toContain("tag: v1.34.5");
    expect(values("kube-prometheus-stack")).toContain("retention: 30d");
    expect(values("kube-prometheus-stack")).toContain("storage: 200Gi");
  });
});

describe("cross-stack wiring", () => {
  test("only secrets are sensitive outputs: a reviewer reads every ARN, id and endpoint in the plan", () => {
    const outputs = Object.values(platformStacks()).flatMap((json) => Object.entries(json.output ?? {}));

    expect(outputs.filter(([name]) => name.startsWith("cross-stack-output-")).length).toBeGreaterThan(100);
    // Only the API keys' values, which prod's standby API is given (stacks/standby-edge-stack.ts).
    expect(outputs.filter(([, output]) => output.sensitive).map(([name]) => name)).toEqual([
      "cross-stack-output-aws_api_gateway_api_keyApi_SiteKey_6AAE6987value",
    ]);
    // What stays sensitive: the provider's secret attributes (Terraform refuses a plain output of one).
    for (const secret of [
      "aws_api_gateway_api_key.Key.value",
      "aws_secretsmanager_secret_version.V.secret_string",
      "aws_elasticache_replication_group.C.auth_token",
      "data.aws_secretsmanager_secret_version.S.secret_string",
    ]) {
      expect(SECRET_ATTRIBUTES.test(secret)).toBe(true);
    }
    for (const plain of [
      "aws_lb.Lb.dns_name",
      "aws_eks_cluster.C.certificate_authority[0].data",
      "aws_kms_key.K.arn",
    ]) {
      expect(SECRET_ATTRIBUTES.test(plain)).toBe(false);
    }
  });

  test("no stack reads another environment's state (a standby, <env>-<region code>, reads its environment's)", () => {
    const stacks = platformStacks();

    let reads = 0;
    for (const [stackId, json] of Object.entries(stacks)) {
      const environment = stackId.split("-")[0];
      for (const remote of Object.values(json.data?.terraform_remote_state ?? {}) as any[]) {
        reads++;
        const location: string = remote.config.key ?? remote.config.path;
        expect(location).toMatch(
          remote.backend === "s3"
            ? new RegExp(`^(platform/)?${environment}(-[a-z]+\\d)?/`)
            : new RegExp(`/${environment}(-[a-z]+\\d)?/`),
        );
      }
    }
    expect(reads).toBeGreaterThanOrEqual(3);
  });
});

describe("WorkloadsStack", () => {
  const stacks = synthEnvironment();
  const workloads = stacks["test-workloads"];
  const byName = (type: string, prefix: string) =>
    Object.entries(workloads.resource?.[type] ?? {}).filter(([id]) => id.startsWith(prefix));

  test("every catalog service gets namespace, role, deployment, service, autoscaler, budget, target group and rule", () => {
    const services = ["analytics", "auth", "ingestion", "reports"];
    expect(
      listOf(workloads, "kubernetes_namespace_v1")
        .map((ns) => ns.metadata.name)
        .sort(),
    ).toEqual(["analytics", "auth", "database-admin", "ingestion", "kafka-admin", "reports"]);
    expect(
      listOf(workloads, "kubernetes_deployment_v1")
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(services);
    expect(listOf(workloads, "kubernetes_service_v1")).toHaveLength(4);
    expect(listOf(workloads, "kubernetes_pod_disruption_budget_v1")).toHaveLength(4);
    expect(listOf(workloads, "aws_lb_target_group")).toHaveLength(5);
    expect(
      listOf(workloads, "aws_lb_listener_rule")
        .map((rule) => rule.condition[0].path_pattern.values[0])
        .sort(),
    ).toEqual(["/api/analytics", "/api/auth", "/api/ingest", "/api/reports", "/v1/*"]);
    // Consumers scale on lag (KEDA); the others on CPU and memory (HPA).
    expect(
      listOf(workloads, "kubernetes_horizontal_pod_autoscaler_v2")
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual(["auth", "ingestion"]);
    const scaled = listOf(workloads, "kubernetes_manifest").filter((m) => m.manifest.kind === "ScaledObject");
    expect(scaled.map((m) => m.manifest.metadata.name).sort()).toEqual(["analytics", "reports"]);
  });

  test("adding a service to the catalog yields its objects and route with no other change", () => {
    const image = "ghcr.io/acme/billing:1.0.0";
    const more = synthEnvironment(
      {
        services: {
          billing: {
            image,
            port: 8081,
            pathPrefix: "/api/billing",
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
            replicas: { min: 2, max: 4 },
          },
        },
      },
      ["test-workloads"],
    )["test-workloads"];
    const deployment = listOf(more, "kubernetes_deployment_v1").find((d) => d.metadata.name === "billing");
    expect(deployment.spec.template.spec.container[0].image).toBe(image);
    expect(listOf(more, "aws_lb_target_group").find((tg) => tg.tags.Name.endsWith("-billing"))).toMatchObject({
      name_prefix: "billi-",
      port: 8081,
      target_type: "ip",
    });
    // A new port gets its own rule in and out; the services on 8080 still share one.
    const fromLoadBalancer = listOf(more, "aws_vpc_security_group_ingress_rule").filter((rule) =>
      /^Service pods on \d+ from the internal load balancer$/.test(rule.description),
    );
    expect(fromLoadBalancer.map((rule) => rule.from_port).sort()).toEqual([8080, 8081]);
    expect(listOf(more, "aws_iam_role").some((role) => role.name === "acme-test-eks-svc-billing")).toBe(true);
    expect(listOf(more, "kubernetes_horizontal_pod_autoscaler_v2")).toHaveLength(3);
  });

  test("only the load balancer reaches the pods on each service port; the cluster and monolith reach the stores", () => {
    const ingress = listOf(workloads, "aws_vpc_security_group_ingress_rule");
    // Four services on 8080: one rule in (pods from the load balancer) and one out (load balancer to the pods), since
    // EC2 refuses a second identical permission (InvalidPermission.Duplicate).
    const fromLoadBalancer = ingress.filter((rule) =>
      /pods on \d+ from the internal load balancer/.test(rule.description),
    );
    expect(fromLoadBalancer.map((rule) => [rule.from_port, rule.to_port, rule.ip_protocol])).toEqual([
      [8080, 8080, "tcp"],
    ]);
    const toPods = listOf(workloads, "aws_vpc_security_group_egress_rule").filter((rule) =>
      /^To the service pods on/.test(rule.description),
    );
    expect(toPods.map((rule) => rule.from_port)).toEqual([8080]);
    expect(toPods[0].referenced_security_group_id).toBe(fromLoadBalancer[0].security_group_id);
    const descriptions = ingress.map((rule) => rule.description);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        "PostgreSQL from the EKS cluster (Shard0Instances)",
        "PostgreSQL from the EKS cluster (Shard0Proxy)",
        "Cache from the EKS cluster (Cache)",
        "Kafka from the EKS cluster (Brokers)",
        "PostgreSQL from the monolith (Shard0Instances)",
      ]),
    );
    // No CIDR reaches the load balancer: its only client, the API's VPC link, is let in by the edge stack.
    expect(ingress.filter((rule) => rule.cidr_ipv4 !== undefined)).toEqual([]);
  });

  test("a one-shot job creates the services' database users on every shard, once the cluster may reach them", () => {
    const jobs = listOf(workloads, "kubernetes_job_v1").filter((candidate) =>
      candidate.metadata.name.startsWith("database-roles-"),
    );
    expect(jobs).toHaveLength(1);
    const spec = listOf(workloads, "kubernetes_config_map_v1").find(
      (map) => map.metadata.name === jobs[0].metadata.name,
    );
    // auth writes; analytics and reports read; ingestion has no database access (the shared defaults).
    expect(spec.data["roles.sql"].match(/^-- \w+: [a-z-]+$/gm)).toEqual([
      "-- analytics: read-only",
      "-- auth: read-write",
      "-- reports: read-only",
    ]);
    const rules = Object.entries(workloads.resource?.aws_vpc_security_group_ingress_rule ?? {})
      .filter(([id]) => id.startsWith("ClusterToDatabase"))
      .map(([id]) => `aws_vpc_security_group_ingress_rule.${id}`);
    expect(rules.length).toBeGreaterThan(0);
    expect(jobs[0].depends_on).toEqual(expect.arrayContaining(rules));
  });

  test("the consumer of report_requested may read only its topic and group, and write only its dead letters", () => {
    const [[, document]] = Object.entries(workloads.data?.aws_iam_policy_document ?? {}).filter(([id]) =>
      id.startsWith("Service-reports_Role_PermissionsDocument"),
    );
    const kafka = document.statement.filter((s: any) => s.sid.startsWith("Kafka"));
    expect(kafka.map((s: any) => [s.sid, s.resources.map((arn: string) => arn.replace(/^.*\//, ""))])).toEqual([
      ["KafkaConnect", [expect.stringMatching(/aws_msk_cluster\w+arn\}$/)]],
      ["KafkaProduce", ["report_requested.dlq"]],
      ["KafkaConsume", ["report_requested"]],
      ["KafkaConsumerGroup", ["reports"]],
    ]);
  });

  test("the monolith: IMDSv2-only instances behind the default rule, target tracking, predictive and scheduled", () => {
    const template = onlyOf(workloads, "aws_launch_template");
    expect(template.metadata_options.http_tokens).toBe("required");
    expect(template.block_device_mappings[0].ebs).toMatchObject({ encrypted: "true", volume_type: "gp3" });
    const group = onlyOf(workloads, "aws_autoscaling_group");
    expect(group).toMatchObject({ min_size: 2, max_size: 12, health_check_type: "ELB" });
    expect(
      listOf(workloads, "aws_autoscaling_policy")
        .map((policy) => policy.policy_type)
        .sort(),
    ).toEqual(["PredictiveScaling", "TargetTrackingScaling", "TargetTrackingScaling"]);
    expect(
      listOf(workloads, "aws_autoscaling_schedule")
        .map((action) => [action.scheduled_action_name, action.min_size])
        .sort(),
    ).toEqual([
      ["business-hours", 4],
      ["off-peak", 2],
    ]);
    expect(byName("aws_lb_target_group", "LoadBalancer_DefaultTargetGroup")).toHaveLength(1);
  });

  test("the topic job creates the catalog's topics and their dead-letter topics", () => {
    const spec = listOf(workloads, "kubernetes_config_map_v1").find((map) =>
      map.metadata.name.startsWith("kafka-topics-"),
    );
    expect(
      spec.data["topics.txt"]
        .trim()
        .split("\n")
        .map((line: string) => line.split(" ")[0]),
    ).toEqual(["events_ingested", "events_ingested.dlq", "report_requested", "report_requested.dlq"]);
  });
});

describe("EdgeStack", () => {
  const stacks = synthEnvironment();
  const edge = stacks["test-edge"];
  const resourcePaths = (json: typeof edge) =>
    listOf(json, "aws_api_gateway_resource")
      .map((resource) => resource.path_part)
      .sort();
  const workloadsOutput = (name: string) =>
    `\${data.terraform_remote_state.cross-stack-reference-input-test-workloads.outputs.cross-stack-output-${name}}`;

  test("adding a service with a path prefix adds its route at the gateway, with no other change", () => {
    const withOrders = synthEnvironment(
      {
        services: {
          orders: {
            image: "ghcr.io/acme/orders:1.0.0",
            port: 8080,
            pathPrefix: "/api/orders",
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
            replicas: { min: 2, max: 4 },
          },
        },
      },
      ["test-edge"],
    )["test-edge"];

    expect(resourcePaths(withOrders).length - resourcePaths(edge).length).toBe(2);
    expect(resourcePaths(withOrders)).toEqual([...resourcePaths(edge), "orders", "{proxy+}"].sort());
    expect(listOf(withOrders, "aws_api_gateway_method").length - listOf(edge, "aws_api_gateway_method").length).toBe(2);
  });

  test("every route goes through the VPC link to the workloads' load balancer, whose rules pick service or monolith", () => {
    const integrations = listOf(edge, "aws_api_gateway_integration");
    expect(integrations).toHaveLength(16);
    for (const integration of integrations) {
      expect(integration).toMatchObject({
        type: "HTTP_PROXY",
        connection_type: "VPC_LINK",
        integration_target: workloadsOutput("aws_lbLoadBalancer_BE9EEC3Aarn"),
      });
    }
    const host = `http://${workloadsOutput("aws_lbLoadBalancer_BE9EEC3Adns_name")}`;
    expect(integrations.map((integration) => integration.uri.replace(host, "")).sort()).toEqual(
      expect.arrayContaining(["/", "/{proxy}", "/api/{proxy}", "/api/auth", "/api/auth/{proxy}"]),
    );
  });

  test("the VPC link is the load balancer's only client, on its listener port", () => {
    const [ingress] = listOf(edge, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toMatchObject({
      security_group_id: workloadsOutput("aws_security_groupLoadBalancer_SecurityGroup_7560AED0id"),
      from_port: 80,
      to_port: 80,
    });
    expect(onlyOf(edge, "aws_apigatewayv2_vpc_link").subnet_ids).toHaveLength(3);
  });

  test("the three tiers have increasing quotas; both WAFs carry a rate-based rule", () => {
    const plans = listOf(edge, "aws_api_gateway_usage_plan").filter((plan) => plan.quota_settings);
    const byQuota = [...plans].sort((a, b) => a.quota_settings.limit - b.quota_settings.limit);
    expect(byQuota.map((plan) => [plan.name, plan.quota_settings.limit, plan.throttle_settings.rate_limit])).toEqual([
      ["acme-test-api-basic", 24_000, 0.2778],
      ["acme-test-api-pro", 240_000, 2.7778],
      ["acme-test-api-enterprise", 2_400_000, 27.7778],
    ]);
    const acls = listOf(edge, "aws_wafv2_web_acl");
    expect(acls.map((acl) => acl.scope).sort()).toEqual(["CLOUDFRONT", "REGIONAL"]);
    for (const acl of acls) {
      expect(acl.rule[0].statement.rate_based_statement).toMatchObject({ aggregate_key_type: "IP" });
    }
    expect(onlyOf(edge, "aws_wafv2_web_acl_association").resource_arn).toMatch(
      /aws_api_gateway_stage\.Api_Stage_.*\.arn/,
    );
  });

  describe("the callers' ways in", () => {
    const siteKey = /^\$\{aws_api_gateway_api_key\.Api_SiteKey_[0-9A-F]+\.value\}$/;
    const distribution = onlyOf(edge, "aws_cloudfront_distribution");
    const acl = (scope: string) => listOf(edge, "aws_wafv2_web_acl").find((candidate) => candidate.scope === scope);
    const rule = (scope: string, name: string) => acl(scope).rule.find((candidate: any) => candidate.name === name);

    test("CloudFront adds the site's generated key to what it sends the API; the key is on the site's plan", () => {
      const apiOrigin = distribution.origin.find((origin: any) => origin.origin_id === "api");
      expect(apiOrigin.custom_header).toEqual([{ name: "x-api-key", value: expect.stringMatching(siteKey) }]);
      const sitePlan = listOf(edge, "aws_api_gateway_usage_plan").find((plan) => plan.name === "acme-test-api-site");
      expect(sitePlan.throttle_settings).toEqual({ rate_limit: 500, burst_limit: 1000 });
      expect(sitePlan).not.toHaveProperty("quota_settings");
      // No value in the code: API Gateway generates it, and only CloudFront's origin and the API's WAF hold it.
      const [keyId, key] = Object.entries(edge.resource!.aws_api_gateway_api_key).find(([id]) =>
        id.startsWith("Api_SiteKey_"),
      )!;
      expect(apiOrigin.custom_header[0].value).toBe(`\${aws_api_gateway_api_key.${keyId}.value}`);
      expect(key).not.toHaveProperty("value");
    });

    test("the API's WAF judges addresses only of requests without the site's key (CloudFront's WAF saw the viewer's)", () => {
      const notSite = rule("REGIONAL", "RateLimitPerIp").statement.rate_based_statement.scope_down_statement;
      expect(notSite.not_statement.statement.byte_match_statement).toMatchObject({
        field_to_match: { single_header: { name: "x-api-key" } },
        positional_constraint: "EXACTLY",
        search_string: apiOriginHeader(),
      });
      expect(
        rule("REGIONAL", "AWSManagedRulesAmazonIpReputationList").statement.managed_rule_group_statement
          .scope_down_statement,
      ).toEqual(notSite);
      // CloudFront's WAF sees the viewer itself: its address rules judge every request.
      expect(rule("CLOUDFRONT", "RateLimitPerIp").statement.rate_based_statement).not.toHaveProperty(
        "scope_down_statement",
      );
    });

    test("CloudFront's WAF limits each signed-in person's API calls by their token", () => {
      expect(rule("CLOUDFRONT", "RateLimitPerUser").statement.rate_based_statement).toMatchObject({
        limit: 1000,
        aggregate_key_type: "CUSTOM_KEYS",
        custom_key: [{ header: { name: "authorization", text_transformation: [{ priority: 0, type: "NONE" }] } }],
      });
    });

    test("both WAFs enforce the body limits, ingest's on the paths each sees, inspecting 64 KB", () => {
      const ingestPaths = (scope: string) =>
        rule(scope, "BodySize-api-ingest").statement.and_statement.statement[0].or_statement.statement.map(
          (statement: any) => statement.byte_match_statement.search_string,
        );
      expect(ingestPaths("CLOUDFRONT")).toEqual(["/api/ingest", "/api/ingest/"]);
      expect(ingestPaths("REGIONAL")).toEqual(["/v1/api/ingest", "/v1/api/ingest/", "/api/ingest", "/api/ingest/"]);
      expect(acl("CLOUDFRONT").association_config.request_body).toEqual([
        { cloudfront: { default_size_inspection_limit: "KB_64" } },
      ]);
      expect(acl("REGIONAL").association_config.request_body).toEqual([
        { api_gateway: { default_size_inspection_limit: "KB_64" } },
      ]);
    });

    test("the site and the API serve their domains with certificates validated in the zone (CloudFront's in us-east-1)", () => {
      const certificates = listOf(edge, "aws_acm_certificate");
      expect(certificates.map((certificate) => [certificate.domain_name, certificate.provider])).toEqual([
        ["api.example.com", undefined],
        ["www.example.com", "aws.us_east_1"],
      ]);
      expect(distribution.aliases).toEqual(["www.example.com"]);
      expect(distribution.viewer_certificate).toEqual({
        acm_certificate_arn: expect.stringMatching(
          /^\$\{aws_acm_certificate_validation\.CdnCertificate_Validation_[0-9A-F]+\.certificate_arn\}$/,
        ),
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2021",
      });
      expect(onlyOf(edge, "aws_api_gateway_domain_name")).toMatchObject({
        domain_name: "api.example.com",
        regional_certificate_arn: expect.stringMatching(
          /^\$\{aws_acm_certificate_validation\.ApiCertificate_Validation_[0-9A-F]+\.certificate_arn\}$/,
        ),
        security_policy: "TLS_1_2",
      });
    });

    function apiOriginHeader(): string {
      return distribution.origin.find((origin: any) => origin.origin_id === "api").custom_header[0].value;
    }
  });

  test("CloudFront's WAF, certificate logs and key live in us-east-1 through the aliased provider", () => {
    expect(edge.provider?.aws.map((provider: any) => [provider.alias, provider.region])).toEqual([
      [undefined, "eu-west-1"],
      ["us_east_1", "us-east-1"],
    ]);
    const cloudfrontAcl = listOf(edge, "aws_wafv2_web_acl").find((acl) => acl.scope === "CLOUDFRONT");
    expect(cloudfrontAcl.provider).toBe("aws.us_east_1");
    expect(listOf(edge, "aws_cloudwatch_log_delivery_source")[0].provider).toBe("aws.us_east_1");
  });

  test("/api/* is never cached at CloudFront while /static/* is; the API origin is the stage's regional endpoint", () => {
    const distribution = onlyOf(edge, "aws_cloudfront_distribution");
    const [api] = distribution.ordered_cache_behavior.filter((b: any) => b.path_pattern === "/api/*");
    const [assets] = distribution.ordered_cache_behavior.filter((b: any) => b.path_pattern === "/static/*");
    expect(api.cache_policy_id).toMatch(/^\$\{data\.aws_cloudfront_cache_policy\.Cdn_ApiCachePolicy/);
    expect(Object.values(edge.data?.aws_cloudfront_cache_policy ?? {}).map((policy: any) => policy.name)).toEqual([
      "Managed-CachingDisabled",
    ]);
    const staticPolicy = listOf(edge, "aws_cloudfront_cache_policy").find((policy) => policy.min_ttl === 86400);
    expect(staticPolicy).toMatchObject({ default_ttl: 604800, max_ttl: 31536000 });
    expect(assets.cache_policy_id).toMatch(/Cdn_StaticCachePolicy/);
    const apiOrigin = distribution.origin.find((origin: any) => origin.origin_id === "api");
    expect(apiOrigin.origin_path).toBe("/v1");
    expect(apiOrigin.domain_name).toMatch(/^\$\{aws_api_gateway_rest_api\.Api_.*\.id\}\.execute-api\./);
  });

  test("the static bucket is reachable only through this distribution", () => {
    const policy = Object.values(edge.data?.aws_iam_policy_document ?? {}).find((document: any) =>
      document.statement.some((statement: any) => statement.actions?.includes("s3:GetObject")),
    ) as any;
    const allow = policy.statement.filter((statement: any) => statement.effect === "Allow");
    expect(allow.flatMap((statement: any) => statement.principals)).toEqual([
      { type: "Service", identifiers: ["cloudfront.amazonaws.com"] },
      { type: "Service", identifiers: ["cloudfront.amazonaws.com"] },
    ]);
    for (const statement of allow) {
      expect(statement.condition).toEqual([
        {
          test: "StringEquals",
          variable: "AWS:SourceArn",
          values: [expect.stringMatching(/aws_cloudfront_distribution\.Cdn_.*\.arn/)],
        },
      ]);
    }
    expect(onlyOf(edge, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("outputs the distribution domain, the API invoke URL and the usage plan of each tier", () => {
    expect(Object.keys(edge.output ?? {}).sort()).toEqual([
      "api_invoke_url",
      "distribution_domain_name",
      "distribution_id",
      "static_bucket_name",
      "usage_plan_ids",
      "user_pool_id",
      "user_pool_web_client_id",
    ]);
    expect(Object.keys(edge.output?.usage_plan_ids.value).sort()).toEqual(["basic", "enterprise", "pro"]);
  });

  test("dev has no stage cache and logs INFO; prod has a cache cluster for the reports route", () => {
    const all = platformStacks();
    const devStage = onlyOf(all["dev-edge"], "aws_api_gateway_stage");
    const prodStage = onlyOf(all["prod-edge"], "aws_api_gateway_stage");
    expect(devStage.cache_cluster_enabled).toBe(false);
    expect(prodStage).toMatchObject({
      cache_cluster_enabled: true,
      cache_cluster_size: "0.5",
      xray_tracing_enabled: true,
    });
    const settings = (stackId: string) =>
      listOf(all[stackId], "aws_api_gateway_method_settings").map((s) => [s.method_path, s.settings.logging_level]);
    expect(settings("dev-edge")).toEqual([["*/*", "INFO"]]);
    expect(settings("prod-edge")).toEqual([
      ["*/*", "ERROR"],
      ["~1api~1reports/GET", "ERROR"],
      ["~1api~1reports~1{proxy+}/GET", "ERROR"],
    ]);
    expect(onlyOf(all["prod-edge"], "aws_cognito_user_pool")).toMatchObject({
      deletion_protection: "ACTIVE",
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe("ObservabilityStack", () => {
  const all = platformStacks();
  // The constructs of prod (not synthesized: its stacks are read from the shared synth) name what the graphs show.
  const byEnvironment = { prod: defineEnvironment(Testing.app(), loadEnvironments(["prod"])[0]) };
  const dashboardOf = (environment: string) =>
    JSON.parse(onlyOf(all[`${environment}-observability`], "aws_cloudwatch_dashboard").dashboard_body);
  const graphs = (environment: string) =>
    dashboardOf(environment).widgets.filter((widget: any) => widget.type === "metric");
  const graph = (environment: string, title: string) =>
    graphs(environment).find((widget: any) => widget.properties.title === title);
  const dimensionValuesOf = (widget: any) =>
    widget.properties.metrics.map((line: any[]) =>
      line.slice(2, -1).filter((_: unknown, index: number) => index % 2 === 1),
    );
  const alarmNames = (environment: string) =>
    listOf(all[`${environment}-observability`], "aws_cloudwatch_metric_alarm").map((alarm) => alarm.alarm_name);

  test("prod's dashboard shows every database instance, replica, cache node, broker and consumer group that exists", () => {
    const prod = byEnvironment.prod;
    const shard = prod.data.database.shards[0];
    expect(dimensionValuesOf(graph("prod", "shard-0 CPU"))).toEqual([
      [shard.identifier],
      ...shard.replicas.map((replica) => [replica.identifier]),
    ]);
    expect(shard.replicas).toHaveLength(prod.config.database.replicas);
    expect(dimensionValuesOf(graph("prod", "shard-0 replica lag"))).toEqual(
      shard.replicas.map((replica) => [replica.identifier]),
    );
    const cacheNodes = prod.config.cache.shards * (prod.config.cache.replicasPerShard + 1);
    expect(graph("prod", "Cache hit rate").properties.metrics).toHaveLength(cacheNodes);
    expect(graph("prod", "Kafka data disk used").properties.metrics).toHaveLength(prod.config.kafka.brokerCount);
    expect(dimensionValuesOf(graph("prod", "Consumer lag (messages)"))).toEqual([
      ["acme-prod-kafka", "analytics", "events_ingested"],
      ["acme-prod-kafka", "reports", "report_requested"],
    ]);
    expect(graph("prod", "EKS nodes").properties.metrics.map((line: any[]) => line.at(-1).label)).toEqual(
      Object.keys(prod.cluster.cluster.nodeGroups).map((name) => `${name} nodes`),
    );
  });

  test("more shards show as more graphs: shard-1's instances appear with database.shards = 2", () => {
    const app = Testing.app();
    defineEnvironment(app, testConfig({ database: { shards: 2 } }));
    const json = synthApp(app, ["test-observability"])["test-observability"];
    const titles = JSON.parse(onlyOf(json, "aws_cloudwatch_dashboard").dashboard_body)
      .widgets.map((widget: any) => widget.properties.title)
      .filter((title: string | undefined) => title?.startsWith("shard-"));
    expect(titles).toEqual([
      "shard-0 connections",
      "shard-0 CPU",
      "shard-0 replica lag",
      "shard-1 connections",
      "shard-1 CPU",
      "shard-1 replica lag",
    ]);
    const names = listOf(json, "aws_cloudwatch_metric_alarm").map((alarm) => alarm.alarm_name);
    expect(names).toEqual(expect.arrayContaining(["acme-test-db-shard-1-replica-2-lag", "acme-test-db-shard-1-cpu"]));
  });

  test("dimensions that only exist after apply are read from the stacks that own them", () => {
    const nodes = graph("prod", "EKS nodes").properties.metrics[0];
    expect(nodes.slice(0, 3)).toEqual(["AWS/EC2", "CPUUtilization", "AutoScalingGroupName"]);
    expect(nodes[3]).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-cluster\.outputs\./);
    const requests = graph("prod", "Load balancer requests per second").properties.metrics[0];
    expect(requests[3]).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-workloads\./);
  });

  test("thresholds come from each environment's config", () => {
    const threshold = (environment: string, name: string) =>
      listOf(all[`${environment}-observability`], "aws_cloudwatch_metric_alarm").find(
        (alarm) => alarm.alarm_name === name,
      ).threshold;
    expect(threshold("prod", "acme-prod-db-shard-0-connections")).toBe(800);
    expect(threshold("dev", "acme-dev-db-shard-0-connections")).toBe(150);
    expect(threshold("prod", "acme-prod-api-latency-p99")).toBe(2000);
    expect(threshold("dev", "acme-dev-api-latency-p99")).toBe(5000);
    expect(graph("dev", "shard-0 connections").properties.annotations.horizontal).toEqual([
      { label: "alarm", value: 150 },
    ]);
  });

  test("prod pages its on-call through the layer composites once per incident, and warns the team of each alarm; dev notifies no one", () => {
    const prod = all["prod-observability"];
    const topics = Object.fromEntries(
      Object.entries(prod.resource?.aws_sns_topic ?? {}).map(([id, topic]: [string, any]) => [topic.name, id]),
    );
    expect(Object.keys(topics).sort()).toEqual(["acme-prod-paging", "acme-prod-warnings"]);
    for (const topic of listOf(prod, "aws_sns_topic")) {
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    }
    const paging = `\${aws_sns_topic.${topics["acme-prod-paging"]}.arn}`;
    const warnings = `\${aws_sns_topic.${topics["acme-prod-warnings"]}.arn}`;
    const composites = listOf(prod, "aws_cloudwatch_composite_alarm");
    // Over every prod alarm: it warns, and exactly one composite (its layer's) pages for it.
    for (const alarm of listOf(prod, "aws_cloudwatch_metric_alarm")) {
      expect(alarm.alarm_actions).toEqual([warnings]);
      expect(
        composites.filter(
          (composite) =>
            composite.alarm_actions.includes(paging) && composite.alarm_rule.includes(`"${alarm.alarm_name}"`),
        ),
      ).toHaveLength(1);
    }
    const subscriptions = listOf(prod, "aws_sns_topic_subscription").map((subscription) => [
      subscription.topic_arn === paging ? "paging" : "warnings",
      subscription.endpoint,
    ]);
    expect(subscriptions.sort()).toEqual([
      ["paging", "oncall@acme.example"],
      ["warnings", "platform-team@acme.example"],
    ]);
    const dev = all["dev-observability"];
    expect(listOf(dev, "aws_sns_topic")).toEqual([]);
    for (const alarm of listOf(dev, "aws_cloudwatch_metric_alarm")) {
      expect(alarm.alarm_actions).toEqual([]);
    }
    expect(Object.keys(dev.output ?? {})).not.toContain("paging_topic_arn");
    expect(Object.keys(prod.output ?? {})).toEqual(
      expect.arrayContaining(["dashboard_url", "paging_topic_arn", "warnings_topic_arn", "platform_degraded_alarm"]),
    );
  });

  test("a Slack channel on both topics gets one Chatbot configuration receiving both; none without channels", () => {
    const channel = { teamId: "T0123ABCD", channelId: "C0ONCALL" };
    const withChat = synthEnvironment(
      {
        observability: {
          notifications: { paging: { slackChannels: [channel] }, warnings: { slackChannels: [channel] } },
        },
      },
      ["test-observability"],
    )["test-observability"];
    const topicArn = (name: string) =>
      `\${aws_sns_topic.${Object.entries(withChat.resource!.aws_sns_topic).find(([, topic]: [string, any]) => topic.name === name)![0]}.arn}`;
    expect(onlyOf(withChat, "aws_chatbot_slack_channel_configuration")).toMatchObject({
      slack_team_id: "T0123ABCD",
      slack_channel_id: "C0ONCALL",
      sns_topic_arns: [topicArn("acme-test-paging"), topicArn("acme-test-warnings")],
    });
    expect(listOf(all["prod-observability"], "aws_chatbot_slack_channel_configuration")).toEqual([]);
  });

  test("prod has every alarm: per replica lag, per cache node, per consumer group, per broker, and the composites", () => {
    const names = alarmNames("prod");
    expect(names).toEqual(
      expect.arrayContaining([
        "acme-prod-api-5xx-rate",
        "acme-prod-api-latency-p99",
        "acme-prod-lb-5xx-rate",
        "acme-prod-monolith-capacity",
        "acme-prod-db-shard-0-replica-1-lag",
        "acme-prod-db-shard-0-replica-2-lag",
        "acme-prod-cache-0002-002-memory",
        "acme-prod-kafka-analytics-events_ingested-lag",
        "acme-prod-kafka-broker-3-disk",
        "acme-prod-kafka-under-replicated",
      ]),
    );
    expect(
      listOf(all["prod-observability"], "aws_cloudwatch_composite_alarm").map((alarm) => alarm.alarm_name),
    ).toEqual([
      "acme-prod-compute-degraded",
      "acme-prod-data-degraded",
      "acme-prod-edge-degraded",
      "acme-prod-messaging-degraded",
      "acme-prod-platform-degraded",
    ]);
  });

  test.each(["dev", "staging", "prod"])("%s's dashboard body matches its snapshot", (environment) => {
    expect(dashboardOf(environment)).toMatchSnapshot();
  });
});
