import {
  checkMultiVpcConnectivity,
  KafkaCluster,
  type KafkaClusterProps,
  kafkaVersionBelow,
} from "../../constructs/kafka/kafka-cluster";
import { KafkaReplicationSourcePolicy } from "../../constructs/kafka/kafka-cluster-policy";
import {
  KafkaReplicator,
  type KafkaReplicatorProps,
  REPLICATOR_ACTIONS,
} from "../../constructs/kafka/kafka-replicator";
import { dataNamed, named, onlyOf, ref, synth, synthWithValues, testStack, type StackJson } from "../helpers";

const SOURCE_ARN = "arn:aws:kafka:eu-west-1:123456789012:cluster/acme-prod-kafka/1111-aaaa-1";
const TARGET_ARN = "arn:aws:kafka:eu-central-1:123456789012:cluster/acme-prod-euc1-kafka/2222-bbbb-1";

const BASE: KafkaReplicatorProps = {
  namePrefix: "acme-prod-euc1",
  vpcId: "vpc-standby",
  source: {
    clusterArn: SOURCE_ARN,
    kafkaVersion: "3.9.x.kraft",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    securityGroupId: "sg-source-kafka",
  },
  target: {
    clusterArn: TARGET_ARN,
    kafkaVersion: "3.9.x.kraft",
    subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
    securityGroupId: "sg-target-kafka",
  },
};

function build(props: Partial<KafkaReplicatorProps> = {}): { json: StackJson; replicator: KafkaReplicator } {
  const stack = testStack();
  const replicator = new KafkaReplicator(stack, "Replicator", { ...BASE, ...props });
  return { json: synth(stack), replicator };
}

function replicatorOf(json: StackJson): any {
  return onlyOf(json, "aws_msk_replicator");
}

function topicReplicationOf(json: StackJson): any {
  return replicatorOf(json).replication_info_list.topic_replication[0];
}

describe("KafkaReplicator", () => {
  test("replicates from the source cluster to the target cluster, each through its own VPC configuration", () => {
    const { json } = build();

    const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
    const [roleId] = named(json, "aws_iam_role", "Role");
    const replicator = replicatorOf(json);
    expect(replicator).toMatchObject({
      replicator_name: "acme-prod-euc1-kafka-replicator",
      service_execution_role_arn: ref("aws_iam_role", roleId, "arn"),
      kafka_cluster: [
        {
          amazon_msk_cluster: { msk_cluster_arn: SOURCE_ARN },
          vpc_config: { subnet_ids: ["subnet-a", "subnet-b", "subnet-c"], security_groups_ids: ["sg-source-kafka"] },
        },
        {
          amazon_msk_cluster: { msk_cluster_arn: TARGET_ARN },
          vpc_config: {
            subnet_ids: ["subnet-d", "subnet-e", "subnet-f"],
            security_groups_ids: [ref("aws_security_group", securityGroupId)],
          },
        },
      ],
    });
    expect(replicator.replication_info_list).toMatchObject({
      source_kafka_cluster_arn: SOURCE_ARN,
      target_kafka_cluster_arn: TARGET_ARN,
      target_compression_type: "LZ4",
    });
  });

  test("copies every topic but the internal ones from the earliest offset under identical names", () => {
    const { json } = build();

    expect(topicReplicationOf(json)).toEqual({
      topics_to_replicate: [".*"],
      topics_to_exclude: ["__.*"],
      copy_topic_configurations: true,
      copy_access_control_lists_for_topics: true,
      detect_and_copy_new_topics: true,
      starting_position: { type: "EARLIEST" },
      topic_name_configuration: { type: "IDENTICAL" },
    });
  });

  test("replicates every consumer group with its offsets", () => {
    const { json } = build();

    expect(replicatorOf(json).replication_info_list.consumer_group_replication).toEqual([
      {
        consumer_groups_to_replicate: [".*"],
        synchronise_consumer_group_offsets: true,
        detect_and_copy_new_consumer_groups: true,
      },
    ]);
  });

  test("takes the given topics, consumer groups, compression and name", () => {
    const { json } = build({
      replicatorName: "Orders-Replicator",
      targetCompressionType: "ZSTD",
      topicsToReplicate: ["orders\\..*", "payments"],
      topicsToExclude: ["orders\\.debug"],
      consumerGroupsToReplicate: ["billing-.*"],
      consumerGroupsToExclude: ["billing-test"],
    });

    const replicator = replicatorOf(json);
    expect(replicator.replicator_name).toBe("Orders-Replicator");
    expect(replicator.replication_info_list.target_compression_type).toBe("ZSTD");
    expect(topicReplicationOf(json)).toMatchObject({
      topics_to_replicate: ["orders\\..*", "payments"],
      topics_to_exclude: ["orders\\.debug"],
    });
    expect(replicator.replication_info_list.consumer_group_replication[0]).toMatchObject({
      consumer_groups_to_replicate: ["billing-.*"],
      consumer_groups_to_exclude: ["billing-test"],
    });
    expect(named(json, "aws_security_group", "SecurityGroup")[1].name).toBe("orders-replicator");
  });

  describe("role", () => {
    test("is trusted by MSK for this account only", () => {
      const { json } = build();

      const [trustId, trust] = dataNamed(json, "aws_iam_policy_document", "TrustPolicy");
      expect(trust.statement).toEqual([
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["kafka.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [
            {
              test: "StringEquals",
              variable: "aws:SourceAccount",
              values: ["${data.aws_caller_identity.CallerIdentity.account_id}"],
            },
          ],
        },
      ]);
      expect(named(json, "aws_iam_role", "Role")[1]).toMatchObject({
        name: "acme-prod-euc1-kafka-replicator",
        assume_role_policy: `\${data.aws_iam_policy_document.${trustId}.json}`,
      });
    });

    test("may do what AWSMSKReplicatorExecutionRole allows, on the two clusters, their topics and groups only", () => {
      const { json } = build();

      const [permissionsId, permissions] = dataNamed(json, "aws_iam_policy_document", "Permissions");
      expect(permissions.statement).toEqual([
        {
          sid: "ClusterPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.cluster],
          resources: [SOURCE_ARN, TARGET_ARN],
        },
        {
          sid: "TopicPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.topic],
          resources: [
            "arn:aws:kafka:eu-west-1:123456789012:topic/acme-prod-kafka/1111-aaaa-1/*",
            "arn:aws:kafka:eu-central-1:123456789012:topic/acme-prod-euc1-kafka/2222-bbbb-1/*",
          ],
        },
        {
          sid: "GroupPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.group],
          resources: [
            "arn:aws:kafka:eu-west-1:123456789012:group/acme-prod-kafka/1111-aaaa-1/*",
            "arn:aws:kafka:eu-central-1:123456789012:group/acme-prod-euc1-kafka/2222-bbbb-1/*",
          ],
        },
      ]);
      const [rolePolicyId, rolePolicy] = named(json, "aws_iam_role_policy", "RolePolicy");
      const [roleId] = named(json, "aws_iam_role", "Role");
      expect(rolePolicy).toEqual({
        name: "replicate-kafka",
        role: ref("aws_iam_role", roleId),
        policy: `\${data.aws_iam_policy_document.${permissionsId}.json}`,
      });
      expect(replicatorOf(json).depends_on).toEqual([`aws_iam_role_policy.${rolePolicyId}`]);
      expect(json.resource).not.toHaveProperty("aws_iam_role_policy_attachment");
    });

    test("the managed policy's actions, one statement each", () => {
      expect(REPLICATOR_ACTIONS.cluster).toHaveLength(13);
      expect(REPLICATOR_ACTIONS.topic).toEqual([
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:CreateTopic",
        "kafka-cluster:AlterTopic",
        "kafka-cluster:WriteData",
        "kafka-cluster:ReadData",
        "kafka-cluster:DescribeTopicDynamicConfiguration",
        "kafka-cluster:AlterTopicDynamicConfiguration",
        "kafka-cluster:AlterCluster",
      ]);
      expect(REPLICATOR_ACTIONS.group).toEqual(["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]);
    });

    test("scopes topics and groups of clusters known only at apply time with the ARN's replace", () => {
      const stack = testStack();
      const target = new KafkaCluster(stack, "Kafka", {
        namePrefix: "acme-prod-euc1",
        region: "eu-central-1",
        vpcId: "vpc-standby",
        subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
      });
      new KafkaReplicator(stack, "Replicator", {
        ...BASE,
        target: {
          clusterArn: target.clusterArn,
          kafkaVersion: target.settings.kafkaVersion,
          subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
          securityGroupId: target.securityGroupId,
        },
      });
      const json = synth(stack);

      const [clusterId] = named(json, "aws_msk_cluster", "Kafka");
      const statements = dataNamed(json, "aws_iam_policy_document", "Permissions")[1].statement;
      expect(statements[1].resources[1]).toBe(
        `\${replace(aws_msk_cluster.${clusterId}.arn, ":cluster/", ":topic/")}/*`,
      );
      expect(statements[2].resources[1]).toBe(
        `\${replace(aws_msk_cluster.${clusterId}.arn, ":cluster/", ":group/")}/*`,
      );
    });
  });

  describe("network", () => {
    test("its security group may only send to the target brokers on 9098", () => {
      const { json } = build();

      const [securityGroupId, securityGroup] = named(json, "aws_security_group", "SecurityGroup");
      expect(securityGroup).toMatchObject({
        name: "acme-prod-euc1-kafka-replicator",
        vpc_id: "vpc-standby",
      });
      expect(securityGroup).not.toHaveProperty("egress");
      expect(securityGroup).not.toHaveProperty("ingress");
      expect(onlyOf(json, "aws_vpc_security_group_egress_rule")).toEqual({
        security_group_id: ref("aws_security_group", securityGroupId),
        referenced_security_group_id: "sg-target-kafka",
        ip_protocol: "tcp",
        from_port: 9098,
        to_port: 9098,
        description: "Kafka (SASL/IAM) to the target brokers",
      });
      expect(json.resource).not.toHaveProperty("aws_vpc_security_group_ingress_rule");
    });

    test("the target cluster lets it in through allowFrom", () => {
      const stack = testStack();
      const target = new KafkaCluster(stack, "Kafka", {
        namePrefix: "acme-prod-euc1",
        region: "eu-central-1",
        vpcId: "vpc-standby",
        subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
      });
      const replicator = new KafkaReplicator(stack, "Replicator", {
        ...BASE,
        target: {
          clusterArn: target.clusterArn,
          kafkaVersion: target.settings.kafkaVersion,
          subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
          securityGroupId: target.securityGroupId,
        },
      });
      target.allowFrom("Replicator", replicator.securityGroupId);
      const json = synth(stack);

      const [kafkaGroupId] = named(json, "aws_security_group", "Kafka_SecurityGroup");
      const [replicatorGroupId] = named(json, "aws_security_group", "Replicator_SecurityGroup");
      expect(named(json, "aws_vpc_security_group_ingress_rule", "ReplicatorIngress")[1]).toMatchObject({
        security_group_id: ref("aws_security_group", kafkaGroupId),
        referenced_security_group_id: ref("aws_security_group", replicatorGroupId),
        from_port: 9098,
        to_port: 9098,
      });
      expect(onlyOf(json, "aws_vpc_security_group_egress_rule").referenced_security_group_id).toBe(
        ref("aws_security_group", kafkaGroupId),
      );
    });
  });

  test("exposes its ARN, name, role and security group", () => {
    const stack = testStack();
    const replicator = new KafkaReplicator(stack, "Replicator", BASE);
    const { json, values } = synthWithValues(stack, {
      arn: replicator.arn,
      securityGroup: replicator.securityGroupId,
      role: replicator.role.arn,
    });

    const [replicatorId] = named(json, "aws_msk_replicator", "Replicator");
    const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
    const [roleId] = named(json, "aws_iam_role", "Role");
    expect(values.arn).toBe(ref("aws_msk_replicator", replicatorId, "arn"));
    expect(values.securityGroup).toBe(ref("aws_security_group", securityGroupId));
    expect(values.role).toBe(ref("aws_iam_role", roleId, "arn"));
    expect(replicator.replicatorName).toBe("acme-prod-euc1-kafka-replicator");
  });

  describe("defaults", () => {
    const { json } = build();

    test("is named <namePrefix>-kafka-replicator when replicatorName is not given", () => {
      expect(replicatorOf(json).replicator_name).toBe("acme-prod-euc1-kafka-replicator");
    });

    test("compresses with LZ4 when targetCompressionType is not given", () => {
      expect(replicatorOf(json).replication_info_list.target_compression_type).toBe("LZ4");
    });

    test("replicates every topic when topicsToReplicate is not given", () => {
      expect(topicReplicationOf(json).topics_to_replicate).toEqual([".*"]);
    });

    test("leaves out the internal topics when topicsToExclude is not given", () => {
      expect(topicReplicationOf(json).topics_to_exclude).toEqual(["__.*"]);
    });

    test("replicates every consumer group when consumerGroupsToReplicate is not given", () => {
      expect(
        replicatorOf(json).replication_info_list.consumer_group_replication[0].consumer_groups_to_replicate,
      ).toEqual([".*"]);
    });

    test("excludes no consumer group when consumerGroupsToExclude is not given", () => {
      expect(replicatorOf(json).replication_info_list.consumer_group_replication[0]).not.toHaveProperty(
        "consumer_groups_to_exclude",
      );
    });
  });

  test("excludes no topic when topicsToExclude is given empty", () => {
    const { json } = build({ topicsToExclude: [] });
    expect(topicReplicationOf(json)).not.toHaveProperty("topics_to_exclude");
  });

  describe("validation", () => {
    test.each<[string, Partial<KafkaReplicatorProps>, string]>([
      [
        "a name with an underscore",
        { replicatorName: "orders_replicator" },
        'replicatorName: "orders_replicator" is not allowed; expected 1 to 128 letters, digits and hyphens, starting with a letter or digit',
      ],
      [
        "a name starting with a hyphen",
        { replicatorName: "-replicator" },
        'replicatorName: "-replicator" is not allowed',
      ],
      ["an empty name", { replicatorName: "" }, 'replicatorName: "" is not allowed'],
      ["a name of 129 characters", { replicatorName: "r".repeat(129) }, "replicatorName: "],
      [
        "an unknown compression",
        { targetCompressionType: "BROTLI" as never },
        'targetCompressionType: "BROTLI" is not allowed; expected one of "NONE", "GZIP", "SNAPPY", "LZ4", "ZSTD"',
      ],
      [
        "a source too old for identical topic names",
        { source: { ...BASE.source, kafkaVersion: "2.8.0" } },
        'source.kafkaVersion: "2.8.0" cannot keep identical topic names; expected Apache Kafka 2.8.1 or later on both clusters',
      ],
      [
        "a target too old for identical topic names",
        { target: { ...BASE.target, kafkaVersion: "2.7.2" } },
        'target.kafkaVersion: "2.7.2" cannot keep identical topic names',
      ],
      [
        "a target without subnets",
        { target: { ...BASE.target, subnetIds: [] } },
        "target.subnetIds: none given; expected the target cluster's subnets",
      ],
      [
        "no topic to replicate",
        { topicsToReplicate: [] },
        'topicsToReplicate: none given; expected at least one regular expression, such as ".*"',
      ],
      ["no consumer group to replicate", { consumerGroupsToReplicate: [] }, "consumerGroupsToReplicate: none given"],
      [
        "a blank exclusion",
        { topicsToExclude: ["__.*", " "] },
        'topicsToExclude: " " is not allowed; expected a regular expression',
      ],
    ])("rejects %s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("accepts a name of 128 characters", () => {
      expect(() => build({ replicatorName: "r".repeat(128) })).not.toThrow();
    });

    test("accepts Kafka 2.8.1 on both clusters", () => {
      expect(() =>
        build({ source: { ...BASE.source, kafkaVersion: "2.8.1" }, target: { ...BASE.target, kafkaVersion: "2.8.1" } }),
      ).not.toThrow();
    });

    test("names the construct path in the error", () => {
      expect(() => build({ replicatorName: "_" })).toThrow(/^test\/Replicator: replicatorName: /);
    });
  });
});

describe("KafkaReplicationSourcePolicy", () => {
  test("lets MSK connect to the source cluster, get its brokers and describe it, on that cluster only", () => {
    const stack = testStack();
    new KafkaReplicationSourcePolicy(stack, "SourcePolicy", { clusterArn: SOURCE_ARN });
    const json = synth(stack);

    const [documentId, document] = dataNamed(json, "aws_iam_policy_document", "SourcePolicy");
    expect(document.statement).toEqual([
      {
        sid: "MskReplicatorSource",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["kafka.amazonaws.com"] }],
        actions: ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeClusterV2"],
        resources: [SOURCE_ARN],
      },
    ]);
    expect(document.statement[0]).not.toHaveProperty("condition");
    expect(onlyOf(json, "aws_msk_cluster_policy")).toEqual({
      cluster_arn: SOURCE_ARN,
      policy: `\${data.aws_iam_policy_document.${documentId}.json}`,
    });
  });

  test("applies to a KafkaCluster by its ARN", () => {
    const stack = testStack();
    const kafka = new KafkaCluster(stack, "Kafka", {
      namePrefix: "acme-prod",
      region: "eu-west-1",
      vpcId: "vpc-123",
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      multiVpcConnectivity: true,
    });
    new KafkaReplicationSourcePolicy(stack, "SourcePolicy", { clusterArn: kafka.clusterArn });
    const json = synth(stack);

    const [clusterId] = named(json, "aws_msk_cluster", "Kafka");
    expect(onlyOf(json, "aws_msk_cluster_policy").cluster_arn).toBe(ref("aws_msk_cluster", clusterId, "arn"));
    expect(dataNamed(json, "aws_iam_policy_document", "SourcePolicy")[1].statement[0].resources).toEqual([
      ref("aws_msk_cluster", clusterId, "arn"),
    ]);
  });
});

describe("KafkaCluster multiVpcConnectivity", () => {
  const CLUSTER: KafkaClusterProps = {
    namePrefix: "acme-prod",
    region: "eu-west-1",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  };

  function connectivityOf(props: Partial<KafkaClusterProps>): any {
    const stack = testStack();
    new KafkaCluster(stack, "Kafka", { ...CLUSTER, ...props });
    return onlyOf(synth(stack), "aws_msk_cluster").broker_node_group_info.connectivity_info;
  }

  test("turns on PrivateLink for SASL/IAM clients when asked", () => {
    expect(connectivityOf({ multiVpcConnectivity: true })).toEqual({
      public_access: { type: "DISABLED" },
      vpc_connectivity: { client_authentication: { sasl: { iam: true } } },
    });
  });

  test("has no vpc_connectivity block when not asked", () => {
    expect(connectivityOf({})).toEqual({ public_access: { type: "DISABLED" } });
    expect(connectivityOf({ multiVpcConnectivity: false })).toEqual({ public_access: { type: "DISABLED" } });
  });

  test("is refused on kafka.t3.small brokers", () => {
    expect(() =>
      connectivityOf({ multiVpcConnectivity: true, brokerInstanceType: "kafka.t3.small", kafkaVersion: "3.9.x" }),
    ).toThrow(
      'test/Kafka: brokerInstanceType: "kafka.t3.small" does not support multi-VPC private connectivity; expected kafka.m5.large or larger, or multiVpcConnectivity off',
    );
  });

  test("allows kafka.t3.small brokers without it", () => {
    expect(() => connectivityOf({ brokerInstanceType: "kafka.t3.small", kafkaVersion: "3.9.x" })).not.toThrow();
  });

  test("needs Kafka 2.7.1 or later", () => {
    expect(checkMultiVpcConnectivity("kafka.m7g.large", "2.7.0")).toEqual([
      "kafkaVersion",
      '"2.7.0" does not support multi-VPC private connectivity; expected Apache Kafka 2.7.1 or later, or multiVpcConnectivity off',
    ]);
    expect(checkMultiVpcConnectivity("kafka.m7g.large", "2.7.1")).toBeUndefined();
    expect(checkMultiVpcConnectivity("kafka.m5.large", "3.9.x.kraft")).toBeUndefined();
  });
});

describe("kafkaVersionBelow", () => {
  test.each<[string, string, boolean]>([
    ["3.9.x.kraft", "2.8.1", false],
    ["2.8.1", "2.8.1", false],
    ["2.8.2.tiered", "2.8.1", false],
    ["2.8.0", "2.8.1", true],
    ["2.8.x", "2.8.1", true],
    ["2.7.1", "2.8.1", true],
    ["4.0.x.kraft", "2.7.1", false],
  ])("%s below %s: %s", (version, minimum, below) => {
    expect(kafkaVersionBelow(version, minimum)).toBe(below);
  });
});
