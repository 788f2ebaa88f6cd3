import type { MetricDescriptor } from "../core/metric";
import { GRAFANA_DATASOURCE_UIDS } from "../eks/addons/kube-prometheus-stack";
import type {
  GrafanaCloudWatchTarget,
  GrafanaDashboardModel,
  GrafanaDashboardModelOptions,
  GrafanaDatasourceRef,
  GrafanaPanel,
  GrafanaTarget,
} from "./grafana-dashboard-types";
import { dashboardRows } from "./grafana-rows";

/** Grid of the dashboard: 24 columns, three panels to a row. */
const COLUMNS = 24;
const PANEL_WIDTH = 8;
const PANEL_HEIGHT = 8;
const ROW_HEIGHT = 1;
/** Grafana's dashboard JSON schema version the model follows. */
const SCHEMA_VERSION = 39;

/** Grafana units of CloudWatch's. */
const CLOUDWATCH_UNITS: Readonly<Record<string, string>> = {
  Percent: "percent",
  Seconds: "s",
  Milliseconds: "ms",
  Bytes: "bytes",
  Count: "short",
  None: "short",
};

/** `A`, `B`, ... `Z`, `AA`, `AB`, ...: query ids within a panel. */
function refId(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${refId(Math.floor(index / 26) - 1)}${letter}`;
}

/** A CloudWatch query of exactly this metric: namespace, name, dimensions, statistic and period from the descriptor. */
export function grafanaCloudWatchTarget(
  metric: MetricDescriptor,
  options: {
    readonly refId: string;
    readonly datasource: GrafanaDatasourceRef;
    readonly region: string;
    readonly label?: string;
  },
): GrafanaCloudWatchTarget {
  return {
    refId: options.refId,
    datasource: options.datasource,
    queryMode: "Metrics",
    metricQueryType: 0,
    metricEditorMode: 0,
    region: options.region,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: { ...metric.dimensions },
    matchExact: true,
    statistic: metric.statistic,
    period: String(metric.periodSeconds),
    label: options.label ?? metric.label,
  };
}

/**
 * The dashboard model, without synthesis: rows of panels, ids numbered from 1 in order, positions on Grafana's
 * 24-column grid, keys in a fixed order. The same signals give the same model, so its JSON is byte-identical.
 */
export function grafanaDashboardModel(options: GrafanaDashboardModelOptions): GrafanaDashboardModel {
  const datasources: Readonly<Record<GrafanaDatasourceRef["type"], GrafanaDatasourceRef>> = {
    prometheus: { type: "prometheus", uid: options.datasources?.prometheus ?? GRAFANA_DATASOURCE_UIDS.prometheus },
    cloudwatch: { type: "cloudwatch", uid: options.datasources?.cloudwatch ?? GRAFANA_DATASOURCE_UIDS.cloudwatch },
  };

  const panels: GrafanaPanel[] = [];
  let id = 0;
  let y = 0;
  for (const row of dashboardRows(options.signals, options.clusterName)) {
    const specs = row.panels.filter((spec) => (spec.source === "prometheus" ? spec.queries : spec.lines).length > 0);
    if (specs.length === 0) {
      continue;
    }
    panels.push({
      id: ++id,
      type: "row",
      title: row.title,
      collapsed: false,
      gridPos: { h: ROW_HEIGHT, w: COLUMNS, x: 0, y },
      panels: [],
    });
    y += ROW_HEIGHT;
    const perRow = COLUMNS / PANEL_WIDTH;
    specs.forEach((spec, index) => {
      const datasource = datasources[spec.source];
      const targets: GrafanaTarget[] =
        spec.source === "prometheus"
          ? spec.queries.map((query, queryIndex) => ({
              refId: refId(queryIndex),
              datasource,
              expr: query.expr,
              legendFormat: query.legend,
              range: true,
            }))
          : spec.lines.map((line, lineIndex) =>
              grafanaCloudWatchTarget(line.metric, {
                refId: refId(lineIndex),
                datasource,
                region: options.region,
                label: line.label,
              }),
            );
      const unit = spec.unit ?? (spec.source === "cloudwatch" ? unitOf(spec.lines[0].metric) : "short");
      panels.push({
        id: ++id,
        type: "timeseries",
        title: spec.title,
        description: spec.description,
        datasource,
        gridPos: {
          h: PANEL_HEIGHT,
          w: PANEL_WIDTH,
          x: (index % perRow) * PANEL_WIDTH,
          y: y + Math.floor(index / perRow) * PANEL_HEIGHT,
        },
        fieldConfig: {
          defaults: {
            unit,
            ...(spec.min === undefined ? {} : { min: spec.min }),
            ...(spec.max === undefined ? {} : { max: spec.max }),
          },
          overrides: [],
        },
        options: {
          legend: { displayMode: "list", placement: "bottom", showLegend: true },
          tooltip: { mode: "multi", sort: "desc" },
        },
        targets,
      });
    });
    y += Math.ceil(specs.length / perRow) * PANEL_HEIGHT;
  }

  return {
    uid: options.uid,
    title: options.title,
    description: `Scalability of the platform on ${options.clusterName}: instances, traffic, cache, database and Kafka, from Prometheus and CloudWatch (${options.region}).`,
    tags: ["platform", "scalability", options.clusterName],
    timezone: "utc",
    editable: false,
    graphTooltip: 1,
    refresh: "1m",
    schemaVersion: SCHEMA_VERSION,
    time: { from: "now-6h", to: "now" },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** The model as the JSON file Grafana loads: two-space indents, keys in the model's order. */
export function renderGrafanaDashboard(model: GrafanaDashboardModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

function unitOf(metric: MetricDescriptor): string {
  return CLOUDWATCH_UNITS[metric.unit] ?? "short";
}
