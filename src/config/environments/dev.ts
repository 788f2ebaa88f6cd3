import type { EnvironmentOverrides } from "../load";

/**
 * Development: small and cheap. Two AZs, one shared NAT gateway, short log retention, local Terraform state; a
 * single-AZ burstable database with one replica and no proxy, a day of backups, and no protection, so that dev can
 * be torn down and rebuilt at will.
 */
export const dev: EnvironmentOverrides = {
  environment: "dev",
  production: false,
  protection: {
    deletionProtection: false,
    finalSnapshots: false,
    preventDestroy: false,
  },
  network: {
    vpcCidr: "10.10.0.0/16",
    azCount: 2,
    natGateways: "single",
    interfaceEndpoints: false,
    flowLogs: {
      retentionDays: 14,
      aggregationIntervalSeconds: 600,
    },
  },
  database: {
    instanceClass: "db.t4g.small",
    multiAz: false,
    replicas: 1,
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 50,
    backupRetentionDays: 1,
    slowQueryThresholdMs: 200,
    logRetentionDays: 14,
    applyImmediately: true,
    proxy: { enabled: false },
  },
};
