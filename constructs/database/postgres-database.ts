import { DbInstance, type DbInstanceConfig } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { awsContext } from "../core/aws-context";
import { type DataProtection, resolveProtection } from "../core/protection";
import { RandomPassword } from "../core/ephemeral-resource";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import { DatabaseKeys } from "./database-keys";
import { DatabaseProxy, type DatabaseProxyOptions } from "./database-proxy";
import { createInstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./instance-logs";
import { type InstanceMetrics, primaryMetrics } from "./metrics";
import type { RoleGrant } from "../core/service-role";
import { MonitoringRole } from "./monitoring-role";
import {
  BACKUP_RETENTION_RANGE,
  CA_CERTIFICATES,
  type CaCertificate,
  INSTANCE_CLASS,
  INSTANCE_CLASS_EXPECTATION,
  MASTER_PASSWORD_MODES,
  type MasterPasswordMode,
  MAX_READ_REPLICAS,
  minimumMaxAllocatedStorage,
  MONITORING_INTERVALS,
  PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  POSTGRES_MAJOR_VERSIONS,
  POSTGRES_NAME,
  type PostgresMajorVersion,
  MAX_PASSWORD_VERSION,
  RESERVED_USERNAMES,
  STORAGE_RANGE_GIB,
} from "./options";
import type { PostgresSettings } from "./postgres-settings";
import { ReadReplica, type ReadReplicaOptions } from "./read-replica";

export type { PostgresSettings } from "./postgres-settings";
import { checkBackupWindow, checkMaintenanceWindow, windowsOverlap } from "./windows";

/** What keeps a database and its data from being destroyed by a plan. */
export type DatabaseProtection = DataProtection;

export interface PostgresDatabaseProps {
  /** Prefix of every name, `<project>-<environment>`. */
  readonly namePrefix: string;
  /**
   * Name of this database within the environment; the primary's identifier is `<namePrefix>-db-<name>`.
   *
   * @default "main"
   */
  readonly name?: string;
  /** Region of the stack's provider. */
  readonly region: string;
  readonly vpcId: string;
  /** Isolated data subnets, one per availability zone (at least two). */
  readonly subnetIds: readonly string[];
  /** Availability zones of those subnets, in the same order; replicas are spread over them. */
  readonly availabilityZones: readonly string[];
  /**
   * PostgreSQL major version. Only the major is pinned: minor versions arrive through automatic minor version
   * upgrades, and Terraform does not fight them.
   *
   * @default "17"
   */
  readonly engineVersion?: PostgresMajorVersion;
  /**
   * Instance class of the primary.
   *
   * @default "db.r7g.large"
   */
  readonly instanceClass?: string;
  /**
   * Synchronous standby in a second AZ with automatic failover.
   *
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * gp3 storage allocated at creation, in GiB.
   *
   * @default 100
   */
  readonly allocatedStorageGiB?: number;
  /**
   * Upper bound of storage autoscaling, in GiB; at least 10% above `allocatedStorageGiB`.
   *
   * @default 1000
   */
  readonly maxAllocatedStorageGiB?: number;
  /**
   * Name of the database created in the instance.
   *
   * @default "app"
   */
  readonly databaseName?: string;
  /**
   * Master user name.
   *
   * @default "platform_admin"
   */
  readonly masterUsername?: string;
  /**
   * PostgreSQL port.
   *
   * @default 5432
   */
  readonly port?: number;
  /**
   * How the master password is created and kept; see `MASTER_PASSWORD_MODES`.
   *
   * @default "write-only"
   */
  readonly masterPassword?: MasterPasswordMode;
  /**
   * Version of the write-only master password, the one rotation input: raising it makes the next apply generate a
   * new password and write the same value to the instance and the secret. Raise it too when they may have diverged
   * (an apply that failed between the two). A replaced primary gets a new password and the secret follows it by
   * itself. Ignored with `rds-managed`, which rotates by itself.
   *
   * @default 1
   */
  readonly masterPasswordVersion?: number;
  /**
   * Days of automated backups (point-in-time recovery), 0 to 35; replicas need at least 1.
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
   * Statements running longer than this are logged (`log_min_duration_statement`), in milliseconds.
   *
   * @default 500
   */
  readonly slowQueryThresholdMs?: number;
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
   * Retention of the exported PostgreSQL logs and the proxy logs, in days.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
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
   * Stay on the major version after its end of standard support, with RDS Extended Support charges. Off: RDS
   * upgrades the major version at the end of standard support instead.
   *
   * @default false
   */
  readonly extendedSupport?: boolean;
  /** @default - all protections on */
  readonly protection?: DatabaseProtection;
  /**
   * Number of read replicas, 0 to 15.
   *
   * @default 0
   */
  readonly replicas?: number;
  /**
   * Instance class of the replicas.
   *
   * @default - the primary's instance class
   */
  readonly replicaInstanceClass?: string;
  /**
   * An RDS Proxy in front of the primary.
   *
   * @default - no proxy
   */
  readonly proxy?: DatabaseProxyOptions;
  /**
   * Keys to encrypt with, e.g. shared by the shards of one environment.
   *
   * @default - the database's own keys
   */
  readonly keys?: DatabaseKeys;
  /**
   * Role Enhanced Monitoring publishes with, and its policy attachments (the instances wait for them).
   *
   * @default - the database's own role
   */
  readonly monitoringRole?: RoleGrant;
  /**
   * Tags for the instances, on top of the provider's default tags.
   *
   * @default - only Name and Role
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Longest primary identifier: leaves room for `-replica-15` and `-proxy` within RDS's 63 characters. */
const MAX_IDENTIFIER_LENGTH = 52;

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
    this.validate({
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

    const subnetGroup = new DbSubnetGroup(this, "SubnetGroup", {
      name: identifier,
      description: `Data subnets of ${identifier}`,
      subnetIds: [...props.subnetIds],
      tags: { Name: identifier },
    });
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: identifier,
      description: `PostgreSQL ${identifier}: port ${port} from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: identifier },
    });
    this.securityGroupId = securityGroup.id;

    const parameterGroup = new DbParameterGroup(this, "ParameterGroup", {
      namePrefix: `${identifier}-postgres${engineVersion}-`,
      family: `postgres${engineVersion}`,
      description: `PostgreSQL ${engineVersion} parameters of ${identifier}`,
      parameter: [
        // In transit: refuse unencrypted connections and anything older than TLS 1.2.
        { name: "rds.force_ssl", value: "1" },
        { name: "ssl_min_protocol_version", value: "TLSv1.2" },
        // Query statistics for finding the statements that load the database.
        { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
        { name: "pg_stat_statements.track", value: "top" },
        // Slow statements, schema changes and lock waits in the exported postgresql log.
        { name: "log_min_duration_statement", value: String(slowQueryThresholdMs) },
        { name: "log_statement", value: "ddl" },
        { name: "log_lock_waits", value: "1" },
      ],
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: identifier },
    });

    const logGroups = createInstanceLogGroups(
      this,
      identifier,
      this.keys.logs.keyArn,
      logRetentionDays,
      protection.deletionProtection,
    );
    const credentials = this.credentials(masterPassword, masterPasswordVersion, protection);

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
    this.masterSecretArn = credentials.finish(this.primary);
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
    if (number > MAX_READ_REPLICAS) {
      throw new ValidationError(
        `replicas: ${number} is above the maximum of ${MAX_READ_REPLICAS} read replicas per primary`,
        this,
      );
    }
    if (this.backupRetentionDays === 0) {
      throw new ValidationError(
        `backupRetentionDays: 0 does not allow read replicas; expected at least 1 (RDS replicates from backups)`,
        this,
      );
    }
    if (this.masterPassword === "rds-managed") {
      throw new ValidationError(
        `masterPassword: "rds-managed" does not allow read replicas (RDS does not replicate a source whose master password it manages); expected "write-only" or no replicas`,
        this,
      );
    }
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

  /**
   * The instance arguments of the chosen password mode, and a `finish` step that returns the ARN of the secret
   * with the credentials once the primary exists.
   */
  private credentials(
    mode: MasterPasswordMode,
    version: number,
    protection: Required<DatabaseProtection>,
  ): { instance: Partial<DbInstanceConfig>; finish: (primary: DbInstance) => string } {
    if (mode === "rds-managed") {
      return {
        instance: { manageMasterUserPassword: true, masterUserSecretKmsKeyId: this.keys.secrets.keyArn },
        finish: (primary) => primary.masterUserSecret.get(0).secretArn,
      };
    }
    // Generated during apply by Secrets Manager; reaches the instance and the secret only through write-only
    // arguments, so neither the plan nor the state ever holds it.
    const password = new RandomPassword(this, "MasterPassword");
    const secret = new SecretsmanagerSecret(this, "MasterSecret", {
      name: `${this.identifier}/master`,
      description: `Master credentials of ${this.identifier} (written by Terraform through write-only arguments)`,
      kmsKeyId: this.keys.secrets.keyArn,
      // Unprotected databases may be torn down and rebuilt: a secret in its recovery window would keep its name
      // taken and fail the next apply, so it goes at once.
      recoveryWindowInDays: protection.preventDestroy ? 30 : 0,
      lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
      tags: { Name: `${this.identifier}/master` },
    });
    return {
      instance: { passwordWo: password.value, passwordWoVersion: version },
      finish: (primary) => {
        this.masterSecretValue = new SecretsmanagerSecretVersion(this, "MasterSecretValue", {
          secretId: secret.id,
          secretStringWo: Fn.jsonencode({
            engine: "postgres",
            host: primary.address,
            port: primary.port,
            dbname: primary.dbName,
            dbInstanceIdentifier: primary.identifier,
            username: primary.username,
            password: password.value,
          }),
          secretStringWoVersion: version,
          // A new primary (a replacement) is created with this run's password: write it to the secret in the same
          // run. On the instance's id, not the whole instance: an in-place update sends no password, so it must not
          // rewrite the secret.
          lifecycle: { replaceTriggeredBy: [`${primary.terraformResourceType}.${primary.friendlyUniqueId}.id`] },
        });
        return secret.arn;
      },
    };
  }

  private validate(settings: {
    name: string;
    engineVersion: string;
    instanceClass: string;
    allocatedStorageGiB: number;
    maxAllocatedStorageGiB: number;
    databaseName: string;
    masterUsername: string;
    port: number;
    masterPasswordVersion: number;
    backupRetentionDays: number;
    backupWindow: string;
    maintenanceWindow: string;
    slowQueryThresholdMs: number;
    monitoringIntervalSeconds: number;
    performanceInsightsRetentionDays: number;
    logRetentionDays: number;
    caCertificate: string;
    replicas: number;
  }): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    const whole = (setting: string, value: number, min: number, max: number) =>
      requireWholeNumber(this, setting, value, min, max);
    const oneOf = (setting: string, value: unknown, allowed: readonly unknown[]) =>
      requireOneOf(this, setting, value, allowed);

    if (!/^[a-z][a-z0-9-]{1,40}$/.test(this.props.namePrefix)) {
      fail(
        `namePrefix: ${show(this.props.namePrefix)} is not allowed; expected lower-case letters, digits and hyphens`,
      );
    }
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(settings.name)) {
      fail(`name: ${show(settings.name)} is not allowed; expected lower-case words joined by single hyphens`);
    }
    if (this.identifier.length > MAX_IDENTIFIER_LENGTH) {
      fail(
        `name: the identifier ${show(this.identifier)} has ${this.identifier.length} characters; expected at most ${MAX_IDENTIFIER_LENGTH} (room for -replica-15 and -proxy)`,
      );
    }
    oneOf("engineVersion", settings.engineVersion, POSTGRES_MAJOR_VERSIONS);
    if (!INSTANCE_CLASS.test(settings.instanceClass)) {
      fail(`instanceClass: ${show(settings.instanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`);
    }
    if (this.props.replicaInstanceClass !== undefined && !INSTANCE_CLASS.test(this.props.replicaInstanceClass)) {
      fail(
        `replicaInstanceClass: ${show(this.props.replicaInstanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`,
      );
    }
    whole("replicas", settings.replicas, 0, MAX_READ_REPLICAS);
    whole("allocatedStorageGiB", settings.allocatedStorageGiB, STORAGE_RANGE_GIB.min, STORAGE_RANGE_GIB.max);
    const minimumMax = minimumMaxAllocatedStorage(settings.allocatedStorageGiB);
    if (settings.maxAllocatedStorageGiB < minimumMax || settings.maxAllocatedStorageGiB > STORAGE_RANGE_GIB.max) {
      fail(
        `maxAllocatedStorageGiB: ${settings.maxAllocatedStorageGiB} is not allowed; expected ${minimumMax} (10% above allocatedStorageGiB ${settings.allocatedStorageGiB}) to ${STORAGE_RANGE_GIB.max}`,
      );
    }
    for (const [setting, value] of [
      ["databaseName", settings.databaseName],
      ["masterUsername", settings.masterUsername],
    ] as const) {
      if (!POSTGRES_NAME.test(value)) {
        fail(
          `${setting}: ${show(value)} is not allowed; expected 1 to 63 lower-case letters, digits or _, starting with a letter`,
        );
      }
    }
    if ((RESERVED_USERNAMES as readonly string[]).includes(settings.masterUsername)) {
      fail(`masterUsername: ${show(settings.masterUsername)} is reserved by RDS; expected another name`);
    }
    whole("port", settings.port, 1150, 65535);
    oneOf("masterPassword", this.props.masterPassword ?? "write-only", MASTER_PASSWORD_MODES);
    whole("masterPasswordVersion", settings.masterPasswordVersion, 1, MAX_PASSWORD_VERSION);
    whole("backupRetentionDays", settings.backupRetentionDays, BACKUP_RETENTION_RANGE.min, BACKUP_RETENTION_RANGE.max);
    const backupProblem = checkBackupWindow(settings.backupWindow);
    if (backupProblem) {
      fail(`backupWindow: ${show(settings.backupWindow)} ${backupProblem}`);
    }
    const maintenanceProblem = checkMaintenanceWindow(settings.maintenanceWindow);
    if (maintenanceProblem) {
      fail(`maintenanceWindow: ${show(settings.maintenanceWindow)} ${maintenanceProblem}`);
    }
    if (windowsOverlap(settings.backupWindow, settings.maintenanceWindow)) {
      fail(
        `maintenanceWindow: ${show(settings.maintenanceWindow)} overlaps the backup window ${show(settings.backupWindow)}; expected windows that do not overlap`,
      );
    }
    whole("slowQueryThresholdMs", settings.slowQueryThresholdMs, 0, 3_600_000);
    oneOf("monitoringIntervalSeconds", settings.monitoringIntervalSeconds, MONITORING_INTERVALS);
    if (
      !(PERFORMANCE_INSIGHTS_RETENTION_DAYS as readonly number[]).includes(settings.performanceInsightsRetentionDays)
    ) {
      fail(
        `performanceInsightsRetentionDays: ${settings.performanceInsightsRetentionDays} is not allowed; expected 7, a multiple of 31 up to 713, or 731`,
      );
    }
    requireLogRetentionDays(this, "logRetentionDays", settings.logRetentionDays);
    oneOf("caCertificate", settings.caCertificate, CA_CERTIFICATES);
    if (this.props.subnetIds.length < 2) {
      fail(`subnetIds: ${this.props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
    }
    if (this.props.availabilityZones.length === 0) {
      fail("availabilityZones: none given; expected the zones of the subnets");
    }
  }
}
