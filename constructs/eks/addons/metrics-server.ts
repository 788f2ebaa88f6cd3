import { Construct } from "constructs";
import { placementValues } from "../placement";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon } from "./helm-addon";

/**
 * metrics-server 0.8.0: tag metrics-server-helm-chart-3.13.0 (1a64100, 2025-07-22); the project's compatibility
 * matrix gives 0.8.x for Kubernetes 1.31 and later (README, "Compatibility Matrix").
 */
export const METRICS_SERVER_CHART: HelmChart = {
  repository: "https://kubernetes-sigs.github.io/metrics-server/",
  chart: "metrics-server",
  version: "3.13.0",
};

/**
 * metrics-server in kube-system: the resource metrics API (`kubectl top`, HorizontalPodAutoscalers on CPU and
 * memory). Two replicas with a disruption budget, so that autoscaling keeps its metrics during node rotations. It
 * needs no AWS permissions.
 */
export class MetricsServer extends Construct {
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: AddonContext) {
    super(scope, id);

    this.addon = new HelmAddon(this, "Chart", {
      chart: METRICS_SERVER_CHART,
      releaseName: "metrics-server",
      namespace: "kube-system",
      values: {
        replicas: props.replicas ?? 2,
        podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
        priorityClassName: "system-cluster-critical",
        resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { memory: "400Mi" } },
        ...placementValues(props.placement),
      },
    });
  }
}
