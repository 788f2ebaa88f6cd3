import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { awsContext, awsManagedPolicyArn } from "../core/aws-context";
import { type KeyPolicyCondition, policyConditions } from "../kms/encryption-key";

/** What a workload role needs to know about its cluster; `EksCluster.identity` provides it (also across stacks). */
export interface WorkloadIdentityTarget {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** ARN of the cluster's IAM OIDC provider, for IRSA. */
  readonly oidcProviderArn: string;
  /** The OIDC issuer without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`), the prefix of IRSA condition keys. */
  readonly oidcIssuer: string;
}

/** One statement of an IAM permissions policy. */
export interface PolicyStatement {
  /** Statement id: says what the statement is for. */
  readonly sid: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** @default - none */
  readonly conditions?: readonly KeyPolicyCondition[];
}

/**
 * How pods get the role's credentials:
 * - `pod-identity`: EKS Pod Identity. The role trusts `pods.eks.amazonaws.com` and an association binds it to the
 *   service account; the agent on each node hands out the credentials (no IMDS, no OIDC round trip).
 * - `irsa`: IAM roles for service accounts. The role trusts the cluster's OIDC provider for exactly this
 *   `system:serviceaccount:<namespace>:<name>`; the service account carries the role ARN as an annotation. For
 *   components that start before the Pod Identity agent can serve them (the VPC CNI).
 */
export const IDENTITY_MECHANISMS = ["pod-identity", "irsa"] as const;
export type IdentityMechanism = (typeof IDENTITY_MECHANISMS)[number];

export interface WorkloadRoleProps {
  /** The cluster whose pods assume the role. */
  readonly cluster: WorkloadIdentityTarget;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /** IAM role name, at most 64 characters. */
  readonly roleName: string;
  /** What the role is for, shown in IAM. */
  readonly description: string;
  /**
   * How pods get credentials.
   *
   * @default "pod-identity"
   */
  readonly mechanism?: IdentityMechanism;
  /**
   * Inline permissions.
   *
   * @default - none
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Names of AWS-managed policies to attach (`AmazonEBSCSIDriverPolicy`, or `service-role/<name>`).
   *
   * @default - none
   */
  readonly managedPolicies?: readonly string[];
  /**
   * Create the Pod Identity association. Turn off when something else binds the role, such as an EKS add-on's own
   * `pod_identity_association`.
   *
   * @default true
   */
  readonly associate?: boolean;
}

const SERVICE_ACCOUNT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * An IAM role for one Kubernetes service account, and nothing else: the trust policy admits only that service
 * account of that cluster, whichever mechanism delivers the credentials.
 *
 * - Pod Identity: trusted principal `pods.eks.amazonaws.com`, conditioned on the session tags EKS sets
 *   (`eks-cluster-arn`, `kubernetes-namespace`, `kubernetes-service-account`), plus the association.
 * - IRSA: trusted federated principal the cluster's OIDC provider, conditioned on `:sub` (the service account) and
 *   `:aud` (`sts.amazonaws.com`).
 */
export class WorkloadRole extends Construct {
  public readonly role: IamRole;
  public readonly roleArn: string;
  public readonly roleName: string;
  public readonly mechanism: IdentityMechanism;
  /** The Pod Identity association, when this construct made one. */
  public readonly association?: EksPodIdentityAssociation;
  /** What must exist before pods can use the role: the association, or the role itself. */
  public readonly binding: ITerraformDependable;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);

    // Defaults: Pod Identity, associated here.
    const mechanism = props.mechanism ?? "pod-identity";
    const associate = props.associate ?? true;

    if (!NAMESPACE_NAME.test(props.namespace)) {
      throw new ValidationError(
        `namespace: ${show(props.namespace)} is not a namespace name; expected up to 63 lower-case letters, digits or hyphens`,
        this,
      );
    }
    if (!SERVICE_ACCOUNT_NAME.test(props.serviceAccount)) {
      throw new ValidationError(
        `serviceAccount: ${show(props.serviceAccount)} is not a service account name; expected lower-case letters, digits, - or .`,
        this,
      );
    }
    if (props.roleName.length > 64) {
      throw new ValidationError(
        `roleName: ${show(props.roleName)} has ${props.roleName.length} characters; expected at most 64`,
        this,
      );
    }
    const sids = (props.statements ?? []).map((statement) => statement.sid);
    const repeated = sids.find((sid, index) => sids.indexOf(sid) !== index);
    if (repeated) {
      throw new ValidationError(`statements: sid ${show(repeated)} appears twice; expected unique statement ids`, this);
    }

    const context = awsContext(this);
    const cluster = props.cluster;
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        mechanism === "pod-identity"
          ? {
              sid: "EksPodIdentity",
              effect: "Allow",
              principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
              actions: ["sts:AssumeRole", "sts:TagSession"],
              condition: [
                { test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] },
                { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: [cluster.clusterArn] },
                { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: [props.namespace] },
                {
                  test: "StringEquals",
                  variable: "aws:RequestTag/kubernetes-service-account",
                  values: [props.serviceAccount],
                },
              ],
            }
          : {
              sid: "EksServiceAccount",
              effect: "Allow",
              principals: [{ type: "Federated", identifiers: [cluster.oidcProviderArn] }],
              actions: ["sts:AssumeRoleWithWebIdentity"],
              condition: [
                {
                  test: "StringEquals",
                  variable: `${cluster.oidcIssuer}:sub`,
                  values: [`system:serviceaccount:${props.namespace}:${props.serviceAccount}`],
                },
                { test: "StringEquals", variable: `${cluster.oidcIssuer}:aud`, values: ["sts.amazonaws.com"] },
              ],
            },
      ],
    });

    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      tags: {
        "eks-cluster": cluster.clusterName,
        "kubernetes-namespace": props.namespace,
        "kubernetes-service-account": props.serviceAccount,
      },
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.mechanism = mechanism;

    if (props.statements && props.statements.length > 0) {
      this.addPolicy("Permissions", props.statements);
    }
    for (const policy of props.managedPolicies ?? []) {
      new IamRolePolicyAttachment(this, policy.replace(/^.*\//, ""), {
        role: this.role.name,
        policyArn: awsManagedPolicyArn(this, policy),
      });
    }

    if (mechanism === "pod-identity" && associate) {
      this.association = new EksPodIdentityAssociation(this, "Association", {
        clusterName: cluster.clusterName,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.arn,
      });
    }
    this.binding = this.association ?? this.role;
  }

  /** Adds an inline policy named `id` with these statements. */
  public addPolicy(id: string, statements: readonly PolicyStatement[]): IamRolePolicy {
    const document = policyDocument(this, `${id}Document`, statements);
    return new IamRolePolicy(this, `${id}Policy`, { name: id, role: this.role.name, policy: document.json });
  }
}

/** An IAM policy document of these statements (a data source; its `json` is the policy). */
export function policyDocument(
  scope: Construct,
  id: string,
  statements: readonly PolicyStatement[],
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((statement) => ({
      sid: statement.sid,
      effect: statement.effect ?? "Allow",
      actions: [...statement.actions],
      resources: [...statement.resources],
      condition: statement.conditions ? policyConditions(statement.conditions) : undefined,
    })),
  });
}
