import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import { encryptedLogGroup } from "../core/log-group";

/** The PostgreSQL logs every instance exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** Name of the log group RDS writes an instance's exported log to. */
export function instanceLogGroupName(identifier: string, log: string): string {
  return `/aws/rds/instance/${identifier}/${log}`;
}

/**
 * Creates an instance's export log groups before the instance, with retention and KMS encryption; otherwise RDS
 * creates them on first write, unencrypted and kept forever. Construct ids: `PostgresqlLogGroup`, `UpgradeLogGroup`.
 */
export function createInstanceLogGroups(
  scope: Construct,
  identifier: string,
  kmsKeyArn: string,
  retentionDays: number,
  deletionProtection: boolean,
): CloudwatchLogGroup[] {
  return POSTGRES_LOG_EXPORTS.map((log) =>
    encryptedLogGroup(scope, `${log[0].toUpperCase()}${log.slice(1)}LogGroup`, {
      name: instanceLogGroupName(identifier, log),
      kmsKeyArn,
      retentionDays,
      deletionProtection,
    }),
  );
}
