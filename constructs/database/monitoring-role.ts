import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { awsContext, awsManagedPolicyArn } from "../core/aws-context";

export interface MonitoringRoleProps {
  /** IAM role name, at most 64 characters. */
  readonly roleName: string;
}

/**
 * The role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs (`RDSOSMetrics`): trusted by the
 * monitoring service for this account only, with the AWS-managed policy made for it and nothing else.
 */
export class MonitoringRole extends Construct {
  public readonly role: IamRole;
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: MonitoringRoleProps) {
    super(scope, id);

    const context = awsContext(this);
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: "Lets RDS Enhanced Monitoring publish OS metrics",
      assumeRolePolicy: trust.json,
    });
    new IamRolePolicyAttachment(this, "Policy", {
      role: this.role.name,
      policyArn: awsManagedPolicyArn(this, "service-role/AmazonRDSEnhancedMonitoringRole"),
    });
    this.roleArn = this.role.arn;
  }
}
