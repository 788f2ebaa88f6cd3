import type { MetricDescriptor } from "../core/metric";
import { MESH_PANELS, MESH_QUERIES } from "./mesh-panels";
import { PROMETHEUS_QUERIES, type PrometheusQuery } from "./prometheus-queries";
import type { PlatformSignals } from "./signals";

/** One CloudWatch line of a panel: a descriptor and its legend. */
export interface CloudWatchLine {
  readonly metric: MetricDescriptor;
  readonly label?: string;
}

/** One panel before layout: its queries are all Prometheus or all CloudWatch. */
export type PanelSpec = {
  readonly title: string;
  readonly description: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
} & (
  | { readonly source: "prometheus"; readonly queries: readonly PrometheusQuery[] }
  | { readonly source: "cloudwatch"; readonly lines: readonly CloudWatchLine[] }
);

export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
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
export function dashboardRows(signals: PlatformSignals, clusterName: string): RowSpec[] {
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

  const mesh = signals.mesh ?? [];
  const resilience: RowSpec = {
    title: "Resilience",
    panels: [
      ...MESH_PANELS.map((panel) => prometheus(panel.title, panel.description, "short", [panel.query])),
      prometheus(
        "Responses cut short by the mesh",
        "Per called service: UT upstream timeout, UO breaker open (pool full), URX retries exhausted (istio_requests_total).",
        "reqps",
        [MESH_QUERIES.flaggedResponses],
      ),
      ...MESH_PANELS.map((panel) =>
        cloudwatch(
          `${panel.title} (CloudWatch)`,
          panel.description,
          mesh.map((service) => ({ metric: panel.metric(service), label: service.name })),
        ),
      ),
    ],
  };

  return [instances, traffic, cacheRow, databaseRow, kafkaRow, ...(mesh.length > 0 ? [resilience] : [])];
}
