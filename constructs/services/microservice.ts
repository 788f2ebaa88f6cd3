import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { requireWholeNumber } from "../core/validation";
import { PlatformNamespace } from "../eks/addons/namespace";
import { SCRAPE_ANNOTATIONS } from "../eks/addons/prometheus-scrape-configs";
import { ANYWHERE, type Placement, podPlacement } from "../eks/placement";
import {
  type PolicyStatement,
  policyDocument,
  WorkloadRole,
  type WorkloadIdentityTarget,
} from "../eks/workload-identity";
import {
  checkEnvName,
  checkImage,
  checkResources,
  type ContainerResources,
  ENV_NAME,
  HEALTH_CHECK_PATH,
  SERVICE_NAME,
  SERVICE_NAME_EXPECTATION,
  SERVICE_PORT,
  SERVICE_REPLICAS,
} from "./options";

/** The user and group the containers run as: not root, and not a user the image might map to something else. */
export const RUN_AS_USER = 10001;

/** Zone and node labels the pods spread over. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
export const HOST_LABEL = "kubernetes.io/hostname";

/** Scaling a consumer on its consumer group's lag, through KEDA. */
export interface LagScalingOptions {
  /** Bootstrap brokers of the SASL/IAM TLS listener. */
  readonly bootstrapServers: string;
  readonly region: string;
  readonly consumerGroup: string;
  /** Topics whose lag counts, one trigger each. */
  readonly topics: readonly string[];
  /** Messages of lag per replica KEDA aims for. */
  readonly lagThreshold: number;
  /** Name of the KEDA operator's IAM role, which gets reading the group's lag (`statements`) as an inline policy. */
  readonly operatorRoleName: string;
  /** What the operator must be allowed to read (see `lagReaderStatements`). */
  readonly operatorStatements: readonly PolicyStatement[];
}

export interface MicroserviceProps {
  /** Service name: namespace, service account, Deployment, Service and labels. */
  readonly name: string;
  /** Container image, pinned by tag or digest. */
  readonly image: string;
  /** Port the container listens on (1024 or above). */
  readonly port: number;
  /** Path of the readiness, liveness and startup probes. */
  readonly healthCheckPath: string;
  /**
   * Path of the Prometheus metrics endpoint, served on `port`; the pods are annotated for the `kubernetes-pods` scrape
   * job (`prometheus.io/scrape`, `prometheus.io/port`, `prometheus.io/path`). The platform's Grafana panels read the
   * OpenTelemetry HTTP server histogram in Prometheus naming, `http_server_request_duration_seconds` (`_bucket`,
   * `_count`, `_sum`) with the `http_response_status_code` attribute: export it there.
   *
   * @default "/metrics"
   */
  readonly metricsPath?: string;
  readonly resources: ContainerResources;
  readonly replicas: { readonly min: number; readonly max: number };
  /** Utilisation of the requests the autoscaler keeps, percent. */
  readonly scaling: { readonly cpuPercent: number; readonly memoryPercent: number };
  /**
   * Plain environment from the catalog: no secrets, no platform names.
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Environment the platform sets (connection details, built by the access helpers).
   *
   * @default - none
   */
  readonly platformEnv?: Readonly<Record<string, string>>;
  /** The cluster whose Pod Identity binds the service's role. */
  readonly cluster: WorkloadIdentityTarget;
  /** IAM role name of the service: `<prefix>-<name>`, at most 64 characters. */
  readonly roleName: string;
  /**
   * What the service may do in AWS (built by the access helpers).
   *
   * @default - none
   */
  readonly statements?: readonly PolicyStatement[];
  /** Target group the pods register in, through a TargetGroupBinding of the AWS Load Balancer Controller. */
  readonly targetGroupArn: string;
  /**
   * Where the pods run.
   *
   * @default ANYWHERE
   */
  readonly placement?: Placement;
  /**
   * Scale on Kafka consumer lag with KEDA (and on CPU and memory alongside) instead of an HPA on CPU and memory.
   *
   * @default - an HPA on CPU and memory
   */
  readonly lagScaling?: LagScalingOptions;
}

/**
 * One microservice on the cluster, everything it needs in its own namespace:
 * - Namespace (Pod Security `restricted`, load balancer readiness gates injected) and a ServiceAccount bound to an
 *   IAM role (Pod Identity) whose policy is exactly the statements given: its topics, its consumer group, its
 *   database user, its cache user.
 * - Deployment: non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault
 *   seccomp, no Kubernetes API token; startup, readiness and liveness probes on the health path; requests and
 *   limits; spread over zones (required) and nodes (preferred); surge-only rolling updates.
 * - Metrics: the pods are annotated for Prometheus' `kubernetes-pods` job (`prometheus.io/scrape`, `port`, `path`),
 *   which labels their series with `service` (the name), `namespace` and `pod`. Convention: a service exports the
 *   OpenTelemetry HTTP server histogram as `http_server_request_duration_seconds` with `http_response_status_code`,
 *   which the Grafana panels (request rate, 5xx rate, p50/p95/p99 latency per service) query.
 * - Service (ClusterIP) and a TargetGroupBinding that keeps the load balancer's target group on the pod IPs.
 * - Autoscaling within `replicas`: an HPA (autoscaling/v2) on CPU and memory, or, for a consumer, a KEDA
 *   ScaledObject on consumer-group lag plus CPU and memory (KEDA owns the HPA then); a PodDisruptionBudget.
 */
export class Microservice extends Construct {
  public readonly namespace: PlatformNamespace;
  public readonly role: WorkloadRole;
  public readonly serviceAccount: ServiceAccountV1;
  public readonly deployment: DeploymentV1;
  public readonly service: ServiceV1;
  public readonly targetGroupBinding: Manifest;
  public readonly disruptionBudget: PodDisruptionBudgetV1;
  /** The HPA, for a service that scales on CPU and memory. */
  public readonly autoscaler?: HorizontalPodAutoscalerV2;
  /** The KEDA ScaledObject, for a consumer that scales on lag. */
  public readonly scaledObject?: Manifest;
  /** The KEDA operator's permission to read this consumer's lag. */
  public readonly lagReaderPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);

    // Defaults: no extra environment, no AWS permissions, pods anywhere, metrics on /metrics.
    const env = { ...(props.env ?? {}), ...(props.platformEnv ?? {}) };
    const placement = props.placement ?? ANYWHERE;
    const metricsPath = props.metricsPath ?? "/metrics";
    this.validate(props);

    const name = props.name;
    const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/component": "service" };
    const metadataLabels = { ...labels, "app.kubernetes.io/managed-by": "terraform" };

    this.namespace = new PlatformNamespace(this, "Namespace", {
      name,
      enforce: "restricted",
      // The controller holds a rolling update until new pods are healthy in the target group.
      labels: { "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" },
    });
    const namespace = this.namespace.ref;

    this.role = new WorkloadRole(this, "Role", {
      cluster: props.cluster,
      namespace: name,
      serviceAccount: name,
      roleName: props.roleName,
      description: `Service ${name}: its topics, consumer group, database and cache users`,
      statements: props.statements,
    });
    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name, namespace, labels: metadataLabels },
      automountServiceAccountToken: false,
    });

    const probe = (initialDelaySeconds: number, periodSeconds: number, failureThreshold: number) => ({
      httpGet: { path: props.healthCheckPath, port: "http" },
      initialDelaySeconds,
      periodSeconds,
      timeoutSeconds: 2,
      failureThreshold,
    });
    const spread = (topologyKey: string, whenUnsatisfiable: string) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable,
      labelSelector: [{ matchLabels: labels }],
    });

    this.deployment = new DeploymentV1(this, "Deployment", {
      metadata: { name, namespace, labels: metadataLabels },
      spec: {
        // The autoscaler owns the count after creation (ignore_changes below).
        replicas: String(props.replicas.min),
        revisionHistoryLimit: 5,
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "0" } },
        template: {
          metadata: {
            labels: metadataLabels,
            annotations: {
              [SCRAPE_ANNOTATIONS.scrape]: "true",
              [SCRAPE_ANNOTATIONS.port]: String(props.port),
              [SCRAPE_ANNOTATIONS.path]: metricsPath,
            },
          },
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 30,
            ...podPlacement(placement),
            securityContext: {
              runAsNonRoot: true,
              runAsUser: String(RUN_AS_USER),
              runAsGroup: String(RUN_AS_USER),
              fsGroup: String(RUN_AS_USER),
              seccompProfile: { type: "RuntimeDefault" },
            },
            topologySpreadConstraint: [spread(ZONE_LABEL, "DoNotSchedule"), spread(HOST_LABEL, "ScheduleAnyway")],
            container: [
              {
                name,
                image: props.image,
                port: [{ name: "http", containerPort: props.port, protocol: "TCP" }],
                env: Object.keys(env)
                  .sort()
                  .map((key) => ({ name: key, value: env[key] })),
                resources: {
                  requests: { ...props.resources.requests },
                  limits: {
                    memory: props.resources.limits.memory,
                    ...(props.resources.limits.cpu ? { cpu: props.resources.limits.cpu } : {}),
                  },
                },
                startupProbe: probe(0, 5, 30),
                readinessProbe: probe(0, 10, 3),
                livenessProbe: probe(0, 20, 3),
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  privileged: false,
                  capabilities: { drop: ["ALL"] },
                },
                volumeMount: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volume: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
          },
        },
      },
      waitForRollout: true,
      lifecycle: { ignoreChanges: ["spec[0].replicas"] },
      dependsOn: [this.role.binding],
    });

    this.service = new ServiceV1(this, "Service", {
      metadata: { name, namespace, labels: metadataLabels },
      spec: {
        type: "ClusterIP",
        selector: labels,
        port: [{ name: "http", port: props.port, targetPort: "http", protocol: "TCP" }],
      },
    });

    this.targetGroupBinding = new Manifest(this, "TargetGroupBinding", {
      manifest: {
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "TargetGroupBinding",
        metadata: { name, namespace: name, labels: metadataLabels },
        spec: {
          serviceRef: { name, port: props.port },
          targetGroupARN: props.targetGroupArn,
          targetType: "ip",
        },
      },
      dependsOn: [this.service, this.namespace.namespace],
    });

    this.disruptionBudget = new PodDisruptionBudgetV1(this, "DisruptionBudget", {
      metadata: { name, namespace, labels: metadataLabels },
      spec: { maxUnavailable: "1", selector: { matchLabels: labels } },
    });

    const utilisation = [
      { resource: "cpu", percent: props.scaling.cpuPercent },
      { resource: "memory", percent: props.scaling.memoryPercent },
    ];
    // Scale up at once, down slowly: five minutes of lower demand before replicas go.
    const behavior = { scaleDown: { stabilizationWindowSeconds: 300 } };

    const lag = props.lagScaling;
    if (lag) {
      this.lagReaderPolicy = new IamRolePolicy(this, "LagReaderPolicy", {
        name: joinName("keda", name, "lag", { maxLength: 128 }),
        role: lag.operatorRoleName,
        policy: policyDocument(this, "LagReaderDocument", lag.operatorStatements).json,
      });
      const authentication = new Manifest(this, "TriggerAuthentication", {
        manifest: {
          apiVersion: "keda.sh/v1alpha1",
          kind: "TriggerAuthentication",
          metadata: { name: "kafka-msk-iam", namespace: name, labels: metadataLabels },
          // The operator's own Pod Identity role signs the MSK IAM tokens.
          spec: { podIdentity: { provider: "aws" } },
        },
        dependsOn: [this.namespace.namespace],
      });
      this.scaledObject = new Manifest(this, "ScaledObject", {
        manifest: {
          apiVersion: "keda.sh/v1alpha1",
          kind: "ScaledObject",
          metadata: { name, namespace: name, labels: metadataLabels },
          spec: {
            scaleTargetRef: { name },
            minReplicaCount: props.replicas.min,
            maxReplicaCount: props.replicas.max,
            pollingInterval: 15,
            cooldownPeriod: 300,
            advanced: { horizontalPodAutoscalerConfig: { behavior } },
            triggers: [
              ...lag.topics.map((topic) => ({
                type: "kafka",
                name: `lag-${topic.replace(/[^a-z0-9-]/gi, "-").toLowerCase()}`,
                metadata: {
                  bootstrapServers: lag.bootstrapServers,
                  consumerGroup: lag.consumerGroup,
                  topic,
                  lagThreshold: String(lag.lagThreshold),
                  activationLagThreshold: "0",
                  offsetResetPolicy: "earliest",
                  allowIdleConsumers: "false",
                  sasl: "oauthbearer",
                  saslTokenProvider: "aws_msk_iam",
                  tls: "enable",
                  awsRegion: lag.region,
                },
                authenticationRef: { name: "kafka-msk-iam" },
              })),
              ...utilisation.map((metric) => ({
                type: metric.resource,
                metricType: "Utilization",
                metadata: { value: String(metric.percent) },
              })),
            ],
          },
        },
        dependsOn: [this.deployment, authentication, this.lagReaderPolicy],
      });
    } else {
      this.autoscaler = new HorizontalPodAutoscalerV2(this, "Autoscaler", {
        metadata: { name, namespace, labels: metadataLabels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: this.deployment.metadata.name },
          minReplicas: props.replicas.min,
          maxReplicas: props.replicas.max,
          metric: utilisation.map((metric) => ({
            type: "Resource",
            resource: { name: metric.resource, target: { type: "Utilization", averageUtilization: metric.percent } },
          })),
          // Scale down after five minutes of lower demand, by at most half the replicas a minute.
          behavior: {
            scaleDown: [
              {
                stabilizationWindowSeconds: 300,
                selectPolicy: "Max",
                policy: [{ type: "Percent", value: 50, periodSeconds: 60 }],
              },
            ],
          },
        },
      });
    }
  }

  private validate(props: MicroserviceProps): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (!SERVICE_NAME.test(props.name)) {
      fail(`name: ${show(props.name)} is not allowed; expected ${SERVICE_NAME_EXPECTATION}`);
    }
    const imageProblem = checkImage(props.image);
    if (imageProblem) {
      fail(`image: ${show(props.image)} ${imageProblem}`);
    }
    requireWholeNumber(this, "port", props.port, SERVICE_PORT.min, SERVICE_PORT.max);
    if (!HEALTH_CHECK_PATH.test(props.healthCheckPath)) {
      fail(`healthCheckPath: ${show(props.healthCheckPath)} is not an HTTP path; expected a path such as "/healthz"`);
    }
    if (props.metricsPath !== undefined && !HEALTH_CHECK_PATH.test(props.metricsPath)) {
      fail(
        `metricsPath: ${show(props.metricsPath)} is not an HTTP path; expected a path starting with "/", such as "/metrics"`,
      );
    }
    requireWholeNumber(this, "replicas.min", props.replicas.min, SERVICE_REPLICAS.min, SERVICE_REPLICAS.max);
    requireWholeNumber(this, "replicas.max", props.replicas.max, SERVICE_REPLICAS.min, SERVICE_REPLICAS.max);
    if (props.replicas.min > props.replicas.max) {
      fail(`replicas.min: ${props.replicas.min} is above replicas.max (${props.replicas.max}); expected at most that`);
    }
    requireWholeNumber(this, "scaling.cpuPercent", props.scaling.cpuPercent, 10, 100);
    requireWholeNumber(this, "scaling.memoryPercent", props.scaling.memoryPercent, 10, 100);
    for (const [path, value, reason] of checkResources(props.resources)) {
      fail(`resources.${path.join(".")}: ${show(value)} ${reason}`);
    }
    for (const key of Object.keys(props.env ?? {})) {
      const problem = ENV_NAME.test(key)
        ? checkEnvName(key)
        : "is not an environment variable name; expected upper-case letters, digits and _";
      if (problem) {
        fail(`env.${key}: ${show(key)} ${problem}`);
      }
    }
    const lag = props.lagScaling;
    if (lag) {
      if (lag.topics.length === 0) {
        fail("lagScaling.topics: [] is empty; expected the topics the consumer group reads");
      }
      requireWholeNumber(this, "lagScaling.lagThreshold", lag.lagThreshold, 1, 1_000_000);
    }
  }
}
