import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { Construct } from "constructs";
import { awsContext } from "../core/aws-context";
import { joinName } from "../core/naming";
import { resolveProtection } from "../core/protection";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";
import {
  type CrossRegionReplicaProps,
  type ResolvedReplicaSettings,
  validateCrossRegionReplica,
} from "./cross-region-replica-props";
import { DatabaseKeys } from "./database-keys";
import { createInstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./instance-logs";
import { instanceNetwork } from "./instance-network";
import { type ReplicaMetrics, replicaMetrics } from "./metrics";
import { MonitoringRole } from "./monitoring-role";
import { createParameterGroup } from "./postgres-parameter-group";

export { CROSS_REGION_BACKUP_RETENTION_RANGE, type CrossRegionReplicaProps } from "./cross-region-replica-props";

/**
 * The standby region's copy of one PostgreSQL primary, for disaster recovery (lives in the STANDBY region's stack):
 * an RDS for PostgreSQL cross-region read replica that a failover promotes to a standalone primary.
 *
 * - Source: `replicate_source_db` is the primary's ARN (RDS takes only an ARN for a source in another region).
 *   Engine, version, master user, password and database name come from the source: `engine`, `engine_version`,
 *   `username`, `db_name`, `password` and `manage_master_user_password` are not set (the provider refuses
 *   `username` and `db_name` next to `replicate_source_db`). The allocated storage is the source's.
 * - Encryption: storage and Performance Insights with the replica's own customer-managed key in the standby region
 *   (`kms_key_id`, required for an encrypted source in another region; KMS keys are regional). Its `DatabaseKeys`
 *   also hold a logs key for its log groups and a secrets key for secrets the standby keeps.
 * - Network: its own DB subnet group on the standby's data subnets (a cross-region replica would otherwise land in
 *   the `default` subnet group), and a security group with no rules until `allowFrom` grants a security group.
 *   Never publicly accessible. No RDS Proxy: a proxy must be in the database's VPC, so the primary's proxy cannot
 *   front it; after a failover, clients connect to `address`.
 * - Settings shared with the primary: a parameter group of the same family and parameters (TLS only, slow statements
 *   logged), IAM database authentication, an explicit CA, Enhanced Monitoring with its own role, Performance
 *   Insights, log exports to encrypted log groups created first.
 * - Ready to take over: Multi-AZ and automated backups on the replica itself, so that the promoted database is
 *   highly available and recoverable at once; storage autoscaling so that it keeps up with the primary.
 * - Protection: deletion protection and `prevent_destroy`; the final snapshot once promoted (RDS takes none of a
 *   replica).
 *
 * Failover (the primary region is lost or the primary is unusable):
 * 1. Promote the replica with the AWS CLI, in the standby region:
 *    `aws rds promote-read-replica --region <standby region> --db-instance-identifier <identifier>
 *    --backup-retention-period <days>`, then wait for it: `aws rds wait db-instance-available ...`. The CLI works when
 *    the primary region's Terraform state or stacks cannot be reached.
 * 2. Set `promoted` in the standby's configuration and apply its data stack: the configuration drops the source
 *    (`replicate_source_db`); kept, it would plan to set the source again, which the provider refuses ("cannot elect
 *    new source database for replication"). Terraform also promotes a replica whose `replicate_source_db` is
 *    removed, so `promoted` alone promotes a replica that is still replicating.
 * 3. Point the applications at `address`; replication does not restart: to fail back, build a new replica of the
 *    promoted database in the old primary region.
 */
export class CrossRegionReplica extends Construct {
  /** The `aws_db_instance`. */
  public readonly instance: DbInstance;
  public readonly identifier: string;
  public readonly arn: string;
  /** Host name of the replica: read-only connections before a failover, every connection after. */
  public readonly address: string;
  public readonly port: number;
  /** The `dbi-...` resource id, which IAM authentication ARNs (`rds-db:connect`) name. */
  public readonly resourceId: string;
  public readonly securityGroupId: string;
  /** The replica's own keys, in the standby region. */
  public readonly keys: DatabaseKeys;
  /** The CloudWatch metrics of the replica, including ReplicaLag. */
  public readonly metrics: ReplicaMetrics;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: CrossRegionReplicaProps) {
    super(scope, id);

    // Defaults: the primary's production defaults (PostgresDatabase), so that the promoted database matches it.
    const settings: ResolvedReplicaSettings = {
      engineVersion: props.engineVersion ?? "17",
      instanceClass: props.instanceClass ?? "db.r7g.large",
      multiAz: props.multiAz ?? true,
      maxAllocatedStorageGiB: props.maxAllocatedStorageGiB ?? 1000,
      port: props.port ?? 5432,
      backupRetentionDays: props.backupRetentionDays ?? 14,
      backupWindow: props.backupWindow ?? "02:00-03:00",
      maintenanceWindow: props.maintenanceWindow ?? "sun:03:30-sun:04:30",
      monitoringIntervalSeconds: props.monitoringIntervalSeconds ?? 60,
      performanceInsightsRetentionDays: props.performanceInsightsRetentionDays ?? 7,
      logRetentionDays: props.logRetentionDays ?? 365,
      slowQueryThresholdMs: props.slowQueryThresholdMs ?? 500,
      caCertificate: props.caCertificate ?? "rds-ca-rsa2048-g1",
      applyImmediately: props.applyImmediately ?? false,
    };
    const protection = resolveProtection(props.protection);
    const promoted = props.promoted ?? false;
    validateCrossRegionReplica(this, props, settings);

    const identifier = props.identifier;
    this.identifier = identifier;
    this.port = settings.port;
    this.region = props.region;
    this.keys = new DatabaseKeys(this, "Keys", {
      aliasPrefix: identifier,
      region: props.region,
      logGroupNames: [`/aws/rds/instance/${identifier}*`],
      preventDestroy: protection.preventDestroy,
    });
    const monitoringRole = new MonitoringRole(this, "MonitoringRole", {
      roleName: joinName(identifier, "monitoring", { maxLength: 64 }),
    }).grant;

    const { subnetGroup, securityGroup } = instanceNetwork(this, {
      identifier,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      port: settings.port,
      subnetGroupDescription: `Data subnets of ${identifier}, cross-region replica`,
    });
    this.securityGroupId = securityGroup.id;

    const parameterGroup = createParameterGroup(
      this,
      identifier,
      settings.engineVersion,
      settings.slowQueryThresholdMs,
    );
    const logGroups = createInstanceLogGroups(
      this,
      identifier,
      this.keys.logs.keyArn,
      settings.logRetentionDays,
      protection.deletionProtection,
    );

    const finalSnapshot = promoted && protection.finalSnapshot;
    this.instance = new DbInstance(this, "Resource", {
      identifier,
      // Removing the source promotes the replica; once promoted, it is a primary with a pinned major version.
      replicateSourceDb: promoted ? undefined : props.sourceArn,
      engine: promoted ? "postgres" : undefined,
      engineVersion: promoted ? settings.engineVersion : undefined,
      allowMajorVersionUpgrade: promoted ? true : undefined,
      autoMinorVersionUpgrade: true,
      instanceClass: settings.instanceClass,
      multiAz: settings.multiAz,
      storageType: "gp3",
      maxAllocatedStorage: settings.maxAllocatedStorageGiB,
      // Ignored by RDS for a cross-region replica (the key decides), stated for what it is and for the guardrails.
      storageEncrypted: true,
      kmsKeyId: this.keys.storage.keyArn,
      port: settings.port,
      iamDatabaseAuthenticationEnabled: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: parameterGroup.name,
      caCertIdentifier: settings.caCertificate,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: !protection.finalSnapshot,
      deletionProtection: protection.deletionProtection,
      skipFinalSnapshot: !finalSnapshot,
      finalSnapshotIdentifier: finalSnapshot ? `${identifier}-final` : undefined,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.keys.storage.keyArn,
      performanceInsightsRetentionPeriod: settings.performanceInsightsRetentionDays,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      applyImmediately: settings.applyImmediately,
      lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
      tags: { Name: identifier, Role: promoted ? "primary" : "cross-region-replica" },
      // RDS checks the monitoring role's permissions at creation: its policy attachment first.
      dependsOn: [...logGroups, ...monitoringRole.attachments],
    });
    this.arn = this.instance.arn;
    this.address = this.instance.address;
    this.resourceId = this.instance.resourceId;
    this.metrics = replicaMetrics(identifier);
  }

  /**
   * Lets a security group connect on the PostgreSQL port. `id` names the grant (its rule's construct id), e.g.
   * `EksNodes`.
   */
  public allowFrom(id: string, securityGroupId: string, description = `PostgreSQL from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.port,
      description,
    });
  }

  /** Where clients connect: the instance's security group on the PostgreSQL port. */
  public get ingressPoints(): IngressPoint[] {
    return [{ name: "Instances", securityGroupId: this.securityGroupId, port: this.port }];
  }

  /** `rds-db:connect` resource for IAM authentication of `user` on this instance, in the standby region. */
  public iamConnectArns(user: string): string[] {
    const context = awsContext(this);
    return [`arn:${context.partition}:rds-db:${this.region}:${context.accountId}:dbuser:${this.resourceId}/${user}`];
  }
}
