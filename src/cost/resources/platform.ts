import { charge, numberOf, type Pricer, unpriced, volume } from "../model";

/**
 * Security and observability: KMS keys, Secrets Manager, CloudWatch alarms, dashboards and log ingestion, Route 53
 * zones and records; and the resources whose charges the table cannot price (S3, SNS, Cognito, vended logs), named.
 */

export const kmsKey: Pricer = (resource, context) => [
  charge(context, resource, { service: "kms", item: "key" }, "customer managed key (rotations not counted)", {
    baseline: 1,
    max: 1,
  }),
];

export const secret: Pricer = (resource, context) => {
  const replicas = Array.isArray(resource.config.replica) ? resource.config.replica.length : 0;
  const secrets = 1 + replicas;
  return [
    charge(
      context,
      resource,
      { service: "secrets", item: "secret" },
      replicas > 0 ? `secret and ${replicas} replicas` : "secret",
      { baseline: secrets, max: secrets },
    ),
  ];
};

export const metricAlarm: Pricer = (resource, context) => {
  const queries = Array.isArray(resource.config.metric_query)
    ? (resource.config.metric_query as Record<string, unknown>[])
    : [];
  // An alarm is billed per metric it evaluates: one, or each metric of its metric math.
  const metrics = queries.length > 0 ? Math.max(1, queries.filter((query) => query.metric !== undefined).length) : 1;
  const highResolution = (numberOf(resource.config.period) ?? 60) < 60;
  return [
    charge(
      context,
      resource,
      { service: "cloudwatch", item: highResolution ? "alarm-high-resolution" : "alarm" },
      `${highResolution ? "high-resolution" : "standard"} alarm, ${metrics} metric${metrics === 1 ? "" : "s"}`,
      { baseline: metrics, max: metrics },
    ),
  ];
};

export const compositeAlarm: Pricer = (resource, context) => [
  unpriced(context, resource, "composite alarm", "no AWS-sourced price found"),
];

export const dashboard: Pricer = (resource, context) => [
  charge(context, resource, { service: "cloudwatch", item: "dashboard" }, "dashboard", { baseline: 1, max: 1 }),
];

export const logGroup: Pricer = (resource, context) => {
  const gb = context.usage.logIngestionGBPerMonth / Math.max(1, context.shares.logGroups);
  return [
    charge(
      context,
      resource,
      { service: "logs", item: "ingestion" },
      `${volume.format(gb)} GB ingested (its share of cost.logIngestionGBPerMonth)`,
      { baseline: gb, max: gb },
    ),
    unpriced(context, resource, "archived log storage", "depends on compression and retention; not estimated"),
  ];
};

export const route53Zone: Pricer = (resource, context) => [
  charge(context, resource, { service: "route53", item: "zone" }, "hosted zone", { baseline: 1, max: 1 }),
];

/** Resources with a charge the table has no price or volume for: named, with the reason. */
export const named =
  (what: string, reason: string): Pricer =>
  (resource, context) => [unpriced(context, resource, what, reason)];

export const ssmParameter: Pricer = (resource, context) =>
  resource.config.tier === "Advanced" || resource.config.tier === "Intelligent-Tiering"
    ? [unpriced(context, resource, "advanced parameter", "no price in the table")]
    : [];

export const certificate: Pricer = (resource, context) =>
  resource.config.certificate_authority_arn !== undefined
    ? [unpriced(context, resource, "private certificate", "no price in the table")]
    : [];
