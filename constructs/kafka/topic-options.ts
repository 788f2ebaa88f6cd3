/**
 * Kafka topics as data: names, limits and the dead-letter topic that goes with each, shared by the config schema
 * and the topic job.
 */

/** The dead-letter topic of `<topic>` is `<topic>.dlq`. */
export const DEAD_LETTER_SUFFIX = ".dlq";

/** A topic name Kafka accepts, leaving room for the dead-letter suffix (Kafka allows 249 characters). */
export const TOPIC_NAME = /^(?!__)[A-Za-z0-9._-]{1,245}$/;
export const TOPIC_NAME_EXPECTATION =
  "1 to 245 letters, digits, '.', '_' or '-', not starting with __ (Kafka's internal topics)";

/** Partitions of one topic. */
export const TOPIC_PARTITIONS = { min: 1, max: 1000 } as const;

/** Retention of a topic, hours (up to ten years). */
export const TOPIC_RETENTION_HOURS = { min: 1, max: 87600 } as const;

/** What the catalog says about one topic. */
export interface TopicSettings {
  readonly partitions: number;
  /** @default the cluster's replication factor */
  readonly replicationFactor?: number;
  /** How long messages are kept, hours. */
  readonly retentionHours: number;
  /** How long failed messages are kept in `<topic>.dlq`, hours; longer than `retentionHours`, to leave time to replay. */
  readonly deadLetterRetentionHours: number;
}

/** One topic to create, dead-letter topics included. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly retentionMs: number;
}

/** Why a topic name is not allowed, or undefined. */
export function checkTopicName(name: string): string | undefined {
  if (!TOPIC_NAME.test(name)) {
    return `is not a topic name; expected ${TOPIC_NAME_EXPECTATION}`;
  }
  if (name.endsWith(DEAD_LETTER_SUFFIX)) {
    return `ends in ${DEAD_LETTER_SUFFIX}, the suffix of dead-letter topics, which are created with each topic; expected the topic's own name`;
  }
  return undefined;
}

/**
 * Pairs of names Kafka's metrics cannot tell apart: `.` and `_` both become `_` in metric names, so `a.b` and `a_b`
 * collide (Kafka warns about it). Dead-letter topics count.
 */
export function collidingTopics(names: readonly string[]): Array<[string, string]> {
  const all = names.flatMap((name) => [name, `${name}${DEAD_LETTER_SUFFIX}`]);
  const seen = new Map<string, string>();
  const pairs: Array<[string, string]> = [];
  for (const name of all) {
    const key = name.replace(/\./g, "_");
    const other = seen.get(key);
    if (other !== undefined && other !== name) {
      pairs.push([other, name]);
    } else {
      seen.set(key, name);
    }
  }
  return pairs;
}

const HOUR_MS = 3_600_000;

/** Every topic to create, each followed by its dead-letter topic, sorted by name so that the list is stable. */
export function topicSpecs(
  topics: Readonly<Record<string, TopicSettings>>,
  defaultReplicationFactor: number,
): TopicSpec[] {
  return Object.keys(topics)
    .sort()
    .flatMap((name) => {
      const topic = topics[name];
      const replicationFactor = topic.replicationFactor ?? defaultReplicationFactor;
      return [
        { name, partitions: topic.partitions, replicationFactor, retentionMs: topic.retentionHours * HOUR_MS },
        {
          name: `${name}${DEAD_LETTER_SUFFIX}`,
          partitions: topic.partitions,
          replicationFactor,
          retentionMs: topic.deadLetterRetentionHours * HOUR_MS,
        },
      ];
    });
}
