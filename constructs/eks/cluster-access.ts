import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { awsContext } from "../core/aws-context";
import { checkPrincipalArn } from "./options";

/**
 * What a principal may do in the cluster, as EKS access policies (cluster-wide scope):
 * - `admin`: AmazonEKSClusterAdminPolicy, everything (cluster-admin);
 * - `view`: AmazonEKSViewPolicy, read everything except secrets;
 * - `plan`: AmazonEKSAdminViewPolicy, read everything including secrets and change nothing: what a `terraform
 *   plan` of the add-ons and workloads stacks needs to refresh their Kubernetes objects (Secrets among them).
 *
 * Source: EKS User Guide, "Review access policy permissions" (access-policy-permissions.html).
 */
export const ACCESS_POLICIES = {
  admin: "AmazonEKSClusterAdminPolicy",
  view: "AmazonEKSViewPolicy",
  plan: "AmazonEKSAdminViewPolicy",
} as const;
export type AccessLevel = keyof typeof ACCESS_POLICIES;

export interface ClusterAccessProps {
  readonly clusterName: string;
  /** IAM role or user ARN (not an assumed-role session ARN). */
  readonly principalArn: string;
  readonly level: AccessLevel;
}

/**
 * One EKS access entry (authentication mode API) and the access policy that authorises it, cluster-wide. Kubernetes
 * RBAC groups and the aws-auth ConfigMap play no part.
 */
export class ClusterAccess extends Construct {
  public readonly entry: EksAccessEntry;

  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);

    const problem = Token.isUnresolved(props.principalArn) ? undefined : checkPrincipalArn(props.principalArn);
    if (problem) {
      throw new ValidationError(`principalArn: ${show(props.principalArn)} ${problem}`, this);
    }

    const context = awsContext(this);
    this.entry = new EksAccessEntry(this, "Entry", {
      clusterName: props.clusterName,
      principalArn: props.principalArn,
      type: "STANDARD",
    });
    new EksAccessPolicyAssociation(this, "Policy", {
      clusterName: props.clusterName,
      principalArn: this.entry.principalArn,
      policyArn: `arn:${context.partition}:eks::aws:cluster-access-policy/${ACCESS_POLICIES[props.level]}`,
      accessScope: { type: "cluster" },
    });
  }
}
