import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import {
  BACKUP_RETENTION_RANGE,
  CA_CERTIFICATES,
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
  MAX_PASSWORD_VERSION,
  RESERVED_USERNAMES,
  STORAGE_RANGE_GIB,
} from "./options";
import type { PostgresDatabaseProps, ResolvedPostgresSettings } from "./postgres-props";
import { windowProblems } from "./windows";

/** Longest primary identifier: leaves room for `-replica-15` and `-proxy` within RDS's 63 characters. */
const MAX_IDENTIFIER_LENGTH = 52;

/**
 * Checks the props of the database `scope`, whose primary is named `identifier`, with their defaults resolved, before
 * any resource exists.
 */
export function validatePostgresDatabase(
  scope: Construct,
  props: PostgresDatabaseProps,
  identifier: string,
  settings: ResolvedPostgresSettings,
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const whole = (setting: string, value: number, min: number, max: number) =>
    requireWholeNumber(scope, setting, value, min, max);
  const oneOf = (setting: string, value: unknown, allowed: readonly unknown[]) =>
    requireOneOf(scope, setting, value, allowed);

  if (!/^[a-z][a-z0-9-]{1,40}$/.test(props.namePrefix)) {
    fail(`namePrefix: ${show(props.namePrefix)} is not allowed; expected lower-case letters, digits and hyphens`);
  }
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(settings.name)) {
    fail(`name: ${show(settings.name)} is not allowed; expected lower-case words joined by single hyphens`);
  }
  if (identifier.length > MAX_IDENTIFIER_LENGTH) {
    fail(
      `name: the identifier ${show(identifier)} has ${identifier.length} characters; expected at most ${MAX_IDENTIFIER_LENGTH} (room for -replica-15 and -proxy)`,
    );
  }
  oneOf("engineVersion", settings.engineVersion, POSTGRES_MAJOR_VERSIONS);
  if (!INSTANCE_CLASS.test(settings.instanceClass)) {
    fail(`instanceClass: ${show(settings.instanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`);
  }
  if (props.replicaInstanceClass !== undefined && !INSTANCE_CLASS.test(props.replicaInstanceClass)) {
    fail(
      `replicaInstanceClass: ${show(props.replicaInstanceClass)} is not allowed; expected ${INSTANCE_CLASS_EXPECTATION}`,
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
  oneOf("masterPassword", props.masterPassword ?? "write-only", MASTER_PASSWORD_MODES);
  whole("masterPasswordVersion", settings.masterPasswordVersion, 1, MAX_PASSWORD_VERSION);
  whole("backupRetentionDays", settings.backupRetentionDays, BACKUP_RETENTION_RANGE.min, BACKUP_RETENTION_RANGE.max);
  windowProblems(settings.backupWindow, settings.maintenanceWindow).forEach(fail);
  whole("slowQueryThresholdMs", settings.slowQueryThresholdMs, 0, 3_600_000);
  oneOf("monitoringIntervalSeconds", settings.monitoringIntervalSeconds, MONITORING_INTERVALS);
  if (!(PERFORMANCE_INSIGHTS_RETENTION_DAYS as readonly number[]).includes(settings.performanceInsightsRetentionDays)) {
    fail(
      `performanceInsightsRetentionDays: ${settings.performanceInsightsRetentionDays} is not allowed; expected 7, a multiple of 31 up to 713, or 731`,
    );
  }
  requireLogRetentionDays(scope, "logRetentionDays", settings.logRetentionDays);
  oneOf("caCertificate", settings.caCertificate, CA_CERTIFICATES);
  if (props.subnetIds.length < 2) {
    fail(`subnetIds: ${props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
  }
  if (props.availabilityZones.length === 0) {
    fail("availabilityZones: none given; expected the zones of the subnets");
  }
}

/**
 * Checks that the database `scope` may take its read replica number `number`: within the maximum, with backups (RDS
 * replicates from them) and with a master password RDS replicates.
 */
export function validateReadReplica(
  scope: Construct,
  number: number,
  backupRetentionDays: number,
  masterPassword: MasterPasswordMode,
): void {
  if (number > MAX_READ_REPLICAS) {
    throw new ValidationError(
      `replicas: ${number} is above the maximum of ${MAX_READ_REPLICAS} read replicas per primary`,
      scope,
    );
  }
  if (backupRetentionDays === 0) {
    throw new ValidationError(
      `backupRetentionDays: 0 does not allow read replicas; expected at least 1 (RDS replicates from backups)`,
      scope,
    );
  }
  if (masterPassword === "rds-managed") {
    throw new ValidationError(
      `masterPassword: "rds-managed" does not allow read replicas (RDS does not replicate a source whose master password it manages); expected "write-only" or no replicas`,
      scope,
    );
  }
}
