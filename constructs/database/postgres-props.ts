import type { DataProtection } from "../core/protection";
import type { RoleGrant } from "../core/service-role";
import type { DatabaseKeys } from "./database-keys";
import type { DatabaseProxyOptions } from "./database-proxy";
import type { CaCertificate, MasterPasswordMode, PostgresMajorVersion } from "./options";

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

/** The settings of a database with their defaults resolved, as `validatePostgresDatabase` checks them. */
export interface ResolvedPostgresSettings {
  readonly name: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly port: number;
  readonly masterPasswordVersion: number;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly slowQueryThresholdMs: number;
  readonly monitoringIntervalSeconds: number;
  readonly performanceInsightsRetentionDays: number;
  readonly logRetentionDays: number;
  readonly caCertificate: string;
  readonly replicas: number;
}
