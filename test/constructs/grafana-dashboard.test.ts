import { type TerraformStack, TerraformVariable } from "cdktf";
import { apiStageMetrics } from "../../constructs/api-gateway/metrics";
import { cacheNodeMetrics } from "../../constructs/cache/metrics";
import { autoScalingGroupMetrics } from "../../constructs/compute/auto-scaling-group";
import { primaryMetrics, proxyMetrics, replicaMetrics } from "../../constructs/database/metrics";
import { nodeGroupMetrics } from "../../constructs/eks/metrics";
import { consumerLagMetrics, kafkaBrokerMetrics, kafkaClusterMetrics } from "../../constructs/kafka/metrics";
import { loadBalancerMetrics } from "../../constructs/load-balancer/metrics";
import {
  GrafanaDashboard,
  type GrafanaCloudWatchTarget,
  grafanaDashboardModel,
  type GrafanaDashboardModel,
  type GrafanaDashboardProps,
  type GrafanaPrometheusTarget,
  type GrafanaTimeSeriesPanel,
  type PlatformSignals,
  renderGrafanaDashboard,
} from "../../constructs/observability";
import { PROMETHEUS_QUERIES } from "../../constructs/observability/prometheus-queries";
import { kubernetesTestStack, onlyOf, synth } from "../helpers";

const KAFKA = "acme-test-kafka";

/** 2 shards × 2 replicas, 2 cache nodes, 3 brokers, 2 consumer groups (one reading two topics). */
function signals(references: { lbArnSuffix: string; nodeGroupAsg: string }): PlatformSignals {
  const shard = (index: number) => ({
    name: `shard-${index}`,
    primary: { identifier: `acme-test-db-${index}`, metrics: primaryMetrics(`acme-test-db-${index}`) },
    replicas: [1, 2].map((replica) => ({
      identifier: `acme-test-db-${index}-replica-${replica}`,
      metrics: replicaMetrics(`acme-test-db-${index}-replica-${replica}`),
    })),
    ...(index === 0 ? { proxy: proxyMetrics("acme-test-db-0-proxy") } : {}),
  });
  const consumer = (consumerGroup: string, topic: string) => ({
    consumerGroup,
    topic,
    metrics: consumerLagMetrics(KAFKA, consumerGroup, topic),
  });
  return {
    compute: {
      monolith: autoScalingGroupMetrics("acme-test-monolith"),
      nodeGroups: [
        { name: "services", minSize: 3, metrics: nodeGroupMetrics(references.nodeGroupAsg) },
        { name: "system", minSize: 2, metrics: nodeGroupMetrics("eks-system-asg") },
      ],
    },
    loadBalancer: loadBalancerMetrics(references.lbArnSuffix),
    api: apiStageMetrics("acme-test-api", "live"),
    cache: cacheNodeMetrics("acme-test-cache", 1, 1),
    database: [shard(0), shard(1)],
    kafka: {
      clusterName: KAFKA,
      cluster: kafkaClusterMetrics(KAFKA),
      brokers: kafkaBrokerMetrics(KAFKA, 3),
      consumers: [
        consumer("analytics", "events"),
        consumer("analytics", "orders"),
        consumer("reports", "report_requested"),
      ],
    },
  };
}

const LITERALS = { lbArnSuffix: "app/acme-test-internal/abc123", nodeGroupAsg: "eks-services-asg" };

function model(overrides: Partial<Parameters<typeof grafanaDashboardModel>[0]> = {}): GrafanaDashboardModel {
  return grafanaDashboardModel({
    uid: "acme-test-scalability",
    title: "acme test: scalability",
    signals: signals(LITERALS),
    region: "eu-west-1",
    clusterName: "acme-test-eks",
    ...overrides,
  });
}

const graphs = (dashboard: GrafanaDashboardModel) =>
  dashboard.panels.filter((panel): panel is GrafanaTimeSeriesPanel => panel.type === "timeseries");
const panel = (dashboard: GrafanaDashboardModel, title: string) => {
  const found = graphs(dashboard).find((candidate) => candidate.title === title);
  if (!found) {
    throw new Error(`no panel titled ${title}`);
  }
  return found;
};
const cloudwatch = (dashboard: GrafanaDashboardModel, title: string) =>
  panel(dashboard, title).targets as GrafanaCloudWatchTarget[];
const prometheus = (dashboard: GrafanaDashboardModel, title: string) =>
  panel(dashboard, title).targets as GrafanaPrometheusTarget[];

describe("grafanaDashboardModel", () => {
  const dashboard = model();

  test("rows in order, each followed by its panels; ids numbered from 1", () => {
    const rows = dashboard.panels.filter((candidate) => candidate.type === "row").map((row) => row.title);

    expect(rows).toEqual(["Instances", "Traffic", "Cache", "Database", "Kafka"]);
    expect(dashboard.panels.map((candidate) => candidate.id)).toEqual(
      Array.from({ length: dashboard.panels.length }, (_, index) => index + 1),
    );
    expect(dashboard).toMatchObject({
      uid: "acme-test-scalability",
      title: "acme test: scalability",
      tags: ["platform", "scalability", "acme-test-eks"],
      schemaVersion: 39,
      editable: false,
    });
  });

  test("panels three to a row on the 24-column grid, rows full width, nothing overlaps", () => {
    const cells = new Set<string>();
    for (const candidate of dashboard.panels) {
      const { x, y, w, h } = candidate.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      if (candidate.type === "row") {
        expect([x, w, h]).toEqual([0, 24, 1]);
      } else {
        expect([w, h]).toEqual([8, 8]);
      }
      for (let column = x; column < x + w; column++) {
        for (let line = y; line < y + h; line++) {
          const cell = `${column},${line}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
    }
    const traffic = graphs(dashboard).filter((candidate) =>
      ["Requests per service", "5xx per service", "Latency per service", "Load balancer requests per minute"].includes(
        candidate.title,
      ),
    );
    expect(traffic.map((candidate) => [candidate.gridPos.x, candidate.gridPos.y])).toEqual([
      [0, 18],
      [8, 18],
      [16, 18],
      [0, 26],
    ]);
  });

  test("the panel titles: one set per database shard, one lag panel per consumer group", () => {
    expect(graphs(dashboard).map((candidate) => candidate.title)).toEqual([
      "Kubernetes nodes",
      "Available replicas per deployment",
      "HPA current and desired replicas",
      "Monolith instances",
      "EKS nodes per node group",
      "Instance CPU",
      "Requests per service",
      "5xx per service",
      "Latency per service",
      "Load balancer requests per minute",
      "Load balancer 5xx",
      "Load balancer response time p99",
      "API requests and errors",
      "API latency",
      "Cache hit rate",
      "Cache memory used",
      "Cache engine CPU",
      "shard-0 connections",
      "shard-0 CPU",
      "shard-0 replica lag",
      "shard-1 connections",
      "shard-1 CPU",
      "shard-1 replica lag",
      "Consumer lag: analytics",
      "Consumer lag: reports",
      "Consumer lag (JMX exporter)",
      "Under-replicated partitions",
      "Under-replicated partitions (JMX exporter)",
      "Kafka data disk used",
      "Fullest broker filesystem (node exporter)",
      "Broker CPU (user)",
    ]);
  });

  test("datasources: Prometheus panels query uid prometheus, CloudWatch panels uid cloudwatch", () => {
    for (const candidate of graphs(dashboard)) {
      const kinds = new Set(candidate.targets.map((target) => target.datasource.type));
      expect(kinds).toEqual(new Set([candidate.datasource.type]));
      expect(candidate.datasource.uid).toBe(candidate.datasource.type);
      candidate.targets.forEach((target, index) => {
        expect(target.datasource).toEqual(candidate.datasource);
        expect(target.refId).toBe(String.fromCharCode(65 + index));
      });
    }
    const other = model({ datasources: { prometheus: "prom-main", cloudwatch: "cw-main" } });
    expect(panel(other, "Kubernetes nodes").datasource).toEqual({ type: "prometheus", uid: "prom-main" });
    expect(panel(other, "Cache hit rate").targets[0].datasource).toEqual({ type: "cloudwatch", uid: "cw-main" });
  });

  test("CloudWatch targets are the descriptors: namespace, name, dimensions, statistic, period, region", () => {
    expect(cloudwatch(dashboard, "shard-1 CPU")).toEqual([
      {
        refId: "A",
        datasource: { type: "cloudwatch", uid: "cloudwatch" },
        queryMode: "Metrics",
        metricQueryType: 0,
        metricEditorMode: 0,
        region: "eu-west-1",
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: "acme-test-db-1" },
        matchExact: true,
        statistic: "Average",
        period: "60",
        label: "acme-test-db-1 (primary)",
      },
      expect.objectContaining({
        refId: "B",
        dimensions: { DBInstanceIdentifier: "acme-test-db-1-replica-1" },
        label: "acme-test-db-1-replica-1 (replica)",
      }),
      expect.objectContaining({
        refId: "C",
        dimensions: { DBInstanceIdentifier: "acme-test-db-1-replica-2" },
        label: "acme-test-db-1-replica-2 (replica)",
      }),
    ]);
    expect(panel(dashboard, "shard-1 CPU").fieldConfig.defaults).toEqual({ unit: "percent", min: 0, max: 100 });
  });

  test("database: connections of every instance (and the proxy where there is one), lag of every replica", () => {
    const identifiers = (title: string) =>
      cloudwatch(dashboard, title).map((target) => [target.metricName, Object.values(target.dimensions)[0]]);

    expect(identifiers("shard-0 connections")).toEqual([
      ["DatabaseConnections", "acme-test-db-0"],
      ["DatabaseConnections", "acme-test-db-0-replica-1"],
      ["DatabaseConnections", "acme-test-db-0-replica-2"],
      ["ClientConnections", "acme-test-db-0-proxy"],
    ]);
    expect(identifiers("shard-1 connections")).toHaveLength(3);
    expect(identifiers("shard-1 replica lag")).toEqual([
      ["ReplicaLag", "acme-test-db-1-replica-1"],
      ["ReplicaLag", "acme-test-db-1-replica-2"],
    ]);
    expect(panel(dashboard, "shard-0 replica lag").fieldConfig.defaults.unit).toBe("s");
  });

  test("a shard without replicas has no replica lag panel", () => {
    const base = signals(LITERALS);
    const single = model({
      signals: { ...base, database: [{ ...base.database[0], replicas: [] }] },
    });

    expect(graphs(single).map((candidate) => candidate.title)).not.toContain("shard-0 replica lag");
    expect(cloudwatch(single, "shard-0 CPU")).toHaveLength(1);
  });

  test("cache: hit rate and memory per node", () => {
    const nodes = (title: string) =>
      cloudwatch(dashboard, title).map((target) => [
        target.namespace,
        target.metricName,
        target.dimensions.CacheClusterId,
        target.statistic,
        target.label,
      ]);

    expect(nodes("Cache hit rate")).toEqual([
      ["AWS/ElastiCache", "CacheHitRate", "acme-test-cache-0001-001", "Average", "shard 1 node 1"],
      ["AWS/ElastiCache", "CacheHitRate", "acme-test-cache-0001-002", "Average", "shard 1 node 2"],
    ]);
    expect(nodes("Cache memory used").map((line) => line.slice(1, 4))).toEqual([
      ["DatabaseMemoryUsagePercentage", "acme-test-cache-0001-001", "Maximum"],
      ["DatabaseMemoryUsagePercentage", "acme-test-cache-0001-002", "Maximum"],
    ]);
  });

  test("Kafka: MaxOffsetLag per group and topic, per-broker partitions and disk from CloudWatch and the exporters", () => {
    expect(
      cloudwatch(dashboard, "Consumer lag: analytics").map((target) => [target.metricName, target.dimensions]),
    ).toEqual([
      ["MaxOffsetLag", { "Cluster Name": KAFKA, "Consumer Group": "analytics", Topic: "events" }],
      ["MaxOffsetLag", { "Cluster Name": KAFKA, "Consumer Group": "analytics", Topic: "orders" }],
    ]);
    expect(cloudwatch(dashboard, "Consumer lag: reports").map((target) => target.label)).toEqual(["report_requested"]);
    expect(
      cloudwatch(dashboard, "Under-replicated partitions").map((target) => [target.metricName, target.label]),
    ).toEqual([
      ["UnderReplicatedPartitions", "broker 1"],
      ["UnderReplicatedPartitions", "broker 2"],
      ["UnderReplicatedPartitions", "broker 3"],
      ["OfflinePartitionsCount", "Offline partitions"],
    ]);
    expect(cloudwatch(dashboard, "Kafka data disk used").map((target) => target.dimensions["Broker ID"])).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(prometheus(dashboard, "Consumer lag (JMX exporter)")[0].expr).toBe(
      'max by (groupId, topic) (kafka_consumer_group_ConsumerLagMetrics_Value{job="msk-jmx", name="MaxOffsetLag"})',
    );
    expect(prometheus(dashboard, "Under-replicated partitions (JMX exporter)")[0].expr).toBe(
      'max by (broker) (kafka_server_ReplicaManager_Value{job="msk-jmx", name="UnderReplicatedPartitions"})',
    );
    expect(prometheus(dashboard, "Fullest broker filesystem (node exporter)")[0].expr).toMatch(
      /^max by \(broker\) \(1 - node_filesystem_avail_bytes\{job="msk-node", .*\} \/ node_filesystem_size_bytes\{job="msk-node", .*\}\)$/,
    );
  });

  test("instances and traffic: kube-state-metrics and the services' HTTP histogram, then the CloudWatch views", () => {
    expect(prometheus(dashboard, "Kubernetes nodes").map((target) => target.expr)).toEqual(["count(kube_node_info)"]);
    expect(prometheus(dashboard, "HPA current and desired replicas").map((target) => target.expr)).toEqual([
      PROMETHEUS_QUERIES.hpaCurrentReplicas.expr,
      PROMETHEUS_QUERIES.hpaDesiredReplicas.expr,
    ]);
    expect(prometheus(dashboard, "Latency per service").map((target) => [target.expr, target.legendFormat])).toEqual(
      [0.5, 0.95, 0.99].map((quantile, index) => [
        `histogram_quantile(${quantile}, sum by (service, le) (rate(http_server_request_duration_seconds_bucket{service!=""}[$__rate_interval])))`,
        `{{service}} ${["p50", "p95", "p99"][index]}`,
      ]),
    );
    expect(prometheus(dashboard, "5xx per service")[0].expr).toContain('http_response_status_code=~"5.."');
    expect(
      cloudwatch(dashboard, "EKS nodes per node group").map((target) => [
        target.namespace,
        target.metricName,
        target.statistic,
        target.dimensions,
        target.label,
      ]),
    ).toEqual([
      ["AWS/EC2", "CPUUtilization", "SampleCount", { AutoScalingGroupName: "eks-services-asg" }, "services nodes"],
      ["AWS/EC2", "CPUUtilization", "SampleCount", { AutoScalingGroupName: "eks-system-asg" }, "system nodes"],
    ]);
    expect(cloudwatch(dashboard, "Monolith instances").map((target) => target.metricName)).toEqual([
      "GroupInServiceInstances",
      "GroupDesiredCapacity",
    ]);
    expect(cloudwatch(dashboard, "Load balancer 5xx").map((target) => [target.metricName, target.dimensions])).toEqual([
      ["HTTPCode_ELB_5XX_Count", { LoadBalancer: LITERALS.lbArnSuffix }],
      ["HTTPCode_Target_5XX_Count", { LoadBalancer: LITERALS.lbArnSuffix }],
    ]);
    expect(cloudwatch(dashboard, "API latency").map((target) => [target.metricName, target.statistic])).toEqual([
      ["Latency", "p50"],
      ["Latency", "p95"],
      ["Latency", "p99"],
      ["IntegrationLatency", "p99"],
    ]);
  });

  test("the same signals give byte-identical JSON", () => {
    expect(renderGrafanaDashboard(model())).toBe(renderGrafanaDashboard(dashboard));
  });
});

describe("GrafanaDashboard", () => {
  const PROPS: Omit<GrafanaDashboardProps, "signals"> = {
    namespace: "monitoring",
    name: "acme-test-scalability",
    title: "acme test: scalability",
    region: "eu-west-1",
    clusterName: "acme-test-eks",
  };

  /** A dashboard whose load balancer and node group are Terraform references, synthesized. */
  function build(overrides: Partial<GrafanaDashboardProps> = {}): { stack: TerraformStack; configMap: any } {
    const stack = kubernetesTestStack();
    const lbArnSuffix = new TerraformVariable(stack, "lb_arn_suffix", { type: "string" }).stringValue;
    const nodeGroupAsg = new TerraformVariable(stack, "node_group_asg", { type: "string" }).stringValue;
    new GrafanaDashboard(stack, "Dashboard", {
      ...PROPS,
      signals: signals({ lbArnSuffix, nodeGroupAsg }),
      ...overrides,
    });
    return { stack, configMap: onlyOf(synth(stack), "kubernetes_config_map_v1") };
  }

  const { configMap } = build();
  const json: string = configMap.data["acme-test-scalability.json"];

  test("a ConfigMap labelled for Grafana's dashboard sidecar in the given namespace", () => {
    expect(configMap.metadata).toEqual({
      name: "acme-test-scalability",
      namespace: "monitoring",
      labels: { grafana_dashboard: "1", "app.kubernetes.io/managed-by": "terraform" },
    });
    expect(Object.keys(configMap.data)).toEqual(["acme-test-scalability.json"]);
  });

  test("references in dimensions become Terraform interpolations inside the JSON", () => {
    expect(json).toContain('"LoadBalancer": "${var.lb_arn_suffix}"');
    expect(json).toContain('"AutoScalingGroupName": "${var.node_group_asg}"');
    expect(json).not.toContain("TfToken");
    // Once Terraform substitutes them, the JSON parses.
    const applied = JSON.parse(
      json.replace("${var.lb_arn_suffix}", "app/acme/1").replace("${var.node_group_asg}", "eks-services-1"),
    );
    expect(applied.uid).toBe("acme-test-scalability");
    expect(applied.panels.length).toBeGreaterThan(30);
  });

  test("the JSON is byte-identical across two builds", () => {
    expect(build().configMap.data["acme-test-scalability.json"]).toBe(json);
  });

  test.each<[string, Partial<GrafanaDashboardProps>, string]>([
    [
      "a name that cannot be a uid",
      { name: "Acme_Scalability" },
      'name: "Acme_Scalability" is not allowed; expected up to 40 lower-case letters, digits or hyphens',
    ],
    [
      "a bad namespace",
      { namespace: "Monitoring" },
      'namespace: "Monitoring" is not a namespace name; expected up to 63 lower-case letters',
    ],
    ["an empty title", { title: " " }, 'title: " " is empty; expected the dashboard\'s title'],
    [
      "a bad data source uid",
      { cloudwatchDatasourceUid: "cloud watch" },
      'cloudwatchDatasourceUid: "cloud watch" is not a data source uid; expected up to 40 letters, digits, - or _',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
