import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import type { MetricDescriptor } from "../core/metric";
import {
  type AlarmWidget,
  expressionLine,
  type MetricLine,
  metricLine,
  type MetricWidget,
  type TextWidget,
  type Widget,
} from "./cloudwatch-widgets";
import type { PlatformSignals } from "./signals";
import { MESH_PANELS } from "./mesh-panels";

/** Grid of the dashboard: 24 columns; three graphs per row. */
const COLUMNS = 24;
const GRAPH_WIDTH = 8;
const GRAPH_HEIGHT = 6;
const HEADER_HEIGHT = 1;
/** The CloudWatch alarm status widget shows at most 100 alarms. */
const MAX_ALARMS_PER_WIDGET = 100;

/** A horizontal line on a graph: the threshold of the alarm on that signal. */
export interface ThresholdLine {
  readonly label: string;
  readonly value: number;
}

/** One graph before layout. */
export interface Graph {
  readonly title: string;
  readonly metrics: readonly MetricLine[];
  /** Fixes the y axis, e.g. 0-100 for percentages. */
  readonly yAxis?: { readonly min?: number; readonly max?: number; readonly label?: string };
  readonly threshold?: ThresholdLine;
}

/** A titled row of graphs. */
export interface DashboardSection {
  readonly title: string;
  /** Markdown under the title: what to look for. */
  readonly note: string;
  readonly graphs: readonly Graph[];
}

/** Thresholds drawn on the graphs, from the alarms' config; a graph without one has no line. */
export interface DashboardThresholds {
  readonly databaseCpuPercent?: number;
  readonly databaseConnections?: number;
  readonly replicaLagSeconds?: number;
  readonly cacheMemoryPercent?: number;
  readonly cacheHitRatePercent?: number;
  readonly kafkaConsumerLagMessages?: number;
  readonly kafkaDiskPercent?: number;
  readonly apiLatencyP99Ms?: number;
}

export interface ScalabilityDashboardOptions {
  /** Region of every metric (the stack's). */
  readonly region: string;
  /** Thresholds drawn on the graphs. @default - none */
  readonly thresholds?: DashboardThresholds;
  /** Alarm ARNs for the status row at the top. @default - no status row */
  readonly alarmArns?: readonly string[];
}

export interface ScalabilityDashboardProps extends ScalabilityDashboardOptions {
  /** Dashboard name, e.g. `acme-prod-scalability`. */
  readonly name: string;
  readonly signals: PlatformSignals;
}

const PERCENT_AXIS = { min: 0, max: 100, label: "%" } as const;

const threshold = (label: string, value: number | undefined): ThresholdLine | undefined =>
  value === undefined ? undefined : { label, value };

/**
 * The sections of the scalability dashboard, built only from the constructs' metric descriptors: instances,
 * traffic, cache, database (every shard, its primary and each replica), Kafka (each consumer group and broker).
 */
export function dashboardSections(signals: PlatformSignals, thresholds: DashboardThresholds = {}): DashboardSection[] {
  const { compute, loadBalancer, api, cache, database, kafka } = signals;
  const lines = (descriptors: readonly MetricDescriptor[], label?: (index: number) => string) =>
    descriptors.map((descriptor, index) => metricLine(descriptor, label ? { label: label(index) } : {}));

  const instances: DashboardSection = {
    title: "Instances",
    note: "Monolith instances in service against the desired capacity, and EKS nodes per node group.",
    graphs: [
      {
        title: "Monolith instances",
        metrics: lines([compute.monolith.inServiceInstances, compute.monolith.desiredCapacity]),
      },
      {
        title: "EKS nodes",
        metrics: compute.nodeGroups.map((group) => metricLine(group.metrics.nodes, { label: `${group.name} nodes` })),
      },
      {
        title: "Instance CPU",
        metrics: [
          metricLine(compute.monolith.cpuUtilization, { label: "monolith" }),
          ...compute.nodeGroups.map((group) => metricLine(group.metrics.cpuUtilization, { label: group.name })),
        ],
        yAxis: PERCENT_AXIS,
      },
    ],
  };

  const traffic: DashboardSection = {
    title: "Traffic",
    note: "Requests per second and errors at the internal load balancer, and the public API's requests and latency percentiles.",
    graphs: [
      {
        title: "Load balancer requests per second",
        metrics: [
          metricLine(loadBalancer.requestCount, { id: "requests", visible: false }),
          expressionLine("rps", "requests / PERIOD(requests)", "Requests/s"),
        ],
      },
      {
        title: "Load balancer 5xx",
        metrics: lines([loadBalancer.elb5xx, loadBalancer.target5xx]),
      },
      {
        title: "Load balancer response time p99",
        metrics: lines([loadBalancer.targetResponseTimeP99]),
      },
      {
        title: "API requests and errors",
        metrics: lines([api.count, api.errors4xx, api.errors5xx]),
      },
      {
        title: "API latency",
        metrics: lines([api.latencyP50, api.latencyP95, api.latencyP99, api.integrationLatencyP99]),
        threshold: threshold("p99 alarm", thresholds.apiLatencyP99Ms),
      },
    ],
  };

  const nodeLabel = (index: number) => `shard ${cache[index].shard} node ${cache[index].node}`;
  const cacheSection: DashboardSection = {
    title: "Cache",
    note: "Per node: the hit rate (low means the database takes the reads), memory used and engine CPU.",
    graphs: [
      {
        title: "Cache hit rate",
        metrics: lines(
          cache.map((node) => node.metrics.cacheHitRate),
          nodeLabel,
        ),
        yAxis: PERCENT_AXIS,
        threshold: threshold("alarm below", thresholds.cacheHitRatePercent),
      },
      {
        title: "Cache memory used",
        metrics: lines(
          cache.map((node) => node.metrics.databaseMemoryUsagePercentage),
          nodeLabel,
        ),
        yAxis: PERCENT_AXIS,
        threshold: threshold("alarm", thresholds.cacheMemoryPercent),
      },
      {
        title: "Cache engine CPU",
        metrics: lines(
          cache.map((node) => node.metrics.engineCpuUtilization),
          nodeLabel,
        ),
        yAxis: PERCENT_AXIS,
      },
    ],
  };

  const databaseSection: DashboardSection = {
    title: "Database",
    note: "Per shard: connections and CPU of the primary and each read replica, and each replica's lag.",
    graphs: database.flatMap((shard) => {
      const instances = [shard.primary, ...shard.replicas];
      const byInstance = (pick: (metrics: (typeof instances)[number]["metrics"]) => MetricDescriptor) =>
        instances.map((instance) => metricLine(pick(instance.metrics), { label: instance.identifier }));
      const graphs: Graph[] = [
        {
          title: `${shard.name} connections`,
          metrics: [
            ...byInstance((metrics) => metrics.databaseConnections),
            ...(shard.proxy ? [metricLine(shard.proxy.clientConnections, { label: "proxy clients" })] : []),
          ],
          threshold: threshold("alarm", thresholds.databaseConnections),
        },
        {
          title: `${shard.name} CPU`,
          metrics: byInstance((metrics) => metrics.cpuUtilization),
          yAxis: PERCENT_AXIS,
          threshold: threshold("alarm", thresholds.databaseCpuPercent),
        },
      ];
      if (shard.replicas.length > 0) {
        graphs.push({
          title: `${shard.name} replica lag`,
          metrics: shard.replicas.map((replica) =>
            metricLine(replica.metrics.replicaLag, { label: replica.identifier }),
          ),
          threshold: threshold("alarm", thresholds.replicaLagSeconds),
        });
      }
      return graphs;
    }),
  };

  const brokerLabel = (index: number) => `broker ${kafka.brokers[index].brokerId}`;
  const consumerLabel = (index: number) => `${kafka.consumers[index].consumerGroup} on ${kafka.consumers[index].topic}`;
  const kafkaSection: DashboardSection = {
    title: "Kafka",
    note: `Consumer lag per consumer group and topic, under-replicated partitions and data disk per broker of ${kafka.clusterName}.`,
    graphs: [
      {
        title: "Consumer lag (messages)",
        metrics: lines(
          kafka.consumers.map((consumer) => consumer.metrics.maxOffsetLag),
          consumerLabel,
        ),
        threshold: threshold("alarm", thresholds.kafkaConsumerLagMessages),
      },
      {
        title: "Consumer lag (time)",
        metrics: lines(
          kafka.consumers.map((consumer) => consumer.metrics.estimatedMaxTimeLag),
          consumerLabel,
        ),
      },
      {
        title: "Under-replicated partitions",
        metrics: [
          ...lines(
            kafka.brokers.map((broker) => broker.metrics.underReplicatedPartitions),
            brokerLabel,
          ),
          metricLine(kafka.cluster.offlinePartitionsCount),
        ],
      },
      {
        title: "Kafka data disk used",
        metrics: lines(
          kafka.brokers.map((broker) => broker.metrics.kafkaDataLogsDiskUsed),
          brokerLabel,
        ),
        yAxis: PERCENT_AXIS,
        threshold: threshold("alarm", thresholds.kafkaDiskPercent),
      },
      {
        title: "Broker CPU (user)",
        metrics: lines(
          kafka.brokers.map((broker) => broker.metrics.cpuUser),
          brokerLabel,
        ),
        yAxis: PERCENT_AXIS,
      },
    ],
  };

  const mesh = signals.mesh ?? [];
  const resilience: DashboardSection = {
    title: "Resilience",
    note: "The mesh's circuit breaker, timeouts and retries per called service (from the sidecars, via the collector).",
    graphs: MESH_PANELS.map((panel) => ({
      title: panel.title,
      metrics: mesh.map((service) => metricLine(panel.metric(service), { label: service.name })),
    })),
  };

  return [instances, traffic, cacheSection, databaseSection, kafkaSection, ...(mesh.length > 0 ? [resilience] : [])];
}

/** Lays the sections out on the 24-column grid: a header row, then graphs three to a row. */
export function dashboardBody(
  sections: readonly DashboardSection[],
  options: ScalabilityDashboardOptions,
): { widgets: Widget[] } {
  const widgets: Widget[] = [];
  let y = 0;

  const alarmArns = options.alarmArns ?? [];
  for (let start = 0; start < alarmArns.length; start += MAX_ALARMS_PER_WIDGET) {
    const widget: AlarmWidget = {
      type: "alarm",
      x: 0,
      y,
      width: COLUMNS,
      height: GRAPH_HEIGHT,
      properties: {
        title: "Alarms",
        alarms: alarmArns.slice(start, start + MAX_ALARMS_PER_WIDGET),
        sortBy: "stateUpdatedTimestamp",
      },
    };
    widgets.push(widget);
    y += GRAPH_HEIGHT;
  }

  for (const section of sections) {
    const header: TextWidget = {
      type: "text",
      x: 0,
      y,
      width: COLUMNS,
      height: HEADER_HEIGHT + 1,
      properties: { markdown: `## ${section.title}\n${section.note}` },
    };
    widgets.push(header);
    y += HEADER_HEIGHT + 1;
    section.graphs.forEach((graph, index) => {
      const perRow = COLUMNS / GRAPH_WIDTH;
      const widget: MetricWidget = {
        type: "metric",
        x: (index % perRow) * GRAPH_WIDTH,
        y: y + Math.floor(index / perRow) * GRAPH_HEIGHT,
        width: GRAPH_WIDTH,
        height: GRAPH_HEIGHT,
        properties: {
          title: graph.title,
          region: options.region,
          view: "timeSeries",
          stacked: false,
          period: 60,
          metrics: graph.metrics,
          ...(graph.yAxis ? { yAxis: { left: graph.yAxis } } : {}),
          ...(graph.threshold ? { annotations: { horizontal: [graph.threshold] } } : {}),
        },
      };
      widgets.push(widget);
    });
    y += Math.ceil(section.graphs.length / (COLUMNS / GRAPH_WIDTH)) * GRAPH_HEIGHT;
  }
  return { widgets };
}

/**
 * The environment's scalability dashboard: alarm status on top, then instances, traffic, cache, database and
 * Kafka, one line per node, replica, shard, broker and consumer group that exists. The body is generated JSON with
 * a fixed key order and layout, so it is the same on every synth and a change shows as a readable diff.
 */
export class ScalabilityDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  public readonly sections: readonly DashboardSection[];
  public readonly body: { widgets: Widget[] };

  constructor(scope: Construct, id: string, props: ScalabilityDashboardProps) {
    super(scope, id);
    this.sections = dashboardSections(props.signals, props.thresholds);
    this.body = dashboardBody(this.sections, props);
    this.dashboard = new CloudwatchDashboard(this, "Resource", {
      dashboardName: props.name,
      dashboardBody: JSON.stringify(this.body),
    });
  }
}
