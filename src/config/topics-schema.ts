import { z } from "zod";
import {
  checkTopicName,
  collidingTopics,
  DEAD_LETTER_SUFFIX,
  TOPIC_NAME_EXPECTATION,
  TOPIC_PARTITIONS,
  TOPIC_RETENTION_HOURS,
} from "../../constructs/kafka/topic-options";
import { show } from "../../constructs/core/errors";
import { allowed, checked, type IssueReporter, section, wholeNumber } from "./schema-helpers";

/** The Kafka topics the workloads use, created by the topic job in `<env>-workloads` (config: `kafka.topics`). */

/** Topics by name; each also gets a dead-letter topic `<name>.dlq`. */
export const topicsSchema = z.record(
  checked(checkTopicName, TOPIC_NAME_EXPECTATION),
  section({
    /** Partitions: the most consumers of one group that can work in parallel. Kafka can only add partitions. */
    partitions: wholeNumber(TOPIC_PARTITIONS.min, TOPIC_PARTITIONS.max),
    /** Copies of each partition. @default kafka.replicationFactor */
    replicationFactor: wholeNumber(1, 30).optional(),
    /** How long messages are kept, hours. */
    retentionHours: wholeNumber(TOPIC_RETENTION_HOURS.min, TOPIC_RETENTION_HOURS.max),
    /** How long failed messages are kept in `<topic>.dlq`, hours; longer than retentionHours. */
    deadLetterRetentionHours: wholeNumber(TOPIC_RETENTION_HOURS.min, TOPIC_RETENTION_HOURS.max),
  }),
  { error: allowed("a map of topic names to { partitions, retentionHours, deadLetterRetentionHours }") },
);

/** The parts of a parsed environment the topic rules read. */
interface TopicsView {
  readonly kafka: {
    readonly brokerCount: number;
    readonly minInsyncReplicas: number;
    readonly topics: z.output<typeof topicsSchema>;
  };
}

export function checkTopics(config: TopicsView, issue: IssueReporter): void {
  const { topics, brokerCount, minInsyncReplicas } = config.kafka;
  for (const [name, topic] of Object.entries(topics)) {
    const at = (setting: string) => ["kafka", "topics", name, setting];
    const replication = topic.replicationFactor;
    if (replication !== undefined && replication > brokerCount) {
      issue(
        at("replicationFactor"),
        replication,
        `is above kafka.brokerCount (${brokerCount}); expected at most ${brokerCount}`,
      );
    }
    if (replication !== undefined && replication <= minInsyncReplicas) {
      issue(
        at("replicationFactor"),
        replication,
        `is not above kafka.minInsyncReplicas (${minInsyncReplicas}); expected at least ${minInsyncReplicas + 1}, or writes stop while a broker restarts`,
      );
    }
    if (topic.deadLetterRetentionHours <= topic.retentionHours) {
      issue(
        at("deadLetterRetentionHours"),
        topic.deadLetterRetentionHours,
        `is not longer than retentionHours (${topic.retentionHours}); expected more, so that failed messages outlive the originals and can be replayed`,
      );
    }
  }
  // A collision of two topics implies one of their dead-letter topics: report the pair once.
  const reported = new Set<string>();
  for (const [first, second] of collidingTopics(Object.keys(topics))) {
    const topic = second.endsWith(DEAD_LETTER_SUFFIX) ? second.slice(0, -DEAD_LETTER_SUFFIX.length) : second;
    if (reported.has(topic)) {
      continue;
    }
    reported.add(topic);
    issue(
      ["kafka", "topics", topic],
      second,
      `collides with ${show(first)} in Kafka's metric names ("." and "_" both become "_"); expected names that differ otherwise`,
    );
  }
}
