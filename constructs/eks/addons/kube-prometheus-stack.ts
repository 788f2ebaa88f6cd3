import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { type ITerraformDependable, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { joinName } from "../../core/naming";
import { requireWholeNumber } from "../../core/validation";
import { BROKER_COUNT } from "../../kafka/options";
import { placementValues } from "../placement";
import { type PolicyStatement, WorkloadRole } from "../workload-identity";
import type { AddonContext } from "./context";
import { GRAFANA_ADMIN_KEYS, GrafanaAdminSecret } from "./grafana-admin-secret";
import { type HelmChart, HelmAddon } from "./helm-addon";
import type { PlatformNamespace } from "./namespace";
import { additionalScrapeConfigs, mskBrokerDomain, renderScrapeConfigs } from "./prometheus-scrape-configs";

/**
 * Tag kube-prometheus-stack-80.4.1 of prometheus-community/helm-charts (00a2982, 2025-12-12): prometheus-operator
 * v0.87.1 with the grafana 10.3.1 chart; Chart.yaml `kubeVersion: ">=1.25.0-0"`.
 */
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

/** An MSK cluster whose open-monitoring exporters Prometheus scrapes. */
export interface MskScrapeTarget {
  /** A bootstrap broker string (`KafkaCluster.bootstrapBrokersIam`): the brokers' domain is read from it. */
  readonly bootstrapBrokers: string;
  /** Number of brokers (`KafkaCluster.settings.brokerCount`). */
  readonly brokerCount: number;
}

/** Fixed uids of Grafana's data sources, for dashboards to reference. */
export const GRAFANA_DATASOURCE_UIDS = { prometheus: "prometheus", cloudwatch: "cloudwatch", xray: "xray" } as const;

/**
 * Grafana's X-Ray data source plugin ("AWS Application Signals", id grafana-x-ray-datasource), pinned: tag v2.17.1 of
 * grafana/x-ray-datasource (e2f3e37, 2026-08-05), `grafanaDependency` >=10.4.0 (the grafana chart 10.3.1 runs
 * Grafana 12.3.0). Written as `<id> <version>`, which Grafana 12 reads from GF_INSTALL_PLUGINS (the chart's
 * `plugins`) into its synchronous preinstall list (grafana/grafana pkg/setting/setting_plugins.go).
 */
export const GRAFANA_XRAY_PLUGIN = { id: "grafana-x-ray-datasource", version: "2.17.1" } as const;

/** Grafana's service account: the chart's own name for it, set explicitly so that its Pod Identity role binds to it. */
export const GRAFANA_SERVICE_ACCOUNT = "kube-prometheus-stack-grafana";

/** Label (and value) of the ConfigMaps Grafana's sidecar loads dashboards from. */
export const GRAFANA_DASHBOARD_LABEL = { key: "grafana_dashboard", value: "1" } as const;

/** The Secret holding the additional scrape configs, and its key. */
export const ADDITIONAL_SCRAPE_CONFIGS = {
  secretName: "prometheus-additional-scrape-configs",
  key: "additional-scrape-configs.yaml",
} as const;

/**
 * What Grafana's CloudWatch data source needs to read metrics, after Grafana's documented metrics-only policy
 * (https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/configure/): metric data and the metric
 * catalogue, alarms for the alarm annotations, EC2 and tag look-ups for dimension values and the region list. Left
 * out: logs (no log queries), Contributor Insights (`GetInsightRuleReport`), Performance Insights
 * (`pi:GetResourceMetrics`) and `GetMetricStatistics` (Grafana queries with `GetMetricData`). Read-only actions on
 * any metric and alarm of the account, hence resource `*` (never action `*`).
 */
export const GRAFANA_CLOUDWATCH_STATEMENTS: readonly PolicyStatement[] = [
  {
    sid: "ReadCloudWatchMetrics",
    actions: [
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
      "cloudwatch:DescribeAlarms",
      "cloudwatch:DescribeAlarmsForMetric",
      "cloudwatch:DescribeAlarmHistory",
    ],
    resources: ["*"],
  },
  {
    sid: "ReadEc2Dimensions",
    actions: ["ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeTags"],
    resources: ["*"],
  },
  { sid: "ReadResourceTags", actions: ["tag:GetResources"], resources: ["*"] },
];

/**
 * What Grafana's X-Ray data source needs to read traces, after the plugin's documented minimum policy
 * (grafana/x-ray-datasource docs/sources/configure.md, "IAM policy"): traces and their summaries, the trace and
 * service graphs, service statistics over time, groups and insights. Left out: Application Signals
 * (`application-signals:List*`, not used here) and cross-account observability (`oam:List*`, one account per
 * environment); `ec2:DescribeRegions` is in GRAFANA_CLOUDWATCH_STATEMENTS. Read-only X-Ray actions, which have no
 * resource-level permissions: resource `*`.
 */
export const GRAFANA_XRAY_STATEMENTS: readonly PolicyStatement[] = [
  {
    sid: "ReadXRayTraces",
    actions: [
      "xray:BatchGetTraces",
      "xray:GetTraceSummaries",
      "xray:GetTraceGraph",
      "xray:GetServiceGraph",
      "xray:GetTimeSeriesServiceStatistics",
      "xray:GetInsightSummaries",
      "xray:GetInsight",
      "xray:GetGroups",
    ],
    resources: ["*"],
  },
];

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
   * Recovery window of that copy when it is deleted, days (0: at once, for environments rebuilt at will).
   *
   * @default 30
   */
  readonly adminSecretRecoveryWindowDays?: number;
  /**
   * An MSK cluster to scrape: jobs `msk-jmx` (port 11001) and `msk-node` (11002) over every broker. Its security
   * group must admit the cluster on those ports (`KafkaCluster.monitoringIngressPoints`).
   *
   * @default - no MSK jobs
   */
  readonly msk?: MskScrapeTarget;
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
 *   so services and add-ons bring their own scrape configs. Additional scrape configs, in a Secret Terraform writes:
 *   the MSK brokers' JMX and node exporters (`msk-jmx`, `msk-node`, with a `broker` label) and every pod annotated
 *   `prometheus.io/scrape: "true"` (`kubernetes-pods`, on `prometheus.io/port` and `prometheus.io/path`, with
 *   `namespace`, `pod` and `service` labels).
 * - Grafana: data sources Prometheus (uid `prometheus`, the default), CloudWatch (uid `cloudwatch`) and X-Ray (uid
 *   `xray`, plugin GRAFANA_XRAY_PLUGIN), both in the cluster's region with the pod's credentials: a read-only Pod
 *   Identity role for metrics and traces; its sidecar loads the dashboards of ConfigMaps labelled
 *   `grafana_dashboard: "1"` in the stack's namespace.
 * - EKS: the control-plane components AWS runs (controller manager, scheduler, etcd) and kube-proxy (metrics on
 *   localhost) are not scraped, so their "down" alerts do not fire forever.
 * - Grafana's admin password comes from a Kubernetes secret Terraform writes without ever holding the value.
 */
export class KubePrometheusStack extends Construct {
  public readonly adminSecret: GrafanaAdminSecret;
  /** The additional scrape configs Prometheus loads. */
  public readonly scrapeConfigSecret: SecretV1;
  /** Grafana's role: reads CloudWatch metrics and X-Ray traces for its data sources. */
  public readonly grafanaRole: WorkloadRole;
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps) {
    super(scope, id);

    // Defaults: 10 GiB per Alertmanager; no MSK jobs.
    const alertmanagerStorageGiB = props.alertmanagerStorageGiB ?? 10;
    if (props.msk) {
      requireWholeNumber(this, "msk.brokerCount", props.msk.brokerCount, BROKER_COUNT.min, BROKER_COUNT.max);
    }
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
      recoveryWindowDays: props.adminSecretRecoveryWindowDays,
    });

    // The brokers' domain is read from the bootstrap string at apply, once, and named in the scrape config.
    const msk = props.msk
      ? {
          brokerDomain: new TerraformLocal(this, "MskBrokerDomain", mskBrokerDomain(props.msk.bootstrapBrokers))
            .asString,
          brokerCount: props.msk.brokerCount,
        }
      : undefined;
    this.scrapeConfigSecret = new SecretV1(this, "ScrapeConfigs", {
      metadata: {
        name: ADDITIONAL_SCRAPE_CONFIGS.secretName,
        namespace: props.namespace.ref,
        labels: { "app.kubernetes.io/part-of": "kube-prometheus-stack", "app.kubernetes.io/managed-by": "terraform" },
      },
      type: "Opaque",
      data: { [ADDITIONAL_SCRAPE_CONFIGS.key]: renderScrapeConfigs(additionalScrapeConfigs(msk)) },
    });

    this.grafanaRole = new WorkloadRole(this, "GrafanaRole", {
      cluster: props.cluster,
      namespace: props.namespace.name,
      serviceAccount: GRAFANA_SERVICE_ACCOUNT,
      roleName: joinName(props.roleNamePrefix, "grafana", { maxLength: 64 }),
      description: "Grafana: reads CloudWatch metrics and X-Ray traces for its data sources",
      statements: [...GRAFANA_CLOUDWATCH_STATEMENTS, ...GRAFANA_XRAY_STATEMENTS],
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
            additionalScrapeConfigsSecret: {
              enabled: true,
              name: ADDITIONAL_SCRAPE_CONFIGS.secretName,
              key: ADDITIONAL_SCRAPE_CONFIGS.key,
            },
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
          // The volume is ReadWriteOnce (gp3): a rolling update's new pod would wait forever for the old pod's volume
          // while the old pod waits for the new one to be ready. Recreate stops the old pod first (the grafana
          // chart's `deploymentStrategy`, default RollingUpdate, in charts/grafana/values.yaml).
          deploymentStrategy: { type: "Recreate" },
          serviceAccount: { create: true, name: GRAFANA_SERVICE_ACCOUNT, autoMount: true },
          // Dashboards from labelled ConfigMaps of this namespace only (the chart searches all namespaces by default);
          // the chart's Prometheus data source at its fixed uid, stated so that dashboards can rely on it.
          sidecar: {
            dashboards: {
              enabled: true,
              label: GRAFANA_DASHBOARD_LABEL.key,
              labelValue: GRAFANA_DASHBOARD_LABEL.value,
              searchNamespace: props.namespace.name,
            },
            datasources: {
              enabled: true,
              defaultDatasourceEnabled: true,
              isDefaultDatasource: true,
              name: "Prometheus",
              uid: GRAFANA_DATASOURCE_UIDS.prometheus,
            },
          },
          additionalDataSources: [
            {
              name: "CloudWatch",
              type: "cloudwatch",
              uid: GRAFANA_DATASOURCE_UIDS.cloudwatch,
              access: "proxy",
              editable: false,
              // "default": the AWS SDK's credential chain, which finds the pod's Pod Identity credentials.
              jsonData: { authType: "default", defaultRegion: props.region },
            },
            {
              name: "X-Ray",
              type: GRAFANA_XRAY_PLUGIN.id,
              uid: GRAFANA_DATASOURCE_UIDS.xray,
              access: "proxy",
              editable: false,
              jsonData: { authType: "default", defaultRegion: props.region },
            },
          ],
          plugins: [`${GRAFANA_XRAY_PLUGIN.id} ${GRAFANA_XRAY_PLUGIN.version}`],
          ...placement,
        },
        "kube-state-metrics": { ...placement },
      },
      dependsOn: [
        this.adminSecret.secret,
        this.scrapeConfigSecret,
        this.grafanaRole.binding,
        ...(props.dependsOn ?? []),
      ],
    });
  }
}
