import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { MskClusterPolicy } from "@cdktf/provider-aws/lib/msk-cluster-policy";
import { Construct } from "constructs";

/** What MSK needs on a source cluster to replicate it to another region ("Prepare the Amazon MSK source cluster"). */
export const REPLICATION_SOURCE_ACTIONS = [
  "kafka:CreateVpcConnection",
  "kafka:GetBootstrapBrokers",
  "kafka:DescribeClusterV2",
] as const;

export interface KafkaReplicationSourcePolicyProps {
  /** ARN of the source cluster (`KafkaCluster.clusterArn`), in this stack's region. */
  readonly clusterArn: string;
}

/**
 * The resource policy a cross-region MSK Replicator needs on its source cluster (lives in the PRIMARY region's
 * stack, next to the cluster): the MSK service principal `kafka.amazonaws.com` may create its multi-VPC connection to
 * the cluster, get its bootstrap brokers and describe it, on this cluster only. The statement is the one of the
 * Amazon MSK Developer Guide, "Prepare the Amazon MSK source cluster"
 * (https://docs.aws.amazon.com/msk/latest/developerguide/msk-replicator-prepare-cluster.html).
 *
 * - No `aws:SourceAccount` / `aws:SourceArn` condition: that page's policy has none, and we found no MSK page
 *   documenting either key for this policy (MSK documents them for the trust policy of a Replicator's service
 *   execution role, which `KafkaReplicator` sets). A condition MSK does not send would refuse the Replicator.
 * - A cluster has one cluster policy (`aws_msk_cluster_policy` is keyed by the cluster ARN): any other statement the
 *   cluster needs belongs in this policy, not in a second resource.
 * - The cluster must have multi-VPC private connectivity for IAM (`KafkaClusterProps.multiVpcConnectivity`).
 */
export class KafkaReplicationSourcePolicy extends Construct {
  public readonly policy: MskClusterPolicy;

  constructor(scope: Construct, id: string, props: KafkaReplicationSourcePolicyProps) {
    super(scope, id);

    const document = new DataAwsIamPolicyDocument(this, "Document", {
      statement: [
        {
          sid: "MskReplicatorSource",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["kafka.amazonaws.com"] }],
          actions: [...REPLICATION_SOURCE_ACTIONS],
          resources: [props.clusterArn],
        },
      ],
    });
    this.policy = new MskClusterPolicy(this, "Resource", {
      clusterArn: props.clusterArn,
      policy: document.json,
    });
  }
}
