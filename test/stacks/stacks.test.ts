import { Testing } from "cdktf";
import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { loadEnvironments } from "../../src/config/load";
import { defineEnvironment, definePlatform } from "../../stacks/environment";
import { NetworkStack } from "../../stacks/network-stack";
import { localStatePath, stateKey } from "../../stacks/platform-stack";
import { listOf, onlyOf, synthApp, testConfig } from "../helpers";

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
    const json = synthApp(defineEnvironment(Testing.app(), testConfig()).network)["test-network"];

    expect(json.provider?.aws[0]).not.toHaveProperty("allowed_account_ids");
  });

  test("requires Terraform 1.11 for S3-native locking", () => {
    const json = synthApp(defineEnvironment(Testing.app(), testConfig()).network)["test-network"];

    expect(json.terraform?.required_version).toBe(">= 1.11");
  });
});

describe("state backend", () => {
  test("without a state bucket, state stays local at a relative path outside cdktf.out", () => {
    const json = synthApp(defineEnvironment(Testing.app(), testConfig()).network)["test-network"];

    expect(json.terraform?.backend).toEqual({ local: { path: "../../../.tfstate/test/network.tfstate" } });
    expect(localStatePath("test", "network")).toBe("../../../.tfstate/test/network.tfstate");
  });

  test("with a state bucket, uses the encrypted S3 backend with native locking and an <env>/<layer> key", () => {
    const config = testConfig({ stateBackend: { bucket: "acme-test-state", keyPrefix: "platform" } });
    const json = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"];

    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: "acme-test-state",
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
      stateBackend: { bucket: "acme-test-state", region: "us-east-1", kmsKeyId: "alias/shared-state" },
    });
    const backend = synthApp(defineEnvironment(Testing.app(), config).network)["test-network"].terraform?.backend.s3;

    expect(backend).toMatchObject({
      region: "us-east-1",
      kms_key_id: "alias/shared-state",
      key: "test/network.tfstate",
    });
  });

  test("the key has no prefix folder when none is configured", () => {
    expect(stateKey(testConfig({ stateBackend: { bucket: "acme-test-state" } }), "data")).toBe("test/data.tfstate");
  });
});

describe("BootstrapStack", () => {
  test("exists only when the environment keeps its state in S3", () => {
    expect(defineEnvironment(Testing.app(), testConfig()).bootstrap).toBeUndefined();
    expect(
      defineEnvironment(Testing.app(), testConfig({ stateBackend: { bucket: "acme-test-state" } })).bootstrap,
    ).toBeInstanceOf(BootstrapStack);
  });

  test("creates the state bucket in the state region and keeps its own state local", () => {
    const config = testConfig({ stateBackend: { bucket: "acme-test-state", region: "eu-central-1" } });
    const stacks = synthApp(defineEnvironment(Testing.app(), config).bootstrap!);
    const json = stacks["test-bootstrap"];

    expect(json.provider?.aws[0].region).toBe("eu-central-1");
    expect(json.terraform?.backend).toEqual({ local: { path: "../../../.tfstate/test/bootstrap.tfstate" } });
    expect(onlyOf(json, "aws_s3_bucket")).toMatchObject({
      bucket: "acme-test-state",
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyOf(json, "aws_kms_alias").name).toBe("alias/acme-test-terraform-state");
    expect(Object.keys(json.output ?? {})).toEqual(["state_bucket", "state_kms_key_arn"]);
  });
});

describe("NetworkStack", () => {
  test("maps the network config to the network construct", () => {
    const config = testConfig({
      network: { vpcCidr: "10.50.0.0/20", azCount: 2, natGateways: "regional", interfaceEndpoints: true },
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
    const json = synthApp(defineEnvironment(Testing.app(), testConfig()).network)["test-network"];

    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      "data_subnet_ids",
      "private_subnet_ids",
      "public_subnet_ids",
      "vpc_cidr",
      "vpc_id",
    ]);
    expect(json.output?.private_subnet_ids.value).toHaveLength(3);
  });
});

describe("DataStack", () => {
  /** Both stacks of an environment synthesized together, so that cross-stack references are wired. */
  function synthData(overrides: Parameters<typeof testConfig>[0] = {}) {
    const app = Testing.app();
    defineEnvironment(app, testConfig(overrides));
    return synthApp(app);
  }

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
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      "database_master_secret_arns",
      "database_security_group_ids",
      "database_shard_map",
      "database_shard_map_parameter",
    ]);
    expect(json.output?.database_shard_map_parameter.value).toBe("/acme/test/database/shard-map");
  });

  test("raising shards to 3 yields three protected clusters and a shard map listing all three", () => {
    const json = synthData({ database: { shards: 3 } })["test-data"];

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

  test("dev's relaxations reach the resources: single AZ, burstable, no proxy, no protection", () => {
    const dev = loadEnvironments(["dev"])[0];
    const app = Testing.app();
    defineEnvironment(app, dev);
    const json = synthApp(app)["dev-data"];

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
  });
});

describe("cross-stack wiring", () => {
  test("no stack reads another environment's state", () => {
    const app = Testing.app();
    definePlatform(app, loadEnvironments());
    const stacks = synthApp(app);

    let reads = 0;
    for (const [stackId, json] of Object.entries(stacks)) {
      const environment = stackId.split("-")[0];
      for (const remote of Object.values(json.data?.terraform_remote_state ?? {}) as any[]) {
        reads++;
        const location: string = remote.config.key ?? remote.config.path;
        expect(location).toMatch(
          remote.backend === "s3" ? new RegExp(`^(platform/)?${environment}/`) : new RegExp(`/${environment}/`),
        );
      }
    }
    expect(reads).toBeGreaterThanOrEqual(3);
  });
});
