import { DEAD_LETTER_SUFFIX } from "../kafka/topic-options";
import type { PolicyStatement } from "../eks/workload-identity";
import type { DatabaseAccess } from "./options";

/**
 * What a workload may do with each data store, as IAM statements scoped to exact resources, and how it finds the
 * store, as environment variables (endpoints and names only: every store authenticates with IAM, so there is no
 * secret to pass).
 */

/** What the access helpers need of the Kafka cluster (`KafkaCluster` provides it). */
export interface KafkaTarget {
  readonly clusterArn: string;
  readonly bootstrapBrokersIam: string;
  topicArn(topic: string): string;
  groupArn(group: string): string;
}

/** What the access helpers need of the database (`ShardedPostgres` provides it). */
export interface DatabaseTarget {
  readonly shardMapParameterName: string;
  readonly shardMapParameter: { readonly arn: string };
  iamConnectArns(user: string): string[];
  readerConnectArns(user: string): string[];
}

/** What the access helpers need of the cache (`RedisCluster` provides it). */
export interface CacheTarget {
  readonly configurationEndpoint: string;
  readonly port: number;
  readonly users: { readonly users: Readonly<Record<string, { readonly userId: string }>> };
  connectArns(user: string): string[];
  /**
   * Clients sign in as IAM users. False for a cache without a user group (a global datastore's secondary, see
   * `CacheSecondary`): clients connect over TLS without signing in, and no `elasticache:Connect` is granted.
   *
   * @default true
   */
  readonly iamAuth?: boolean;
}

/** A workload's use of Kafka. */
export interface KafkaUse {
  readonly produces: readonly string[];
  readonly consumes: readonly string[];
  /** Required when `consumes` is not empty. */
  readonly consumerGroup?: string;
}

/**
 * MSK IAM statements for exactly these topics and this group: connect; write the produced topics (and the
 * dead-letter topics of the consumed ones, where a consumer parks what it cannot process); read the consumed topics;
 * join and commit offsets in its own consumer group.
 */
export function kafkaStatements(kafka: KafkaTarget, use: KafkaUse): PolicyStatement[] {
  const writes = [...use.produces, ...use.consumes.map((topic) => `${topic}${DEAD_LETTER_SUFFIX}`)];
  if (writes.length === 0 && use.consumes.length === 0) {
    return [];
  }
  const statements: PolicyStatement[] = [
    {
      sid: "KafkaConnect",
      actions: ["kafka-cluster:Connect", ...(writes.length > 0 ? ["kafka-cluster:WriteDataIdempotently"] : [])],
      resources: [kafka.clusterArn],
    },
  ];
  if (writes.length > 0) {
    statements.push({
      sid: "KafkaProduce",
      actions: ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"],
      resources: writes.map((topic) => kafka.topicArn(topic)),
    });
  }
  if (use.consumes.length > 0 && use.consumerGroup !== undefined) {
    statements.push(
      {
        sid: "KafkaConsume",
        actions: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
        resources: use.consumes.map((topic) => kafka.topicArn(topic)),
      },
      {
        sid: "KafkaConsumerGroup",
        actions: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
        resources: [kafka.groupArn(use.consumerGroup)],
      },
    );
  }
  return statements;
}

/** What the KEDA operator reads to compute a consumer group's lag: the group's offsets and the topics' ends. */
export function lagReaderStatements(
  kafka: KafkaTarget,
  consumerGroup: string,
  topics: readonly string[],
): PolicyStatement[] {
  return [
    { sid: "KafkaConnect", actions: ["kafka-cluster:Connect"], resources: [kafka.clusterArn] },
    {
      sid: "KafkaDescribeGroup",
      actions: ["kafka-cluster:DescribeGroup"],
      resources: [kafka.groupArn(consumerGroup)],
    },
    {
      sid: "KafkaDescribeTopics",
      actions: ["kafka-cluster:DescribeTopic"],
      resources: topics.map((topic) => kafka.topicArn(topic)),
    },
  ];
}

/** The environment that tells a Kafka client where to connect and what it uses. */
export function kafkaEnvironment(kafka: KafkaTarget, use: KafkaUse): Record<string, string> {
  if (use.produces.length === 0 && use.consumes.length === 0) {
    return {};
  }
  return {
    KAFKA_BOOTSTRAP_SERVERS: kafka.bootstrapBrokersIam,
    KAFKA_SECURITY_PROTOCOL: "SASL_SSL",
    KAFKA_SASL_MECHANISM: "AWS_MSK_IAM",
    ...(use.produces.length > 0 ? { KAFKA_PRODUCES: use.produces.join(",") } : {}),
    ...(use.consumes.length > 0
      ? {
          KAFKA_CONSUMES: use.consumes.join(","),
          KAFKA_CONSUMER_GROUP: use.consumerGroup ?? "",
          KAFKA_DEAD_LETTER_SUFFIX: DEAD_LETTER_SUFFIX,
        }
      : {}),
  };
}

/**
 * The database user of a workload: its name with hyphens as underscores, so that it is a plain PostgreSQL identifier.
 * The user is created in the database with `GRANT rds_iam` (and the grants its access needs).
 */
export function databaseUser(workload: string): string {
  return workload.replace(/-/g, "_");
}

/**
 * `rds-db:connect` as the workload's database user (read-write: primaries, replicas and proxies; read-only: the
 * replicas), and reading the shard map parameter that lists the endpoints.
 */
export function databaseStatements(database: DatabaseTarget, access: DatabaseAccess, user: string): PolicyStatement[] {
  if (access === "none") {
    return [];
  }
  return [
    {
      sid: access === "read-write" ? "DatabaseConnect" : "DatabaseConnectReaders",
      actions: ["rds-db:connect"],
      resources: access === "read-write" ? database.iamConnectArns(user) : database.readerConnectArns(user),
    },
    { sid: "DatabaseShardMap", actions: ["ssm:GetParameter"], resources: [database.shardMapParameter.arn] },
  ];
}

/**
 * Where the shard map is, who to log in as and what the workload may do; with `poolSize`, `DB_POOL_SIZE`: the most
 * connections each replica opens to each endpoint it uses (each shard's writer or proxy, or each read replica), the
 * number the platform's capacity check counts against the database's max_connections.
 */
export function databaseEnvironment(
  database: DatabaseTarget,
  access: DatabaseAccess,
  user: string,
  poolSize?: number,
): Record<string, string> {
  if (access === "none") {
    return {};
  }
  return {
    DB_SHARD_MAP_PARAMETER: database.shardMapParameterName,
    DB_USER: user,
    DB_ACCESS: access,
    DB_IAM_AUTH: "true",
    DB_SSL_MODE: "verify-full",
    ...(poolSize === undefined ? {} : { DB_POOL_SIZE: String(poolSize) }),
  };
}

/** `elasticache:Connect` as one cache user. */
export function cacheStatements(cache: CacheTarget, user: string | undefined): PolicyStatement[] {
  return user === undefined || cache.iamAuth === false
    ? []
    : [{ sid: "CacheConnect", actions: ["elasticache:Connect"], resources: cache.connectArns(user) }];
}

/** The cache's configuration endpoint and the user to sign IAM tokens for. */
export function cacheEnvironment(cache: CacheTarget, user: string | undefined): Record<string, string> {
  if (user === undefined) {
    return {};
  }
  const iamAuth = cache.iamAuth !== false;
  return {
    CACHE_HOST: cache.configurationEndpoint,
    CACHE_PORT: String(cache.port),
    ...(iamAuth ? { CACHE_USER: cache.users.users[user]?.userId ?? user } : {}),
    CACHE_TLS: "true",
    CACHE_IAM_AUTH: String(iamAuth),
  };
}
