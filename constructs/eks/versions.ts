/**
 * Versions that belong to a Kubernetes minor version: the EKS managed add-ons (kube-proxy and CoreDNS follow the
 * Kubernetes minor; the others span several) and the cluster-autoscaler image, whose minor must match the
 * cluster's. Upgrading Kubernetes is adding an entry here, reviewing the snapshot diff and changing
 * `eks.kubernetesVersion`: one minor at a time, control plane first, add-ons next, nodes last.
 *
 * Sources: `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>` and the cluster-autoscaler
 * release notes (https://github.com/kubernetes/autoscaler/releases).
 */
export interface KubernetesRelease {
  /** `addon_version` of each EKS managed add-on. */
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

export const KUBERNETES_RELEASES = {
  "1.34": {
    addons: {
      "vpc-cni": "v1.21.1-eksbuild.7",
      "kube-proxy": "v1.34.6-eksbuild.13",
      coredns: "v1.13.2-eksbuild.4",
      "aws-ebs-csi-driver": "v1.58.0-eksbuild.1",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
    },
    clusterAutoscalerImageTag: "v1.34.5",
  },
  "1.35": {
    addons: {
      "vpc-cni": "v1.21.1-eksbuild.7",
      "kube-proxy": "v1.35.3-eksbuild.13",
      coredns: "v1.13.2-eksbuild.4",
      "aws-ebs-csi-driver": "v1.58.0-eksbuild.1",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
    },
    clusterAutoscalerImageTag: "v1.35.2",
  },
} as const satisfies Record<string, KubernetesRelease>;
