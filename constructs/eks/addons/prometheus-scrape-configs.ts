import { Fn } from "cdktf";
import { stringify } from "yaml";
import { PROMETHEUS_PORTS } from "../../kafka/options";

/** Names of the additional scrape jobs: dashboards and rules select their series with `job="..."`. */
export const SCRAPE_JOBS = {
  /** Every MSK broker's JMX exporter (Kafka, consumer-lag and JVM metrics). */
  mskJmx: "msk-jmx",
  /** Every MSK broker's node exporter (CPU, memory, filesystems). */
  mskNode: "msk-node",
  /** Pods that ask to be scraped with the `prometheus.io/*` annotations. */
  pods: "kubernetes-pods",
} as const;

/** Labels the additional scrape jobs put on every series, besides `job` and `instance`. */
export const SCRAPE_LABELS = {
  /** MSK broker id (`1`, `2`, ...), as in the CloudWatch dimension `Broker ID`. */
  broker: "broker",
  /** Service name, from the pod's `app.kubernetes.io/name` label. */
  service: "service",
  namespace: "namespace",
  pod: "pod",
} as const;

/** Pod annotations the `kubernetes-pods` job honours. */
export const SCRAPE_ANNOTATIONS = {
  /** `"true"` to be scraped. */
  scrape: "prometheus.io/scrape",
  /** Port of the metrics endpoint; without it, every declared container port is scraped. */
  port: "prometheus.io/port",
  /** Path of the metrics endpoint; without it, `/metrics`. */
  path: "prometheus.io/path",
} as const;

/**
 * Captures the domain the brokers' hosts share from a bootstrap broker string: MSK names its brokers
 * `b-<id>.<cluster>.<suffix>.c<n>.kafka.<region>.amazonaws.com`.
 */
export const BROKER_DOMAIN_PATTERN = "^b-[0-9]+[.]([^:,]+)";

/** The brokers of an MSK cluster, as the scrape jobs address them. */
export interface MskBrokerTargets {
  /** The domain the brokers' hosts share; a Terraform expression (see `mskBrokerDomain`). */
  readonly brokerDomain: string;
  /** Number of brokers; MSK numbers them from 1. */
  readonly brokerCount: number;
}

/**
 * The brokers' domain as a Terraform expression over a bootstrap broker string (`b-2.<domain>:9098,b-1...`), evaluated
 * at apply. The broker hosts are `b-1.<domain>` to `b-<count>.<domain>`: a bootstrap string names at most three
 * brokers (https://github.com/aws/aws-sdk/issues/500), so the hosts cannot be read from it directly.
 */
export function mskBrokerDomain(bootstrapBrokers: string): string {
  return Fn.element(Fn.regex(BROKER_DOMAIN_PATTERN, bootstrapBrokers), 0);
}

/** One relabel rule (https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config). */
export interface RelabelConfig {
  readonly source_labels?: readonly string[];
  readonly regex?: string;
  readonly target_label?: string;
  readonly replacement?: string;
  readonly action?: "replace" | "keep" | "drop";
}

/** One Prometheus scrape job, in Prometheus' own key names. */
export interface ScrapeConfig {
  readonly job_name: string;
  readonly scheme?: "http" | "https";
  readonly metrics_path?: string;
  readonly static_configs?: readonly { readonly targets: readonly string[] }[];
  readonly kubernetes_sd_configs?: readonly { readonly role: "pod" }[];
  readonly relabel_configs: readonly RelabelConfig[];
}

/** `prometheus.io/scrape` as a discovery meta label: `__meta_kubernetes_pod_annotation_prometheus_io_scrape`. */
const podAnnotation = (annotation: string) =>
  `__meta_kubernetes_pod_annotation_${annotation.replace(/[^a-z0-9]/gi, "_")}`;

/** One exporter on every broker, over plain HTTP inside the VPC, each series labelled with its broker id. */
function brokerJob(jobName: string, port: number, msk: MskBrokerTargets): ScrapeConfig {
  return {
    job_name: jobName,
    scheme: "http",
    metrics_path: "/metrics",
    static_configs: [
      {
        targets: Array.from({ length: msk.brokerCount }, (_, index) => `b-${index + 1}.${msk.brokerDomain}:${port}`),
      },
    ],
    relabel_configs: [
      {
        source_labels: ["__address__"],
        regex: "b-([0-9]+)[.].*",
        target_label: SCRAPE_LABELS.broker,
        replacement: "$1",
      },
    ],
  };
}

/**
 * The scrape jobs Prometheus runs besides its ServiceMonitors and PodMonitors:
 * - `msk-jmx` and `msk-node`: the JMX (11001) and node (11002) exporters of every MSK broker, with a `broker` label;
 * - `kubernetes-pods`: every running pod annotated `prometheus.io/scrape: "true"`, on its `prometheus.io/port` and
 *   `prometheus.io/path` (default `/metrics`), with `namespace`, `pod` and `service` labels.
 */
export function additionalScrapeConfigs(msk?: MskBrokerTargets): ScrapeConfig[] {
  const pods: ScrapeConfig = {
    job_name: SCRAPE_JOBS.pods,
    kubernetes_sd_configs: [{ role: "pod" }],
    relabel_configs: [
      { source_labels: [podAnnotation(SCRAPE_ANNOTATIONS.scrape)], regex: "true", action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed|Unknown", action: "drop" },
      {
        source_labels: [podAnnotation(SCRAPE_ANNOTATIONS.path)],
        regex: "(.+)",
        target_label: "__metrics_path__",
        replacement: "$1",
      },
      {
        source_labels: ["__meta_kubernetes_pod_ip", podAnnotation(SCRAPE_ANNOTATIONS.port)],
        regex: "(.+);([0-9]+)",
        target_label: "__address__",
        replacement: "$1:$2",
      },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: SCRAPE_LABELS.namespace },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: SCRAPE_LABELS.pod },
      { source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"], target_label: SCRAPE_LABELS.service },
    ],
  };
  return msk
    ? [
        brokerJob(SCRAPE_JOBS.mskJmx, PROMETHEUS_PORTS.jmxExporter, msk),
        brokerJob(SCRAPE_JOBS.mskNode, PROMETHEUS_PORTS.nodeExporter, msk),
        pods,
      ]
    : [pods];
}

/** Scrape jobs as the YAML list Prometheus' `additionalScrapeConfigs` takes; long strings stay on one line. */
export function renderScrapeConfigs(configs: readonly ScrapeConfig[]): string {
  return stringify(configs, { lineWidth: 0 });
}
