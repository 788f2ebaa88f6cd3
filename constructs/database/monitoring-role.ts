import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { type RoleGrant, serviceRole } from "../core/service-role";

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
  /** The role with its policy attachment: instances depend on both. */
  public readonly grant: RoleGrant;

  constructor(scope: Construct, id: string, props: MonitoringRoleProps) {
    super(scope, id);

    const role = serviceRole(this, {
      roleName: props.roleName,
      description: "Lets RDS Enhanced Monitoring publish OS metrics",
      service: "monitoring.rds.amazonaws.com",
      managedPolicy: "service-role/AmazonRDSEnhancedMonitoringRole",
    });
    this.grant = role;
    this.role = role.role;
    this.roleArn = role.arn;
  }
}
