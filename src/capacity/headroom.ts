import { CACHE_SHARDS } from "../../constructs/cache/options";
import { MAX_READ_REPLICAS, STORAGE_RANGE_GIB } from "../../constructs/database/options";
import { NODE_GROUP_SIZE } from "../../constructs/eks/options";
import { BROKER_VOLUME_GIB } from "../../constructs/kafka/options";
import { SERVICE_REPLICAS } from "../../constructs/services/options";
import type { EnvironmentConfig } from "../config/schema";
import { type CapacityRow, num, row, times } from "./rows";
import { minHeadroom } from "./settings";

/**
 * Headroom: for each tier, how far it can grow from where it starts (its max over its baseline), at least
 * `capacity.minHeadroom` times. The tiers, max / baseline:
 *
 * - pods, per service: `replicas.max` / `replicas.min` (the autoscaler's bounds);
 * - nodes, per node group: `maxSize` / `minSize` (the cluster autoscaler's bounds);
 * - the monolith's group: `maxSize` / `minSize` (scheduled actions move the floor between these);
 * - cache shards: `autoscaling.shards.max` / `shards` (no auto scaling: max = shards; with `dr`, a global
 *   datastore's shards are added in config: ElastiCache's limit is the max);
 * - broker storage: `storageAutoscaling.maxVolumeSizeGiB` / `volumeSizeGiB` (no auto scaling: max = the volume);
 * - database storage: `maxAllocatedStorageGiB` / `allocatedStorageGiB`;
 * - database read replicas: RDS's 15 per source / `replicas`: replicas are added in config, not by a scaler, so the
 *   AWS limit is the tier's max.
 *
 * A tier whose max is already the AWS (or platform) limit cannot do better: it is shown `capped` and passes.
 */

interface Tier {
  readonly resource: string;
  readonly baseline: number;
  readonly max: number;
  readonly unit: string;
  /** The most the setting may be: AWS's limit, or the platform's. */
  readonly cap: { readonly value: number; readonly what: string };
  /** The setting to raise, as a config path. */
  readonly setting: string;
  readonly detail: string;
  /** More to do when raising the setting, e.g. partitions for a consumer. */
  readonly also?: string;
}

export function headroomRows(config: EnvironmentConfig): CapacityRow[] {
  const required = minHeadroom(config);
  const tiers: Tier[] = [];
  const { cache, kafka, database, monolith } = config;

  for (const [name, service] of Object.entries(config.services).sort(([a], [b]) => a.localeCompare(b))) {
    const partitions = service.kafka.consumes
      .map((topic) => [topic, kafka.topics[topic]?.partitions ?? Number.POSITIVE_INFINITY] as const)
      .sort((a, b) => a[1] - b[1])[0];
    const target = Math.ceil(service.replicas.min * required);
    tiers.push({
      resource: `pods of service ${name}`,
      baseline: service.replicas.min,
      max: service.replicas.max,
      unit: "replicas",
      cap: { value: SERVICE_REPLICAS.max, what: "the platform's limit of replicas per service" },
      setting: `services.${name}.replicas.max`,
      detail: "replicas.max / replicas.min",
      also:
        partitions !== undefined && partitions[1] < target
          ? `the partitions of ${partitions[0]} (${partitions[1]}) to at least as many, since consumers beyond them sit idle`
          : undefined,
    });
  }
  config.eks.nodeGroups.forEach((group, index) =>
    tiers.push({
      resource: `nodes of node group ${group.name}`,
      baseline: group.minSize,
      max: group.maxSize,
      unit: "nodes",
      cap: { value: NODE_GROUP_SIZE.max, what: "EKS's limit of nodes per managed node group" },
      setting: `eks.nodeGroups[${index}].maxSize (${group.name})`,
      detail: "maxSize / minSize",
    }),
  );
  tiers.push({
    resource: "monolith instances",
    baseline: monolith.minSize,
    max: monolith.maxSize,
    unit: "instances",
    cap: { value: 1000, what: "the platform's limit of the monolith's group" },
    setting: "monolith.maxSize",
    detail: "maxSize / minSize (the schedule moves the floor between them)",
  });
  const shards = cache.autoscaling.shards;
  tiers.push({
    resource: "cache shards",
    baseline: cache.shards,
    // With a standby (dr) the cache is a global datastore: no auto scaling, its shards change in config (the global
    // datastore reshards every member), up to ElastiCache's limit, as read replicas are added.
    max: config.dr ? CACHE_SHARDS.max : shards.enabled ? shards.max : cache.shards,
    unit: "shards",
    cap: { value: CACHE_SHARDS.max, what: "ElastiCache's limit of shards per cluster" },
    setting: shards.enabled ? "cache.autoscaling.shards.max" : "cache.autoscaling.shards (enabled, max)",
    detail: config.dr
      ? "global datastore (dr): shards added in config, up to ElastiCache's limit"
      : shards.enabled
        ? "autoscaling.shards.max / shards"
        : "no shard auto scaling: max = shards",
  });
  const storage = kafka.storageAutoscaling;
  tiers.push({
    resource: "broker storage",
    baseline: kafka.volumeSizeGiB,
    max: storage.enabled ? storage.maxVolumeSizeGiB : kafka.volumeSizeGiB,
    unit: "GiB",
    cap: { value: BROKER_VOLUME_GIB.max, what: "MSK's limit of storage per broker" },
    setting: storage.enabled ? "kafka.storageAutoscaling.maxVolumeSizeGiB" : "kafka.storageAutoscaling (enabled, max)",
    detail: storage.enabled
      ? "storageAutoscaling.maxVolumeSizeGiB / volumeSizeGiB"
      : "no storage auto scaling: max = volumeSizeGiB",
  });
  tiers.push({
    resource: "database storage",
    baseline: database.allocatedStorageGiB,
    max: database.maxAllocatedStorageGiB,
    unit: "GiB",
    cap: { value: STORAGE_RANGE_GIB.max, what: "RDS's limit of gp3 storage" },
    setting: "database.maxAllocatedStorageGiB",
    detail: "maxAllocatedStorageGiB / allocatedStorageGiB",
  });
  tiers.push({
    resource: "database read replicas",
    baseline: database.replicas,
    max: MAX_READ_REPLICAS,
    unit: "replicas",
    cap: { value: MAX_READ_REPLICAS, what: "RDS's limit of read replicas per source" },
    setting: "database.replicas",
    detail: `RDS's ${MAX_READ_REPLICAS} per source / replicas (added in config, not by a scaler)`,
  });

  return tiers.map((tier) => {
    const capped = tier.max >= tier.cap.value;
    return row(config.environment, "headroom", {
      resource: tier.resource,
      used: tier.baseline,
      limit: tier.max,
      unit: tier.unit,
      required,
      short: capped ? "capped" : "over",
      detail: `${tier.detail}${capped && tier.max / tier.baseline < required ? `; capped by ${tier.cap.what} (${num(tier.cap.value)})` : ""}`,
      problem: () => {
        const target = Math.min(Math.ceil(tier.baseline * required), tier.cap.value);
        return `capacity: headroom of ${tier.resource}: max ${num(tier.max)} / baseline ${num(tier.baseline)} ${tier.unit} = ${times(tier.max / tier.baseline)}, below capacity.minHeadroom ${num(required)}; raise ${tier.setting} to ${num(target)}${tier.also ? `, and ${tier.also}` : ""}`;
      },
    });
  });
}
