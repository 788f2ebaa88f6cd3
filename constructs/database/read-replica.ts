import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { createInstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./instance-logs";
import { type ReplicaMetrics, replicaMetrics } from "./metrics";
import { INSTANCE_CLASS, INSTANCE_CLASS_EXPECTATION } from "./options";
import type { PostgresSettings } from "./postgres-settings";

/** What may differ between the replicas of one database; the base of `ReadReplicaProps`. */
export interface ReadReplicaOptions {
  /**
   * Instance class of the replica.
   *
   * @default - the primary's instance class
   */
  readonly instanceClass?: string;
  /**
   * Availability zone of the replica.
   *
   * @default - the zones are taken in turn, starting with the one after the primary's
   */
  readonly availabilityZone?: string;
}

/** What a replica takes from its database (a `PostgresDatabase`): its primary and the settings it shares. */
export interface ReplicaSource {
  readonly primary: DbInstance;
  readonly settings: PostgresSettings;
}

export interface ReadReplicaProps extends ReadReplicaOptions {
  /** The database whose primary this replica streams from. */
  readonly source: ReplicaSource;
  /** DB instance identifier of the replica. */
  readonly identifier: string;
}

/**
 * A same-region read replica of a PostgreSQL primary (`replicate_source_db`): it inherits engine, credentials and
 * data from the primary, shares its security group and parameter group, and gets the same encryption, Performance
 * Insights, Enhanced Monitoring, log exports and protection settings. Replicas take no automated backups; the
 * primary's backups cover the data.
 */
export class ReadReplica extends Construct {
  public readonly instance: DbInstance;
  public readonly identifier: string;
  /** Host name of the replica, for read-only connections. */
  public readonly address: string;
  public readonly availabilityZone: string;
  /** The CloudWatch metrics of the replica, including ReplicaLag. */
  public readonly metrics: ReplicaMetrics;

  constructor(scope: Construct, id: string, props: ReadReplicaProps) {
    super(scope, id);

    const settings = props.source.settings;
    // Defaults: the primary's class, so that a promoted replica can take the primary's load.
    const instanceClass = props.instanceClass ?? settings.instanceClass;
    if (!INSTANCE_CLASS.test(instanceClass)) {
      throw new ValidationError(
        `instanceClass: ${show(instanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`,
        this,
      );
    }
    this.identifier = props.identifier;
    this.availabilityZone = props.availabilityZone ?? settings.availabilityZones[0];

    const logGroups = createInstanceLogGroups(
      this,
      props.identifier,
      settings.keys.logs.keyArn,
      settings.logRetentionDays,
      settings.protection.deletionProtection,
    );
    this.instance = new DbInstance(this, "Resource", {
      identifier: props.identifier,
      replicateSourceDb: props.source.primary.identifier,
      instanceClass,
      availabilityZone: this.availabilityZone,
      multiAz: false,
      storageType: "gp3",
      maxAllocatedStorage: settings.maxAllocatedStorageGiB,
      // A same-region replica is always encrypted with its source's key; RDS takes no key argument for it.
      storageEncrypted: true,
      publiclyAccessible: false,
      vpcSecurityGroupIds: [settings.securityGroupId],
      parameterGroupName: settings.parameterGroupName,
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: settings.caCertificate,
      autoMinorVersionUpgrade: true,
      maintenanceWindow: settings.maintenanceWindow,
      copyTagsToSnapshot: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: settings.keys.storage.keyArn,
      performanceInsightsRetentionPeriod: settings.performanceInsightsRetentionDays,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: settings.monitoringRole.arn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      deletionProtection: settings.protection.deletionProtection,
      // RDS takes no final snapshot of a replica; the primary's snapshots hold the data.
      skipFinalSnapshot: true,
      applyImmediately: settings.applyImmediately,
      tags: { ...settings.tags, Name: props.identifier, Role: "replica" },
      // RDS checks the monitoring role's permissions at creation: its policy attachment first.
      dependsOn: [...logGroups, ...settings.monitoringRole.attachments],
    });
    this.address = this.instance.address;
    this.metrics = replicaMetrics(props.identifier);
  }
}
