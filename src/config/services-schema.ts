import { z } from "zod";
import { CACHE_USER_NAME, CACHE_USER_NAME_EXPECTATION } from "../../constructs/cache/options";
import { TOPIC_NAME, TOPIC_NAME_EXPECTATION } from "../../constructs/kafka/topic-options";
import {
  checkEnvName,
  checkImage,
  checkResources,
  DATABASE_ACCESS,
  ENV_NAME,
  overlappingPrefixes,
  PATH_PREFIX,
  PATH_PREFIX_EXPECTATION,
  SERVICE_NAME,
  SERVICE_NAME_EXPECTATION,
  SERVICE_PORT,
  SERVICE_REPLICAS,
} from "../../constructs/services/options";
import { show } from "../../constructs/core/errors";
import { checkResilience, DEFAULT_RESILIENCE } from "../../constructs/services/mesh-options";
import {
  allowed,
  checked,
  cpuQuantity,
  type IssueReporter,
  memoryQuantity,
  oneOf,
  pattern,
  section,
  wholeNumber,
  withCheck,
} from "./schema-helpers";
import { healthCheckPath, percent } from "./shared-schema";
import type { topicsSchema } from "./topics-schema";

/** The service catalog: the microservices on the cluster, what each runs and which data stores it may use. */

const topicName = pattern(TOPIC_NAME, TOPIC_NAME_EXPECTATION);
/** The largest database pool per replica and endpoint (PostgreSQL takes at most 5000 connections in all). */
const DATABASE_POOL_MAX = 1000;

/** One entry of the service catalog. */
const serviceSchema = section({
  /** Container image, pinned by version tag or digest. */
  image: checked(
    checkImage,
    "a pinned image reference such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth:1.4.2",
  ),
  /** The port the container listens on (1024 or above: the container runs as a non-root user). */
  port: wholeNumber(SERVICE_PORT.min, SERVICE_PORT.max),
  /** The URL path prefix the service owns at the edge and on the internal load balancer, e.g. `/api/users`. */
  pathPrefix: pattern(PATH_PREFIX, PATH_PREFIX_EXPECTATION),
  /** Readiness, liveness and load balancer health checks. */
  healthCheckPath: healthCheckPath.default("/healthz"),
  /** Requests (what the scheduler reserves, what utilisation targets are relative to) and limits. */
  resources: section({
    requests: section({ cpu: cpuQuantity, memory: memoryQuantity }),
    /** A memory limit always; a CPU limit only when set (throttling hurts latency). */
    limits: section({ cpu: cpuQuantity.optional(), memory: memoryQuantity }),
  }),
  /** The autoscaler's bounds. */
  replicas: section({
    min: wholeNumber(SERVICE_REPLICAS.min, SERVICE_REPLICAS.max),
    max: wholeNumber(SERVICE_REPLICAS.min, SERVICE_REPLICAS.max),
  }),
  /** Average utilisation of the requests the autoscaler keeps, percent. */
  scaling: section({
    cpuPercent: percent(10, 100),
    memoryPercent: percent(10, 100),
  }).default({ cpuPercent: 70, memoryPercent: 80 }),
  /** Plain settings for the container; no secrets, and nothing the platform sets itself (DB_, CACHE_, KAFKA_, ...). */
  env: z
    .record(
      withCheck(pattern(ENV_NAME, "an environment variable name of upper-case letters, digits and _"), checkEnvName),
      z.string({ error: allowed("a string value") }),
      { error: allowed("a map of variable names to values") },
    )
    .default({}),
  /** Database access through IAM authentication as the database user named after the service. */
  database: oneOf(DATABASE_ACCESS).default("none"),
  /**
   * Connections each replica opens to each database endpoint it uses (the container gets it as DB_POOL_SIZE, and
   * `npm run capacity` counts it against max_connections): `writer` for a read-write service (each shard's writer,
   * through its proxy), `reader` for a read-only one (each read replica of each shard). @default 10
   */
  databasePool: section({
    writer: wholeNumber(1, DATABASE_POOL_MAX).optional(),
    reader: wholeNumber(1, DATABASE_POOL_MAX).optional(),
  }).optional(),
  /** The cache user the service connects as (IAM authentication). @default no cache access */
  cacheUser: pattern(CACHE_USER_NAME, CACHE_USER_NAME_EXPECTATION).optional(),
  /** Kafka topics the service writes and reads. */
  kafka: section({
    produces: z.array(topicName, { error: allowed("a list of topic names") }).default([]),
    /** Topics read by the consumer group; a consumer scales on its lag (KEDA) instead of CPU. */
    consumes: z.array(topicName, { error: allowed("a list of topic names") }).default([]),
    /** The consumer group; required when the service consumes. */
    consumerGroup: pattern(TOPIC_NAME, "a consumer group name of letters, digits, '.', '_' or '-'").optional(),
    /** Messages of lag per replica the lag scaler aims for. */
    lagThreshold: wholeNumber(1, 1_000_000).default(100),
  }).default({ produces: [], consumes: [], lagThreshold: 100 }),
  /**
   * How callers reach the service in the mesh: deadline, bounded retries and the circuit breaker (connection pool
   * and outlier detection). Every field defaults to the platform's policy (DEFAULT_RESILIENCE).
   */
  resilience: section({
    /** Whole-call deadline, retries included, seconds. */
    timeoutSeconds: wholeNumber(1, 3600).default(DEFAULT_RESILIENCE.timeoutSeconds),
    retries: section({
      /** Retries after the first try (0: none). */
      attempts: wholeNumber(0, 10).default(DEFAULT_RESILIENCE.retries.attempts),
      /** Deadline of each try, seconds. */
      perTryTimeoutSeconds: wholeNumber(1, 3600).default(DEFAULT_RESILIENCE.retries.perTryTimeoutSeconds),
      /** Envoy retry conditions, comma-separated (HTTP status codes allowed). */
      retryOn: z
        .string({ error: allowed("a comma-separated list of Envoy retry conditions") })
        .default(DEFAULT_RESILIENCE.retries.retryOn),
    }).default(DEFAULT_RESILIENCE.retries),
    connectionPool: section({
      /** TCP connections from one caller pod. */
      maxConnections: wholeNumber(1, 100_000).default(DEFAULT_RESILIENCE.connectionPool.maxConnections),
      /** Requests queued per caller pod before failing fast. */
      maxPendingRequests: wholeNumber(1, 100_000).default(DEFAULT_RESILIENCE.connectionPool.maxPendingRequests),
    }).default(DEFAULT_RESILIENCE.connectionPool),
    outlierDetection: section({
      /** Consecutive 5xx that eject a pod. */
      consecutive5xxErrors: wholeNumber(1, 1000).default(DEFAULT_RESILIENCE.outlierDetection.consecutive5xxErrors),
      /** Seconds between ejection sweeps. */
      intervalSeconds: wholeNumber(1, 300).default(DEFAULT_RESILIENCE.outlierDetection.intervalSeconds),
      /** First ejection, seconds. */
      baseEjectionSeconds: wholeNumber(1, 3600).default(DEFAULT_RESILIENCE.outlierDetection.baseEjectionSeconds),
      /** Most of the service's pods ejected at once, percent. */
      maxEjectionPercent: wholeNumber(1, 100).default(DEFAULT_RESILIENCE.outlierDetection.maxEjectionPercent),
    }).default(DEFAULT_RESILIENCE.outlierDetection),
  }).default(DEFAULT_RESILIENCE),
});

/** One service's settings, validated. */
export type ServiceSettings = z.output<typeof serviceSchema>;

/** Connections per replica and endpoint when `databasePool` does not say. */
export const DEFAULT_DATABASE_POOL = 10;

/** The connections each replica of `service` opens to each database endpoint it uses; 0 without database access. */
export function databasePoolSize(service: Pick<ServiceSettings, "database" | "databasePool">): number {
  const pool = service.databasePool ?? {};
  return service.database === "read-write"
    ? (pool.writer ?? DEFAULT_DATABASE_POOL)
    : service.database === "read-only"
      ? (pool.reader ?? DEFAULT_DATABASE_POOL)
      : 0;
}

/** The service catalog: service name → what it runs and may use. */
export const servicesSchema = z.record(pattern(SERVICE_NAME, SERVICE_NAME_EXPECTATION), serviceSchema, {
  error: allowed("a map of service names to service settings"),
});

/** The parts of a parsed environment the service rules read. */
interface ServicesView {
  readonly production: boolean;
  readonly cache: { readonly users: Readonly<Record<string, string>> };
  readonly kafka: { readonly topics: z.output<typeof topicsSchema> };
  readonly services: z.output<typeof servicesSchema>;
}

export function checkServices(config: ServicesView, issue: IssueReporter): void {
  const names = Object.keys(config.services);
  const topicNames = Object.keys(config.kafka.topics);
  const known =
    topicNames.length > 0
      ? `one of ${topicNames.map((name) => show(name)).join(", ")}`
      : "a topic listed in kafka.topics (there are none)";
  const cacheUsers = Object.keys(config.cache.users);

  for (const [name, service] of Object.entries(config.services)) {
    const at = (...path: PropertyKey[]) => ["services", name, ...path];
    if (service.replicas.min > service.replicas.max) {
      issue(
        at("replicas", "min"),
        service.replicas.min,
        `is above replicas.max (${service.replicas.max}); expected at most that`,
      );
    }
    for (const [setting, problem] of checkResilience(service.resilience)) {
      const path = setting.split(".");
      issue(at("resilience", ...path), undefined, problem);
    }
    if (config.production && service.replicas.min < 2) {
      issue(
        at("replicas", "min"),
        service.replicas.min,
        "is not allowed in a production environment (production: true); expected at least 2, spread over zones, so that a node or zone failure leaves a replica serving",
      );
    }
    for (const [path, value, reason] of checkResources(service.resources)) {
      issue(at("resources", ...path), value, reason);
    }
    for (const [side, access] of [
      ["writer", "read-write"],
      ["reader", "read-only"],
    ] as const) {
      const size = service.databasePool?.[side];
      if (size !== undefined && service.database !== access) {
        issue(
          at("databasePool", side),
          size,
          `has no effect: the service's database access is ${show(service.database)}; expected a ${side} pool only with database ${show(access)}`,
        );
      }
    }
    if (service.cacheUser !== undefined && !cacheUsers.includes(service.cacheUser)) {
      issue(
        at("cacheUser"),
        service.cacheUser,
        `is not a cache user; expected one of ${cacheUsers.map((user) => show(user)).join(", ")} (cache.users)`,
      );
    }
    const kafka = service.kafka;
    for (const direction of ["produces", "consumes"] as const) {
      kafka[direction].forEach((topic, index) => {
        if (!topicNames.includes(topic)) {
          issue(at("kafka", direction, index), topic, `is not a known topic; expected ${known}`);
        }
      });
    }
    if (kafka.consumes.length > 0 && kafka.consumerGroup === undefined) {
      issue(
        at("kafka", "consumerGroup"),
        undefined,
        "is required because the service consumes topics; expected a consumer group name",
      );
    }
    if (kafka.consumes.length === 0 && kafka.consumerGroup !== undefined) {
      issue(
        at("kafka", "consumerGroup"),
        kafka.consumerGroup,
        "has no effect because the service consumes no topic; expected kafka.consumes or no consumerGroup",
      );
    }
    const partitions = kafka.consumes
      .filter((topic) => topicNames.includes(topic))
      .map((topic) => [topic, config.kafka.topics[topic].partitions] as const);
    const narrowest = partitions.sort((a, b) => a[1] - b[1])[0];
    if (narrowest && service.replicas.max > narrowest[1]) {
      issue(
        at("replicas", "max"),
        service.replicas.max,
        `is above the partitions of ${show(narrowest[0])} (${narrowest[1]}): consumers beyond the partition count sit idle; expected at most ${narrowest[1]}, or more partitions`,
      );
    }
  }

  const groups = Object.entries(config.services).flatMap(([name, service]) =>
    service.kafka.consumerGroup === undefined ? [] : [[name, service.kafka.consumerGroup] as const],
  );
  groups.forEach(([name, group], index) => {
    const other = groups.findIndex(([, candidate]) => candidate === group);
    if (other !== index) {
      issue(
        ["services", name, "kafka", "consumerGroup"],
        group,
        `is the consumer group of ${show(groups[other][0])}; expected one consumer group per service`,
      );
    }
  });

  const prefixes = names.map((name) => config.services[name].pathPrefix);
  for (const [i, j] of overlappingPrefixes(prefixes)) {
    issue(
      ["services", names[j], "pathPrefix"],
      prefixes[j],
      prefixes[i] === prefixes[j]
        ? `is also the path prefix of ${show(names[i])}; expected each service to own its own prefix`
        : `overlaps the path prefix ${show(prefixes[i])} of ${show(names[i])}; expected disjoint prefixes, so that exactly one service owns each path`,
    );
  }
}
