import { z } from "zod";
import { PINNED_IMAGE, PINNED_IMAGE_EXPECTATION } from "../../constructs/compute/container-user-data";
import { CACHE_USER_NAME, CACHE_USER_NAME_EXPECTATION } from "../../constructs/cache/options";
import { checkCapacity, checkInstanceTypes, checkScheduledAction } from "../../constructs/compute/options";
import { HOSTNAME, HOSTNAME_EXPECTATION } from "../../constructs/cdn/options";
import {
  checkTopicName,
  collidingTopics,
  DEAD_LETTER_SUFFIX,
  TOPIC_NAME,
  TOPIC_NAME_EXPECTATION,
  TOPIC_PARTITIONS,
  TOPIC_RETENTION_HOURS,
} from "../../constructs/kafka/topic-options";
import {
  checkEnvName,
  checkImage,
  checkResources,
  DATABASE_ACCESS,
  ENV_NAME,
  HEALTH_CHECK_PATH,
  overlappingPrefixes,
  PATH_PREFIX,
  PATH_PREFIX_EXPECTATION,
  SERVICE_NAME,
  SERVICE_NAME_EXPECTATION,
  SERVICE_PORT,
  SERVICE_REPLICAS,
} from "../../constructs/services/options";
import { show } from "../../constructs/core/errors";
import {
  allowed,
  checked,
  cpuQuantity,
  ec2InstanceType,
  type IssueReporter,
  memoryQuantity,
  oneOf,
  pattern,
  section,
  wholeNumber,
  withCheck,
} from "./schema-helpers";

/**
 * The workloads' part of an environment's config: the Kafka topics, the service catalog, the internal load balancer
 * and the legacy monolith. Rules between these and the rest of the config are in `checkWorkloads` (schema.ts).
 */

const topicName = pattern(TOPIC_NAME, TOPIC_NAME_EXPECTATION);
const healthCheckPath = pattern(HEALTH_CHECK_PATH, 'an HTTP path such as "/healthz"');
const percent = (min: number, max: number) => wholeNumber(min, max, `a percentage from ${min} to ${max}`);

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
});

/** The service catalog: service name → what it runs and may use. */
export const servicesSchema = z.record(pattern(SERVICE_NAME, SERVICE_NAME_EXPECTATION), serviceSchema, {
  error: allowed("a map of service names to service settings"),
});

/** The internal Application Load Balancer in front of the services and the monolith. */
export const loadBalancerSchema = section({
  /** ACM certificate for an HTTPS listener (TLS 1.2+); without one the listener is HTTP on port 80, inside the VPC. */
  certificateArn: pattern(
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
    "an ACM certificate ARN in the environment's region",
  ).optional(),
  /**
   * The name the certificate covers: the API gateway calls the load balancer by it (Host header, and the name its
   * TLS check expects). Required with a certificate.
   */
  domainName: pattern(HOSTNAME, HOSTNAME_EXPECTATION).optional(),
  /** Seconds an idle connection is kept open. */
  idleTimeoutSeconds: wholeNumber(1, 4000),
  /** Seconds a deregistering target keeps its in-flight requests. */
  deregistrationDelaySeconds: wholeNumber(0, 3600),
}).superRefine((lb, ctx) => {
  if (lb.certificateArn !== undefined && lb.domainName === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["domainName"],
      input: undefined,
      message: "is required with certificateArn; expected the name the certificate covers, which the API gateway calls",
    });
  }
});

const groupSize = wholeNumber(0, 1000);

/** The legacy monolith on an auto-scaling group behind the load balancer's default rule. */
export const monolithSchema = section({
  /** Instance types, one architecture; at least two when capacity above the on-demand base is spot. */
  instanceTypes: z
    .array(ec2InstanceType, { error: allowed("a list of EC2 instance types") })
    .min(1, { error: "is empty; expected at least one instance type" }),
  minSize: groupSize,
  maxSize: groupSize,
  /** Instances at creation; the scaling policies own the number afterwards. @default minSize */
  desiredCapacity: groupSize.optional(),
  /** On-demand instances before any spot. */
  onDemandBaseCapacity: groupSize,
  /** Share of the capacity above the base that is on-demand, percent (the rest is spot). */
  onDemandPercentageAboveBase: percent(0, 100),
  /** The port the monolith listens on. */
  port: wholeNumber(1, 65535),
  healthCheckPath,
  /** Encrypted gp3 root volume, GiB. */
  rootVolumeGiB: wholeNumber(8, 16384),
  /**
   * The monolith's container image, pinned by digest: instances pull it by digest at boot, and Docker refuses
   * content that does not match.
   */
  image: pattern(PINNED_IMAGE, PINNED_IMAGE_EXPECTATION),
  scaling: section({
    /** Target tracking on average CPU, percent. */
    cpuTargetPercent: percent(10, 90),
    /** Target tracking on load balancer requests per instance (per minute). */
    requestsPerTarget: wholeNumber(1, 1_000_000),
    /** Predictive scaling on CPU: off, forecast only (to evaluate), or forecast and scale. */
    predictive: oneOf(["off", "ForecastOnly", "ForecastAndScale"]),
  }),
  /** Scheduled capacity changes, e.g. scale down off-peak and back up for business hours. */
  schedule: z
    .array(
      section({
        /** Short name of the action. */
        name: pattern(/^[a-z][a-z0-9-]{0,62}$/, "lower-case letters, digits or hyphens, starting with a letter"),
        /** Cron expression (minute hour day-of-month month day-of-week). */
        recurrence: z.string({ error: allowed('a cron expression such as "0 20 * * *"') }),
        /** IANA time zone of the recurrence. @default UTC */
        timeZone: z.string({ error: allowed('an IANA time zone such as "Europe/Dublin"') }).optional(),
        minSize: groupSize.optional(),
        maxSize: groupSize.optional(),
        desiredCapacity: groupSize.optional(),
      }),
      { error: allowed("a list of scheduled actions") },
    )
    .default([]),
});

/** The parts of a parsed environment the workload rules read. */
interface WorkloadsView {
  readonly production: boolean;
  readonly cache: { readonly users: Readonly<Record<string, string>> };
  readonly kafka: {
    readonly brokerCount: number;
    readonly replicationFactor: number;
    readonly minInsyncReplicas: number;
    readonly topics: z.output<typeof topicsSchema>;
  };
  readonly services: z.output<typeof servicesSchema>;
  readonly monolith: z.output<typeof monolithSchema>;
}

/** Rules between topics, services, the monolith and the data stores. */
export function checkWorkloads(config: WorkloadsView, issue: IssueReporter): void {
  checkTopics(config, issue);
  checkServices(config, issue);
  checkMonolith(config, issue);
}

function checkMonolith(config: WorkloadsView, issue: IssueReporter): void {
  const monolith = config.monolith;
  const capacity = { ...monolith, desiredCapacity: monolith.desiredCapacity ?? monolith.minSize };
  for (const [setting, problem] of checkCapacity(capacity, "monolith")) {
    issue(["monolith", setting], capacity[setting], problem);
  }
  const typesProblem = checkInstanceTypes(monolith.instanceTypes);
  if (typesProblem) {
    issue(["monolith", "instanceTypes"], monolith.instanceTypes, typesProblem);
  }
  const names = monolith.schedule.map((action) => action.name);
  monolith.schedule.forEach((action, index) => {
    const path = `monolith.schedule[${index}]`;
    for (const [setting, problem] of checkScheduledAction(action, path)) {
      issue(
        setting === "" ? ["monolith", "schedule", index] : ["monolith", "schedule", index, setting],
        setting === "" ? action.name : action[setting],
        problem,
      );
    }
    if (names.indexOf(action.name) !== index) {
      issue(
        ["monolith", "schedule", index, "name"],
        action.name,
        "is the name of another scheduled action; expected unique names",
      );
    }
  });
  if (config.production && monolith.minSize < 2) {
    issue(
      ["monolith", "minSize"],
      monolith.minSize,
      "is not allowed in a production environment (production: true); expected at least 2, in different zones",
    );
  }
}

function checkTopics(config: WorkloadsView, issue: IssueReporter): void {
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

function checkServices(config: WorkloadsView, issue: IssueReporter): void {
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
