import { SCRAPE_JOBS } from "../eks/addons/prometheus-scrape-configs";

/**
 * Every PromQL expression the Grafana dashboard uses, defined once. Sources of the metric names:
 *
 * - kube-state-metrics (installed by kube-prometheus-stack): `kube_node_info`,
 *   `kube_deployment_status_replicas_available`, `kube_horizontalpodautoscaler_status_current_replicas` and
 *   `..._desired_replicas` (https://github.com/kubernetes/kube-state-metrics/tree/main/docs/metrics).
 * - Services (convention, see `MicroserviceProps.metricsPath`): the OpenTelemetry HTTP server histogram
 *   `http.server.request.duration` in Prometheus naming, `http_server_request_duration_seconds_{bucket,count,sum}`,
 *   with the attribute `http_response_status_code`; the `kubernetes-pods` job adds `service`.
 * - MSK open monitoring (https://docs.aws.amazon.com/msk/latest/developerguide/prometheus-metrics.html): the JMX
 *   exporter on 11001 exposes Kafka's MBeans and the consumer-lag MBean `kafka.consumer.group:type=ConsumerLagMetrics`
 *   (`kafka_consumer_group_ConsumerLagMetrics_Value`, labels `groupId`, `topic`, `name` = `MaxOffsetLag`, ...), and
 *   `kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions` (`kafka_server_ReplicaManager_Value`); the node
 *   exporter on 11002 exposes `node_filesystem_avail_bytes` and `node_filesystem_size_bytes`. The same Prometheus names
 *   are mapped by Datadog's MSK open-monitoring check (DataDog/integrations-core, amazon_msk/.../metrics.py).
 */
export interface PrometheusQuery {
  readonly expr: string;
  /** Legend of each series, with Grafana's `{{label}}` placeholders. */
  readonly legend: string;
}

/** Grafana's rate window: at least four scrape intervals. */
const WINDOW = "$__rate_interval";
const HTTP_SERVER_DURATION = "http_server_request_duration_seconds";
/** Only series the `kubernetes-pods` job labelled with a service. */
const SERVICES = 'service!=""';
const MSK_JMX = `job="${SCRAPE_JOBS.mskJmx}"`;
const MSK_NODE = `job="${SCRAPE_JOBS.mskNode}"`;
/** Real filesystems of a broker (not memory-backed ones). */
const BROKER_DISKS = `${MSK_NODE}, fstype!~"tmpfs|ramfs|squashfs|overlay"`;

const latency = (quantile: number, suffix: string): PrometheusQuery => ({
  expr: `histogram_quantile(${quantile}, sum by (service, le) (rate(${HTTP_SERVER_DURATION}_bucket{${SERVICES}}[${WINDOW}])))`,
  legend: `{{service}} ${suffix}`,
});

export const PROMETHEUS_QUERIES = {
  kubernetesNodes: { expr: "count(kube_node_info)", legend: "nodes" },
  deploymentAvailableReplicas: {
    expr: "sum by (namespace, deployment) (kube_deployment_status_replicas_available)",
    legend: "{{namespace}}/{{deployment}}",
  },
  hpaCurrentReplicas: {
    expr: "sum by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas)",
    legend: "{{namespace}}/{{horizontalpodautoscaler}} current",
  },
  hpaDesiredReplicas: {
    expr: "sum by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_desired_replicas)",
    legend: "{{namespace}}/{{horizontalpodautoscaler}} desired",
  },
  serviceRequestRate: {
    expr: `sum by (service) (rate(${HTTP_SERVER_DURATION}_count{${SERVICES}}[${WINDOW}]))`,
    legend: "{{service}}",
  },
  serviceErrorRate5xx: {
    expr: `sum by (service) (rate(${HTTP_SERVER_DURATION}_count{${SERVICES}, http_response_status_code=~"5.."}[${WINDOW}]))`,
    legend: "{{service}} 5xx",
  },
  serviceLatencyP50: latency(0.5, "p50"),
  serviceLatencyP95: latency(0.95, "p95"),
  serviceLatencyP99: latency(0.99, "p99"),
  kafkaConsumerLag: {
    expr: `max by (groupId, topic) (kafka_consumer_group_ConsumerLagMetrics_Value{${MSK_JMX}, name="MaxOffsetLag"})`,
    legend: "{{groupId}} on {{topic}}",
  },
  kafkaUnderReplicatedPartitions: {
    expr: `max by (broker) (kafka_server_ReplicaManager_Value{${MSK_JMX}, name="UnderReplicatedPartitions"})`,
    legend: "broker {{broker}}",
  },
  kafkaFullestFilesystem: {
    expr: `max by (broker) (1 - node_filesystem_avail_bytes{${BROKER_DISKS}} / node_filesystem_size_bytes{${BROKER_DISKS}})`,
    legend: "broker {{broker}}",
  },
} as const satisfies Record<string, PrometheusQuery>;
