import { z } from "zod";
import { SLACK_CHANNEL_ID, SLACK_TEAM_ID } from "../../constructs/observability/chat-channels";
import { EMAIL } from "../../constructs/observability/options";
import { show } from "../../constructs/core/errors";
import { OTEL_COLLECTOR_REPLICAS } from "../../constructs/eks/addons/otel-collector";
import { checkSamplingPercent, TRACE_SAMPLING_PERCENT } from "../../constructs/services/tracing-env";
import { allowed, type IssueReporter, pattern, section, wholeNumber, withCheck } from "./schema-helpers";
import { logRetentionDays } from "./shared-schema";

const HTTPS_URL = /^https:\/\/[^\s/$.?#][^\s]*$/;

/** A threshold that is a number in a range, with the range in the message. */
function threshold(min: number, max: number, unit: string) {
  const error = allowed(`a number of ${unit} from ${min} to ${max}`);
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/**
 * Alarm thresholds: each says when an operator must act. Percentages are of the signal's capacity; counts and
 * durations are absolute. An alarm fires when `datapointsToAlarm` of the last `evaluationPeriods` one-minute
 * periods breach its threshold.
 */
const thresholdsSchema = section({
  /** Load balancer 5xx responses (its own and its targets'), percent of requests. */
  loadBalancer5xxPercent: threshold(0.1, 100, "percent"),
  /** API Gateway 5xx responses, percent of requests. */
  api5xxPercent: threshold(0.1, 100, "percent"),
  /** API Gateway p99 latency, milliseconds. */
  apiLatencyP99Ms: threshold(10, 29_000, "milliseconds"),
  /** CPU of any database instance (primary or replica), percent. */
  databaseCpuPercent: threshold(1, 100, "percent"),
  /** Connections to any database instance. */
  databaseConnections: wholeNumber(1, 100_000),
  /** Free storage of any database instance, GiB (below it, storage auto scaling may be at its ceiling). */
  databaseFreeStorageGiB: threshold(1, 10_000, "GiB"),
  /** Replication lag of any read replica, seconds. */
  replicaLagSeconds: threshold(1, 3600, "seconds"),
  /** Memory used on any cache node, percent of maxmemory. */
  cacheMemoryPercent: threshold(1, 100, "percent"),
  /** Engine CPU of any cache node, percent. */
  cacheEngineCpuPercent: threshold(1, 100, "percent"),
  /** Cache hit rate below which the database takes the reads, percent. */
  cacheHitRatePercent: threshold(0, 100, "percent"),
  /** Lag of a consumer group on a topic, messages (MaxOffsetLag). */
  kafkaConsumerLagMessages: wholeNumber(1, 100_000_000),
  /** Kafka data disk used on any broker, percent. */
  kafkaDiskPercent: threshold(1, 100, "percent"),
});

/** The subscribers of one topic. */
const subscribersSchema = section({
  /** E-mail addresses subscribed to the topic (each confirms by e-mail once). */
  emails: z.array(pattern(EMAIL, "an e-mail address such as oncall@example.com"), {
    error: allowed("a list of e-mail addresses"),
  }),
  /** HTTPS endpoints subscribed to the topic, e.g. an incident tool's webhook (each confirms once). */
  httpsEndpoints: z.array(pattern(HTTPS_URL, "an https:// URL"), { error: allowed("a list of https:// URLs") }),
  /**
   * Slack channels that receive the topic through AWS Chatbot; the workspace must have been authorized once in the
   * AWS Chatbot console, which shows its id.
   */
  slackChannels: z
    .array(
      section({
        teamId: pattern(SLACK_TEAM_ID, 'a Slack workspace id such as "T0123ABCD"'),
        channelId: pattern(SLACK_CHANNEL_ID, 'a Slack channel id such as "C0123ABCD"'),
      }),
      { error: allowed("a list of { teamId, channelId }") },
    )
    .default([]),
});

/**
 * Where alarm notifications go. An incident pages once: the per-layer composite alarms ("data degraded") notify the
 * paging topic; every signal alarm behind them, and "platform degraded", notify the warnings topic.
 */
const notificationsSchema = section({
  /** Alarms notify SNS topics; off, alarms still change state (dashboard) but notify no one. */
  enabled: z.boolean({ error: allowed("true or false") }),
  /** Who is paged when a layer is degraded (the on-call rotation, an incident tool). */
  paging: subscribersSchema,
  /** Who reads the individual alarms (the team channel, a mailbox): never a page. */
  warnings: subscribersSchema,
});

/**
 * Distributed tracing: the OpenTelemetry collector in the cluster (namespace `otel`), which sends the sidecars' and
 * the services' spans to AWS X-Ray and the mesh metrics to CloudWatch.
 */
const tracingSchema = section({
  /**
   * Share of new traces kept, percent: 0.01 to 100 in steps of 0.01. Not whole percentages: a busy production
   * needs less than 1% (X-Ray charges per trace recorded), and 0.01 is the resolution of Istio's `traceSampling`,
   * which takes the same value, so that sidecars and SDKs keep the same share. Decisions follow the caller's
   * (parent-based), so a trace is kept or dropped whole.
   */
  samplingPercent: withCheck(
    z.number({
      error: allowed(`a percentage from ${TRACE_SAMPLING_PERCENT.min} to ${TRACE_SAMPLING_PERCENT.max}`),
    }),
    checkSamplingPercent,
  ),
  /** Replicas of the trace gateway (`otel-collector`), spread over zones; at least 2 in production. */
  collectorReplicas: wholeNumber(OTEL_COLLECTOR_REPLICAS.min, OTEL_COLLECTOR_REPLICAS.max),
  /**
   * Days the mesh metrics' EMF events stay in their log group; CloudWatch keeps the metrics extracted from them
   * (15 months) whatever this says, so the events only serve to inspect recent raw samples.
   */
  metricsLogRetentionDays: logRetentionDays,
});

/** The observability part of an environment: CloudWatch dashboard and alarms, and where alarms notify. */
export const observabilitySchema = section({
  notifications: notificationsSchema,
  alarms: section({
    /** One-minute periods an alarm looks at. */
    evaluationPeriods: wholeNumber(1, 60),
    /** How many of them must breach; at most evaluationPeriods. */
    datapointsToAlarm: wholeNumber(1, 60),
    thresholds: thresholdsSchema,
  }),
  tracing: tracingSchema,
});

export type ObservabilityConfig = z.output<typeof observabilitySchema>;
export type AlarmThresholds = ObservabilityConfig["alarms"]["thresholds"];

/** Cross-setting checks of the observability section. */
export function checkObservability(
  observability: ObservabilityConfig,
  production: boolean,
  issue: IssueReporter,
): void {
  const { evaluationPeriods, datapointsToAlarm } = observability.alarms;
  if (datapointsToAlarm > evaluationPeriods) {
    issue(
      ["observability", "alarms", "datapointsToAlarm"],
      datapointsToAlarm,
      `is above observability.alarms.evaluationPeriods (${evaluationPeriods}); expected at most ${evaluationPeriods}`,
    );
  }
  const { notifications } = observability;
  for (const topic of ["paging", "warnings"] as const) {
    for (const key of ["emails", "httpsEndpoints", "slackChannels"] as const) {
      const values = notifications[topic][key].map((value) =>
        typeof value === "string" ? value : `${value.teamId}/${value.channelId}`,
      );
      const path = ["observability", "notifications", topic, key];
      if (!notifications.enabled && values.length > 0) {
        issue(
          path,
          values,
          "has no effect while observability.notifications.enabled is false; expected [] or enabled: true",
        );
      }
      values.forEach((value, index) => {
        if (values.indexOf(value) !== index) {
          issue([...path, index], value, `is listed twice; expected ${show(value)} once`);
        }
      });
    }
  }
  if (production && observability.tracing.collectorReplicas < 2) {
    issue(
      ["observability", "tracing", "collectorReplicas"],
      observability.tracing.collectorReplicas,
      "is below 2 in a production environment: a single collector drops the spans sent during its own restarts and node drains; expected at least 2",
    );
  }
  if (production && (!notifications.enabled || subscriberCount(notifications.paging) === 0)) {
    issue(
      ["observability", "notifications", "paging"],
      notifications.enabled ? notifications.paging : { enabled: false },
      "pages nobody, and a production environment must: expected notifications.enabled true and at least one of paging.emails (the on-call rotation), paging.httpsEndpoints (an incident tool's webhook) or paging.slackChannels (a chat channel through AWS Chatbot)",
    );
  }
}

function subscriberCount(subscribers: {
  readonly emails: readonly string[];
  readonly httpsEndpoints: readonly string[];
  readonly slackChannels: readonly unknown[];
}) {
  return subscribers.emails.length + subscribers.httpsEndpoints.length + subscribers.slackChannels.length;
}
