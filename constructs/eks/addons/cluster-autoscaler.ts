import { Construct } from "constructs";
import { joinName } from "../../core/naming";
import { placementValues } from "../placement";
import { WorkloadRole } from "../workload-identity";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon } from "./helm-addon";

/**
 * The chart; the image tag is pinned per Kubernetes version in versions.ts (its minor must match the cluster's).
 * Cluster Autoscaler 1.35 turns Dynamic Resource Allocation on and cannot turn it off
 * (`--enable-dynamic-resource-allocation` locked to true, config/flags/flags.go at cluster-autoscaler-1.35.2), so
 * it lists and watches resource.k8s.io resourceclaims, resourceslices and deviceclasses, and waits at start until
 * every watch syncs. Chart 9.54.0 is the first whose ClusterRole grants them; 9.56.0 (tag
 * cluster-autoscaler-chart-9.56.0, appVersion 1.35.0) is the newest that grants exactly what 1.35 needs (9.57 and
 * later add ProvisioningRequest and CapacityBuffer rules for features we do not turn on).
 */
export const CLUSTER_AUTOSCALER_CHART: HelmChart = {
  repository: "https://kubernetes.github.io/autoscaler",
  chart: "cluster-autoscaler",
  version: "9.56.0",
};

export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";

export interface ClusterAutoscalerProps extends AddonContext {
  /** Image tag whose minor matches the cluster's Kubernetes version, e.g. v1.35.2. */
  readonly imageTag: string;
}

/**
 * Cluster Autoscaler in kube-system: grows a managed node group when pods are pending for lack of room and shrinks
 * it when nodes sit idle, within the group's min and max. It finds the groups by the tags EKS puts on their
 * auto-scaling groups (`k8s.io/cluster-autoscaler/<cluster>: owned`), and its Pod Identity role may change the size
 * of those groups only: the describe calls AWS cannot scope stay read-only.
 */
export class ClusterAutoscaler extends Construct {
  public readonly role: WorkloadRole;
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);

    const namespace = "kube-system";
    const clusterName = props.cluster.clusterName;
    this.role = new WorkloadRole(this, "Role", {
      cluster: props.cluster,
      namespace,
      serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
      roleName: joinName(props.roleNamePrefix, "cluster-autoscaler", { maxLength: 64 }),
      description: "Cluster Autoscaler: resizes the cluster's managed node groups",
      statements: [
        {
          sid: "DescribeScalingState",
          actions: [
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities",
            "autoscaling:DescribeTags",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:GetInstanceTypesFromInstanceRequirements",
            "eks:DescribeNodegroup",
          ],
          resources: ["*"],
        },
        {
          sid: "ResizeOwnNodeGroups",
          actions: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
          resources: ["*"],
          conditions: [
            { test: "StringEquals", variable: "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled", values: ["true"] },
            {
              test: "StringEquals",
              variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`,
              values: ["owned"],
            },
          ],
        },
      ],
    });
    this.addon = new HelmAddon(this, "Chart", {
      chart: CLUSTER_AUTOSCALER_CHART,
      releaseName: "cluster-autoscaler",
      namespace,
      values: {
        cloudProvider: "aws",
        awsRegion: props.region,
        autoDiscovery: { clusterName },
        image: { tag: props.imageTag },
        rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
        replicaCount: 1,
        priorityClassName: "system-cluster-critical",
        extraArgs: {
          // Node groups of the same shape in different zones grow together, so that zones stay balanced.
          "balance-similar-node-groups": true,
          // Pick the group that wastes least CPU and memory for the pending pods.
          expander: "least-waste",
          // DaemonSet and kube-system pods do not pin a node forever; their disruption budgets still apply.
          "skip-nodes-with-system-pods": false,
          "skip-nodes-with-local-storage": false,
          "scale-down-unneeded-time": "10m",
        },
        resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "600Mi" } },
        ...placementValues(props.placement),
      },
      dependsOn: [this.role.binding],
    });
  }
}
