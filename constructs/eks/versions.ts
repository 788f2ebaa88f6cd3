/**
 * Versions that belong to a Kubernetes minor version: the EKS managed add-ons (kube-proxy and CoreDNS follow the
 * Kubernetes minor; the others span several) and the cluster-autoscaler image, whose minor must match the
 * cluster's. Upgrading Kubernetes is adding an entry here, reviewing the snapshot diff and changing
 * `eks.kubernetesVersion`: one minor at a time, control plane first, add-ons next, nodes last.
 *
 * Where AWS documents an add-on build for a Kubernetes version, it is pinned here with that page as the source.
 * Where it documents none (the EBS CSI driver, the Pod Identity agent, and the VPC CNI for 1.34 and later: their
 * `-eksbuild.N` suffixes appear in no AWS table), the value is `EKS_DEFAULT`: the cluster stack reads the build EKS
 * marks default for the cluster's Kubernetes version at plan time (`data "aws_eks_addon_version"`, most_recent =
 * false), which always exists; the plan shows the version it will install. To pin one after checking it with
 * `aws eks describe-addon-versions --addon-name <name> --kubernetes-version <v>`, write it here.
 *
 * Kubernetes 1.34 left EKS standard support on 2026-12-02 (extended support, billed, until 2027-12-02: EKS User
 * Guide, "Understand the Kubernetes version lifecycle on EKS", kubernetes-versions.html); it stays here for the
 * upgrade path only.
 */

/** The add-on build EKS marks default for the cluster's Kubernetes version, read at plan time. */
export const EKS_DEFAULT = "eks-default";

export interface KubernetesRelease {
  /** `addon_version` of each EKS managed add-on, or `EKS_DEFAULT`. */
  readonly addons: {
    readonly "vpc-cni": string;
    readonly "kube-proxy": string;
    readonly coredns: string;
    readonly "aws-ebs-csi-driver": string;
    readonly "eks-pod-identity-agent": string;
  };
  /** Image tag of cluster-autoscaler, whose minor version must match the cluster's. */
  readonly clusterAutoscalerImageTag: string;
}

// kube-proxy: EKS User Guide, "Manage kube-proxy in Amazon EKS clusters" (managing-kube-proxy), latest per minor.
// CoreDNS: EKS User Guide, "Manage CoreDNS for DNS in Amazon EKS clusters" (managing-coredns), latest per minor.
// Cluster Autoscaler: https://github.com/kubernetes/autoscaler/releases, tags cluster-autoscaler-1.34.5 (cb2123e)
// and cluster-autoscaler-1.35.2 (2d42588), both 2026-07-22.
export const KUBERNETES_RELEASES = {
  "1.34": {
    addons: {
      "vpc-cni": EKS_DEFAULT,
      "kube-proxy": "v1.34.6-eksbuild.13",
      coredns: "v1.13.2-eksbuild.11",
      "aws-ebs-csi-driver": EKS_DEFAULT,
      "eks-pod-identity-agent": EKS_DEFAULT,
    },
    clusterAutoscalerImageTag: "v1.34.5",
  },
  "1.35": {
    addons: {
      "vpc-cni": EKS_DEFAULT,
      "kube-proxy": "v1.35.3-eksbuild.13",
      coredns: "v1.14.3-eksbuild.3",
      "aws-ebs-csi-driver": EKS_DEFAULT,
      "eks-pod-identity-agent": EKS_DEFAULT,
    },
    clusterAutoscalerImageTag: "v1.35.2",
  },
} as const satisfies Record<string, KubernetesRelease>;
