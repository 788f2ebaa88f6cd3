import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Account and partition of the stack's AWS provider, read once per stack. Constructs use it to build ARNs and key
 * policies without an account id in config (and so without a literal account id in the output).
 */
export interface AwsContext {
  /** The account id the provider's credentials belong to. */
  readonly accountId: string;
  /** ARN of the identity running Terraform (for an assumed role, the session's ARN). */
  readonly callerArn: string;
  /** `aws` or `aws-us-gov`. */
  readonly partition: string;
  /** `amazonaws.com` in the commercial partition. */
  readonly dnsSuffix: string;
}

const IDENTITY_ID = "CallerIdentity";
const PARTITION_ID = "Partition";

/** The stack-wide context; the data sources are created on first use with fixed ids at the stack's root. */
export function awsContext(scope: IConstruct): AwsContext {
  const stack = TerraformStack.of(scope);
  const identity =
    (stack.node.tryFindChild(IDENTITY_ID) as DataAwsCallerIdentity | undefined) ??
    new DataAwsCallerIdentity(stack, IDENTITY_ID);
  const partition =
    (stack.node.tryFindChild(PARTITION_ID) as DataAwsPartition | undefined) ??
    new DataAwsPartition(stack, PARTITION_ID);
  return {
    accountId: identity.accountId,
    callerArn: identity.arn,
    partition: partition.partition,
    dnsSuffix: partition.dnsSuffix,
  };
}

/** ARN of an AWS-managed IAM policy in the stack's partition: `AmazonEKSClusterPolicy`, `service-role/<name>`. */
export function awsManagedPolicyArn(scope: IConstruct, name: string): string {
  return `arn:${awsContext(scope).partition}:iam::aws:policy/${name}`;
}
