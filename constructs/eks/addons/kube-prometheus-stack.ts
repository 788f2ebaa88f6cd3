import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { placementValues } from "../placement";
import type { AddonContext } from "./context";
import { GRAFANA_ADMIN_KEYS, GrafanaAdminSecret } from "./grafana-admin-secret";
import { type HelmChart, HelmAddon } from "./helm-addon";
import type { PlatformNamespace } from "./namespace";

export const KUBE_PROMETHEUS_STACK_CHART: HelmChart = {
  repository: "https://prometheus-community.github.io/helm-charts",
  chart: "kube-prometheus-stack",
  version: "80.4.1",
};

/** CPU and memory of a container, in Kubernetes quantities. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

export interface PrometheusSettings {
  /** Days of metrics kept. */
  readonly retentionDays: number;
  /** Persistent volume per Prometheus replica, GiB; Prometheus also stops at 85% of it (retentionSize). */
  readonly storageGiB: number;
  /** Prometheus replicas, each scraping everything (2 for high availability). */
  readonly replicas: number;
  readonly resources: ContainerResources;
}

export interface GrafanaSettings {
  /** Persistent volume of Grafana, GiB. */
  readonly storageGiB: number;
  /** Raise to rotate the admin password on the next apply. */
  readonly adminPasswordVersion: number;
}

export interface KubePrometheusStackProps extends AddonContext {
  /** Namespace of the stack. */
  readonly namespace: PlatformNamespace;
  /** Storage class of the persistent volumes (gp3, encrypted). */
  readonly storageClassName: string;
  readonly prometheus: PrometheusSettings;
  readonly grafana: GrafanaSettings;
  /**
   * Persistent volume of each Alertmanager replica, GiB.
   *
   * @default 10
   */
  readonly alertmanagerStorageGiB?: number;
  /** Customer-managed key of the Secrets Manager copy of the Grafana admin credentials. */
  readonly secretsKeyArn: string;
  /** Name of that copy, e.g. `acme-prod/grafana/admin`. */
  readonly adminSecretName: string;
  /**
   * What the release needs first besides its admin secret (the storage class).
   *
   * @default - nothing else
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * kube-prometheus-stack: the Prometheus operator, Prometheus, Alertmanager, Grafana, kube-state-metrics and the node
 * exporter, with the default alerting rules and dashboards.
 *
 * - Storage: Prometheus, Alertmanager and Grafana on persistent gp3 volumes (encrypted, from the storage class);
 *   Prometheus keeps `retentionDays` of data and never more than 85% of its volume.
 * - Discovery: Prometheus picks up every ServiceMonitor, PodMonitor and rule in the cluster, not only the chart's,
 *   so services and add-ons bring their own scrape configs.
 * - EKS: the control-plane components AWS runs (controller manager, scheduler, etcd) and kube-proxy (metrics on
 *   localhost) are not scraped, so their "down" alerts do not fire forever.
 * - Grafana's admin password comes from a Kubernetes secret Terraform writes without ever holding the value.
 */
export class KubePrometheusStack extends Construct {
  public readonly adminSecret: GrafanaAdminSecret;
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps) {
    super(scope, id);

    const alertmanagerStorageGiB = props.alertmanagerStorageGiB ?? 10;
    const placement = placementValues(props.placement);
    const volume = (sizeGiB: number) => ({
      volumeClaimTemplate: {
        spec: {
          storageClassName: props.storageClassName,
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: `${sizeGiB}Gi` } },
        },
      },
    });

    this.adminSecret = new GrafanaAdminSecret(this, "GrafanaAdmin", {
      namespace: props.namespace.ref,
      secretName: "grafana-admin",
      awsSecretName: props.adminSecretName,
      kmsKeyArn: props.secretsKeyArn,
      passwordVersion: props.grafana.adminPasswordVersion,
    });

    const prometheus = props.prometheus;
    this.addon = new HelmAddon(this, "Chart", {
      chart: KUBE_PROMETHEUS_STACK_CHART,
      releaseName: "kube-prometheus-stack",
      namespace: props.namespace.ref,
      // CRDs and many workloads: give the first install time.
      timeoutSeconds: 900,
      values: {
        crds: { enabled: true },
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
        prometheusOperator: { ...placement },
        prometheus: {
          prometheusSpec: {
            replicas: prometheus.replicas,
            retention: `${prometheus.retentionDays}d`,
            retentionSize: `${Math.floor(prometheus.storageGiB * 0.85)}GiB`,
            resources: prometheus.resources,
            storageSpec: volume(prometheus.storageGiB),
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            probeSelectorNilUsesHelmValues: false,
            ...placement,
          },
        },
        alertmanager: {
          alertmanagerSpec: { storage: volume(alertmanagerStorageGiB), ...placement },
        },
        grafana: {
          admin: {
            existingSecret: this.adminSecret.secretName,
            userKey: GRAFANA_ADMIN_KEYS.user,
            passwordKey: GRAFANA_ADMIN_KEYS.password,
          },
          persistence: {
            enabled: true,
            storageClassName: props.storageClassName,
            size: `${props.grafana.storageGiB}Gi`,
          },
          ...placement,
        },
        "kube-state-metrics": { ...placement },
      },
      dependsOn: [this.adminSecret.secret, ...(props.dependsOn ?? [])],
    });
  }
}
