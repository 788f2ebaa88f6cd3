import type { EnvironmentOverrides } from "../load";

/**
 * Staging: the production shape (three AZs, endpoints, remote state, Multi-AZ database behind a proxy) with one
 * shared NAT gateway, general-purpose database instances and one replica to save cost. Deletion protection and
 * final snapshots stay on; `prevent_destroy` is off so that staging can be rebuilt.
 */
export const staging: EnvironmentOverrides = {
  environment: "staging",
  production: false,
  protection: {
    preventDestroy: false,
  },
  network: {
    vpcCidr: "10.20.0.0/16",
    natGateways: "single",
    flowLogs: {
      retentionDays: 90,
      aggregationIntervalSeconds: 600,
    },
  },
  database: {
    instanceClass: "db.m7g.large",
    replicas: 1,
    allocatedStorageGiB: 50,
    maxAllocatedStorageGiB: 200,
    backupRetentionDays: 7,
    logRetentionDays: 90,
  },
  stateBackend: {
    bucket: "acme-staging-terraform-state",
    keyPrefix: "platform",
  },
};
