import type { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { joinName } from "../../core/naming";
import { placementValues } from "../placement";
import { type PolicyStatement, WorkloadRole } from "../workload-identity";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon } from "./helm-addon";
import type { PlatformNamespace } from "./namespace";

/**
 * KEDA 2.21 (the chart version is the KEDA version): https://github.com/kedacore/charts/releases/tag/v2.21.1
 * ("Chart: v2.21.1 | App: v2.21.1"); KEDA 2.21 is tested on Kubernetes 1.34 to 1.36 (keda.sh/docs/2.22/operate/
 * cluster, "Kubernetes Compatibility").
 */
export const KEDA_CHART: HelmChart = {
  repository: "https://kedacore.github.io/charts",
  chart: "keda",
  version: "2.21.1",
};

export const KEDA_OPERATOR_SERVICE_ACCOUNT = "keda-operator";

export interface KedaProps extends AddonContext {
  /** Namespace of KEDA. */
  readonly namespace: PlatformNamespace;
  /**
   * Releases KEDA's ServiceMonitors need first (kube-prometheus-stack installs the CRD).
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * KEDA: event-driven autoscaling. A ScaledObject scales a Deployment on an external signal (Kafka consumer lag,
 * queue depth) through an HPA that KEDA manages, down to zero when there is no work. The operator gets AWS
 * credentials from its Pod Identity role (`TriggerAuthentication` with `podIdentity.provider: aws`); the role starts
 * with no permissions, and whoever defines a scaler grants it what that scaler reads (`grantOperator`), e.g. the
 * consumer groups and topics of an MSK cluster. Operator and metrics server run twice, with disruption budgets, and
 * are scraped by Prometheus.
 */
export class Keda extends Construct {
  public readonly operatorRole: WorkloadRole;
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: KedaProps) {
    super(scope, id);

    const replicas = props.replicas ?? 2;
    this.operatorRole = new WorkloadRole(this, "OperatorRole", {
      cluster: props.cluster,
      namespace: props.namespace.name,
      serviceAccount: KEDA_OPERATOR_SERVICE_ACCOUNT,
      roleName: joinName(props.roleNamePrefix, "keda-operator", { maxLength: 64 }),
      description: "KEDA operator: reads the signals scalers scale on (permissions granted per scaler)",
    });
    const budget = { maxUnavailable: 1 };
    this.addon = new HelmAddon(this, "Chart", {
      chart: KEDA_CHART,
      releaseName: "keda",
      namespace: props.namespace.ref,
      values: {
        serviceAccount: { operator: { create: true, name: KEDA_OPERATOR_SERVICE_ACCOUNT } },
        operator: { replicaCount: replicas },
        metricsServer: { replicaCount: replicas },
        webhooks: { replicaCount: replicas },
        podDisruptionBudget: { operator: budget, metricServer: budget, webhooks: budget },
        priorityClassName: "system-cluster-critical",
        resources: {
          operator: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          metricServer: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
          webhooks: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
        },
        prometheus: {
          operator: { enabled: true, serviceMonitor: { enabled: true } },
          metricServer: { enabled: true, serviceMonitor: { enabled: true } },
        },
        ...placementValues(props.placement),
      },
      dependsOn: [this.operatorRole.binding, ...(props.dependsOn ?? [])],
    });
  }

  /** Grants the KEDA operator what a scaler reads, as one more inline policy named `id`. */
  public grantOperator(id: string, statements: readonly PolicyStatement[]): IamRolePolicy {
    return this.operatorRole.addPolicy(id, statements);
  }
}
