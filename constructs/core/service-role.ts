import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { awsContext, awsManagedPolicyArn } from "./aws-context";

export interface ServiceRoleProps {
  /** IAM role name, at most 64 characters. */
  readonly roleName: string;
  /** What the role lets the service do. */
  readonly description: string;
  /** The service principal that assumes it: `monitoring.rds.amazonaws.com`. */
  readonly service: string;
  /** The AWS-managed policy made for the job: `service-role/AmazonRDSEnhancedMonitoringRole`. */
  readonly managedPolicy: string;
  /**
   * Trust the service only when it acts for this account (`aws:SourceAccount`). Only for services documented to send
   * the key when they assume the role: one that does not would be refused.
   *
   * @default true
   */
  readonly sourceAccountCondition?: boolean;
}

/**
 * A role to hand to an AWS service: its ARN and what gives it its permissions. A service that checks the role when
 * its resource is created (RDS Enhanced Monitoring: "IAM role ARN value is invalid or does not include the required
 * permissions for: ENHANCED_MONITORING") must `depends_on` the attachments, since Terraform creates them in
 * parallel with anything that references only the role's ARN.
 */
export interface RoleGrant {
  readonly arn: string;
  /** The policy attachments, for `dependsOn`. */
  readonly attachments: readonly ITerraformDependable[];
}

/** The role and its policy attachment, as `serviceRole` makes them. */
export interface ServiceRole extends RoleGrant {
  readonly role: IamRole;
}

/**
 * A role an AWS service assumes on the account's behalf, trusted by that service for this account only (the
 * confused-deputy guard, unless `sourceAccountCondition` is false), with the AWS-managed policy made for it and
 * nothing else. Its parts are created in
 * `scope` with the ids `TrustPolicy`, `Resource` and `Policy`.
 */
export function serviceRole(scope: Construct, props: ServiceRoleProps): ServiceRole {
  const trust = new DataAwsIamPolicyDocument(scope, "TrustPolicy", {
    statement: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: [props.service] }],
        actions: ["sts:AssumeRole"],
        condition:
          props.sourceAccountCondition === false
            ? undefined
            : [{ test: "StringEquals", variable: "aws:SourceAccount", values: [awsContext(scope).accountId] }],
      },
    ],
  });
  const role = new IamRole(scope, "Resource", {
    name: props.roleName,
    description: props.description,
    assumeRolePolicy: trust.json,
  });
  const policy = new IamRolePolicyAttachment(scope, "Policy", {
    role: role.name,
    policyArn: awsManagedPolicyArn(scope, props.managedPolicy),
  });
  return { role, arn: role.arn, attachments: [policy] };
}
