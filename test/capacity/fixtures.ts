import { environments } from "../../src/config/environments";
import { type EnvironmentOverrides, resolveRegistered } from "../../src/config/load";
import { mergeConfig } from "../../src/config/merge";
import type { EnvironmentConfig } from "../../src/config/schema";

/**
 * Production as the registry has it, without its standby (`dr`, whose cache rules refuse the cache auto scaling these
 * fixtures pin; after a failover the standby's capacity is the primary's), with `change` merged over its file (as a
 * file would say it), validated.
 */
export function prodWith(change: object = {}): EnvironmentConfig {
  const { dr: _standby, ...primary } = environments.prod;
  const merged = mergeConfig(primary, change);
  if (merged.problems.length > 0) {
    throw new Error(merged.problems.join("\n"));
  }
  return resolveRegistered("prod", merged.value as EnvironmentOverrides);
}

/**
 * Production with every figure the hand-computed numbers depend on pinned, so that later sizing changes to the prod
 * file do not move them: one shard of db.r7g.large with two replicas behind a proxy at 90%; services (3..30 x
 * m7g.xlarge/m6g.xlarge, prefix delegation) and a tainted system group; the four default services at the defaults'
 * sizes; topics of 12 and 6 partitions; three kafka.m7g.large brokers.
 */
export const PINNED = {
  database: {
    instanceClass: "db.r7g.large",
    replicas: 2,
    shards: 1,
    proxy: { enabled: true, maxConnectionsPercent: 90 },
  },
  eks: {
    prefixDelegation: true,
    systemNodeGroup: "system",
    nodeGroups: [
      { name: "system", instanceTypes: ["m7g.large"], minSize: 3, desiredSize: 3, maxSize: 6 },
      { name: "services", instanceTypes: ["m7g.xlarge", "m6g.xlarge"], minSize: 3, desiredSize: 3, maxSize: 30 },
    ],
  },
  services: {
    auth: {
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      replicas: { min: 3, max: 20 },
      database: "read-write",
    },
    analytics: {
      resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      replicas: { min: 2, max: 12 },
      database: "read-only",
    },
    reports: {
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      replicas: { min: 2, max: 6 },
      database: "read-only",
    },
    ingestion: {
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      replicas: { min: 3, max: 20 },
      database: "none",
    },
  },
  kafka: {
    brokerInstanceType: "kafka.m7g.large",
    brokerCount: 3,
    topics: { events_ingested: { partitions: 12 }, report_requested: { partitions: 6 } },
  },
  monolith: { minSize: 2, maxSize: 12 },
  cache: { shards: 2, autoscaling: { shards: { enabled: true, min: 2, max: 6 } } },
} as const;

export const pinned = (change: object = {}): EnvironmentConfig => prodWith(mergeConfig(PINNED, change).value as object);

/** A config changed as a plain object, bypassing the schema (for shapes the schema would refuse elsewhere). */
export function edited(config: EnvironmentConfig, edit: (copy: any) => void): EnvironmentConfig {
  const copy = structuredClone(config);
  edit(copy);
  return copy;
}
