import type { Placement } from "../eks/placement";
import type { PolicyStatement, WorkloadIdentityTarget } from "../eks/workload-identity";
import type { ServiceMeshOptions } from "./mesh-options";
import type { ContainerResources } from "./options";

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
  /**
   * Put the service in the Istio mesh: its namespace gets sidecar injection, and its DestinationRule,
   * VirtualService and PeerAuthentication carry the breaker, deadline, retries and mutual TLS.
   *
   * @default - not meshed
   */
  readonly mesh?: ServiceMeshOptions;
}
