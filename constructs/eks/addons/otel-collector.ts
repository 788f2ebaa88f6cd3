import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../../core/errors";
import { encryptedLogGroup } from "../../core/log-group";
import { joinName } from "../../core/naming";
import { requireLogRetentionDays, requireWholeNumber } from "../../core/validation";
import { placementValues } from "../placement";
import { type PolicyStatement, WorkloadRole } from "../workload-identity";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon, type HelmValues } from "./helm-addon";
import type { ContainerResources } from "./kube-prometheus-stack";
import type { PlatformNamespace } from "./namespace";
import { gatewayConfig, metricsConfig } from "./otel-collector-config";

/**
 * The opentelemetry-collector chart 0.170.0: tag opentelemetry-collector-0.170.0 of
 * open-telemetry/opentelemetry-helm-charts (f5178cb, 2026-08-14), appVersion 0.158.0. The newest chart in the Helm
 * index was 0.182.0 on 2026-12-04, but the mirror this was checked against ends at 0.170.0: its values, schema
 * (`additionalProperties: false`) and templates are what these values were written against. Upgrading: read the
 * chart's UPGRADING.md between the two versions, then raise OTEL_COLLECTOR_IMAGE with it.
 */
export const OTEL_COLLECTOR_CHART: HelmChart = {
  repository: "https://open-telemetry.github.io/opentelemetry-helm-charts",
  chart: "opentelemetry-collector",
  version: "0.170.0",
};

/**
 * The contrib distribution (it has the awsxray and awsemf exporters and the prometheus receiver) at the chart's
 * appVersion: open-telemetry/opentelemetry-collector-releases tag v0.158.0 (1400269, 2026-08-04). Its goreleaser
 * config publishes `otel/opentelemetry-collector-contrib:<version>` as a multi-architecture manifest including
 * linux/arm64 (Graviton nodes); the image runs as UID/GID 10001 with /otelcol-contrib as its entrypoint.
 */
export const OTEL_COLLECTOR_IMAGE = {
  repository: "otel/opentelemetry-collector-contrib",
  tag: "0.158.0",
  command: "otelcol-contrib",
  uid: 10001,
} as const;

/**
 * Where the platform's telemetry meets: the trace gateway's Service, which the mesh's sidecars (OTLP/gRPC) and the
 * services' SDKs (OTLP/HTTP, `otelEnvironment`) send spans to.
 */
export const OTEL_COLLECTOR = {
  namespace: "otel",
  service: "otel-collector",
  host: "otel-collector.otel.svc.cluster.local",
  grpcPort: 4317,
  httpPort: 4318,
} as const;

/** Name (release, Deployment, service account, ClusterRole) of the mesh-metrics scraper. */
export const OTEL_METRICS_SCRAPER = "otel-collector-metrics";

/** Replicas of the trace gateway. */
export const OTEL_COLLECTOR_REPLICAS = { min: 1, max: 10 } as const;

/** The X-Ray writes of the trace gateway (no X-Ray action has resource-level permissions: resource `*`). */
export const OTEL_XRAY_STATEMENTS: readonly PolicyStatement[] = [
  { sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
  {
    sid: "ReadSamplingRules",
    actions: ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
    resources: ["*"],
  },
];

export interface OtelCollectorProps extends AddonContext {
  /** Namespace of the collector: must be OTEL_COLLECTOR.namespace (`otel`), where senders look for it. */
  readonly namespace: PlatformNamespace;
  /** Name of the log group of the mesh metrics (CloudWatch embedded metric format), created here. */
  readonly logGroupName: string;
  /** Customer-managed key of that log group; its policy must let CloudWatch Logs use it for that group. */
  readonly logsKeyArn: string;
  /**
   * Days the EMF events are kept (the metrics extracted from them are kept by CloudWatch, 15 months).
   *
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * CloudWatch Logs deletion protection of the log group.
   *
   * @default true
   */
  readonly logGroupDeletionProtection?: boolean;
  /**
   * CPU and memory of each trace gateway replica.
   *
   * @default - 200m CPU and 256Mi requested, 512Mi memory limit
   */
  readonly gatewayResources?: ContainerResources;
  /**
   * CPU and memory of the mesh-metrics scraper.
   *
   * @default - 100m CPU and 256Mi requested, 512Mi memory limit
   */
  readonly scraperResources?: ContainerResources;
  /**
   * What the releases need first (kube-prometheus-stack, whose CRDs the PodMonitors need).
   *
   * @default - nothing beyond references
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The platform's OpenTelemetry Collector, from the opentelemetry-collector chart in deployment mode, as two releases
 * that each run one pipeline:
 *
 * - `otel-collector`, the trace gateway: Service `otel-collector` (OTLP gRPC 4317, OTLP HTTP 4318); spans from the
 *   mesh's sidecars and the services' SDKs go, through a memory limiter, a `k8s.cluster.name` resource attribute
 *   and a batch, to AWS X-Ray. `replicas` (2) spread over zones, with a disruption budget. Its Pod Identity role
 *   writes X-Ray segments and telemetry and reads sampling rules; it never calls the Kubernetes API (no token).
 * - `otel-collector-metrics`, the mesh-metrics scraper: scrapes every Istio sidecar's merged endpoint (15020,
 *   /stats/prometheus) and writes a few mesh metrics to CloudWatch (namespace Platform/ServiceMesh, dimension
 *   `service`) through the embedded metric format, into a KMS-encrypted log group made here, so its role needs only
 *   `logs:PutLogEvents`, `CreateLogStream` and `DescribeLogStreams` on that group, never `CreateLogGroup`. One
 *   replica, replaced with Recreate: the Prometheus receiver has no sharding or leader election, so two replicas
 *   would each scrape every sidecar and double every count. A ClusterRole lets it list and watch pods.
 *
 * Both run non-root (UID 10001) with a read-only root filesystem and no capabilities (namespace `restricted`), and
 * both are scraped by Prometheus (PodMonitors on their own metrics port 8888).
 */
export class OtelCollector extends Construct {
  /** The trace gateway's Helm release. */
  public readonly gateway: HelmAddon;
  /** The mesh-metrics scraper's Helm release. */
  public readonly scraper: HelmAddon;
  /** The gateway's role: X-Ray. */
  public readonly tracesRole: WorkloadRole;
  /** The scraper's role: the EMF log group. */
  public readonly metricsRole: WorkloadRole;
  /** The log group of the mesh metrics. */
  public readonly logGroup: CloudwatchLogGroup;
  /** Host of the gateway's Service. */
  public readonly host: string = OTEL_COLLECTOR.host;
  /** `<namespace>/<host>` of the gateway, as Istio's extension providers name a service. */
  public readonly meshService: string = `${OTEL_COLLECTOR.namespace}/${OTEL_COLLECTOR.host}`;
  public readonly grpcPort: number = OTEL_COLLECTOR.grpcPort;
  public readonly httpPort: number = OTEL_COLLECTOR.httpPort;

  constructor(scope: Construct, id: string, props: OtelCollectorProps) {
    super(scope, id);

    // Defaults: two gateway replicas, a month of EMF events behind deletion protection, small containers.
    const replicas = props.replicas ?? 2;
    const logRetentionDays = props.logRetentionDays ?? 30;
    const deletionProtection = props.logGroupDeletionProtection ?? true;
    const gatewayResources = props.gatewayResources ?? {
      requests: { cpu: "200m", memory: "256Mi" },
      limits: { memory: "512Mi" },
    };
    const scraperResources = props.scraperResources ?? {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { memory: "512Mi" },
    };

    if (props.namespace.name !== OTEL_COLLECTOR.namespace) {
      throw new ValidationError(
        `namespace: ${show(props.namespace.name)} is not allowed; expected ${show(OTEL_COLLECTOR.namespace)}, the namespace of ${OTEL_COLLECTOR.host} that the sidecars and the services send to`,
        this,
      );
    }
    requireWholeNumber(this, "replicas", replicas, OTEL_COLLECTOR_REPLICAS.min, OTEL_COLLECTOR_REPLICAS.max);
    requireLogRetentionDays(this, "logRetentionDays", logRetentionDays);
    if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(props.logGroupName)) {
      throw new ValidationError(
        `logGroupName: ${show(props.logGroupName)} is not a log group name; expected 1 to 512 letters, digits or . - _ / #`,
        this,
      );
    }

    this.logGroup = encryptedLogGroup(this, "MetricsLogGroup", {
      name: props.logGroupName,
      kmsKeyArn: props.logsKeyArn,
      retentionDays: logRetentionDays,
      deletionProtection,
    });

    const namespace = props.namespace.name;
    this.tracesRole = new WorkloadRole(this, "TracesRole", {
      cluster: props.cluster,
      namespace,
      serviceAccount: OTEL_COLLECTOR.service,
      roleName: joinName(props.roleNamePrefix, "otel-collector", { maxLength: 64 }),
      description: "OpenTelemetry trace gateway: writes spans to AWS X-Ray",
      statements: OTEL_XRAY_STATEMENTS,
    });
    this.metricsRole = new WorkloadRole(this, "MetricsRole", {
      cluster: props.cluster,
      namespace,
      serviceAccount: OTEL_METRICS_SCRAPER,
      roleName: joinName(props.roleNamePrefix, "otel-metrics", { maxLength: 64 }),
      description: "OpenTelemetry mesh-metrics scraper: writes EMF events to its one log group",
      statements: [
        {
          sid: "WriteMeshMetrics",
          actions: ["logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams"],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:log-stream:*`],
        },
      ],
    });

    const shared = {
      mode: "deployment",
      image: { repository: OTEL_COLLECTOR_IMAGE.repository, tag: OTEL_COLLECTOR_IMAGE.tag },
      command: { name: OTEL_COLLECTOR_IMAGE.command },
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser: OTEL_COLLECTOR_IMAGE.uid,
        runAsGroup: OTEL_COLLECTOR_IMAGE.uid,
        seccompProfile: { type: "RuntimeDefault" },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      },
      ...placementValues(props.placement),
    };
    const selfMetrics = { podMonitor: { enabled: true, metricsEndpoints: [{ port: "metrics" }] } };
    const unusedPorts = {
      "jaeger-compact": { enabled: false },
      "jaeger-thrift": { enabled: false },
      "jaeger-grpc": { enabled: false },
      zipkin: { enabled: false },
      metrics: { enabled: true },
    };
    const dependsOn = props.dependsOn ?? [];

    const gatewayValues: HelmValues = {
      ...shared,
      fullnameOverride: OTEL_COLLECTOR.service,
      replicaCount: replicas,
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: selectorLabels(OTEL_COLLECTOR.service) },
        },
      ],
      // Pod Identity brings its own projected token; the gateway never calls the Kubernetes API.
      serviceAccount: { create: true, name: OTEL_COLLECTOR.service, automountServiceAccountToken: false },
      resources: gatewayResources,
      ports: {
        otlp: { enabled: true, containerPort: OTEL_COLLECTOR.grpcPort, servicePort: OTEL_COLLECTOR.grpcPort },
        "otlp-http": { enabled: true, containerPort: OTEL_COLLECTOR.httpPort, servicePort: OTEL_COLLECTOR.httpPort },
        ...unusedPorts,
      },
      service: { type: "ClusterIP" },
      ...selfMetrics,
      config: gatewayConfig({
        region: props.region,
        clusterName: props.cluster.clusterName,
        grpcPort: OTEL_COLLECTOR.grpcPort,
        httpPort: OTEL_COLLECTOR.httpPort,
      }),
    };
    this.gateway = new HelmAddon(this, "Gateway", {
      chart: OTEL_COLLECTOR_CHART,
      releaseName: OTEL_COLLECTOR.service,
      namespace: props.namespace.ref,
      values: gatewayValues,
      dependsOn: [this.tracesRole.binding, ...dependsOn],
    });

    const scraperValues: HelmValues = {
      ...shared,
      fullnameOverride: OTEL_METRICS_SCRAPER,
      replicaCount: 1,
      // One scraper at a time: a rolling update's overlap would count twice.
      rollout: { strategy: "Recreate" },
      serviceAccount: { create: true, name: OTEL_METRICS_SCRAPER, automountServiceAccountToken: true },
      // Pod discovery of the scrape job (kubernetes_sd_configs, role pod), in every namespace.
      clusterRole: {
        create: true,
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
      },
      resources: scraperResources,
      ports: { otlp: { enabled: false }, "otlp-http": { enabled: false }, ...unusedPorts },
      service: { enabled: false },
      ...selfMetrics,
      config: metricsConfig({ region: props.region, logGroupName: props.logGroupName }),
    };
    this.scraper = new HelmAddon(this, "Scraper", {
      chart: OTEL_COLLECTOR_CHART,
      releaseName: OTEL_METRICS_SCRAPER,
      namespace: props.namespace.ref,
      values: scraperValues,
      dependsOn: [this.metricsRole.binding, this.logGroup, ...dependsOn],
    });
  }
}

/** The chart's selector labels of a release (its `opentelemetry-collector.selectorLabels`). */
function selectorLabels(release: string): Record<string, string> {
  return { "app.kubernetes.io/name": "opentelemetry-collector", "app.kubernetes.io/instance": release };
}
