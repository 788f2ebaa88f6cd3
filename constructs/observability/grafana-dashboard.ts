import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import type { MetricDescriptor } from "../core/metric";
import { GRAFANA_DASHBOARD_LABEL, GRAFANA_DATASOURCE_UIDS } from "../eks/addons/kube-prometheus-stack";
import { PROMETHEUS_QUERIES, type PrometheusQuery } from "./prometheus-queries";
import type { PlatformSignals } from "./signals";

/** Grid of the dashboard: 24 columns, three panels to a row. */
const COLUMNS = 24;
const PANEL_WIDTH = 8;
const PANEL_HEIGHT = 8;
const ROW_HEIGHT = 1;
/** Grafana's dashboard JSON schema version the model follows. */
const SCHEMA_VERSION = 39;

export interface GrafanaDatasourceRef {
  readonly type: "prometheus" | "cloudwatch";
  readonly uid: string;
}

export interface GrafanaGridPos {
  readonly h: number;
  readonly w: number;
  readonly x: number;
  readonly y: number;
}

export interface GrafanaPrometheusTarget {
  readonly refId: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly expr: string;
  readonly legendFormat: string;
  readonly range: true;
}

/** A CloudWatch metric query (search mode, builder editor), from a `MetricDescriptor`. */
export interface GrafanaCloudWatchTarget {
  readonly refId: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly queryMode: "Metrics";
  readonly metricQueryType: 0;
  readonly metricEditorMode: 0;
  readonly region: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly matchExact: true;
  readonly statistic: string;
  readonly period: string;
  readonly label: string;
}

export type GrafanaTarget = GrafanaPrometheusTarget | GrafanaCloudWatchTarget;

export interface GrafanaTimeSeriesPanel {
  readonly id: number;
  readonly type: "timeseries";
  readonly title: string;
  readonly description: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly gridPos: GrafanaGridPos;
  readonly fieldConfig: {
    readonly defaults: { readonly unit: string; readonly min?: number; readonly max?: number };
    readonly overrides: readonly never[];
  };
  readonly options: {
    readonly legend: { readonly displayMode: "list"; readonly placement: "bottom"; readonly showLegend: true };
    readonly tooltip: { readonly mode: "multi"; readonly sort: "desc" };
  };
  readonly targets: readonly GrafanaTarget[];
}

export interface GrafanaRowPanel {
  readonly id: number;
  readonly type: "row";
  readonly title: string;
  readonly collapsed: false;
  readonly gridPos: GrafanaGridPos;
  readonly panels: readonly never[];
}

export type GrafanaPanel = GrafanaRowPanel | GrafanaTimeSeriesPanel;

/** A Grafana dashboard as provisioned from a file (no `id`, no `version`: Grafana assigns them). */
export interface GrafanaDashboardModel {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: "utc";
  readonly editable: false;
  readonly graphTooltip: 1;
  readonly refresh: string;
  readonly schemaVersion: number;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly never[] };
  readonly annotations: { readonly list: readonly never[] };
  readonly panels: readonly GrafanaPanel[];
}

/** Uids of the data sources the panels query. */
export interface GrafanaDashboardDatasources {
  /** @default "prometheus" */
  readonly prometheus?: string;
  /** @default "cloudwatch" */
  readonly cloudwatch?: string;
}

export interface GrafanaDashboardModelOptions {
  /** Dashboard uid (stable URL), at most 40 characters. */
  readonly uid: string;
  readonly title: string;
  readonly signals: PlatformSignals;
  /** Region of every CloudWatch metric. */
  readonly region: string;
  /** The EKS cluster Prometheus runs in, named in the description and tags. */
  readonly clusterName: string;
  /** @default - the uids kube-prometheus-stack provisions, `prometheus` and `cloudwatch` */
  readonly datasources?: GrafanaDashboardDatasources;
}

/** One CloudWatch line of a panel: a descriptor and its legend. */
interface CloudWatchLine {
  readonly metric: MetricDescriptor;
  readonly label?: string;
}

/** One panel before layout: its queries are all Prometheus or all CloudWatch. */
type PanelSpec = {
  readonly title: string;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
} & (
  | { readonly source: "prometheus"; readonly queries: readonly PrometheusQuery[] }
  | { readonly source: "cloudwatch"; readonly lines: readonly CloudWatchLine[] }
);

interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** Grafana units of CloudWatch's. */
const CLOUDWATCH_UNITS: Readonly<Record<string, string>> = {
  Percent: "percent",
  Seconds: "s",
  Milliseconds: "ms",
  Bytes: "bytes",
  Count: "short",
  None: "short",
};

/** `A`, `B`, ... `Z`, `AA`, `AB`, ...: query ids within a panel. */
function refId(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${refId(Math.floor(index / 26) - 1)}${letter}`;
}

const prometheus = (
  title: string,
  description: string,
  unit: string,
  queries: readonly PrometheusQuery[],
): PanelSpec => ({ title, description, unit, source: "prometheus", queries });

const cloudwatch = (
  title: string,
  description: string,
  lines: readonly CloudWatchLine[],
  range: { readonly min?: number; readonly max?: number } = {},
): PanelSpec => ({ title, description, ...range, source: "cloudwatch", lines });

const PERCENT = { min: 0, max: 100 } as const;

/**
 * The rows and panels: the scalability views of the CloudWatch dashboard (instances, traffic, cache, database,
 * Kafka; one line per node group, cache node, instance, replica, broker and topic, one panel set per database shard
 * and one lag panel per consumer group), with the in-cluster views from Prometheus alongside.
 */
function dashboardRows(signals: PlatformSignals, clusterName: string): RowSpec[] {
  const { compute, loadBalancer, api, cache, database, kafka } = signals;
  const q = PROMETHEUS_QUERIES;

  const instances: RowSpec = {
    title: "Instances",
    panels: [
      prometheus("Kubernetes nodes", `Nodes registered in ${clusterName} (kube-state-metrics).`, "short", [
        q.kubernetesNodes,
      ]),
      prometheus(
        "Available replicas per deployment",
        "Available pods of each Deployment (kube-state-metrics).",
        "short",
        [q.deploymentAvailableReplicas],
      ),
      prometheus(
        "HPA current and desired replicas",
        "Replicas each HorizontalPodAutoscaler (KEDA's included) runs and wants (kube-state-metrics).",
        "short",
        [q.hpaCurrentReplicas, q.hpaDesiredReplicas],
      ),
      cloudwatch("Monolith instances", "In-service instances of the monolith's group against its desired capacity.", [
        { metric: compute.monolith.inServiceInstances },
        { metric: compute.monolith.desiredCapacity },
      ]),
      cloudwatch(
        "EKS nodes per node group",
        "Nodes reporting in each managed node group's auto-scaling group.",
        compute.nodeGroups.map((group) => ({ metric: group.metrics.nodes, label: `${group.name} nodes` })),
      ),
      cloudwatch(
        "Instance CPU",
        "CPU of the monolith's instances and of each node group's nodes.",
        [
          { metric: compute.monolith.cpuUtilization, label: "monolith" },
          ...compute.nodeGroups.map((group) => ({ metric: group.metrics.cpuUtilization, label: group.name })),
        ],
        PERCENT,
      ),
    ],
  };

  const traffic: RowSpec = {
    title: "Traffic",
    panels: [
      prometheus(
        "Requests per service",
        "Requests per second each service serves (http_server_request_duration_seconds_count).",
        "reqps",
        [q.serviceRequestRate],
      ),
      prometheus(
        "5xx per service",
        "Responses per second with a 5xx status (http_response_status_code) per service.",
        "reqps",
        [q.serviceErrorRate5xx],
      ),
      prometheus(
        "Latency per service",
        "p50, p95 and p99 of each service's server-side request duration (histogram buckets).",
        "s",
        [q.serviceLatencyP50, q.serviceLatencyP95, q.serviceLatencyP99],
      ),
      cloudwatch("Load balancer requests per minute", "Requests the internal load balancer received.", [
        { metric: loadBalancer.requestCount },
      ]),
      cloudwatch("Load balancer 5xx", "5xx from the load balancer itself and from its targets.", [
        { metric: loadBalancer.elb5xx },
        { metric: loadBalancer.target5xx },
      ]),
      cloudwatch("Load balancer response time p99", "Time the targets take to respond.", [
        { metric: loadBalancer.targetResponseTimeP99 },
      ]),
      cloudwatch("API requests and errors", "Requests of the public API's stage and its 4xx and 5xx.", [
        { metric: api.count },
        { metric: api.errors4xx },
        { metric: api.errors5xx },
      ]),
      cloudwatch("API latency", "p50, p95 and p99 of the API's latency, and the integration's p99.", [
        { metric: api.latencyP50 },
        { metric: api.latencyP95 },
        { metric: api.latencyP99 },
        { metric: api.integrationLatencyP99 },
      ]),
    ],
  };

  const nodeLabel = (node: (typeof cache)[number]) => `shard ${node.shard} node ${node.node}`;
  const cacheRow: RowSpec = {
    title: "Cache",
    panels: [
      cloudwatch(
        "Cache hit rate",
        "Per node: a low hit rate sends the reads to the database.",
        cache.map((node) => ({ metric: node.metrics.cacheHitRate, label: nodeLabel(node) })),
        PERCENT,
      ),
      cloudwatch(
        "Cache memory used",
        "Per node: memory used, of what the engine may use.",
        cache.map((node) => ({ metric: node.metrics.databaseMemoryUsagePercentage, label: nodeLabel(node) })),
        PERCENT,
      ),
      cloudwatch(
        "Cache engine CPU",
        "Per node: CPU of the engine's thread.",
        cache.map((node) => ({ metric: node.metrics.engineCpuUtilization, label: nodeLabel(node) })),
        PERCENT,
      ),
    ],
  };

  const databaseRow: RowSpec = {
    title: "Database",
    panels: database.flatMap((shard) => {
      const instances = [
        { identifier: shard.primary.identifier, metrics: shard.primary.metrics, role: "primary" },
        ...shard.replicas.map((replica) => ({ ...replica, role: "replica" })),
      ];
      const panels: PanelSpec[] = [
        cloudwatch(`${shard.name} connections`, "Connections of the primary and each read replica.", [
          ...instances.map((instance) => ({
            metric: instance.metrics.databaseConnections,
            label: `${instance.identifier} (${instance.role})`,
          })),
          ...(shard.proxy ? [{ metric: shard.proxy.clientConnections, label: "proxy clients" }] : []),
        ]),
        cloudwatch(
          `${shard.name} CPU`,
          "CPU of the primary and each read replica.",
          instances.map((instance) => ({
            metric: instance.metrics.cpuUtilization,
            label: `${instance.identifier} (${instance.role})`,
          })),
          PERCENT,
        ),
        cloudwatch(
          `${shard.name} replica lag`,
          "How far each read replica is behind its primary.",
          shard.replicas.map((replica) => ({ metric: replica.metrics.replicaLag, label: replica.identifier })),
        ),
      ];
      return panels;
    }),
  };

  const groups = [...new Set(kafka.consumers.map((consumer) => consumer.consumerGroup))];
  const brokerLabel = (brokerId: number) => `broker ${brokerId}`;
  const kafkaRow: RowSpec = {
    title: "Kafka",
    panels: [
      ...groups.map((group) =>
        cloudwatch(
          `Consumer lag: ${group}`,
          `Messages the consumer group ${group} is behind, per topic it reads (largest partition lag).`,
          kafka.consumers
            .filter((consumer) => consumer.consumerGroup === group)
            .map((consumer) => ({ metric: consumer.metrics.maxOffsetLag, label: consumer.topic })),
        ),
      ),
      prometheus(
        "Consumer lag (JMX exporter)",
        "Largest partition lag of every consumer group and topic, from the brokers' JMX exporters.",
        "short",
        [q.kafkaConsumerLag],
      ),
      cloudwatch(
        "Under-replicated partitions",
        `Per broker of ${kafka.clusterName}, and the cluster's offline partitions.`,
        [
          ...kafka.brokers.map((broker) => ({
            metric: broker.metrics.underReplicatedPartitions,
            label: brokerLabel(broker.brokerId),
          })),
          { metric: kafka.cluster.offlinePartitionsCount },
        ],
      ),
      prometheus(
        "Under-replicated partitions (JMX exporter)",
        "Per broker, from the brokers' JMX exporters.",
        "short",
        [q.kafkaUnderReplicatedPartitions],
      ),
      cloudwatch(
        "Kafka data disk used",
        "Per broker: the data volume (KafkaDataLogsDiskUsed); storage auto scaling grows it.",
        kafka.brokers.map((broker) => ({
          metric: broker.metrics.kafkaDataLogsDiskUsed,
          label: brokerLabel(broker.brokerId),
        })),
        PERCENT,
      ),
      prometheus(
        "Fullest broker filesystem (node exporter)",
        "Per broker, the fullest real filesystem from the node exporter: the Kafka data volume is the one that fills.",
        "percentunit",
        [q.kafkaFullestFilesystem],
      ),
      cloudwatch(
        "Broker CPU (user)",
        "Per broker.",
        kafka.brokers.map((broker) => ({ metric: broker.metrics.cpuUser, label: brokerLabel(broker.brokerId) })),
        PERCENT,
      ),
    ],
  };

  return [instances, traffic, cacheRow, databaseRow, kafkaRow];
}

/** A CloudWatch query of exactly this metric: namespace, name, dimensions, statistic and period from the descriptor. */
export function grafanaCloudWatchTarget(
  metric: MetricDescriptor,
  options: {
    readonly refId: string;
    readonly datasource: GrafanaDatasourceRef;
    readonly region: string;
    readonly label?: string;
  },
): GrafanaCloudWatchTarget {
  return {
    refId: options.refId,
    datasource: options.datasource,
    queryMode: "Metrics",
    metricQueryType: 0,
    metricEditorMode: 0,
    region: options.region,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: { ...metric.dimensions },
    matchExact: true,
    statistic: metric.statistic,
    period: String(metric.periodSeconds),
    label: options.label ?? metric.label,
  };
}

/**
 * The dashboard model, without synthesis: rows of panels, ids numbered from 1 in order, positions on Grafana's
 * 24-column grid, keys in a fixed order. The same signals give the same model, so its JSON is byte-identical.
 */
export function grafanaDashboardModel(options: GrafanaDashboardModelOptions): GrafanaDashboardModel {
  const datasources: Readonly<Record<GrafanaDatasourceRef["type"], GrafanaDatasourceRef>> = {
    prometheus: { type: "prometheus", uid: options.datasources?.prometheus ?? GRAFANA_DATASOURCE_UIDS.prometheus },
    cloudwatch: { type: "cloudwatch", uid: options.datasources?.cloudwatch ?? GRAFANA_DATASOURCE_UIDS.cloudwatch },
  };

  const panels: GrafanaPanel[] = [];
  let id = 0;
  let y = 0;
  for (const row of dashboardRows(options.signals, options.clusterName)) {
    const specs = row.panels.filter((spec) => (spec.source === "prometheus" ? spec.queries : spec.lines).length > 0);
    if (specs.length === 0) {
      continue;
    }
    panels.push({
      id: ++id,
      type: "row",
      title: row.title,
      collapsed: false,
      gridPos: { h: ROW_HEIGHT, w: COLUMNS, x: 0, y },
      panels: [],
    });
    y += ROW_HEIGHT;
    const perRow = COLUMNS / PANEL_WIDTH;
    specs.forEach((spec, index) => {
      const datasource = datasources[spec.source];
      const targets: GrafanaTarget[] =
        spec.source === "prometheus"
          ? spec.queries.map((query, queryIndex) => ({
              refId: refId(queryIndex),
              datasource,
              expr: query.expr,
              legendFormat: query.legend,
              range: true,
            }))
          : spec.lines.map((line, lineIndex) =>
              grafanaCloudWatchTarget(line.metric, {
                refId: refId(lineIndex),
                datasource,
                region: options.region,
                label: line.label,
              }),
            );
      const unit = spec.unit ?? (spec.source === "cloudwatch" ? unitOf(spec.lines[0].metric) : "short");
      panels.push({
        id: ++id,
        type: "timeseries",
        title: spec.title,
        description: spec.description,
        datasource,
        gridPos: {
          h: PANEL_HEIGHT,
          w: PANEL_WIDTH,
          x: (index % perRow) * PANEL_WIDTH,
          y: y + Math.floor(index / perRow) * PANEL_HEIGHT,
        },
        fieldConfig: {
          defaults: {
            unit,
            ...(spec.min === undefined ? {} : { min: spec.min }),
            ...(spec.max === undefined ? {} : { max: spec.max }),
          },
          overrides: [],
        },
        options: {
          legend: { displayMode: "list", placement: "bottom", showLegend: true },
          tooltip: { mode: "multi", sort: "desc" },
        },
        targets,
      });
    });
    y += Math.ceil(specs.length / perRow) * PANEL_HEIGHT;
  }

  return {
    uid: options.uid,
    title: options.title,
    description: `Scalability of the platform on ${options.clusterName}: instances, traffic, cache, database and Kafka, from Prometheus and CloudWatch (${options.region}).`,
    tags: ["platform", "scalability", options.clusterName],
    timezone: "utc",
    editable: false,
    graphTooltip: 1,
    refresh: "1m",
    schemaVersion: SCHEMA_VERSION,
    time: { from: "now-6h", to: "now" },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** The model as the JSON file Grafana loads: two-space indents, keys in the model's order. */
export function renderGrafanaDashboard(model: GrafanaDashboardModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

function unitOf(metric: MetricDescriptor): string {
  return CLOUDWATCH_UNITS[metric.unit] ?? "short";
}

export interface GrafanaDashboardProps {
  /** Namespace of the ConfigMap: the one Grafana's dashboard sidecar searches (`monitoring`). */
  readonly namespace: string;
  /** Name of the ConfigMap and uid of the dashboard: lower-case letters, digits and hyphens, at most 40 characters. */
  readonly name: string;
  readonly title: string;
  readonly signals: PlatformSignals;
  /** Region of every CloudWatch metric. */
  readonly region: string;
  /** The EKS cluster Prometheus runs in. */
  readonly clusterName: string;
  /**
   * Uid of the Prometheus data source.
   *
   * @default "prometheus"
   */
  readonly prometheusDatasourceUid?: string;
  /**
   * Uid of the CloudWatch data source.
   *
   * @default "cloudwatch"
   */
  readonly cloudwatchDatasourceUid?: string;
}

const DASHBOARD_NAME = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DATASOURCE_UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The scalability dashboard for Grafana, provisioned as a ConfigMap labelled `grafana_dashboard: "1"` that
 * kube-prometheus-stack's dashboard sidecar loads. Panels query Prometheus (nodes, replicas and autoscalers from
 * kube-state-metrics, each service's request rate, 5xx rate and latency percentiles, the MSK exporters) and
 * CloudWatch (every metric from a construct's `MetricDescriptor`, so no metric name is typed here). Dimension values
 * that are Terraform references (an ARN suffix, an auto-scaling group name) stay interpolations in the JSON and are
 * filled in at apply.
 */
export class GrafanaDashboard extends Construct {
  public readonly configMap: ConfigMapV1;
  public readonly model: GrafanaDashboardModel;
  /** The dashboard JSON, as the ConfigMap holds it (with Terraform interpolations where dimensions are references). */
  public readonly json: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);

    // Defaults: the data source uids kube-prometheus-stack provisions.
    const prometheusUid = props.prometheusDatasourceUid ?? GRAFANA_DATASOURCE_UIDS.prometheus;
    const cloudwatchUid = props.cloudwatchDatasourceUid ?? GRAFANA_DATASOURCE_UIDS.cloudwatch;
    this.validate(props, prometheusUid, cloudwatchUid);

    this.model = grafanaDashboardModel({
      uid: props.name,
      title: props.title,
      signals: props.signals,
      region: props.region,
      clusterName: props.clusterName,
      datasources: { prometheus: prometheusUid, cloudwatch: cloudwatchUid },
    });
    this.json = renderGrafanaDashboard(this.model);

    this.configMap = new ConfigMapV1(this, "Resource", {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: {
          [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value,
          "app.kubernetes.io/managed-by": "terraform",
        },
      },
      data: { [`${props.name}.json`]: this.json },
    });
  }

  private validate(props: GrafanaDashboardProps, prometheusUid: string, cloudwatchUid: string): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (!DASHBOARD_NAME.test(props.name)) {
      fail(
        `name: ${show(props.name)} is not allowed; expected up to 40 lower-case letters, digits or hyphens (it is also the dashboard uid)`,
      );
    }
    if (!Token.isUnresolved(props.namespace) && !NAMESPACE_NAME.test(props.namespace)) {
      fail(
        `namespace: ${show(props.namespace)} is not a namespace name; expected up to 63 lower-case letters, digits or hyphens`,
      );
    }
    if (props.title.trim() === "") {
      fail(`title: ${show(props.title)} is empty; expected the dashboard's title`);
    }
    for (const [setting, uid] of [
      ["prometheusDatasourceUid", prometheusUid],
      ["cloudwatchDatasourceUid", cloudwatchUid],
    ] as const) {
      if (!DATASOURCE_UID.test(uid)) {
        fail(`${setting}: ${show(uid)} is not a data source uid; expected up to 40 letters, digits, - or _`);
      }
    }
  }
}
