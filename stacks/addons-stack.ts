import type { Construct } from "constructs";
import { allowIngress } from "../constructs/core/security-group-rules";
import { ClusterAutoscaler } from "../constructs/eks/addons/cluster-autoscaler";
import { ClusterConnection } from "../constructs/eks/addons/cluster-connection";
import type { AddonContext } from "../constructs/eks/addons/context";
import { Keda } from "../constructs/eks/addons/keda";
import { KubePrometheusStack } from "../constructs/eks/addons/kube-prometheus-stack";
import { LoadBalancerController } from "../constructs/eks/addons/load-balancer-controller";
import { MetricsServer } from "../constructs/eks/addons/metrics-server";
import { PlatformNamespace } from "../constructs/eks/addons/namespace";
import { Gp3StorageClass } from "../constructs/eks/addons/storage-class";
import type { EksCluster } from "../constructs/eks/eks-cluster";
import { KUBERNETES_RELEASES } from "../constructs/eks/versions";
import type { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";

/**
 * `<env>-addons`: what runs inside the cluster for every service, installed with the kubernetes and helm providers
 * (authenticated with a short-lived token, from the cluster stack's outputs): the default gp3 StorageClass, the AWS
 * Load Balancer Controller, metrics-server, Cluster Autoscaler, kube-prometheus-stack (Prometheus, Grafana) and
 * KEDA, each at a pinned chart version, with their IAM roles (Pod Identity). Prometheus also scrapes the MSK
 * brokers' exporters, which the cluster's security group is let in to here (the grant lives with its client, so the
 * data stack never depends on the add-ons). Applied after `<env>-cluster` and `<env>-data`.
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
  }
}
