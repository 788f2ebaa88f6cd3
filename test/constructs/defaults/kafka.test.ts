import { KafkaCluster } from "../../../constructs/kafka/kafka-cluster";
import { named, onlyOf, ref, synth, testStack } from "../../helpers";

/** A cluster built with only the required props. */
function build() {
  const stack = testStack();
  const kafka = new KafkaCluster(stack, "Kafka", {
    namePrefix: "acme-test",
    region: "eu-west-1",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  });
  return { kafka, json: synth(stack) };
}

describe("KafkaCluster defaults", () => {
  const { kafka, json } = build();
  const cluster = onlyOf(json, "aws_msk_cluster");

  test("runs kafka.m7g.large brokers when brokerInstanceType is not given", () => {
    expect(cluster.broker_node_group_info.instance_type).toBe("kafka.m7g.large");
  });

  test("runs 3 brokers, one per zone, when brokerCount is not given", () => {
    expect(cluster.number_of_broker_nodes).toBe(3);
    expect(kafka.settings.brokerCount).toBe(3);
    expect(kafka.brokerMetrics.map((broker) => broker.brokerId)).toEqual([1, 2, 3]);
  });

  test("gives each broker 100 GiB of storage when volumeSizeGiB is not given", () => {
    expect(cluster.broker_node_group_info.storage_info).toEqual({ ebs_storage_info: { volume_size: 100 } });
  });

  test("grows broker storage up to 1000 GiB, never shrinking it, when storageAutoscaling is not given", () => {
    const [clusterId] = named(json, "aws_msk_cluster", "Kafka");
    expect(onlyOf(json, "aws_appautoscaling_target")).toMatchObject({
      service_namespace: "kafka",
      resource_id: ref("aws_msk_cluster", clusterId, "arn"),
      scalable_dimension: "kafka:broker-storage:VolumeSize",
      min_capacity: 1,
      max_capacity: 1000,
    });
    expect(onlyOf(json, "aws_appautoscaling_policy").target_tracking_scaling_policy_configuration).toMatchObject({
      predefined_metric_specification: { predefined_metric_type: "KafkaBrokerStorageUtilization" },
      disable_scale_in: true,
    });
    expect(cluster.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size"],
    });
  });

  test("keeps broker storage at 60 % used when storageAutoscaling.targetPercent is not given", () => {
    expect(onlyOf(json, "aws_appautoscaling_policy").target_tracking_scaling_policy_configuration.target_value).toBe(
      60,
    );
  });

  test("publishes per-broker metrics when enhancedMonitoring is not given", () => {
    expect(cluster.enhanced_monitoring).toBe("PER_BROKER");
  });

  test("keeps the broker logs for 365 days when logRetentionDays is not given", () => {
    expect(named(json, "aws_cloudwatch_log_group", "BrokerLogGroup")[1].retention_in_days).toBe(365);
  });
});
