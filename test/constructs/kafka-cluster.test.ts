import { replacementSuffix } from "../../constructs/core/replacement-name";
import { KafkaCluster, type KafkaClusterProps } from "../../constructs/kafka/kafka-cluster";
import { checkReplication, serverProperties } from "../../constructs/kafka/server-properties";
import { dataNamed, listOf, named, onlyOf, ref, synth, synthWithValues, testStack, type StackJson } from "../helpers";

const BASE: KafkaClusterProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
};

function build(props: Partial<KafkaClusterProps> = {}): { json: StackJson; kafka: KafkaCluster } {
  const stack = testStack();
  const kafka = new KafkaCluster(stack, "Kafka", { ...BASE, ...props });
  return { json: synth(stack), kafka };
}

function clusterOf(json: StackJson): any {
  return onlyOf(json, "aws_msk_cluster");
}

/** The server properties as a map. */
function propertiesOf(json: StackJson): Record<string, string> {
  const text: string = onlyOf(json, "aws_msk_configuration").server_properties;
  return Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => line.split("=") as [string, string]),
  );
}

describe("KafkaCluster", () => {
  describe("brokers", () => {
    test("a pinned Kafka version on brokers spread over one subnet per zone, never public", () => {
      const { json } = build({ brokerCount: 6, brokerInstanceType: "kafka.m5.xlarge", volumeSizeGiB: 200 });

      expect(clusterOf(json)).toMatchObject({
        cluster_name: "acme-test-kafka",
        kafka_version: "3.9.x.kraft",
        number_of_broker_nodes: 6,
        broker_node_group_info: {
          instance_type: "kafka.m5.xlarge",
          client_subnets: ["subnet-a", "subnet-b", "subnet-c"],
          az_distribution: "DEFAULT",
          storage_info: { ebs_storage_info: { volume_size: 200 } },
          connectivity_info: { public_access: { type: "DISABLED" } },
        },
      });
    });

    test("exposes the IAM bootstrap brokers, the ARN and topic and group ARNs for IAM policies", () => {
      const stack = testStack();
      const kafka = new KafkaCluster(stack, "Kafka", BASE);
      const { json, values } = synthWithValues(stack, {
        bootstrap: kafka.bootstrapBrokersIam,
        arn: kafka.clusterArn,
        topic: kafka.topicArn("report_requested"),
        group: kafka.groupArn("reports-*"),
      });

      const [clusterId] = named(json, "aws_msk_cluster", "Kafka");
      expect(values.bootstrap).toBe(ref("aws_msk_cluster", clusterId, "bootstrap_brokers_sasl_iam"));
      expect(values.arn).toBe(ref("aws_msk_cluster", clusterId, "arn"));
      expect(values.topic).toMatch(
        new RegExp(
          `^arn:\\$\\{data\\.aws_partition\\.Partition\\.partition\\}:kafka:eu-west-1:\\$\\{data\\.aws_caller_identity\\.CallerIdentity\\.account_id\\}:topic/acme-test-kafka/\\$\\{aws_msk_cluster\\.${clusterId}\\.cluster_uuid\\}/report_requested$`,
        ),
      );
      expect(values.group).toMatch(/:group\/acme-test-kafka\/\$\{aws_msk_cluster\.[^}]+\.cluster_uuid\}\/reports-\*$/);
    });

    test("exposes the cluster, broker and consumer-lag metrics", () => {
      const { kafka } = build({ brokerCount: 3 });

      expect(kafka.metrics.offlinePartitionsCount).toMatchObject({
        namespace: "AWS/Kafka",
        metricName: "OfflinePartitionsCount",
        dimensions: { "Cluster Name": "acme-test-kafka" },
      });
      expect(kafka.brokerMetrics.map((broker) => broker.brokerId)).toEqual([1, 2, 3]);
      expect(kafka.brokerMetrics[2].metrics.kafkaDataLogsDiskUsed).toMatchObject({
        metricName: "KafkaDataLogsDiskUsed",
        dimensions: { "Cluster Name": "acme-test-kafka", "Broker ID": "3" },
        unit: "Percent",
      });
      expect(Object.values(kafka.brokerMetrics[0].metrics).map((metric) => metric.metricName)).toEqual([
        "CpuUser",
        "KafkaDataLogsDiskUsed",
        "UnderReplicatedPartitions",
        "UnderMinIsrPartitionCount",
      ]);
      expect(kafka.consumerLagMetrics("reports", "report_requested").sumOffsetLag).toMatchObject({
        metricName: "SumOffsetLag",
        dimensions: { "Cluster Name": "acme-test-kafka", "Consumer Group": "reports", Topic: "report_requested" },
      });
    });
  });

  describe("security", () => {
    test("TLS only between clients and brokers and inside the cluster, storage on its own customer-managed key", () => {
      const { json } = build();

      const [storageKeyId] = named(json, "aws_kms_key", "StorageKey");
      expect(clusterOf(json).encryption_info).toEqual({
        encryption_at_rest_kms_key_arn: ref("aws_kms_key", storageKeyId, "arn"),
        encryption_in_transit: { client_broker: "TLS", in_cluster: true },
      });
    });

    test("clients authenticate with IAM; SCRAM and unauthenticated access are off", () => {
      const { json } = build();

      expect(clusterOf(json).client_authentication).toEqual({
        sasl: { iam: true, scram: false },
        unauthenticated: false,
      });
      const text = JSON.stringify(json);
      expect(text).not.toMatch(/"(password|secret_string|scram_secret)\w*"\s*:/);
      expect(text).not.toMatch(/PLAINTEXT/);
    });

    test("its security group has no rules until a security group is granted the SASL/IAM TLS port", () => {
      const { json: closed } = build();
      expect(listOf(closed, "aws_vpc_security_group_ingress_rule")).toEqual([]);

      const stack = testStack();
      const kafka = new KafkaCluster(stack, "Kafka", BASE);
      kafka.allowFrom("EksNodes", "sg-nodes");
      kafka.allowPrometheusFrom("Prometheus", "sg-prometheus");
      const json = synth(stack);

      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      expect(named(json, "aws_vpc_security_group_ingress_rule", "EksNodesIngress")[1]).toEqual({
        security_group_id: ref("aws_security_group", securityGroupId),
        referenced_security_group_id: "sg-nodes",
        ip_protocol: "tcp",
        from_port: 9098,
        to_port: 9098,
        description: "Kafka (SASL/IAM) from EksNodes",
      });
      expect(named(json, "aws_vpc_security_group_ingress_rule", "PrometheusPrometheusIngress")[1]).toMatchObject({
        referenced_security_group_id: "sg-prometheus",
        from_port: 11001,
        to_port: 11002,
      });
      expect(listOf(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(2);
      expect(clusterOf(json).broker_node_group_info.security_groups).toEqual([
        ref("aws_security_group", securityGroupId),
      ]);
    });

    test("clients' stacks grant the SASL/IAM listener and, for a Prometheus, the two exporter ports", () => {
      const stack = testStack();
      const kafka = new KafkaCluster(stack, "Kafka", BASE);
      const { json, values } = synthWithValues(stack, {
        clients: kafka.ingressPoints,
        monitoring: kafka.monitoringIngressPoints,
      });
      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      const group = ref("aws_security_group", securityGroupId);

      expect(values.clients).toEqual([{ name: "Brokers", securityGroupId: group, port: 9098 }]);
      expect(values.monitoring).toEqual([
        { name: "JmxExporter", securityGroupId: group, port: 11001 },
        { name: "NodeExporter", securityGroupId: group, port: 11002 },
      ]);
    });
  });

  describe("configuration", () => {
    test("production server properties, and the cluster follows the configuration's latest revision", () => {
      const { json } = build();

      expect(propertiesOf(json)).toEqual({
        "allow.everyone.if.no.acl.found": "false",
        "auto.create.topics.enable": "false",
        "default.replication.factor": "3",
        "log.retention.hours": "168",
        "min.insync.replicas": "2",
        "num.partitions": "6",
        "offsets.topic.replication.factor": "3",
        "transaction.state.log.min.isr": "2",
        "transaction.state.log.replication.factor": "3",
        "unclean.leader.election.enable": "false",
      });
      const [configurationId, configuration] = named(json, "aws_msk_configuration", "Configuration");
      expect(configuration).toMatchObject({
        // Replaced before destroyed when kafka_versions changes: the name carries their hash, so it changes too.
        name: `acme-test-kafka-3-9-x-kraft-${replacementSuffix({ kafka_versions: ["3.9.x.kraft"] })}`,
        kafka_versions: ["3.9.x.kraft"],
        lifecycle: { create_before_destroy: true },
      });
      expect(clusterOf(json).configuration_info).toEqual({
        arn: ref("aws_msk_configuration", configurationId, "arn"),
        revision: ref("aws_msk_configuration", configurationId, "latest_revision"),
      });
    });

    test("replication follows the settings; defaults fit a two-broker cluster", () => {
      const { json: small } = build({
        subnetIds: ["subnet-a", "subnet-b"],
        brokerCount: 2,
        kafkaVersion: "3.9.x",
        brokerInstanceType: "kafka.t3.small",
      });
      expect(propertiesOf(small)).toMatchObject({ "default.replication.factor": "2", "min.insync.replicas": "1" });

      const { json } = build({
        brokerCount: 6,
        replicationFactor: 4,
        minInsyncReplicas: 3,
        defaultPartitions: 12,
        messageRetentionHours: 72,
      });
      expect(propertiesOf(json)).toMatchObject({
        "default.replication.factor": "4",
        "min.insync.replicas": "3",
        "transaction.state.log.min.isr": "3",
        "num.partitions": "12",
        "log.retention.hours": "72",
      });
    });

    test("the properties text is sorted, one key=value per line", () => {
      const text = serverProperties({
        replicationFactor: 3,
        minInsyncReplicas: 2,
        defaultPartitions: 6,
        messageRetentionHours: 168,
      });

      const keys = text
        .trim()
        .split("\n")
        .map((line) => line.split("=")[0]);
      expect(keys).toEqual([...keys].sort());
      expect(text.endsWith("\n")).toBe(true);
    });

    test("checkReplication names each setting that does not fit", () => {
      expect(checkReplication(3, 3, 2)).toEqual([]);
      expect(checkReplication(2, 3, 3)).toEqual([
        ["replicationFactor", expect.stringMatching(/^is above the broker count \(2\)/)],
        ["minInsyncReplicas", expect.stringMatching(/^is not below the replication factor \(3\)/)],
      ]);
    });
  });

  describe("operations", () => {
    test("broker storage scales out to the maximum at the target utilisation, never in", () => {
      const { json } = build({ volumeSizeGiB: 100, storageAutoscaling: { maxVolumeSizeGiB: 2000, targetPercent: 55 } });

      const [clusterId] = named(json, "aws_msk_cluster", "Kafka");
      expect(onlyOf(json, "aws_appautoscaling_target")).toMatchObject({
        service_namespace: "kafka",
        resource_id: ref("aws_msk_cluster", clusterId, "arn"),
        scalable_dimension: "kafka:broker-storage:VolumeSize",
        min_capacity: 1,
        max_capacity: 2000,
      });
      const policy = onlyOf(json, "aws_appautoscaling_policy");
      expect(policy.target_tracking_scaling_policy_configuration).toEqual({
        predefined_metric_specification: { predefined_metric_type: "KafkaBrokerStorageUtilization" },
        target_value: 55,
        disable_scale_in: true,
      });
      expect(clusterOf(json).lifecycle.ignore_changes).toEqual([
        "broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size",
      ]);
    });

    test("storage auto scaling can be turned off: the volume size stays under Terraform's control", () => {
      const { json } = build({ storageAutoscaling: false });

      expect(listOf(json, "aws_appautoscaling_target")).toEqual([]);
      expect(clusterOf(json).lifecycle).toEqual({ prevent_destroy: true });
    });

    test("broker logs go to an encrypted log group; open monitoring exporters and the monitoring level are on", () => {
      const { json } = build({ enhancedMonitoring: "PER_TOPIC_PER_PARTITION", logRetentionDays: 90 });

      const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");
      const [logGroupId, logGroup] = named(json, "aws_cloudwatch_log_group", "BrokerLogGroup");
      expect(logGroup).toMatchObject({
        name: "/aws/msk/acme-test-kafka/broker",
        retention_in_days: 90,
        kms_key_id: ref("aws_kms_key", logsKeyId, "arn"),
        deletion_protection_enabled: true,
      });
      expect(clusterOf(json)).toMatchObject({
        enhanced_monitoring: "PER_TOPIC_PER_PARTITION",
        logging_info: {
          broker_logs: {
            cloudwatch_logs: { enabled: true, log_group: ref("aws_cloudwatch_log_group", logGroupId, "name") },
          },
        },
        open_monitoring: {
          prometheus: { jmx_exporter: { enabled_in_broker: true }, node_exporter: { enabled_in_broker: true } },
        },
      });
      const policy = dataNamed(json, "aws_iam_policy_document", "LogsKey_Policy")[1];
      const grant = policy.statement.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
      expect(grant.condition[0].values).toEqual([
        expect.stringMatching(/:log-group:\/aws\/msk\/acme-test-kafka\/broker$/),
      ]);
    });

    test("protected by default: prevent_destroy on the cluster and its keys", () => {
      const { json } = build();

      expect(clusterOf(json).lifecycle.prevent_destroy).toBe(true);
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key.lifecycle).toEqual({ prevent_destroy: true });
      }
    });

    test("relaxed explicitly: nothing stands in the way of destroying the cluster", () => {
      const { json } = build({
        storageAutoscaling: false,
        protection: { deletionProtection: false, finalSnapshot: false, preventDestroy: false },
      });

      expect(clusterOf(json)).not.toHaveProperty("lifecycle");
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key).not.toHaveProperty("lifecycle");
      }
      expect(onlyOf(json, "aws_cloudwatch_log_group").deletion_protection_enabled).toBe(false);
    });
  });

  describe("validation", () => {
    test.each<[string, Partial<KafkaClusterProps>, string]>([
      [
        "a broker count that is not a multiple of the zones",
        { brokerCount: 4 },
        "brokerCount: 4 is not a multiple of the 3 availability zones; expected 3, 6, 9, ... so that every zone holds as many brokers",
      ],
      [
        "a replication factor above the broker count",
        { brokerCount: 3, replicationFactor: 4, minInsyncReplicas: 2 },
        "replicationFactor: 4 is above the broker count (3); expected at most 3 replicas of each partition",
      ],
      [
        "min.insync.replicas not below the replication factor",
        { replicationFactor: 3, minInsyncReplicas: 3 },
        "minInsyncReplicas: 3 is not below the replication factor (3); expected at most 2 so that writes go on while a broker restarts",
      ],
      [
        "an unsupported Kafka version",
        { kafkaVersion: "2.8.1" as never },
        'kafkaVersion: "2.8.1" is not allowed; expected one of "3.8.x", "3.9.x", "3.9.x.kraft", "4.0.x.kraft", "4.1.x.kraft"',
      ],
      [
        "an Express or unknown broker type",
        { brokerInstanceType: "express.m7g.large" },
        'brokerInstanceType: "express.m7g.large" is not allowed; expected a Standard MSK broker type',
      ],
      [
        "a t3.small broker with a KRaft version",
        { brokerInstanceType: "kafka.t3.small", kafkaVersion: "4.0.x.kraft" },
        'brokerInstanceType: "kafka.t3.small" is not accepted by MSK for KRaft versions (4.0.x.kraft)',
      ],
      [
        "a storage maximum not above the volume",
        { volumeSizeGiB: 500, storageAutoscaling: { maxVolumeSizeGiB: 500 } },
        "storageAutoscaling.maxVolumeSizeGiB: 500 is not above volumeSizeGiB (500); expected a larger maximum",
      ],
      [
        "a storage target MSK refuses",
        { storageAutoscaling: { maxVolumeSizeGiB: 1000, targetPercent: 90 } },
        "storageAutoscaling.targetPercent: 90 is outside the allowed range; expected a whole number from 10 to 80",
      ],
      [
        "an unknown monitoring level",
        { enhancedMonitoring: "FULL" as never },
        'enhancedMonitoring: "FULL" is not allowed; expected one of "DEFAULT", "PER_BROKER"',
      ],
      [
        "four subnets",
        { subnetIds: ["a", "b", "c", "d"], brokerCount: 4 },
        "subnetIds: 4 subnets; expected 2 or 3, one per availability zone",
      ],
    ])("rejects %s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => build({ brokerCount: 4 })).toThrow(/^test\/Kafka: /);
    });
  });
});
