import type { Construct } from "constructs";
import { allowIngress } from "../constructs/core/security-group-rules";
import { ClusterAutoscaler } from "../constructs/eks/addons/cluster-autoscaler";
import { ClusterConnection } from "../constructs/eks/addons/cluster-connection";
import type { AddonContext } from "../constructs/eks/addons/context";
import { MESH_ROOT_NAMESPACE, ServiceMesh } from "../constructs/eks/addons/istio";
import { Keda } from "../constructs/eks/addons/keda";
import { KubePrometheusStack } from "../constructs/eks/addons/kube-prometheus-stack";
import { LoadBalancerController } from "../constructs/eks/addons/load-balancer-controller";
import { MetricsServer } from "../constructs/eks/addons/metrics-server";
import { PlatformNamespace } from "../constructs/eks/addons/namespace";
import { OTEL_COLLECTOR, OtelCollector } from "../constructs/eks/addons/otel-collector";
import { Gp3StorageClass } from "../constructs/eks/addons/storage-class";
import type { EksCluster } from "../constructs/eks/eks-cluster";
import { KUBERNETES_RELEASES } from "../constructs/eks/versions";
import type { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import { cloudWatchLogsGrant, EncryptionKey } from "../constructs/kms/encryption-key";
import { joinName } from "../constructs/core/naming";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";

/**
 * `<env>-addons`: what runs inside the cluster for every service, installed with the kubernetes and helm providers
 * (authenticated with a short-lived token, from the cluster stack's outputs): the default gp3 StorageClass, the AWS
 * Load Balancer Controller, metrics-server, Cluster Autoscaler, kube-prometheus-stack (Prometheus, Grafana), KEDA
 * the OpenTelemetry collector and Istio (base, CNI agent, istiod), each at a pinned chart version, with their IAM roles (Pod Identity). Prometheus
 * also scrapes the MSK brokers' exporters, which the cluster's security group is let in to here (the grant lives
 * with its client, so the data stack never depends on the add-ons). Applied after `<env>-cluster` and `<env>-data`.
 */
export class AddonsStack extends PlatformStack {
  public readonly connection: ClusterConnection;
  public readonly storageClass: Gp3StorageClass;
  public readonly loadBalancerController: LoadBalancerController;
  public readonly metricsServer: MetricsServer;
  public readonly clusterAutoscaler: ClusterAutoscaler;
  public readonly monitoring: KubePrometheusStack;
  /** Where Prometheus and Grafana run; Grafana loads dashboards from ConfigMaps here. */
  public readonly monitoringNamespace: PlatformNamespace;
  public readonly keda: Keda;
  /** The OpenTelemetry collector (namespace `otel`): spans to X-Ray, mesh metrics to CloudWatch. */
  public readonly tracing: OtelCollector;
  /** Istio, when the environment's mesh is on. */
  public readonly mesh?: ServiceMesh;

  constructor(scope: Construct, config: EnvironmentConfig, network: Network, cluster: EksCluster, kafka: KafkaCluster) {
    super(scope, config, "addons");

    this.connection = new ClusterConnection(this, "Connection", {
      clusterName: cluster.clusterName,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
    });

    const context: AddonContext = {
      cluster: cluster.identity,
      region: this.region,
      roleNamePrefix: cluster.clusterName,
      placement: cluster.systemPlacement,
      replicas: config.eks.addons.replicas,
    };

    this.storageClass = new Gp3StorageClass(this, "StorageClass", { kmsKeyArn: cluster.volumeKey.keyArn });
    this.loadBalancerController = new LoadBalancerController(this, "LoadBalancerController", {
      ...context,
      vpcId: network.vpcId,
    });
    this.metricsServer = new MetricsServer(this, "MetricsServer", context);
    this.clusterAutoscaler = new ClusterAutoscaler(this, "ClusterAutoscaler", {
      ...context,
      imageTag: KUBERNETES_RELEASES[cluster.kubernetesVersion].clusterAutoscalerImageTag,
    });

    // Node exporter needs host access: the monitoring namespace is privileged, and warns at baseline.
    this.monitoringNamespace = new PlatformNamespace(this, "MonitoringNamespace", {
      name: "monitoring",
      enforce: "privileged",
      warn: "baseline",
    });
    const monitoringNamespace = this.monitoringNamespace;
    const monitoring = config.eks.monitoring;
    this.monitoring = new KubePrometheusStack(this, "Monitoring", {
      ...context,
      namespace: monitoringNamespace,
      storageClassName: this.storageClass.name,
      prometheus: monitoring.prometheus,
      grafana: monitoring.grafana,
      alertmanagerStorageGiB: monitoring.alertmanagerStorageGiB,
      secretsKeyArn: cluster.secretsKey.keyArn,
      adminSecretName: `${this.namePrefix}/grafana/admin`,
      // Without prevent_destroy the environment may be torn down and rebuilt: a secret waiting out a recovery window
      // would keep its name taken, and the next apply would fail.
      adminSecretRecoveryWindowDays: config.protection.preventDestroy ? 30 : 0,
      msk: { bootstrapBrokers: kafka.bootstrapBrokersIam, brokerCount: kafka.settings.brokerCount },
      dependsOn: [this.storageClass.storageClass],
    });
    // Prometheus runs on the nodes (cluster security group): open the brokers' exporter ports to it, nothing more.
    allowIngress(
      this,
      "ClusterToKafkaExporters",
      kafka.monitoringIngressPoints,
      cluster.clusterSecurityGroupId,
      "Prometheus from the EKS cluster",
    );

    const kedaNamespace = new PlatformNamespace(this, "KedaNamespace", { name: "keda", enforce: "restricted" });
    this.keda = new Keda(this, "Keda", {
      ...context,
      namespace: kedaNamespace,
      // Its ServiceMonitors need the Prometheus operator's CRDs.
      dependsOn: [this.monitoring.addon.release],
    });

    // The OpenTelemetry collector: the sidecars and the services send spans to it (X-Ray), and it scrapes the
    // sidecars' mesh metrics into CloudWatch through a log group encrypted with its own key.
    const tracing = config.observability.tracing;
    const tracingLogGroup = `/${this.namePrefix}/otel/service-mesh-metrics`;
    const tracingLogsKey = new EncryptionKey(this, "TracingLogsKey", {
      aliasName: joinName(this.namePrefix, "otel-logs"),
      description: `Mesh metrics (EMF events) of the ${config.environment} OpenTelemetry collector`,
      serviceGrants: [cloudWatchLogsGrant(this, this.region, [tracingLogGroup])],
      preventDestroy: config.protection.preventDestroy,
    });
    this.tracing = new OtelCollector(this, "Tracing", {
      ...context,
      replicas: tracing.collectorReplicas,
      namespace: new PlatformNamespace(this, "OtelNamespace", {
        name: OTEL_COLLECTOR.namespace,
        enforce: "restricted",
      }),
      logGroupName: tracingLogGroup,
      logsKeyArn: tracingLogsKey.keyArn,
      logRetentionDays: tracing.metricsLogRetentionDays,
      logGroupDeletionProtection: config.protection.deletionProtection,
      // Its PodMonitors need the Prometheus operator's CRDs.
      dependsOn: [this.monitoring.addon.release],
    });

    // Istio (sidecar mode): its CNI agent must run on every node before a meshed pod starts, so the mesh comes
    // with the add-ons; the services' mesh objects (their CRDs from istio-base) are in the workloads stack.
    if (config.eks.mesh.enabled) {
      this.mesh = new ServiceMesh(this, "Mesh", {
        ...context,
        namespace: new PlatformNamespace(this, "IstioNamespace", {
          name: MESH_ROOT_NAMESPACE,
          enforce: "privileged",
          warn: "baseline",
        }),
        tracing: {
          service: this.tracing.meshService,
          port: this.tracing.grpcPort,
          samplingPercent: tracing.samplingPercent,
        },
        dependsOn: [this.tracing.gateway.release],
      });
    }
  }
}
