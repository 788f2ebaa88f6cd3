import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";

export interface EncryptedLogGroupProps {
  /** Log group name, e.g. `/aws/rds/instance/acme-prod-db-main/postgresql`. */
  readonly name: string;
  /** Customer-managed key the group's events are encrypted with (its policy must grant CloudWatch Logs). */
  readonly kmsKeyArn: string;
  /** Days events are kept: one of the CloudWatch Logs retention periods. */
  readonly retentionDays: number;
  /** CloudWatch Logs deletion protection: the API refuses to delete the group until it is turned off. */
  readonly deletionProtection: boolean;
  /** An aliased AWS provider, for a group outside the stack's region. @default - the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * A log group a service writes to, created before the service so that it gets retention and KMS encryption (a
 * group the service creates on first write is unencrypted and kept forever).
 */
export function encryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, {
    name: props.name,
    retentionInDays: props.retentionDays,
    kmsKeyId: props.kmsKeyArn,
    deletionProtectionEnabled: props.deletionProtection,
    provider: props.provider,
  });
}
