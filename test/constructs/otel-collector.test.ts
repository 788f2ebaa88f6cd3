import { parse } from "yaml";
import { ClusterConnection } from "../../constructs/eks/addons/cluster-connection";
import type { AddonContext } from "../../constructs/eks/addons/context";
import { PlatformNamespace } from "../../constructs/eks/addons/namespace";
import { OTEL_COLLECTOR, OtelCollector, type OtelCollectorProps } from "../../constructs/eks/addons/otel-collector";
import { MESH_METRICS, OUTBOUND_CLUSTER_SERVICE } from "../../constructs/eks/addons/otel-collector-config";
import { placementOn } from "../../constructs/eks/placement";
import { dataNamed, listOf, named, ref, synth, testStack, type StackJson, TEST_CLUSTER } from "../helpers";

const CONTEXT: AddonContext = {
  cluster: TEST_CLUSTER,
  region: "eu-west-1",
  roleNamePrefix: "acme-test-eks",
  placement: placementOn("system", [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]),
};

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/otel-logs";
const LOG_GROUP = "/acme-test/otel/service-mesh-metrics";

type Overrides = Partial<Omit<OtelCollectorProps, "namespace">> & { namespaceName?: string };

function build(overrides: Overrides = {}): StackJson {
  const stack = testStack();
  const { namespaceName, ...rest } = overrides;
  new ClusterConnection(stack, "Connection", {
    clusterName: "acme-test-eks",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "Y2VydA==",
  });
  new OtelCollector(stack, "Tracing", {
    ...CONTEXT,
    namespace: new PlatformNamespace(stack, "OtelNamespace", {
      name: namespaceName ?? "otel",
      enforce: "restricted",
    }),
    logGroupName: LOG_GROUP,
    logsKeyArn: KEY,
    logRetentionDays: 30,
    ...rest,
  });
  return synth(stack);
}

/** A release by name, with its values parsed back from YAML. */
function releaseOf(json: StackJson, name: string): { release: any; values: any } {
  const release = listOf(json, "helm_release").find((r) => r.name === name);
  return { release, values: parse(release.values[0]) };
}

/** The statements of a role's inline policy, as [sid, effect, actions, resources]. */
function statementsOf(json: StackJson, rolePath: string): any[] {
  return dataNamed(json, "aws_iam_policy_document", `${rolePath}_PermissionsDocument`)[1].statement.map(
    (statement: any) => [statement.sid, statement.effect, statement.actions, statement.resources],
  );
}

function conditionValue(statement: any, variable: string): string[] | undefined {
  return statement.condition.find((condition: any) => condition.variable === variable)?.values;
}

describe("OtelCollector", () => {
  const json = build();
  const gateway = releaseOf(json, "otel-collector");
  const scraper = releaseOf(json, "otel-collector-metrics");
  const [logGroupId, logGroup] = named(json, "aws_cloudwatch_log_group", "Tracing_MetricsLogGroup");
  const logGroupArn = ref("aws_cloudwatch_log_group", logGroupId, "arn");

  test("exports the fixed meeting point of the sidecars and the services", () => {
    expect(OTEL_COLLECTOR).toEqual({
      namespace: "otel",
      service: "otel-collector",
      host: "otel-collector.otel.svc.cluster.local",
      grpcPort: 4317,
      httpPort: 4318,
    });
  });

  test.each([
    ["otel-collector", gateway],
    ["otel-collector-metrics", scraper],
  ])("%s: the pinned chart in deployment mode with the contrib image, atomic, in the otel namespace", (name, r) => {
    const namespaceId = Object.keys(json.resource!.kubernetes_namespace_v1)[0];
    expect(r.release).toMatchObject({
      name,
      repository: "https://open-telemetry.github.io/opentelemetry-helm-charts",
      chart: "opentelemetry-collector",
      version: "0.170.0",
      namespace: ref("kubernetes_namespace_v1", namespaceId, "metadata[0].name"),
      atomic: true,
      wait: true,
    });
    expect(r.values.mode).toBe("deployment");
    expect(r.values.fullnameOverride).toBe(name);
    expect(r.values.image).toEqual({ repository: "otel/opentelemetry-collector-contrib", tag: "0.158.0" });
    expect(r.values.command).toEqual({ name: "otelcol-contrib" });
  });

  test.each([
    ["otel-collector", gateway],
    ["otel-collector-metrics", scraper],
  ])("%s: meets the restricted Pod Security level and runs on the system nodes", (_name, r) => {
    expect(r.values.podSecurityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(r.values.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(r.values.nodeSelector).toEqual({ "node-group": "system" });
    expect(r.values.tolerations).toEqual([
      { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
    ]);
    expect(r.values.config.extensions).toEqual({ health_check: { endpoint: "$${env:MY_POD_IP}:13133" } });
    expect(r.values.config.service.extensions).toEqual(["health_check"]);
    expect(r.values.podMonitor).toEqual({ enabled: true, metricsEndpoints: [{ port: "metrics" }] });
  });

  describe("the trace gateway", () => {
    const values = gateway.values;

    test("two replicas by default, spread over zones, behind a disruption budget, with resources", () => {
      expect(values.replicaCount).toBe(2);
      expect(values.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
      expect(values.topologySpreadConstraints).toEqual([
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: {
            matchLabels: {
              "app.kubernetes.io/name": "opentelemetry-collector",
              "app.kubernetes.io/instance": "otel-collector",
            },
          },
        },
      ]);
      expect(values.resources).toEqual({ requests: { cpu: "200m", memory: "256Mi" }, limits: { memory: "512Mi" } });
    });

    test("replicas follow the props", () => {
      expect(releaseOf(build({ replicas: 3 }), "otel-collector").values.replicaCount).toBe(3);
    });

    test("Service otel-collector on OTLP gRPC 4317 and HTTP 4318; the chart's Jaeger and Zipkin ports are closed", () => {
      expect(values.service).toEqual({ type: "ClusterIP" });
      expect(values.ports).toEqual({
        otlp: { enabled: true, containerPort: 4317, servicePort: 4317 },
        "otlp-http": { enabled: true, containerPort: 4318, servicePort: 4318 },
        "jaeger-compact": { enabled: false },
        "jaeger-thrift": { enabled: false },
        "jaeger-grpc": { enabled: false },
        zipkin: { enabled: false },
        metrics: { enabled: true },
      });
    });

    test("one pipeline: OTLP -> memory limiter, cluster name, batch -> X-Ray in the region", () => {
      const config = values.config;
      expect(config.receivers).toEqual({
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: {
          protocols: {
            grpc: { endpoint: "$${env:MY_POD_IP}:4317" },
            http: { endpoint: "$${env:MY_POD_IP}:4318" },
          },
        },
      });
      expect(config.processors).toEqual({
        memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 },
        "resource/cluster": { attributes: [{ key: "k8s.cluster.name", value: "acme-test-eks", action: "insert" }] },
        batch: {},
      });
      expect(config.exporters).toEqual({ debug: null, awsxray: { region: "eu-west-1" } });
      expect(config.service.pipelines).toEqual({
        traces: {
          receivers: ["otlp"],
          processors: ["memory_limiter", "resource/cluster", "batch"],
          exporters: ["awsxray"],
        },
        metrics: null,
        logs: null,
      });
    });

    test("Terraform hands the collector its own ${env:...} references (escaped as $${...} in the JSON)", () => {
      expect(gateway.release.values[0]).toContain("$${env:MY_POD_IP}:4317");
      expect(gateway.release.values[0]).not.toMatch(/[^$]\$\{env:/);
    });

    test("its service account has no API token and a Pod Identity role that writes X-Ray, and nothing else", () => {
      const trust = dataNamed(json, "aws_iam_policy_document", "Tracing_TracesRole_TrustPolicy")[1].statement[0];
      const [associationId, association] = named(json, "aws_eks_pod_identity_association", "Tracing_TracesRole");

      expect(values.serviceAccount).toEqual({
        create: true,
        name: "otel-collector",
        automountServiceAccountToken: false,
      });
      expect(values.clusterRole).toBeUndefined();
      expect(conditionValue(trust, "aws:RequestTag/kubernetes-namespace")).toEqual(["otel"]);
      expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual(["otel-collector"]);
      expect(association).toMatchObject({ namespace: "otel", service_account: "otel-collector" });
      expect(named(json, "aws_iam_role", "Tracing_TracesRole")[1].name).toBe("acme-test-eks-otel-collector");
      expect(statementsOf(json, "Tracing_TracesRole")).toEqual([
        ["WriteTraces", "Allow", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"]],
        [
          "ReadSamplingRules",
          "Allow",
          ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
          ["*"],
        ],
      ]);
      expect(gateway.release.depends_on).toContain(`aws_eks_pod_identity_association.${associationId}`);
    });
  });

  describe("the mesh-metrics scraper", () => {
    const values = scraper.values;
    const job = values.config.receivers.prometheus.config.scrape_configs[0];

    test("one replica replaced with Recreate (two scrapers would double every count), no Service, resources", () => {
      expect(values.replicaCount).toBe(1);
      expect(values.rollout).toEqual({ strategy: "Recreate" });
      expect(values.podDisruptionBudget).toBeUndefined();
      expect(values.service).toEqual({ enabled: false });
      expect(values.ports.otlp).toEqual({ enabled: false });
      expect(values.ports["otlp-http"]).toEqual({ enabled: false });
      expect(values.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } });
    });

    test("may list and watch pods cluster-wide (pod discovery), nothing more", () => {
      expect(values.serviceAccount).toEqual({
        create: true,
        name: "otel-collector-metrics",
        automountServiceAccountToken: true,
      });
      expect(values.clusterRole).toEqual({
        create: true,
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
      });
    });

    test("one pipeline: the sidecars' scrape job -> memory limiter, batch -> CloudWatch EMF", () => {
      const config = values.config;
      expect(Object.keys(config.receivers)).toEqual(["jaeger", "zipkin", "otlp", "prometheus"]);
      expect([config.receivers.jaeger, config.receivers.zipkin, config.receivers.otlp]).toEqual([null, null, null]);
      expect(config.receivers.prometheus.config.scrape_configs).toHaveLength(1);
      expect(config.service.pipelines).toEqual({
        metrics: { receivers: ["prometheus"], processors: ["memory_limiter", "batch"], exporters: ["awsemf"] },
        traces: null,
        logs: null,
      });
    });

    test("EMF into the log group made here, namespace Platform/ServiceMesh, dimension [[service]] only", () => {
      expect(values.config.exporters).toEqual({
        debug: null,
        awsemf: {
          region: "eu-west-1",
          namespace: "Platform/ServiceMesh",
          log_group_name: LOG_GROUP,
          log_stream_name: "service-mesh",
          dimension_rollup_option: "NoDimensionRollup",
          metric_declarations: [
            {
              dimensions: [["service"]],
              metric_name_selectors: [
                "^envoy_cluster_outlier_detection_ejections_active$",
                "^envoy_cluster_outlier_detection_ejections_enforced_total$",
                "^envoy_cluster_upstream_rq_retry$",
                "^envoy_cluster_upstream_rq_timeout$",
                "^envoy_cluster_upstream_rq_pending_overflow$",
                "^istio_requests_total$",
              ],
            },
          ],
        },
      });
    });

    test("scrapes the istio-proxy container's pods on 15020 /stats/prometheus, once a minute", () => {
      expect(job).toMatchObject({
        job_name: "istio-sidecars",
        scrape_interval: "60s",
        kubernetes_sd_configs: [{ role: "pod" }],
      });
      expect(job.relabel_configs).toEqual([
        {
          source_labels: ["__meta_kubernetes_pod_container_name", "__meta_kubernetes_pod_container_port_name"],
          regex: "istio-proxy;http-envoy-prom",
          action: "keep",
        },
        { source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true", action: "keep" },
        { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Running", action: "keep" },
        {
          source_labels: ["__meta_kubernetes_pod_ip"],
          regex: "(.+)",
          target_label: "__address__",
          replacement: "$$1:15020",
        },
        { target_label: "__metrics_path__", replacement: "/stats/prometheus" },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      ]);
    });

    test("keeps only the six mesh metrics", () => {
      const [keep] = job.metric_relabel_configs;
      expect(keep).toEqual({
        source_labels: ["__name__"],
        regex:
          "envoy_cluster_outlier_detection_ejections_active|envoy_cluster_outlier_detection_ejections_enforced_total|envoy_cluster_upstream_rq_retry|envoy_cluster_upstream_rq_timeout|envoy_cluster_upstream_rq_pending_overflow|istio_requests_total",
        action: "keep",
      });
      const kept = new RegExp(`^(?:${keep.regex})$`);
      expect(MESH_METRICS.every((name) => kept.test(name))).toBe(true);
      expect(
        ["envoy_cluster_upstream_rq_total", "istio_request_duration_milliseconds_bucket"].some((n) => kept.test(n)),
      ).toBe(false);
    });

    test("labels each sample with its service, counts requests once (server side), drops what has no service", () => {
      expect(job.metric_relabel_configs.slice(1)).toEqual([
        { source_labels: ["__name__", "reporter"], regex: "istio_requests_total;source", action: "drop" },
        {
          source_labels: ["__name__", "cluster_name"],
          regex: `envoy_cluster_.+;${OUTBOUND_CLUSTER_SERVICE}`,
          target_label: "service",
          replacement: "$$1",
        },
        {
          source_labels: ["__name__", "destination_service_name"],
          regex: "istio_requests_total;(.+)",
          target_label: "service",
          replacement: "$$1",
        },
        { source_labels: ["service"], regex: "", action: "drop" },
      ]);
    });

    test.each([
      ["outbound|8080||users.users.svc.cluster.local", "users"],
      ["outbound|9090|v2|order-api.orders.svc.cluster.local", "order-api"],
      ["inbound|8080||", undefined],
      ["outbound|443||api.example.com", undefined],
      ["PassthroughCluster", undefined],
    ])("cluster_name %s gives service %s", (clusterName, service) => {
      // Prometheus anchors relabel regexes at both ends.
      const match = new RegExp(`^(?:${OUTBOUND_CLUSTER_SERVICE})$`).exec(clusterName);
      expect(match?.[1]).toBe(service);
    });

    test("its Pod Identity role writes to that one log group only: no CreateLogGroup, no wildcard", () => {
      const trust = dataNamed(json, "aws_iam_policy_document", "Tracing_MetricsRole_TrustPolicy")[1].statement[0];
      const [associationId] = named(json, "aws_eks_pod_identity_association", "Tracing_MetricsRole");

      expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual(["otel-collector-metrics"]);
      expect(named(json, "aws_iam_role", "Tracing_MetricsRole")[1].name).toBe("acme-test-eks-otel-metrics");
      expect(statementsOf(json, "Tracing_MetricsRole")).toEqual([
        [
          "WriteMeshMetrics",
          "Allow",
          ["logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams"],
          [logGroupArn, `${logGroupArn}:log-stream:*`],
        ],
      ]);
      expect(scraper.release.depends_on).toEqual(
        expect.arrayContaining([
          `aws_eks_pod_identity_association.${associationId}`,
          `aws_cloudwatch_log_group.${logGroupId}`,
        ]),
      );
    });
  });

  test("the log group: KMS-encrypted with the given key, retention from the props, deletion protection", () => {
    expect(logGroup).toMatchObject({
      name: LOG_GROUP,
      kms_key_id: KEY,
      retention_in_days: 30,
      deletion_protection_enabled: true,
    });
    const json7 = build({ logRetentionDays: 7, logGroupDeletionProtection: false });
    expect(named(json7, "aws_cloudwatch_log_group", "Tracing_MetricsLogGroup")[1]).toMatchObject({
      retention_in_days: 7,
      deletion_protection_enabled: false,
    });
  });

  describe("bad props", () => {
    test.each([
      [
        "no replica",
        { replicas: 0 },
        /Tracing: replicas: 0 is outside the allowed range; expected a whole number from 1 to 10/,
      ],
      [
        "too many replicas",
        { replicas: 11 },
        /replicas: 11 is outside the allowed range; expected a whole number from 1 to 10/,
      ],
      ["a fraction of a replica", { replicas: 1.5 }, /replicas: 1.5 is outside the allowed range/],
      [
        "a retention CloudWatch Logs does not offer",
        { logRetentionDays: 10 },
        /Tracing: logRetentionDays: 10 is not allowed; expected one of the CloudWatch Logs retention periods 1, 3, 5, 7, 14, 30/,
      ],
      [
        "another namespace",
        { namespaceName: "observability" },
        /Tracing: namespace: "observability" is not allowed; expected "otel", the namespace of otel-collector.otel.svc.cluster.local/,
      ],
      [
        "a log group name with a space",
        { logGroupName: "mesh metrics" },
        /logGroupName: "mesh metrics" is not a log group name; expected 1 to 512 letters, digits or \. - _ \/ #/,
      ],
    ])("%s", (_case, overrides, message) => {
      expect(() => build(overrides as Overrides)).toThrow(message);
    });
  });
});
