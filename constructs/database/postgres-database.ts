import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import type { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { awsContext } from "../core/aws-context";
import { resolveProtection } from "../core/protection";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";
import { DatabaseKeys } from "./database-keys";
import { DatabaseProxy, type DatabaseProxyOptions } from "./database-proxy";
import { createInstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./instance-logs";
import { instanceNetwork } from "./instance-network";
import { masterCredentials } from "./master-credentials";
import { type InstanceMetrics, primaryMetrics } from "./metrics";
import { MonitoringRole } from "./monitoring-role";
import type { MasterPasswordMode } from "./options";
import { createParameterGroup } from "./postgres-parameter-group";
import type { PostgresDatabaseProps } from "./postgres-props";
import type { PostgresSettings } from "./postgres-settings";
import { validatePostgresDatabase, validateReadReplica } from "./postgres-validation";
import { ReadReplica, type ReadReplicaOptions } from "./read-replica";

export type { DatabaseProtection, PostgresDatabaseProps } from "./postgres-props";
export type { PostgresSettings } from "./postgres-settings";

/**
 * One PostgreSQL database: a primary with read replicas and an optional RDS Proxy.
 *
 * - Network: a DB subnet group on the data subnets and a security group with no rules until `allowFrom` grants a
 *   security group (no CIDR rules, ever); never publicly accessible.
 * - Parameters: `rds.force_ssl=1` and TLS 1.2 at least, `pg_stat_statements` preloaded, slow statements and DDL
 *   logged. The parameter group is named by prefix and replaced before destroy, so major upgrades work.
 * - Primary: pinned major version with automatic minor upgrades, gp3 with storage autoscaling, Multi-AZ, storage and
 *   Performance Insights encrypted with a customer-managed key, master password kept out of code, plan, output and
 *   state (see `masterPassword`), IAM database authentication, backups, Enhanced Monitoring, log exports to
 *   encrypted log groups, an explicit CA, deletion protection, a final snapshot and `prevent_destroy`.
 * - Replicas: `replicate_source_db` on the primary, spread over the zones.
 * - Typed outputs: endpoints, the master secret ARN and the CloudWatch metrics of every instance.
 */
export class PostgresDatabase extends Construct {
  /** The primary `aws_db_instance`. */
  public readonly primary: DbInstance;
  public readonly identifier: string;
  /** Host name of the primary, for writes when there is no proxy. */
  public readonly writerAddress: string;
  public readonly port: number;
  public readonly databaseName: string;
  public readonly masterUsername: string;
  /** Secrets Manager secret with the master credentials (`username`, `password`, `host`, `port`, `dbname`). */
  public readonly masterSecretArn: string;
  public readonly securityGroupId: string;
  public readonly keys: DatabaseKeys;
  public readonly settings: PostgresSettings;
  /** The primary's CloudWatch metrics. */
  public readonly metrics: InstanceMetrics;
  private readonly replicaList: ReadReplica[] = [];
  private readonly grants: Array<{ id: string; securityGroupId: string; description: string }> = [];
  private readonly props: PostgresDatabaseProps;
  private readonly masterPassword: MasterPasswordMode;
  private readonly backupRetentionDays: number;
  private databaseProxy?: DatabaseProxy;
  /** The write-only secret value, which the proxy must not start without. */
  private masterSecretValue?: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    this.props = props;

    // Defaults: the production shape. Multi-AZ, memory-optimised Graviton, two weeks of backups, 60 s Enhanced
    // Monitoring, a year of logs, every protection on. Dev relaxes these in config, never by accident.
    const name = props.name ?? "main";
    const engineVersion = props.engineVersion ?? "17";
    const instanceClass = props.instanceClass ?? "db.r7g.large";
    const multiAz = props.multiAz ?? true;
    const allocatedStorageGiB = props.allocatedStorageGiB ?? 100;
    const maxAllocatedStorageGiB = props.maxAllocatedStorageGiB ?? 1000;
    const databaseName = props.databaseName ?? "app";
    const masterUsername = props.masterUsername ?? "platform_admin";
    const port = props.port ?? 5432;
    const masterPassword = props.masterPassword ?? "write-only";
    const masterPasswordVersion = props.masterPasswordVersion ?? 1;
    const backupRetentionDays = props.backupRetentionDays ?? 14;
    const backupWindow = props.backupWindow ?? "02:00-03:00";
    const maintenanceWindow = props.maintenanceWindow ?? "sun:03:30-sun:04:30";
    const slowQueryThresholdMs = props.slowQueryThresholdMs ?? 500;
    const monitoringIntervalSeconds = props.monitoringIntervalSeconds ?? 60;
    const performanceInsightsRetentionDays = props.performanceInsightsRetentionDays ?? 7;
    const logRetentionDays = props.logRetentionDays ?? 365;
    const caCertificate = props.caCertificate ?? "rds-ca-rsa2048-g1";
    const applyImmediately = props.applyImmediately ?? false;
    const protection = resolveProtection(props.protection);
    const replicas = props.replicas ?? 0;

    this.identifier = joinName(props.namePrefix, "db", name);
    this.masterPassword = masterPassword;
    this.backupRetentionDays = backupRetentionDays;
    validatePostgresDatabase(this, props, this.identifier, {
      name,
      engineVersion,
      instanceClass,
      allocatedStorageGiB,
      maxAllocatedStorageGiB,
      databaseName,
      masterUsername,
      port,
      masterPasswordVersion,
      backupRetentionDays,
      backupWindow,
      maintenanceWindow,
      slowQueryThresholdMs,
      monitoringIntervalSeconds,
      performanceInsightsRetentionDays,
      logRetentionDays,
      caCertificate,
      replicas,
    });

    const identifier = this.identifier;
    this.port = port;
    this.databaseName = databaseName;
    this.masterUsername = masterUsername;
    this.keys =
      props.keys ??
      new DatabaseKeys(this, "Keys", {
        aliasPrefix: identifier,
        region: props.region,
        logGroupNames: [`/aws/rds/instance/${identifier}*`, `/aws/rds/proxy/${identifier}*`],
        preventDestroy: protection.preventDestroy,
      });
    const monitoringRole =
      props.monitoringRole ??
      new MonitoringRole(this, "MonitoringRole", { roleName: joinName(identifier, "monitoring", { maxLength: 64 }) })
        .grant;

    const { subnetGroup, securityGroup } = instanceNetwork(this, {
      identifier,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      port,
    });
    this.securityGroupId = securityGroup.id;

    const parameterGroup = createParameterGroup(this, identifier, engineVersion, slowQueryThresholdMs);

    const logGroups = createInstanceLogGroups(
      this,
      identifier,
      this.keys.logs.keyArn,
      logRetentionDays,
      protection.deletionProtection,
    );
    const credentials = masterCredentials(
      this,
      identifier,
      this.keys.secrets.keyArn,
      masterPassword,
      masterPasswordVersion,
      protection,
    );

    const tags = { ...(props.tags ?? {}) };
    this.primary = new DbInstance(this, "Resource", {
      identifier,
      engine: "postgres",
      engineVersion,
      allowMajorVersionUpgrade: true,
      autoMinorVersionUpgrade: true,
      engineLifecycleSupport: props.extendedSupport
        ? "open-source-rds-extended-support"
        : "open-source-rds-extended-support-disabled",
      instanceClass,
      multiAz,
      availabilityZone: multiAz ? undefined : props.availabilityZones[0],
      storageType: "gp3",
      allocatedStorage: allocatedStorageGiB,
      maxAllocatedStorage: maxAllocatedStorageGiB,
      storageEncrypted: true,
      kmsKeyId: this.keys.storage.keyArn,
      dbName: databaseName,
      username: masterUsername,
      port,
      ...credentials.instance,
      iamDatabaseAuthenticationEnabled: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: parameterGroup.name,
      caCertIdentifier: caCertificate,
      backupRetentionPeriod: backupRetentionDays,
      backupWindow,
      maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: !protection.finalSnapshot,
      deletionProtection: protection.deletionProtection,
      skipFinalSnapshot: !protection.finalSnapshot,
      finalSnapshotIdentifier: protection.finalSnapshot ? `${identifier}-final` : undefined,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.keys.storage.keyArn,
      performanceInsightsRetentionPeriod: performanceInsightsRetentionDays,
      monitoringInterval: monitoringIntervalSeconds,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      applyImmediately,
      lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
      tags: { ...tags, Name: identifier, Role: "primary" },
      // RDS checks the monitoring role's permissions at creation: its policy attachment first.
      dependsOn: [...logGroups, ...monitoringRole.attachments],
    });
    this.writerAddress = this.primary.address;
    const masterSecret = credentials.finish(this.primary);
    this.masterSecretArn = masterSecret.secretArn;
    this.masterSecretValue = masterSecret.secretValue;
    this.metrics = primaryMetrics(identifier);

    this.settings = {
      identifier,
      engineVersion,
      instanceClass,
      port,
      availabilityZones: props.availabilityZones,
      maxAllocatedStorageGiB,
      maintenanceWindow,
      monitoringIntervalSeconds,
      performanceInsightsRetentionDays,
      logRetentionDays,
      caCertificate,
      applyImmediately,
      protection,
      keys: this.keys,
      monitoringRole,
      securityGroupId: securityGroup.id,
      parameterGroupName: parameterGroup.name,
      tags,
    };

    for (let index = 0; index < replicas; index++) {
      this.addReadReplica(`Replica${index + 1}`, { instanceClass: props.replicaInstanceClass });
    }
    if (props.proxy) {
      this.addProxy("Proxy", props.proxy);
    }
  }

  /** The read replicas, in the order they were added. */
  public get replicas(): readonly ReadReplica[] {
    return [...this.replicaList];
  }

  /** Host names of the replicas, for read-only connections. */
  public get readerAddresses(): string[] {
    return this.replicaList.map((replica) => replica.address);
  }

  /** The proxy, when there is one. */
  public get proxy(): DatabaseProxy | undefined {
    return this.databaseProxy;
  }

  /**
   * Adds a read replica named `<identifier>-replica-<n>`. Without an explicit zone, replicas take the zones in
   * turn, starting with the one after the primary's.
   */
  public addReadReplica(id: string, options: ReadReplicaOptions = {}): ReadReplica {
    const number = this.replicaList.length + 1;
    validateReadReplica(this, number, this.backupRetentionDays, this.masterPassword);
    const zones = this.settings.availabilityZones;
    const replica = new ReadReplica(this, id, {
      source: this,
      identifier: `${this.identifier}-replica-${number}`,
      instanceClass: options.instanceClass,
      availabilityZone: options.availabilityZone ?? zones[number % zones.length],
    });
    this.replicaList.push(replica);
    return replica;
  }

  /** Puts an RDS Proxy in front of the primary; the security groups granted so far may use it too. */
  public addProxy(id: string, options: DatabaseProxyOptions = {}): DatabaseProxy {
    if (this.databaseProxy) {
      throw new ValidationError(`proxy: the database already has a proxy (${this.databaseProxy.node.id})`, this);
    }
    const proxy = new DatabaseProxy(this, id, {
      ...options,
      name: `${this.identifier}-proxy`,
      region: this.props.region,
      vpcId: this.props.vpcId,
      subnetIds: this.props.subnetIds,
      targetInstanceIdentifier: this.primary.identifier,
      databaseSecurityGroupId: this.securityGroupId,
      port: this.port,
      secretArn: this.masterSecretArn,
      secretKeyArn: this.keys.secrets.keyArn,
      logsKeyArn: this.keys.logs.keyArn,
      logRetentionDays: this.settings.logRetentionDays,
      logDeletionProtection: this.settings.protection.deletionProtection,
      dependsOn: this.masterSecretValue ? [this.masterSecretValue] : [],
    });
    this.databaseProxy = proxy;
    for (const grant of this.grants) {
      proxy.allowFrom(grant.id, grant.securityGroupId, grant.description);
    }
    return proxy;
  }

  /**
   * Lets a security group connect on the PostgreSQL port: to the primary and replicas, and to the proxy when there
   * is one. `id` names the grant (its rules' construct ids), e.g. `EksNodes`.
   */
  public allowFrom(id: string, securityGroupId: string, description = `PostgreSQL from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.port,
      description,
    });
    this.grants.push({ id, securityGroupId, description });
    this.databaseProxy?.allowFrom(id, securityGroupId, description);
  }

  /**
   * `rds-db:connect` resources for IAM authentication of `user` on the primary, every replica and the proxy: what
   * a service's role needs to log in as that database user.
   */
  public iamConnectArns(user: string): string[] {
    return [
      this.dbUserArn(this.primary.resourceId, user),
      ...this.readerConnectArns(user, false),
      ...(this.databaseProxy ? [this.databaseProxy.connectArn(user)] : []),
    ];
  }

  /**
   * `rds-db:connect` resources for a reader: every replica, or the primary when there is none (then the database
   * user's grants are what keeps it read-only).
   */
  public readerConnectArns(user: string, primaryWithoutReplicas = true): string[] {
    const replicas = this.replicaList.map((replica) => this.dbUserArn(replica.instance.resourceId, user));
    return replicas.length > 0 || !primaryWithoutReplicas ? replicas : [this.dbUserArn(this.primary.resourceId, user)];
  }

  /** Where clients connect: the instances' security group, and the proxy's when there is one. */
  public get ingressPoints(): IngressPoint[] {
    return [
      { name: "Instances", securityGroupId: this.securityGroupId, port: this.port },
      ...(this.databaseProxy
        ? [{ name: "Proxy", securityGroupId: this.databaseProxy.securityGroupId, port: this.port }]
        : []),
    ];
  }

  private dbUserArn(resourceId: string, user: string): string {
    const context = awsContext(this);
    return `arn:${context.partition}:rds-db:${this.props.region}:${context.accountId}:dbuser:${resourceId}/${user}`;
  }
}
