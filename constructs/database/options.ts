/**
 * The limits and choices of the PostgreSQL tier, in one place: the constructs validate their props against them and
 * the config schema validates settings against them, so both say the same thing.
 */

/**
 * PostgreSQL major versions the platform supports; minor versions arrive through automatic minor upgrades. Both are
 * in the Amazon RDS for PostgreSQL release notes ("Supported PostgreSQL versions"); 18 is available on RDS too and
 * can be added once its postgres18 parameter group family is confirmed.
 */
export const POSTGRES_MAJOR_VERSIONS = ["16", "17"] as const;
export type PostgresMajorVersion = (typeof POSTGRES_MAJOR_VERSIONS)[number];

/** Read replicas RDS allows per source instance in one region. */
export const MAX_READ_REPLICAS = 15;

/** Shards the platform supports (each is a primary with its replicas). */
export const MAX_SHARDS = 16;

/** Automated backup retention RDS accepts, in days. */
export const BACKUP_RETENTION_RANGE = { min: 0, max: 35 } as const;

/** The least backup retention a production environment may have. */
export const MIN_PRODUCTION_BACKUP_RETENTION_DAYS = 7;

/** gp3 storage RDS accepts for PostgreSQL, in GiB. */
export const STORAGE_RANGE_GIB = { min: 20, max: 65536 } as const;

/** Enhanced Monitoring intervals RDS accepts, in seconds. */
export const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60] as const;

/** Performance Insights retention: 7 days (free tier), a multiple of 31 up to 713, or 731. */
export const PERFORMANCE_INSIGHTS_RETENTION_DAYS = [
  7,
  ...Array.from({ length: 23 }, (_, index) => 31 * (index + 1)),
  731,
] as const;

/** Certificate authorities RDS signs server certificates with (all current, 2061+ expiry). */
export const CA_CERTIFICATES = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const;
export type CaCertificate = (typeof CA_CERTIFICATES)[number];

/**
 * How the master user's password is created and kept, never in code, plan, output or state:
 * - `write-only`: Secrets Manager generates it during apply (an ephemeral value); it is written to a Secrets Manager
 *   secret of this construct and to the instance through write-only arguments. Works with read replicas. Rotate by
 *   raising the password version.
 * - `rds-managed`: RDS generates, stores and rotates it in Secrets Manager (`manage_master_user_password`). RDS does
 *   not create read replicas of such a source (all engines except SQL Server), so only without replicas.
 */
export const MASTER_PASSWORD_MODES = ["write-only", "rds-managed"] as const;
export type MasterPasswordMode = (typeof MASTER_PASSWORD_MODES)[number];

/** Highest write-only password version (a counter raised to rotate). */
export const MAX_PASSWORD_VERSION = 1_000_000;

/** Limits of the RDS Proxy connection pool settings. */
export const PROXY_LIMITS = {
  maxConnectionsPercent: { min: 1, max: 100 },
  idleClientTimeoutSeconds: { min: 1, max: 28800 },
  connectionBorrowTimeoutSeconds: { min: 1, max: 3600 },
} as const;

/** `db.<family>.<size>`, e.g. db.r7g.large or db.t4g.micro. */
export const INSTANCE_CLASS = /^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** What an instance class must look like, for error messages. */
export const INSTANCE_CLASS_EXPECTATION = "an RDS instance class of the form db.<family>.<size>, such as db.r7g.large";

/** PostgreSQL identifiers RDS accepts as database names and master user names. */
export const POSTGRES_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Names RDS reserves for itself; none may be the master user. */
export const RESERVED_USERNAMES = ["rdsadmin", "rdsrepladmin", "rds_superuser", "rds_replication", "rds_iam"] as const;

/**
 * The smallest `max_allocated_storage` that turns storage autoscaling on for `allocated` GiB: RDS wants the
 * threshold at least 10% above the allocated storage.
 */
export function minimumMaxAllocatedStorage(allocated: number): number {
  return Math.ceil((allocated * 11) / 10);
}
