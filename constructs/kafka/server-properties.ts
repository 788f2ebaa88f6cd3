/** The topic defaults and safety settings of a cluster's MSK configuration. */
export interface KafkaServerSettings {
  /** `default.replication.factor` and the internal topics' replication factor. */
  readonly replicationFactor: number;
  /** `min.insync.replicas`: replicas that must acknowledge a write with `acks=all`. */
  readonly minInsyncReplicas: number;
  /** `num.partitions` of a topic created without a partition count. */
  readonly defaultPartitions: number;
  /** `log.retention.hours`: how long messages are kept unless a topic says otherwise. */
  readonly messageRetentionHours: number;
}

/** A replication setting that does not fit the cluster, as `[setting, problem]`. */
export type ReplicationProblem = readonly ["replicationFactor" | "minInsyncReplicas", string];

/**
 * What is wrong with the replication settings for a cluster of `brokerCount` brokers: the factor cannot exceed the
 * brokers, and `min.insync.replicas` must stay below the factor so that a write survives one broker being down
 * (a rolling update takes brokers down one at a time).
 */
export function checkReplication(
  brokerCount: number,
  replicationFactor: number,
  minInsyncReplicas: number,
  names: { readonly brokerCount: string; readonly replicationFactor: string } = {
    brokerCount: "the broker count",
    replicationFactor: "the replication factor",
  },
): ReplicationProblem[] {
  const problems: ReplicationProblem[] = [];
  if (replicationFactor > brokerCount) {
    problems.push([
      "replicationFactor",
      `is above ${names.brokerCount} (${brokerCount}); expected at most ${brokerCount} replicas of each partition`,
    ]);
  }
  if (minInsyncReplicas >= replicationFactor) {
    problems.push([
      "minInsyncReplicas",
      `is not below ${names.replicationFactor} (${replicationFactor}); expected at most ${Math.max(replicationFactor - 1, 1)} so that writes go on while a broker restarts`,
    ]);
  }
  return problems;
}

/**
 * The `server.properties` of the MSK configuration, one `key=value` per line, sorted by key so that a change shows
 * as a one-line diff:
 * - topics exist only when created on purpose (`auto.create.topics.enable=false`);
 * - new topics and the internal offsets and transaction topics are replicated `replicationFactor` times, and a write
 *   with `acks=all` needs `minInsyncReplicas` of them;
 * - an out-of-sync replica never becomes leader (`unclean.leader.election.enable=false`: no silent data loss);
 * - no ACL means no access for principals authorised by ACLs (IAM access control does not use ACLs).
 */
export function serverProperties(settings: KafkaServerSettings): string {
  const properties: Record<string, string | number | boolean> = {
    "allow.everyone.if.no.acl.found": false,
    "auto.create.topics.enable": false,
    "default.replication.factor": settings.replicationFactor,
    "log.retention.hours": settings.messageRetentionHours,
    "min.insync.replicas": settings.minInsyncReplicas,
    "num.partitions": settings.defaultPartitions,
    "offsets.topic.replication.factor": settings.replicationFactor,
    "transaction.state.log.min.isr": settings.minInsyncReplicas,
    "transaction.state.log.replication.factor": settings.replicationFactor,
    "unclean.leader.election.enable": false,
  };
  return Object.keys(properties)
    .sort()
    .map((key) => `${key}=${String(properties[key])}`)
    .join("\n")
    .concat("\n");
}
