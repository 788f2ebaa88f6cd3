import { z } from "zod";
import { checkInstanceType, RDS_INSTANCE_CLASSES } from "../../constructs/core/instance-types";
import { windowsOverlap } from "../../constructs/core/windows";
import {
  BACKUP_RETENTION_RANGE,
  CA_CERTIFICATES,
  INSTANCE_CLASS_EXPECTATION,
  MASTER_PASSWORD_MODES,
  MAX_PASSWORD_VERSION,
  MAX_READ_REPLICAS,
  MAX_SHARDS,
  minimumMaxAllocatedStorage,
  MONITORING_INTERVALS,
  PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  POSTGRES_MAJOR_VERSIONS,
  POSTGRES_NAME,
  PROXY_LIMITS,
  RESERVED_USERNAMES,
  STORAGE_RANGE_GIB,
} from "../../constructs/database/options";
import { SSM_ADVANCED_LIMIT, shardIdentifiers, shardMapSize } from "../../constructs/database/shard-map";
import { checkBackupWindow, checkMaintenanceWindow } from "../../constructs/database/windows";
import { show } from "../../constructs/core/errors";
import { namePrefix } from "../../constructs/core/naming";
import { allowed, checked, oneOf, pattern, section, wholeNumber } from "./schema-helpers";
import { type ConfigContext, logRetentionDays } from "./shared-schema";

/** The database's part of an environment's config: the sharded PostgreSQL instances, their replicas and proxies. */

const instanceClass = checked(
  (name) => checkInstanceType(RDS_INSTANCE_CLASSES, "an RDS for PostgreSQL instance class", name),
  INSTANCE_CLASS_EXPECTATION,
);
const postgresName = pattern(POSTGRES_NAME, "1 to 63 lower-case letters, digits or _, starting with a letter");

export const databaseSchema = section({
  /** PostgreSQL major version; minor versions arrive through automatic minor version upgrades. */
  engineVersion: oneOf(POSTGRES_MAJOR_VERSIONS, " (the major version only; minor upgrades are automatic)"),
  /** Instance class of each shard's primary. */
  instanceClass,
  /** Instance class of the read replicas. @default the primary's instanceClass */
  replicaInstanceClass: instanceClass.optional(),
  /** A synchronous standby in a second AZ with automatic failover. Required in production. */
  multiAz: z.boolean({ error: allowed("true or false") }),
  /** Read replicas per shard, 0 to 15. */
  replicas: wholeNumber(0, MAX_READ_REPLICAS),
  /** Number of shards, each a primary with its replicas (and proxy). */
  shards: wholeNumber(1, MAX_SHARDS),
  /** gp3 storage allocated at creation, in GiB. */
  allocatedStorageGiB: wholeNumber(STORAGE_RANGE_GIB.min, STORAGE_RANGE_GIB.max),
  /** Upper bound of storage autoscaling, in GiB; at least 10% above allocatedStorageGiB. */
  maxAllocatedStorageGiB: wholeNumber(STORAGE_RANGE_GIB.min, STORAGE_RANGE_GIB.max),
  /** The database created in each primary. */
  databaseName: postgresName,
  /** The master user; its password never appears in code, plan, output or state. */
  masterUsername: postgresName.refine((name) => !(RESERVED_USERNAMES as readonly string[]).includes(name), {
    error: (issue) => `${show(issue.input)} is reserved by RDS; expected another name`,
  }),
  /**
   * How the master password is kept: "write-only" (generated during apply, written to a Secrets Manager secret and
   * the instance through write-only arguments; works with replicas) or "rds-managed" (RDS manages and rotates it;
   * RDS then refuses to create read replicas).
   */
  masterPassword: oneOf(MASTER_PASSWORD_MODES),
  /** Raise to rotate a write-only master password on the next apply. */
  masterPasswordVersion: wholeNumber(1, MAX_PASSWORD_VERSION),
  /** Days of automated backups, 0 to 35 (at least 7 in production; replicas need at least 1). */
  backupRetentionDays: wholeNumber(BACKUP_RETENTION_RANGE.min, BACKUP_RETENTION_RANGE.max),
  /** Daily backup window, UTC. */
  backupWindow: checked(checkBackupWindow, "a daily UTC window hh:mm-hh:mm"),
  /** Weekly maintenance window, UTC; must not overlap the backup window. */
  maintenanceWindow: checked(checkMaintenanceWindow, "a weekly UTC window ddd:hh:mm-ddd:hh:mm"),
  /** Statements slower than this many milliseconds are logged. */
  slowQueryThresholdMs: wholeNumber(0, 3_600_000),
  /** Enhanced Monitoring interval, seconds. */
  monitoringIntervalSeconds: oneOf(MONITORING_INTERVALS),
  /** Performance Insights retention: 7 days (free), a multiple of 31 up to 713, or 731. */
  performanceInsightsRetentionDays: z.literal(PERFORMANCE_INSIGHTS_RETENTION_DAYS, {
    error: allowed("7, a multiple of 31 up to 713, or 731"),
  }),
  /** Retention of the exported PostgreSQL logs and the proxy logs. */
  logRetentionDays,
  /** Certificate authority of the server certificates. */
  caCertificate: oneOf(CA_CERTIFICATES),
  /** Apply changes at once instead of in the maintenance window. */
  applyImmediately: z.boolean({ error: allowed("true or false") }),
  /** RDS Proxy in front of each shard's primary: connection pooling, TLS and IAM authentication required. */
  proxy: section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** Share of max_connections the proxy may open, percent. */
    maxConnectionsPercent: wholeNumber(PROXY_LIMITS.maxConnectionsPercent.min, PROXY_LIMITS.maxConnectionsPercent.max),
    /** Share of max_connections kept open while idle, percent; at most maxConnectionsPercent. */
    maxIdleConnectionsPercent: wholeNumber(0, 100),
    /** Seconds an idle client connection is kept. */
    idleClientTimeoutSeconds: wholeNumber(
      PROXY_LIMITS.idleClientTimeoutSeconds.min,
      PROXY_LIMITS.idleClientTimeoutSeconds.max,
    ),
    /** Seconds a client waits for a pooled connection. */
    connectionBorrowTimeoutSeconds: wholeNumber(
      PROXY_LIMITS.connectionBorrowTimeoutSeconds.min,
      PROXY_LIMITS.connectionBorrowTimeoutSeconds.max,
    ),
  }),
});

/** The parts of a parsed environment the database rules read. */
interface DatabaseView {
  readonly project: string;
  readonly environment: string;
  readonly aws: { readonly region: string };
  readonly database: z.output<typeof databaseSchema>;
}

/** Rules between database settings. */
export function checkDatabase(config: DatabaseView, ctx: ConfigContext): void {
  const database = config.database;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["database", ...path], input, message: `${show(input)} ${message}` });

  const minimumMax = minimumMaxAllocatedStorage(database.allocatedStorageGiB);
  if (database.maxAllocatedStorageGiB < minimumMax) {
    issue(
      ["maxAllocatedStorageGiB"],
      database.maxAllocatedStorageGiB,
      `is below database.allocatedStorageGiB (${database.allocatedStorageGiB}) plus 10%; expected at least ${minimumMax} so that storage can autoscale`,
    );
  }
  if (database.replicas > 0 && database.backupRetentionDays === 0) {
    issue(
      ["backupRetentionDays"],
      0,
      `does not allow read replicas (database.replicas is ${database.replicas}); expected at least 1`,
    );
  }
  if (database.replicas > 0 && database.masterPassword === "rds-managed") {
    issue(
      ["masterPassword"],
      database.masterPassword,
      `does not allow read replicas (database.replicas is ${database.replicas}): RDS does not replicate a source whose master password it manages; expected "write-only" or replicas 0`,
    );
  }
  if (windowsOverlap(database.backupWindow, database.maintenanceWindow)) {
    issue(
      ["maintenanceWindow"],
      database.maintenanceWindow,
      `overlaps database.backupWindow ${show(database.backupWindow)}; expected windows that do not overlap`,
    );
  }
  if (database.proxy.maxIdleConnectionsPercent > database.proxy.maxConnectionsPercent) {
    issue(
      ["proxy", "maxIdleConnectionsPercent"],
      database.proxy.maxIdleConnectionsPercent,
      `is above database.proxy.maxConnectionsPercent (${database.proxy.maxConnectionsPercent}); expected at most that`,
    );
  }
  const size = shardMapSize({
    shardIdentifiers: shardIdentifiers(namePrefix(config.project, config.environment), database.shards),
    replicasPerShard: database.replicas,
    proxy: database.proxy.enabled,
    region: config.aws.region,
    port: 5432,
    databaseName: database.databaseName,
  });
  if (size > SSM_ADVANCED_LIMIT) {
    issue(
      ["shards"],
      database.shards,
      `shards with ${database.replicas} replicas each make a shard map of about ${size} bytes; expected at most ${SSM_ADVANCED_LIMIT} bytes (the SSM parameter limit), so fewer shards or replicas`,
    );
  }
}
