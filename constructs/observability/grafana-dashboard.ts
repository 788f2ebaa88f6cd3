import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { GRAFANA_DASHBOARD_LABEL, GRAFANA_DATASOURCE_UIDS } from "../eks/addons/kube-prometheus-stack";
import { grafanaDashboardModel, renderGrafanaDashboard } from "./grafana-dashboard-model";
import type { GrafanaDashboardModel } from "./grafana-dashboard-types";
import type { PlatformSignals } from "./signals";

export { grafanaCloudWatchTarget, grafanaDashboardModel, renderGrafanaDashboard } from "./grafana-dashboard-model";
export type {
  GrafanaCloudWatchTarget,
  GrafanaDashboardDatasources,
  GrafanaDashboardModel,
  GrafanaDashboardModelOptions,
  GrafanaDatasourceRef,
  GrafanaGridPos,
  GrafanaPanel,
  GrafanaPrometheusTarget,
  GrafanaRowPanel,
  GrafanaTarget,
  GrafanaTimeSeriesPanel,
} from "./grafana-dashboard-types";

export interface GrafanaDashboardProps {
  /** Namespace of the ConfigMap: the one Grafana's dashboard sidecar searches (`monitoring`). */
  readonly namespace: string;
  /** Name of the ConfigMap and uid of the dashboard: lower-case letters, digits and hyphens, at most 40 characters. */
  readonly name: string;
  readonly title: string;
  readonly signals: PlatformSignals;
  /** Region of every CloudWatch metric. */
  readonly region: string;
  /** The EKS cluster Prometheus runs in. */
  readonly clusterName: string;
  /**
   * Uid of the Prometheus data source.
   *
   * @default "prometheus"
   */
  readonly prometheusDatasourceUid?: string;
  /**
   * Uid of the CloudWatch data source.
   *
   * @default "cloudwatch"
   */
  readonly cloudwatchDatasourceUid?: string;
}

const DASHBOARD_NAME = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DATASOURCE_UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The scalability dashboard for Grafana, provisioned as a ConfigMap labelled `grafana_dashboard: "1"` that
 * kube-prometheus-stack's dashboard sidecar loads. Panels query Prometheus (nodes, replicas and autoscalers from
 * kube-state-metrics, each service's request rate, 5xx rate and latency percentiles, the MSK exporters) and
 * CloudWatch (every metric from a construct's `MetricDescriptor`, so no metric name is typed here). Dimension values
 * that are Terraform references (an ARN suffix, an auto-scaling group name) stay interpolations in the JSON and are
 * filled in at apply.
 */
export class GrafanaDashboard extends Construct {
  public readonly configMap: ConfigMapV1;
  public readonly model: GrafanaDashboardModel;
  /** The dashboard JSON, as the ConfigMap holds it (with Terraform interpolations where dimensions are references). */
  public readonly json: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);

    // Defaults: the data source uids kube-prometheus-stack provisions.
    const prometheusUid = props.prometheusDatasourceUid ?? GRAFANA_DATASOURCE_UIDS.prometheus;
    const cloudwatchUid = props.cloudwatchDatasourceUid ?? GRAFANA_DATASOURCE_UIDS.cloudwatch;
    this.validate(props, prometheusUid, cloudwatchUid);

    this.model = grafanaDashboardModel({
      uid: props.name,
      title: props.title,
      signals: props.signals,
      region: props.region,
      clusterName: props.clusterName,
      datasources: { prometheus: prometheusUid, cloudwatch: cloudwatchUid },
    });
    this.json = renderGrafanaDashboard(this.model);

    this.configMap = new ConfigMapV1(this, "Resource", {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: {
          [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value,
          "app.kubernetes.io/managed-by": "terraform",
        },
      },
      data: { [`${props.name}.json`]: this.json },
    });
  }

  private validate(props: GrafanaDashboardProps, prometheusUid: string, cloudwatchUid: string): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (!DASHBOARD_NAME.test(props.name)) {
      fail(
        `name: ${show(props.name)} is not allowed; expected up to 40 lower-case letters, digits or hyphens (it is also the dashboard uid)`,
      );
    }
    if (!Token.isUnresolved(props.namespace) && !NAMESPACE_NAME.test(props.namespace)) {
      fail(
        `namespace: ${show(props.namespace)} is not a namespace name; expected up to 63 lower-case letters, digits or hyphens`,
      );
    }
    if (props.title.trim() === "") {
      fail(`title: ${show(props.title)} is empty; expected the dashboard's title`);
    }
    for (const [setting, uid] of [
      ["prometheusDatasourceUid", prometheusUid],
      ["cloudwatchDatasourceUid", cloudwatchUid],
    ] as const) {
      if (!DATASOURCE_UID.test(uid)) {
        fail(`${setting}: ${show(uid)} is not a data source uid; expected up to 40 letters, digits, - or _`);
      }
    }
  }
}
