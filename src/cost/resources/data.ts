import type { ResourceBody, StackJson } from "../../review/synthesized";
import {
  charge,
  type CostItem,
  counted,
  numberOf,
  type Pricer,
  type PricingContext,
  record,
  referenced,
  unpriced,
} from "../model";

/**
 * Data: RDS instances (instance, storage, IOPS, Performance Insights), RDS Proxy, ElastiCache replication groups and
 * MSK clusters. Max scale: RDS storage at `max_allocated_storage` (storage autoscaling), cache shards and replicas
 * and broker storage at the maximum of their Application Auto Scaling targets.
 */

/** The max_capacity of the stack's scaling target on `dimension` of the resource, if any. */
function scalingMax(stack: StackJson, resource: ResourceBody, dimension: string): number | undefined {
  const reference = `${resource.address}.`;
  const target = Object.values(stack.resource?.aws_appautoscaling_target ?? {}).find(
    (candidate) =>
      candidate.scalable_dimension === dimension &&
      typeof candidate.resource_id === "string" &&
      candidate.resource_id.includes(reference),
  );
  return numberOf(target?.max_capacity);
}

/** gp3 from 400 GB includes 12,000 IOPS, below 3,000 (RDS for PostgreSQL). */
const includedIops = (sizeGB: number) => (sizeGB >= 400 ? 12_000 : 3_000);

export const dbInstance: Pricer = (resource, context) => {
  const body = resource.config;
  const instanceClass = String(body.instance_class);
  const multiAz = body.multi_az === true;
  const az = multiAz ? "multi-az" : "single-az";
  const replica = body.replicate_source_db !== undefined;
  const items: CostItem[] = [
    charge(
      context,
      resource,
      { service: "rds", item: `${instanceClass}:${az}` },
      `${instanceClass} ${multiAz ? "Multi-AZ" : "Single-AZ"} ${replica ? "read replica" : "instance"}`,
      { baseline: 1, max: 1 },
    ),
  ];
  // A replica has its source's storage: found when the source is in the same stack.
  const source = replica ? referenced(context.stack, body.replicate_source_db, "aws_db_instance") : undefined;
  const size = numberOf(body.allocated_storage) ?? numberOf(source?.allocated_storage);
  const maxSize = numberOf(body.max_allocated_storage) ?? numberOf(source?.max_allocated_storage) ?? size;
  const storageType = String(body.storage_type ?? source?.storage_type ?? "gp2");
  if (size === undefined || maxSize === undefined) {
    items.push(
      unpriced(context, resource, `${storageType} storage of unknown size`, "a replica of a source in another stack"),
    );
  } else {
    items.push(
      charge(
        context,
        resource,
        { service: "rds-storage", item: `${storageType}:${az}` },
        size === maxSize
          ? `${size} GB ${storageType} storage`
          : `${size} GB ${storageType} storage (${maxSize} at max)`,
        { baseline: size, max: maxSize },
      ),
    );
    const iops = numberOf(body.iops);
    if (iops !== undefined && storageType === "gp3" && iops > includedIops(size)) {
      items.push(
        charge(
          context,
          resource,
          { service: "rds-iops", item: `gp3:${az}` },
          `${iops - includedIops(size)} provisioned IOPS above the gp3 baseline`,
          { baseline: iops - includedIops(size), max: Math.max(0, iops - includedIops(maxSize)) },
        ),
      );
    }
  }
  if (body.performance_insights_enabled === true) {
    const retention = numberOf(body.performance_insights_retention_period) ?? 7;
    items.push(
      retention <= 7
        ? charge(
            context,
            resource,
            { service: "rds", item: "performance-insights-7-days" },
            "Performance Insights, 7 days",
            {
              baseline: 1,
              max: 1,
            },
          )
        : unpriced(
            context,
            resource,
            `Performance Insights retention of ${retention} days for ${instanceClass}`,
            "long-term retention is priced per vCPU-month; no price found for this region",
          ),
    );
  }
  return items;
};

export const dbProxy: Pricer = (resource, context) => [
  unpriced(context, resource, `RDS Proxy in ${context.region}`, "priced per vCPU-hour of its database; no price found"),
];

/** The node type, engine and shard count of a global datastore's primary, from any stack of the environment. */
function globalPrimary(context: PricingContext): { node?: string; engine?: string; shards?: number } {
  for (const stack of context.environmentStacks.values()) {
    for (const group of Object.values(stack.resource?.aws_elasticache_global_replication_group ?? {})) {
      const primary = referenced(stack, group.primary_replication_group_id, "aws_elasticache_replication_group");
      if (primary) {
        return {
          node: primary.node_type as string | undefined,
          engine: primary.engine as string | undefined,
          shards: numberOf(group.num_node_groups) ?? numberOf(primary.num_node_groups),
        };
      }
    }
  }
  return {};
}

export const elasticacheReplicationGroup: Pricer = (resource, context) => {
  const body = resource.config;
  const inherited = body.global_replication_group_id !== undefined && body.node_type === undefined;
  const primary = inherited ? globalPrimary(context) : {};
  const node = (body.node_type as string | undefined) ?? primary.node;
  const engine = String(body.engine ?? primary.engine ?? "redis") === "valkey" ? "valkey" : "redis";
  const replicas = numberOf(body.replicas_per_node_group) ?? 0;
  const shards = numberOf(body.num_node_groups) ?? primary.shards;
  const clusters = numberOf(body.num_cache_clusters);
  if (node === undefined || (shards === undefined && clusters === undefined)) {
    return [unpriced(context, resource, "cache nodes of unknown type or count", "not in the synthesized stacks")];
  }
  const shardsMax = scalingMax(context.stack, resource, "elasticache:replication-group:NodeGroups") ?? shards;
  const replicasMax = scalingMax(context.stack, resource, "elasticache:replication-group:Replicas") ?? replicas;
  const nodes =
    shards === undefined
      ? { baseline: clusters!, max: clusters! }
      : { baseline: shards * (1 + replicas), max: (shardsMax ?? shards) * (1 + replicasMax) };
  return [
    charge(
      context,
      resource,
      { service: "elasticache", item: `${node}:${engine}` },
      `${counted(nodes.baseline, nodes.max, `${node} ${engine} node`)}`,
      nodes,
    ),
  ];
};

export const elasticacheGlobalGroup: Pricer = (resource, context) => [
  unpriced(
    context,
    resource,
    "Global Datastore cross-region replication traffic",
    "no price found; volume not modeled",
  ),
];

export const mskCluster: Pricer = (resource, context) => {
  const body = resource.config;
  const brokers = numberOf(body.number_of_broker_nodes) ?? 0;
  const info = record(body.broker_node_group_info) ?? {};
  const type = String(info.instance_type);
  const volume = numberOf(record(record(info.storage_info)?.ebs_storage_info)?.volume_size) ?? 0;
  const volumeMax = scalingMax(context.stack, resource, "kafka:broker-storage:VolumeSize") ?? volume;
  return [
    charge(context, resource, { service: "msk", item: type }, `${brokers} x ${type} broker`, {
      baseline: brokers,
      max: brokers,
    }),
    charge(
      context,
      resource,
      { service: "msk-storage", item: "gp" },
      volume === volumeMax
        ? `${brokers} x ${volume} GB broker storage`
        : `${brokers} x ${volume} GB broker storage (${volumeMax} GB at max)`,
      { baseline: brokers * volume, max: brokers * volumeMax },
    ),
  ];
};

export const mskReplicator: Pricer = (resource, context) => [
  unpriced(context, resource, `MSK Replicator in ${context.region}`, "no price found (hourly and per GB replicated)"),
];
