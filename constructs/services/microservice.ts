import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import type { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import type { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { SIDECAR_INJECTION_LABEL } from "../eks/addons/istio";
import { PlatformNamespace } from "../eks/addons/namespace";
import { SCRAPE_ANNOTATIONS } from "../eks/addons/prometheus-scrape-configs";
import { ANYWHERE, podPlacement } from "../eks/placement";
import { WorkloadRole } from "../eks/workload-identity";
import type { MicroserviceProps } from "./microservice-props";
import { addMeshPolicy, type MeshObjects } from "./microservice-mesh";
import { addScaling } from "./microservice-scaling";
import { validateMicroservice } from "./microservice-validation";

export type { LagScalingOptions, MicroserviceProps } from "./microservice-props";

/** The user and group the containers run as: not root, and not a user the image might map to something else. */
export const RUN_AS_USER = 10001;

/** Zone and node labels the pods spread over. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
export const HOST_LABEL = "kubernetes.io/hostname";

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
  /** The service's traffic policy in the mesh (breaker, timeout, retries, mutual TLS), when it is meshed. */
  public readonly mesh?: MeshObjects;

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);

    // Defaults: no extra environment, no AWS permissions, pods anywhere, metrics on /metrics.
    const env = { ...(props.env ?? {}), ...(props.platformEnv ?? {}) };
    const placement = props.placement ?? ANYWHERE;
    const metricsPath = props.metricsPath ?? "/metrics";
    validateMicroservice(this, props);

    const name = props.name;
    const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/component": "service" };
    const metadataLabels = { ...labels, "app.kubernetes.io/managed-by": "terraform" };

    this.namespace = new PlatformNamespace(this, "Namespace", {
      name,
      enforce: "restricted",
      labels: {
        // The controller holds a rolling update until new pods are healthy in the target group.
        "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled",
        ...(props.mesh ? { [SIDECAR_INJECTION_LABEL.key]: SIDECAR_INJECTION_LABEL.value } : {}),
      },
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

    if (props.mesh) {
      this.mesh = addMeshPolicy(
        this,
        { name, port: props.port, labels, metadataLabels, dependsOn: [this.namespace.namespace] },
        props.mesh,
      );
    }

    const scaling = addScaling(this, props, { namespace: this.namespace, deployment: this.deployment, metadataLabels });
    this.autoscaler = scaling.autoscaler;
    this.scaledObject = scaling.scaledObject;
    this.lagReaderPolicy = scaling.lagReaderPolicy;
  }
}
