import { MSK_BROKER_TYPES } from "../core/instance-types";
/**
 * The limits and choices of the Kafka tier, in one place: the Kafka constructs validate their props against them
 * and the config schema validates settings against them, so both say the same thing.
 */

/**
 * Kafka versions the platform supports on MSK (Amazon MSK Developer Guide, "Supported Apache Kafka versions": 3.8.x,
 * 3.9.x, 4.0.x, and 4.1.x from 2025-10-15; "KRaft mode": the `.kraft` suffix selects it). `.kraft` versions keep metadata in KRaft controllers instead of
 * ZooKeeper (Kafka 4 has no ZooKeeper mode); the mode is chosen at creation and cannot change.
 */
export const KAFKA_VERSIONS = ["3.8.x", "3.9.x", "3.9.x.kraft", "4.0.x.kraft", "4.1.x.kraft"] as const;
export type KafkaVersion = (typeof KAFKA_VERSIONS)[number];

/** True for the versions that run in KRaft mode. */
export function isKraft(version: string): boolean {
  return version.endsWith(".kraft");
}

/**
 * Standard broker types (Express brokers have no EBS storage and are not supported here), as the Amazon MSK
 * Developer Guide lists them ("Broker sizes"); M7g runs Kafka 2.8.2, 3.3.2 and later, so every pinned version.
 */
export const BROKER_INSTANCE_TYPES = Object.keys(MSK_BROKER_TYPES) as [string, ...string[]];

export const BROKER_INSTANCE_TYPE_EXPECTATION =
  "a Standard MSK broker type: kafka.t3.small, kafka.m5.<large to 24xlarge> or kafka.m7g.<large to 16xlarge>";

/**
 * Why `instanceType` cannot run `version`, or undefined when it can. A cautious guard: AWS's KRaft pages name no
 * t3 support and we found no statement either way, so KRaft is kept to m5/m7g brokers.
 */
export function checkBrokerForVersion(instanceType: string, version: string): string | undefined {
  return instanceType === "kafka.t3.small" && isKraft(version)
    ? `is not accepted by MSK for KRaft versions (${version}); expected kafka.m5.large or larger, or a ZooKeeper-mode 3.x version`
    : undefined;
}

/**
 * Why `brokerCount` brokers cannot be spread evenly over `zones` zones, or undefined when they can. `zonesName` is
 * how messages call the zones, e.g. `network.azCount (3)`.
 */
export function checkBrokerSpread(brokerCount: number, zones: number, zonesName: string): string | undefined {
  return brokerCount % zones === 0
    ? undefined
    : `is not a multiple of ${zonesName}; expected ${zones}, ${zones * 2}, ${zones * 3}, ... so that every zone holds as many brokers`;
}

/**
 * Why storage auto scaling cannot grow a `volumeSizeGiB` volume to `maxVolumeSizeGiB`, or undefined when it can.
 * `volumeName` is how messages call the volume size setting.
 */
export function checkStorageMaximum(
  maxVolumeSizeGiB: number,
  volumeSizeGiB: number,
  volumeName: string,
): string | undefined {
  return maxVolumeSizeGiB > volumeSizeGiB
    ? undefined
    : `is not above ${volumeName} (${volumeSizeGiB}); expected a larger maximum, or storage auto scaling off`;
}

/** Brokers MSK allows in one provisioned cluster (default quota). */
export const BROKER_COUNT = { min: 2, max: 30 } as const;

/** EBS storage per broker, GiB. */
export const BROKER_VOLUME_GIB = { min: 1, max: 16384 } as const;

/** Storage utilisation MSK storage auto scaling can target, percent. */
export const STORAGE_TARGET_RANGE = { min: 10, max: 80 } as const;

/** CloudWatch metric levels MSK publishes (all but DEFAULT are charged). */
export const ENHANCED_MONITORING_LEVELS = [
  "DEFAULT",
  "PER_BROKER",
  "PER_TOPIC_PER_BROKER",
  "PER_TOPIC_PER_PARTITION",
] as const;
export type EnhancedMonitoringLevel = (typeof ENHANCED_MONITORING_LEVELS)[number];

/** The least replication a production environment's topics may have by default. */
export const MIN_PRODUCTION_REPLICATION = { replicationFactor: 3, minInsyncReplicas: 2 } as const;

/** Port clients use for SASL/IAM over TLS inside the VPC. */
export const IAM_TLS_PORT = 9098;

/** Ports of the open-monitoring exporters on every broker: JMX exporter and node exporter. */
export const PROMETHEUS_PORTS = { jmxExporter: 11001, nodeExporter: 11002 } as const;
