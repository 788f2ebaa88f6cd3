import type { EnvironmentConfig } from "../config/schema";
import type { StackJson } from "../review/synthesized";
import { standbyName } from "../../stacks/standby";

/**
 * The names a failover acts on, read from the synthesized stacks (what Terraform creates), so that the runbook's
 * commands name the real resources. Every one is known before an apply (no computed value), so none of the commands
 * needs Terraform state: in a regional outage the primary's state bucket may be out of reach.
 */
export interface FailoverIds {
  readonly environment: string;
  /** `<env>-<region code>`: the standby's name, prefix of its stack ids. */
  readonly standby: string;
  /** `<project>-<env>-<region code>`: the prefix of the standby's resource names (its alarms'). */
  readonly standbyPrefix: string;
  readonly primaryRegion: string;
  readonly standbyRegion: string;
  /** Each shard's cross-region replica in the standby region, in shard order. */
  readonly databaseReplicas: readonly string[];
  /** Each shard's primary instance in the primary region, in shard order. */
  readonly databasePrimaries: readonly string[];
  /** Their Terraform addresses (`aws_db_instance.<id>`), in the same order: what a failback re-adopts. */
  readonly replicaAddresses: readonly string[];
  readonly primaryAddresses: readonly string[];
  /**
   * What follows a shard's primary by its name in the primary's data stack: its read replicas and RDS Proxy targets
   * (Terraform addresses), which a failback re-creates once the name belongs to another instance.
   */
  readonly primaryFollowerAddresses: readonly string[];
  /** The KMS alias of the primary's database storage key (in the primary region). */
  readonly databaseKeyAlias: string;
  /** The suffix the global datastore's id ends with (AWS puts a prefix of its own in front). */
  readonly globalDatastoreSuffix: string;
  readonly primaryCacheGroup: string;
  readonly standbyCacheGroup: string;
  readonly replicatorName: string;
  readonly standbyKafkaCluster: string;
  readonly primaryMonolith: string;
  readonly standbyMonolith: string;
  /** The primary monolith group's sizes as synthesized: what a failback gives it back after step 2 emptied it. */
  readonly primaryMonolithSizes: Sizes;
  /**
   * The standby's EKS node groups, each by the start of its name (EKS names them from a prefix), with the primary's
   * sizes for the same group: what the standby takes after `failedOver: true`.
   */
  readonly standbyNodeGroups: readonly { readonly prefix: string; readonly primary: Sizes }[];
  /** Each region's service Deployments as synthesized (name, namespace, replicas), in name order. */
  readonly primaryDeployments: readonly Deployment[];
  readonly standbyDeployments: readonly Deployment[];
  /** The Kafka consumer groups of the primary's services (their `KAFKA_CONSUMER_GROUP`), sorted. */
  readonly consumerGroups: readonly string[];
  readonly primaryCluster: string;
  readonly standbyCluster: string;
  /** The service namespaces (one per catalog service). */
  readonly serviceNamespaces: readonly string[];
  /** `reference_name` of the switch on the PRIMARY record, and of each region's API health check. */
  readonly switchReference: string;
  readonly primaryHealthReference: string;
  readonly standbyHealthReference: string;
}

export interface Sizes {
  readonly min: number;
  readonly max: number;
  readonly desired: number;
}

export interface Deployment {
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
}

/** Thrown when the stacks lack what a failover needs: the message names the stack and the resource. */
export class FailoverInputError extends Error {}

/** A resource's arguments as synthesized. */
type Body = Readonly<Record<string, unknown>>;

function blocks(stacks: ReadonlyMap<string, StackJson>, stackId: string, type: string): [string, Body][] {
  const stack = stacks.get(stackId);
  if (stack === undefined) {
    throw new FailoverInputError(
      `${stackId}: no such stack in the synthesized output; synthesize the environment first`,
    );
  }
  const resources = (stack.resource as Record<string, Record<string, Body>> | undefined)?.[type] ?? {};
  return Object.entries(resources).sort(([a], [b]) => a.localeCompare(b));
}

function one(stacks: ReadonlyMap<string, StackJson>, stackId: string, type: string, attribute: string): string {
  const found = blocks(stacks, stackId, type).map(([, body]) => body[attribute]);
  if (found.length !== 1 || typeof found[0] !== "string") {
    throw new FailoverInputError(
      `${stackId}: expected one ${type} with a literal ${attribute}, found ${found.length}; the runbook needs its name`,
    );
  }
  return found[0];
}

/**
 * The shard instances of a data stack, in shard order (`...-db-shard-<n>`), without their read replicas: identifier
 * and Terraform address.
 */
function shardInstances(stacks: ReadonlyMap<string, StackJson>, stackId: string): [string, string][] {
  const instances = blocks(stacks, stackId, "aws_db_instance")
    .map(([id, body]): [string, unknown] => [`aws_db_instance.${id}`, body.identifier])
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && /-db-shard-\d+$/.test(entry[1]));
  const shard = ([, identifier]: [string, string]) => Number(identifier.slice(identifier.lastIndexOf("-") + 1));
  return instances.sort((a, b) => shard(a) - shard(b));
}

/** A synthesized count: a number, or a numeric string (the Kubernetes provider types `replicas` as a string). */
const num = (value: unknown, fallback: number): number =>
  typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : fallback;

/** A node group's or auto-scaling group's sizes from its synthesized body. */
function sizesOf(body: Body, keys: { min: string; max: string; desired: string }): Sizes {
  const min = num(body[keys.min], 0);
  return { min, max: num(body[keys.max], min), desired: num(body[keys.desired], min) };
}

/** The node groups of a cluster stack by the start of their name (`node_group_name_prefix`, or the whole name). */
function nodeGroups(stacks: ReadonlyMap<string, StackJson>, stackId: string): Map<string, Sizes> {
  return new Map(
    blocks(stacks, stackId, "aws_eks_node_group").map(([, body]) => {
      const scaling = (body.scaling_config ?? {}) as Body;
      const name = (body.node_group_name_prefix ?? body.node_group_name) as string;
      return [name, sizesOf(scaling, { min: "min_size", max: "max_size", desired: "desired_size" })];
    }),
  );
}

/** The service Deployments of a workloads stack; a namespace given as a reference is resolved to its literal name. */
function deployments(stacks: ReadonlyMap<string, StackJson>, stackId: string): Deployment[] {
  const namespaces = new Map(
    blocks(stacks, stackId, "kubernetes_namespace_v1").map(([id, body]) => [id, (body.metadata as Body).name]),
  );
  return blocks(stacks, stackId, "kubernetes_deployment_v1")
    .map(([, body]) => {
      const metadata = body.metadata as Body;
      const name = metadata.name as string;
      const reference = /^\$\{kubernetes_namespace_v1\.([^.]+)\.metadata\[0\]\.name\}$/.exec(
        String(metadata.namespace),
      );
      const namespace = reference ? namespaces.get(reference[1]) : metadata.namespace;
      return {
        name,
        namespace: typeof namespace === "string" ? namespace : name,
        replicas: num((body.spec as Body).replicas, 1),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The `KAFKA_CONSUMER_GROUP` values of a workloads stack's Deployments. */
function consumerGroups(stacks: ReadonlyMap<string, StackJson>, stackId: string): string[] {
  const groups = blocks(stacks, stackId, "kubernetes_deployment_v1").flatMap(([, body]) => {
    const template = (body.spec as Body).template as Body | undefined;
    const containers = ((template?.spec as Body | undefined)?.container ?? []) as Body[];
    return containers.flatMap((container) =>
      ((container.env ?? []) as Body[])
        .filter((variable) => variable.name === "KAFKA_CONSUMER_GROUP" && typeof variable.value === "string")
        .map((variable) => variable.value as string),
    );
  });
  return [...new Set(groups)].sort();
}

/** The names a failover of `config`'s environment acts on; `config` must have `dr`. */
export function failoverIds(config: EnvironmentConfig, stacks: ReadonlyMap<string, StackJson>): FailoverIds {
  const dr = config.dr;
  if (dr === undefined) {
    throw new FailoverInputError(`${config.environment} has no dr section, so it has no standby to fail over to`);
  }
  const environment = config.environment;
  const standby = standbyName(environment, dr);
  const healthReference = (stackId: string) =>
    blocks(stacks, stackId, "aws_route53_health_check")
      .map(([, body]) => body)
      .find((body) => body.type === "CLOUDWATCH_METRIC")?.reference_name as string | undefined;
  const switchReference = blocks(stacks, `${environment}-edge`, "aws_route53_health_check")
    .map(([, body]) => body)
    .find((body) => body.type === "CALCULATED")?.reference_name as string | undefined;
  const primaryHealthReference = healthReference(`${environment}-edge`);
  const standbyHealthReference = healthReference(`${standby}-edge`);
  if (!switchReference || !primaryHealthReference || !standbyHealthReference) {
    throw new FailoverInputError(
      `${environment}-edge and ${standby}-edge: expected the failover switch and both regions' API health checks (edge.api.domain with a hosted zone)`,
    );
  }
  const replicas = shardInstances(stacks, `${standby}-data`);
  const primaries = shardInstances(stacks, `${environment}-data`);
  const databaseReplicas = replicas.map(([, identifier]) => identifier);
  const databasePrimaries = primaries.map(([, identifier]) => identifier);
  const primaryFollowerAddresses = [
    ...blocks(stacks, `${environment}-data`, "aws_db_instance")
      .filter(([, body]) => typeof body.identifier === "string" && /-replica-\d+$/.test(body.identifier))
      .map(([id]) => `aws_db_instance.${id}`),
    ...blocks(stacks, `${environment}-data`, "aws_db_proxy_target").map(([id]) => `aws_db_proxy_target.${id}`),
  ];
  const databaseKeyAlias = blocks(stacks, `${environment}-data`, "aws_kms_alias")
    .map(([, body]) => body.name as string)
    .find((name) => /-db-storage$/.test(name));
  if (databaseKeyAlias === undefined) {
    throw new FailoverInputError(
      `${environment}-data: expected the database storage key's alias (alias/...-db-storage)`,
    );
  }
  if (databaseReplicas.length === 0 || databaseReplicas.length !== databasePrimaries.length) {
    throw new FailoverInputError(
      `${standby}-data: expected one replica per shard of ${environment}-data (${databasePrimaries.length}), found ${databaseReplicas.length}`,
    );
  }
  const primaryGroups = nodeGroups(stacks, `${environment}-cluster`);
  const standbyNodeGroups = [...nodeGroups(stacks, `${standby}-cluster`).keys()].sort().map((prefix) => {
    const primary = primaryGroups.get(prefix);
    if (primary === undefined) {
      throw new FailoverInputError(
        `${standby}-cluster: node group ${prefix} has no counterpart in ${environment}-cluster; the runbook needs the primary's sizes`,
      );
    }
    return { prefix, primary };
  });
  const primaryMonolithBody = blocks(stacks, `${environment}-workloads`, "aws_autoscaling_group")[0]?.[1] ?? {};
  return {
    environment,
    standby,
    standbyPrefix: `${config.project}-${standby}`,
    primaryRegion: config.aws.region,
    standbyRegion: dr.region,
    databaseReplicas,
    databasePrimaries,
    replicaAddresses: replicas.map(([address]) => address),
    primaryAddresses: primaries.map(([address]) => address),
    primaryFollowerAddresses,
    databaseKeyAlias,
    globalDatastoreSuffix: one(
      stacks,
      `${environment}-data`,
      "aws_elasticache_global_replication_group",
      "global_replication_group_id_suffix",
    ),
    primaryCacheGroup: one(stacks, `${environment}-data`, "aws_elasticache_replication_group", "replication_group_id"),
    standbyCacheGroup: one(stacks, `${standby}-data`, "aws_elasticache_replication_group", "replication_group_id"),
    replicatorName: one(stacks, `${standby}-data`, "aws_msk_replicator", "replicator_name"),
    standbyKafkaCluster: one(stacks, `${standby}-data`, "aws_msk_cluster", "cluster_name"),
    primaryMonolith: one(stacks, `${environment}-workloads`, "aws_autoscaling_group", "name"),
    standbyMonolith: one(stacks, `${standby}-workloads`, "aws_autoscaling_group", "name"),
    primaryMonolithSizes: sizesOf(primaryMonolithBody, {
      min: "min_size",
      max: "max_size",
      desired: "desired_capacity",
    }),
    standbyNodeGroups,
    primaryDeployments: deployments(stacks, `${environment}-workloads`),
    standbyDeployments: deployments(stacks, `${standby}-workloads`),
    consumerGroups: consumerGroups(stacks, `${environment}-workloads`),
    primaryCluster: one(stacks, `${environment}-cluster`, "aws_eks_cluster", "name"),
    standbyCluster: one(stacks, `${standby}-cluster`, "aws_eks_cluster", "name"),
    serviceNamespaces: Object.keys(config.services).sort(),
    switchReference,
    primaryHealthReference,
    standbyHealthReference,
  };
}
