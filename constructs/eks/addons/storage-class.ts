import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";

export interface Gp3StorageClassProps {
  /** Customer-managed key of the volumes (the EBS CSI driver's role may use it). */
  readonly kmsKeyArn: string;
  /**
   * Name of the class.
   *
   * @default "gp3"
   */
  readonly name?: string;
}

/**
 * The cluster's default StorageClass: encrypted gp3 volumes on a customer-managed key, provisioned by the EBS CSI
 * driver in the zone of the pod that first uses them (WaitForFirstConsumer), expandable in place.
 */
export class Gp3StorageClass extends Construct {
  public readonly storageClass: StorageClassV1;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: Gp3StorageClassProps) {
    super(scope, id);

    this.name = props.name ?? "gp3";
    this.storageClass = new StorageClassV1(this, "Resource", {
      metadata: {
        name: this.name,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      storageProvisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: props.kmsKeyArn, "csi.storage.k8s.io/fstype": "ext4" },
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    });
  }
}
