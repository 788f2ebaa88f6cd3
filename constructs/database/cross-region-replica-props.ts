import { Token } from "cdktf";
import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import type { DataProtection } from "../core/protection";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import {
  CA_CERTIFICATES,
  type CaCertificate,
  INSTANCE_CLASS,
  INSTANCE_CLASS_EXPECTATION,
  MONITORING_INTERVALS,
  PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  POSTGRES_MAJOR_VERSIONS,
  type PostgresMajorVersion,
  STORAGE_RANGE_GIB,
} from "./options";
import { windowProblems } from "./windows";

/** Longest DB instance identifier RDS accepts. */
const MAX_DB_IDENTIFIER_LENGTH = 63;

/** Automated backups a cross-region replica keeps: at least one day, so that the promoted database has backups. */
export const CROSS_REGION_BACKUP_RETENTION_RANGE = { min: 1, max: 35 } as const;

/** An RDS DB instance ARN: `arn:<partition>:rds:<region>:<account>:db:<identifier>`. */
const DB_INSTANCE_ARN = /^arn:aws[a-z-]*:rds:([a-z]{2}(?:-[a-z]+)+-\d+):\d{12}:db:[a-z][a-z0-9-]*$/;

/** An AWS region name, such as eu-central-1. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface CrossRegionReplicaProps {
  /**
   * DB instance identifier of the replica, `<namePrefix>-...`, e.g. `acme-prod-euc1-db-shard-0`: lower-case words
   * joined by single hyphens, at most 63 characters.
   */
  readonly identifier: string;
  /** Prefix of every name of the standby environment, `<project>-<environment>`; the identifier starts with it. */
  readonly namePrefix: string;
  /**
   * The standby region: the region of the stack's provider, where the replica, its keys and its log groups live
   * (the CloudWatch Logs principal in the logs key's policy and the IAM authentication ARNs name it).
   */
  readonly region: string;
  /**
   * ARN of the primary instance in the primary region (a reference to the primary's `arn`): RDS takes only the ARN
   * for a source in another region.
   */
  readonly sourceArn: string;
  /**
   * The source's PostgreSQL major version. The replica runs the source's version (the engine is not set on it); this
   * picks the parameter group family, so it must be the primary's.
   *
   * @default "17" (the PostgresDatabase default)
   */
  readonly engineVersion?: PostgresMajorVersion;
  /**
   * Instance class of the replica.
   *
   * @default "db.r7g.large" (the PostgresDatabase default, so that the promoted database can take the primary's load)
   */
  readonly instanceClass?: string;
  /**
   * A synchronous standby of the replica in a second AZ of the standby region (RDS allows it on a read replica
   * whatever the source's setting), so that the promoted database is Multi-AZ from the first minute.
   *
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * Upper bound of storage autoscaling, in GiB: at least the primary's, so that the replica keeps up when the primary
   * grows. The allocated storage itself is the source's (the provider ignores `allocated_storage` on a new replica).
   *
   * @default 1000 (the PostgresDatabase default)
   */
  readonly maxAllocatedStorageGiB?: number;
  /**
   * The source's PostgreSQL port: the replica listens on it and its security group opens it.
   *
   * @default 5432
   */
  readonly port?: number;
  /** The standby VPC. */
  readonly vpcId: string;
  /** The standby's isolated data subnets, in different availability zones (at least two). */
  readonly subnetIds: readonly string[];
  /**
   * Days of automated backups of the replica, 1 to 35: the promoted database keeps them (point-in-time recovery
   * from the first minute) and can itself be the source of replicas.
   *
   * @default 14
   */
  readonly backupRetentionDays?: number;
  /**
   * Daily backup window, UTC.
   *
   * @default "02:00-03:00"
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window, UTC; must not overlap the backup window.
   *
   * @default "sun:03:30-sun:04:30"
   */
  readonly maintenanceWindow?: string;
  /**
   * Enhanced Monitoring interval in seconds.
   *
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Performance Insights retention in days: 7 (free), a multiple of 31, or 731.
   *
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Retention of the exported PostgreSQL logs, in days.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Statements running longer than this are logged (`log_min_duration_statement`), in milliseconds: the primary's,
   * so that the promoted database logs as the primary did.
   *
   * @default 500
   */
  readonly slowQueryThresholdMs?: number;
  /**
   * Certificate authority of the server certificate, set explicitly so that the CA does not change with an AWS
   * default.
   *
   * @default "rds-ca-rsa2048-g1"
   */
  readonly caCertificate?: CaCertificate;
  /**
   * Apply modifications at once instead of in the next maintenance window.
   *
   * @default false
   */
  readonly applyImmediately?: boolean;
  /**
   * `deletionProtection` applies to the instance and its log groups, `preventDestroy` to the instance and its keys.
   * `finalSnapshot` applies once the replica is promoted: RDS refuses a final snapshot of a read replica
   * ("FinalDBSnapshotIdentifier can not be specified when deleting a replica instance"), so a replica skips it.
   *
   * @default - all protections on
   */
  readonly protection?: DataProtection;
  /**
   * The replica has been promoted (`aws rds promote-read-replica`, see the class documentation): the configuration
   * no longer names the source, pins the engine version as a primary does and takes a final snapshot on deletion.
   * Setting it on a replica that is still replicating makes the next apply promote it (Terraform promotes a replica
   * whose `replicate_source_db` is removed).
   *
   * @default false
   */
  readonly promoted?: boolean;
}

/** The settings of a replica with their defaults resolved, as `validateCrossRegionReplica` checks them. */
export type ResolvedReplicaSettings = Required<
  Omit<
    CrossRegionReplicaProps,
    "identifier" | "namePrefix" | "region" | "sourceArn" | "vpcId" | "subnetIds" | "protection" | "promoted"
  >
>;

/** Checks the props of the replica `scope`, with their defaults resolved, before any resource exists. */
export function validateCrossRegionReplica(
  scope: Construct,
  props: CrossRegionReplicaProps,
  settings: ResolvedReplicaSettings,
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const whole = (setting: string, value: number, min: number, max: number) =>
    requireWholeNumber(scope, setting, value, min, max);

  if (!/^[a-z][a-z0-9-]{1,40}$/.test(props.namePrefix)) {
    fail(`namePrefix: ${show(props.namePrefix)} is not allowed; expected lower-case letters, digits and hyphens`);
  }
  const identifier = props.identifier;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(identifier)) {
    fail(
      `identifier: ${show(identifier)} is not allowed; expected lower-case words joined by single hyphens, starting with a letter`,
    );
  }
  if (identifier.length > MAX_DB_IDENTIFIER_LENGTH) {
    fail(
      `identifier: ${show(identifier)} has ${identifier.length} characters; expected at most ${MAX_DB_IDENTIFIER_LENGTH}`,
    );
  }
  if (!identifier.startsWith(`${props.namePrefix}-`)) {
    fail(
      `identifier: ${show(identifier)} does not start with the namePrefix ${show(`${props.namePrefix}-`)}; expected <namePrefix>-<name>`,
    );
  }
  if (!REGION.test(props.region)) {
    fail(`region: ${show(props.region)} is not allowed; expected an AWS region such as eu-central-1`);
  }
  if (!Token.isUnresolved(props.sourceArn)) {
    const match = DB_INSTANCE_ARN.exec(props.sourceArn);
    if (!match) {
      fail(
        `sourceArn: ${show(props.sourceArn)} is not allowed; expected a DB instance ARN arn:aws:rds:<region>:<account>:db:<identifier>`,
      );
    } else if (match[1] === props.region) {
      fail(
        `sourceArn: ${show(props.sourceArn)} is in the replica's own region ${props.region}; expected a primary in another region (a same-region replica is a ReadReplica)`,
      );
    }
  }
  requireOneOf(scope, "engineVersion", settings.engineVersion, POSTGRES_MAJOR_VERSIONS);
  if (!INSTANCE_CLASS.test(settings.instanceClass)) {
    fail(`instanceClass: ${show(settings.instanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`);
  }
  whole("maxAllocatedStorageGiB", settings.maxAllocatedStorageGiB, STORAGE_RANGE_GIB.min, STORAGE_RANGE_GIB.max);
  whole("port", settings.port, 1150, 65535);
  if (props.subnetIds.length < 2) {
    fail(`subnetIds: ${props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
  }
  const days = settings.backupRetentionDays;
  const { min, max } = CROSS_REGION_BACKUP_RETENTION_RANGE;
  if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < min || days > max)) {
    fail(
      `backupRetentionDays: ${days} is outside the allowed range; expected a whole number from ${min} to ${max} (the promoted database must keep automated backups)`,
    );
  }
  windowProblems(settings.backupWindow, settings.maintenanceWindow).forEach(fail);
  requireOneOf(scope, "monitoringIntervalSeconds", settings.monitoringIntervalSeconds, MONITORING_INTERVALS);
  if (!(PERFORMANCE_INSIGHTS_RETENTION_DAYS as readonly number[]).includes(settings.performanceInsightsRetentionDays)) {
    fail(
      `performanceInsightsRetentionDays: ${settings.performanceInsightsRetentionDays} is not allowed; expected 7, a multiple of 31 up to 713, or 731`,
    );
  }
  requireLogRetentionDays(scope, "logRetentionDays", settings.logRetentionDays);
  whole("slowQueryThresholdMs", settings.slowQueryThresholdMs, 0, 3_600_000);
  requireOneOf(scope, "caCertificate", settings.caCertificate, CA_CERTIFICATES);
}
