import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import type { KafkaSettings, StorageAutoscaling } from "./kafka-props";
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
} from "./options";
import { checkReplication } from "./server-properties";

/**
 * Checks a cluster's resolved settings and the props it resolves them from, throwing a `ValidationError` on `scope`
 * (the cluster) at the first problem.
 */
export function validateKafkaCluster(
  scope: Construct,
  clusterSettings: KafkaSettings,
  subnetCount: number,
  settings: {
    brokerInstanceType: string;
    volumeSizeGiB: number;
    storageAutoscaling?: StorageAutoscaling;
    storageTargetPercent: number;
    enhancedMonitoring: string;
    logRetentionDays: number;
  },
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const whole = (setting: string, value: number, min: number, max: number) =>
    requireWholeNumber(scope, setting, value, min, max);
  const { clusterName, kafkaVersion, brokerCount, replicationFactor, minInsyncReplicas } = clusterSettings;

  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(clusterName) || clusterName.length > 64) {
    fail(
      `namePrefix: ${show(clusterName)} is not allowed as a cluster name; expected lower-case words joined by hyphens, at most 64 characters`,
    );
  }
  requireOneOf(scope, "kafkaVersion", kafkaVersion, KAFKA_VERSIONS);
  if (!(BROKER_INSTANCE_TYPES as readonly string[]).includes(settings.brokerInstanceType)) {
    fail(
      `brokerInstanceType: ${show(settings.brokerInstanceType)} is not allowed; expected ${BROKER_INSTANCE_TYPE_EXPECTATION}`,
    );
  }
  const brokerProblem = checkBrokerForVersion(settings.brokerInstanceType, kafkaVersion);
  if (brokerProblem) {
    fail(`brokerInstanceType: ${show(settings.brokerInstanceType)} ${brokerProblem}`);
  }
  const zones = subnetCount;
  if (zones < 2 || zones > 3) {
    fail(`subnetIds: ${zones} subnets; expected 2 or 3, one per availability zone`);
  }
  whole("brokerCount", brokerCount, BROKER_COUNT.min, BROKER_COUNT.max);
  const spreadProblem = checkBrokerSpread(brokerCount, zones, `the ${zones} availability zones`);
  if (spreadProblem) {
    fail(`brokerCount: ${brokerCount} ${spreadProblem}`);
  }
  whole("replicationFactor", replicationFactor, 1, BROKER_COUNT.max);
  whole("minInsyncReplicas", minInsyncReplicas, 1, BROKER_COUNT.max);
  for (const [setting, problem] of checkReplication(brokerCount, replicationFactor, minInsyncReplicas)) {
    fail(`${setting}: ${clusterSettings[setting]} ${problem}`);
  }
  whole("defaultPartitions", clusterSettings.defaultPartitions, 1, 1000);
  whole("messageRetentionHours", clusterSettings.messageRetentionHours, 1, 87600);
  whole("volumeSizeGiB", settings.volumeSizeGiB, BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max);
  if (settings.storageAutoscaling) {
    const max = settings.storageAutoscaling.maxVolumeSizeGiB;
    whole("storageAutoscaling.maxVolumeSizeGiB", max, BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max);
    const storageProblem = checkStorageMaximum(max, settings.volumeSizeGiB, "volumeSizeGiB");
    if (storageProblem) {
      fail(`storageAutoscaling.maxVolumeSizeGiB: ${max} ${storageProblem}`);
    }
    whole(
      "storageAutoscaling.targetPercent",
      settings.storageTargetPercent,
      STORAGE_TARGET_RANGE.min,
      STORAGE_TARGET_RANGE.max,
    );
  }
  requireOneOf(scope, "enhancedMonitoring", settings.enhancedMonitoring, ENHANCED_MONITORING_LEVELS);
  requireLogRetentionDays(scope, "logRetentionDays", settings.logRetentionDays);
}
