import type { RoleGrant } from "../core/service-role";
import type { DataProtection } from "../core/protection";
import type { DatabaseKeys } from "./database-keys";
import type { CaCertificate, PostgresMajorVersion } from "./options";

/** The resolved settings of a database that its replicas inherit. */
export interface PostgresSettings {
  readonly identifier: string;
  readonly engineVersion: PostgresMajorVersion;
  readonly instanceClass: string;
  readonly port: number;
  readonly availabilityZones: readonly string[];
  readonly maxAllocatedStorageGiB: number;
  readonly maintenanceWindow: string;
  readonly monitoringIntervalSeconds: number;
  readonly performanceInsightsRetentionDays: number;
  readonly logRetentionDays: number;
  readonly caCertificate: CaCertificate;
  readonly applyImmediately: boolean;
  readonly protection: Required<DataProtection>;
  readonly keys: DatabaseKeys;
  readonly monitoringRole: RoleGrant;
  readonly securityGroupId: string;
  readonly parameterGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
}
