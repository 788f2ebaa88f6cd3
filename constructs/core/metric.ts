/**
 * A CloudWatch metric as typed data: what a construct exposes so that dashboards and alarms are built from the
 * constructs themselves and no metric name or dimension is typed twice.
 */
export interface MetricDescriptor {
  /** CloudWatch namespace, e.g. `AWS/RDS`. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /** Dimensions that select the resource, e.g. `{ DBInstanceIdentifier: "acme-prod-db-shard-0" }`. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The statistic that makes sense for this metric (`Average`, `Maximum`, `Minimum`, `Sum`, `p99`). */
  readonly statistic: string;
  /** CloudWatch unit of the metric. */
  readonly unit: string;
  /** Period in seconds the statistic is computed over. */
  readonly periodSeconds: number;
  /** Human-readable label for widgets and alarm descriptions. */
  readonly label: string;
}

/** What a metric is before it is bound to a resource's dimensions. */
export type MetricTemplate = Omit<MetricDescriptor, "dimensions" | "namespace">;

/** A template of a metric computed over one-minute periods (what every dashboard and alarm here uses). */
export function perMinute(metricName: string, statistic: string, unit: string, label: string): MetricTemplate {
  return { metricName, statistic, unit, periodSeconds: 60, label };
}

/** Binds templates to one resource: `metricsFor("AWS/RDS", { DBInstanceIdentifier: id }, TEMPLATES)`. */
export function metricsFor<Key extends string>(
  namespace: string,
  dimensions: Readonly<Record<string, string>>,
  templates: Readonly<Record<Key, MetricTemplate>>,
): Record<Key, MetricDescriptor> {
  const bound = {} as Record<Key, MetricDescriptor>;
  for (const key of Object.keys(templates) as Key[]) {
    bound[key] = { namespace, dimensions: { ...dimensions }, ...templates[key] };
  }
  return bound;
}
