import { z } from "zod";
import {
  BROKER_COUNT,
  BROKER_INSTANCE_TYPE_EXPECTATION,
  BROKER_INSTANCE_TYPES,
  BROKER_VOLUME_GIB,
  checkBrokerForVersion,
  checkBrokerSpread,
  checkStorageMaximum,
  ENHANCED_MONITORING_LEVELS,
  KAFKA_VERSIONS,
  STORAGE_TARGET_RANGE,
} from "../../constructs/kafka/options";
import { checkReplication } from "../../constructs/kafka/server-properties";
import { show } from "../../constructs/core/errors";
import { allowed, oneOf, pattern, section, wholeNumber } from "./schema-helpers";
import { type ConfigContext, logRetentionDays } from "./shared-schema";
import { topicsSchema } from "./topics-schema";

/** Kafka's part of an environment's config: the MSK cluster, its brokers, storage and replication, and the topics. */

export const kafkaSchema = section({
  /** Kafka version on MSK; `.kraft` versions run without ZooKeeper and need kafka.m5.large or larger. */
  kafkaVersion: oneOf(KAFKA_VERSIONS),
  /** Broker instance type (Standard brokers). */
  brokerInstanceType: z.enum(BROKER_INSTANCE_TYPES, { error: allowed(BROKER_INSTANCE_TYPE_EXPECTATION) }),
  /** Number of brokers: a multiple of network.azCount, so that every zone holds as many. */
  brokerCount: wholeNumber(BROKER_COUNT.min, BROKER_COUNT.max),
  /** EBS storage per broker at creation, GiB. */
  volumeSizeGiB: wholeNumber(BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max),
  /** Broker storage auto scaling (scale-out only). */
  storageAutoscaling: section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** Largest volume per broker, GiB; above volumeSizeGiB. */
    maxVolumeSizeGiB: wholeNumber(BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max),
    /** Disk utilisation the scaler aims for, percent. */
    targetPercent: wholeNumber(STORAGE_TARGET_RANGE.min, STORAGE_TARGET_RANGE.max),
  }),
  /** default.replication.factor (and the internal topics'); at most brokerCount (at least 3 in production). */
  replicationFactor: wholeNumber(1, BROKER_COUNT.max),
  /** min.insync.replicas; below replicationFactor (at least 2 in production). */
  minInsyncReplicas: wholeNumber(1, BROKER_COUNT.max),
  /** num.partitions of a topic created without a count. */
  defaultPartitions: wholeNumber(1, 1000),
  /** log.retention.hours: how long messages are kept unless a topic says otherwise. */
  messageRetentionHours: wholeNumber(1, 87600),
  /** CloudWatch metric level; all but DEFAULT are charged. */
  enhancedMonitoring: oneOf(ENHANCED_MONITORING_LEVELS),
  /** Retention of the broker log group, days. */
  logRetentionDays,
  /** Topics the workloads use, created by the topic job in `<env>-workloads`; each gets a dead-letter topic. */
  topics: topicsSchema,
  /**
   * SHA-256 of the MSK IAM library jar the topic job downloads (see constructs/kafka/kafka-topics.ts); when set, the
   * job refuses any other download. @default no digest check (HTTPS from GitHub only)
   */
  iamAuthJarSha256: pattern(/^[a-f0-9]{64}$/, "a SHA-256 digest of 64 lower-case hex digits").optional(),
});

/** The parts of a parsed environment the Kafka rules read. */
interface KafkaView {
  readonly network: { readonly azCount: number };
  readonly kafka: z.output<typeof kafkaSchema>;
}

/** Rules between Kafka settings and the network. */
export function checkKafka(config: KafkaView, ctx: ConfigContext): void {
  const kafka = config.kafka;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["kafka", ...path], input, message: `${show(input)} ${message}` });

  const zones = config.network.azCount;
  const spreadProblem = checkBrokerSpread(kafka.brokerCount, zones, `network.azCount (${zones})`);
  if (spreadProblem) {
    issue(["brokerCount"], kafka.brokerCount, spreadProblem);
  }
  const brokerProblem = checkBrokerForVersion(kafka.brokerInstanceType, kafka.kafkaVersion);
  if (brokerProblem) {
    issue(["brokerInstanceType"], kafka.brokerInstanceType, brokerProblem);
  }
  for (const [setting, problem] of checkReplication(
    kafka.brokerCount,
    kafka.replicationFactor,
    kafka.minInsyncReplicas,
    { brokerCount: "kafka.brokerCount", replicationFactor: "kafka.replicationFactor" },
  )) {
    issue([setting], kafka[setting], problem);
  }
  const storageProblem = kafka.storageAutoscaling.enabled
    ? checkStorageMaximum(kafka.storageAutoscaling.maxVolumeSizeGiB, kafka.volumeSizeGiB, "kafka.volumeSizeGiB")
    : undefined;
  if (storageProblem) {
    issue(["storageAutoscaling", "maxVolumeSizeGiB"], kafka.storageAutoscaling.maxVolumeSizeGiB, storageProblem);
  }
}
