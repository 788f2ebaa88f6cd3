import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { dependable, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { joinName } from "../core/naming";
import { type Placement, placementValues } from "./placement";
import { EKS_DEFAULT, type KubernetesRelease } from "./versions";
import { type WorkloadIdentityTarget, WorkloadRole } from "./workload-identity";

export type ManagedAddonName = keyof KubernetesRelease["addons"];

export interface ManagedAddonsProps {
  readonly cluster: WorkloadIdentityTarget;
  /** The add-on versions of the cluster's Kubernetes version (`EKS_DEFAULT`: EKS's default build, read at plan). */
  readonly versions: KubernetesRelease["addons"];
  /** The cluster's Kubernetes version, for the default-build lookups (a literal, so that they are read at plan). */
  readonly kubernetesVersion: string;
  /** Where CoreDNS and the EBS CSI controller run. */
  readonly placement: Placement;
  /** Prefix of the add-on roles' names, e.g. the cluster name. */
  readonly roleNamePrefix: string;
  /** Key of the node and persistent volumes: the EBS CSI driver may use it to create and attach volumes. */
  readonly volumeKeyArn: string;
  /**
   * VPC CNI prefix delegation: each node gets /28 prefixes instead of single addresses, so it runs far more pods.
   *
   * @default true
   */
  readonly prefixDelegation?: boolean;
}

/**
 * The EKS managed add-ons every cluster runs, at pinned versions (or EKS's default build where AWS documents none),
 * in two waves:
 *
 * - before nodes exist: `vpc-cni` (with its own IRSA role, so the node role keeps no network permissions; network
 *   policy enforcement on; prefix delegation), `kube-proxy` and `eks-pod-identity-agent`. Nodes join with their
 *   network configured from the start.
 * - after nodes exist (`waitFor`): `coredns` (replicas scaled by EKS with the cluster size) and
 *   `aws-ebs-csi-driver` (with a Pod Identity role that may use the volume key). Created earlier, they would sit
 *   degraded with nowhere to run.
 *
 * Conflicts resolve in favour of this configuration (OVERWRITE); removing an add-on here leaves its software
 * running in the cluster (`preserve`), so that a refactoring never takes DNS or networking down.
 */
export class ManagedAddons extends Construct {
  public readonly addons: Readonly<Record<ManagedAddonName, EksAddon>>;
  /** The VPC CNI's role (IRSA, `kube-system/aws-node`). */
  public readonly vpcCniRole: WorkloadRole;
  /** The EBS CSI controller's role (Pod Identity, `kube-system/ebs-csi-controller-sa`). */
  public readonly ebsCsiRole: WorkloadRole;

  constructor(scope: Construct, id: string, props: ManagedAddonsProps) {
    super(scope, id);

    const prefixDelegation = props.prefixDelegation ?? true;
    const roleName = (component: string) => joinName(props.roleNamePrefix, component, { maxLength: 64 });
    const controllerPlacement = placementValues(props.placement);

    // The CNI starts before the Pod Identity agent can serve it, so it uses IRSA.
    this.vpcCniRole = new WorkloadRole(this, "VpcCniRole", {
      cluster: props.cluster,
      namespace: "kube-system",
      serviceAccount: "aws-node",
      roleName: roleName("vpc-cni"),
      description: "VPC CNI: assigns pod addresses on the nodes' network interfaces",
      mechanism: "irsa",
      managedPolicies: ["AmazonEKS_CNI_Policy"],
    });
    this.ebsCsiRole = new WorkloadRole(this, "EbsCsiRole", {
      cluster: props.cluster,
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      roleName: roleName("ebs-csi"),
      description: "EBS CSI driver: creates, attaches and encrypts persistent volumes",
      managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
      statements: [
        {
          sid: "UseVolumeKey",
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          resources: [props.volumeKeyArn],
        },
        {
          sid: "GrantVolumeKeyToEbs",
          actions: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
          resources: [props.volumeKeyArn],
          conditions: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        },
      ],
      // The add-on binds its own service account.
      associate: false,
    });

    const version = (name: ManagedAddonName): string =>
      props.versions[name] === EKS_DEFAULT
        ? new DataAwsEksAddonVersion(this, `${addonId(name)}Version`, {
            addonName: name,
            kubernetesVersion: props.kubernetesVersion,
            mostRecent: false,
          }).version
        : props.versions[name];
    const addon = (name: ManagedAddonName, extra: Partial<ConstructorParameters<typeof EksAddon>[2]> = {}) =>
      new EksAddon(this, addonId(name), {
        clusterName: props.cluster.clusterName,
        addonName: name,
        addonVersion: version(name),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        preserve: true,
        ...extra,
      });

    const vpcCni = addon("vpc-cni", {
      serviceAccountRoleArn: this.vpcCniRole.roleArn,
      configurationValues: JSON.stringify({
        enableNetworkPolicy: "true",
        env: prefixDelegation ? { ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1" } : {},
      }),
    });
    const kubeProxy = addon("kube-proxy");
    const podIdentityAgent = addon("eks-pod-identity-agent");
    const coredns = addon("coredns", {
      configurationValues: JSON.stringify({
        autoScaling: { enabled: true, minReplicas: 2, maxReplicas: 10 },
        ...controllerPlacement,
      }),
    });
    const ebsCsi = addon("aws-ebs-csi-driver", {
      podIdentityAssociation: [{ roleArn: this.ebsCsiRole.roleArn, serviceAccount: "ebs-csi-controller-sa" }],
      configurationValues: JSON.stringify({ controller: controllerPlacement }),
      dependsOn: [podIdentityAgent],
    });

    this.addons = {
      "vpc-cni": vpcCni,
      "kube-proxy": kubeProxy,
      "eks-pod-identity-agent": podIdentityAgent,
      coredns,
      "aws-ebs-csi-driver": ebsCsi,
    };
  }

  /** The add-ons nodes need from their first boot. */
  public get beforeCompute(): EksAddon[] {
    return [this.addons["vpc-cni"], this.addons["kube-proxy"], this.addons["eks-pod-identity-agent"]];
  }

  /** Holds back the add-ons that need nodes until `nodes` exist. */
  public waitFor(nodes: ITerraformDependable): void {
    for (const addon of [this.addons.coredns, this.addons["aws-ebs-csi-driver"]]) {
      addon.dependsOn = [...(addon.dependsOn ?? []), dependable(nodes)];
    }
  }
}

/** `vpc-cni` → `VpcCni`. */
function addonId(name: string): string {
  return name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
