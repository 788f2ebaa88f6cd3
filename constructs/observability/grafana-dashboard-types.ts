import type { PlatformSignals } from "./signals";

export interface GrafanaDatasourceRef {
  readonly type: "prometheus" | "cloudwatch";
  readonly uid: string;
}

export interface GrafanaGridPos {
  readonly h: number;
  readonly w: number;
  readonly x: number;
  readonly y: number;
}

export interface GrafanaPrometheusTarget {
  readonly refId: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly expr: string;
  readonly legendFormat: string;
  readonly range: true;
}

/** A CloudWatch metric query (search mode, builder editor), from a `MetricDescriptor`. */
export interface GrafanaCloudWatchTarget {
  readonly refId: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly queryMode: "Metrics";
  readonly metricQueryType: 0;
  readonly metricEditorMode: 0;
  readonly region: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly matchExact: true;
  readonly statistic: string;
  readonly period: string;
  readonly label: string;
}

export type GrafanaTarget = GrafanaPrometheusTarget | GrafanaCloudWatchTarget;

export interface GrafanaTimeSeriesPanel {
  readonly id: number;
  readonly type: "timeseries";
  readonly title: string;
  readonly description: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly gridPos: GrafanaGridPos;
  readonly fieldConfig: {
    readonly defaults: { readonly unit: string; readonly min?: number; readonly max?: number };
    readonly overrides: readonly never[];
  };
  readonly options: {
    readonly legend: { readonly displayMode: "list"; readonly placement: "bottom"; readonly showLegend: true };
    readonly tooltip: { readonly mode: "multi"; readonly sort: "desc" };
  };
  readonly targets: readonly GrafanaTarget[];
}

export interface GrafanaRowPanel {
  readonly id: number;
  readonly type: "row";
  readonly title: string;
  readonly collapsed: false;
  readonly gridPos: GrafanaGridPos;
  readonly panels: readonly never[];
}

export type GrafanaPanel = GrafanaRowPanel | GrafanaTimeSeriesPanel;

/** A Grafana dashboard as provisioned from a file (no `id`, no `version`: Grafana assigns them). */
export interface GrafanaDashboardModel {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: "utc";
  readonly editable: false;
  readonly graphTooltip: 1;
  readonly refresh: string;
  readonly schemaVersion: number;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly never[] };
  readonly annotations: { readonly list: readonly never[] };
  readonly panels: readonly GrafanaPanel[];
}

/** Uids of the data sources the panels query. */
export interface GrafanaDashboardDatasources {
  /** @default "prometheus" */
  readonly prometheus?: string;
  /** @default "cloudwatch" */
  readonly cloudwatch?: string;
}

export interface GrafanaDashboardModelOptions {
  /** Dashboard uid (stable URL), at most 40 characters. */
  readonly uid: string;
  readonly title: string;
  readonly signals: PlatformSignals;
  /** Region of every CloudWatch metric. */
  readonly region: string;
  /** The EKS cluster Prometheus runs in, named in the description and tags. */
  readonly clusterName: string;
  /** @default - the uids kube-prometheus-stack provisions, `prometheus` and `cloudwatch` */
  readonly datasources?: GrafanaDashboardDatasources;
}
