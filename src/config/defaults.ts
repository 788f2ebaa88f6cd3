import type { EnvironmentInput } from "./schema";

/**
 * Settings every environment shares unless its own file overrides them. Defaults are the production-grade choice;
 * an environment that wants less (dev) says so explicitly in its file.
 */
export const sharedDefaults: Omit<EnvironmentInput, "environment"> = {
  project: "acme",
  aws: {
    region: "eu-west-1",
  },
  production: true,
  protection: {
    deletionProtection: true,
    finalSnapshots: true,
    preventDestroy: true,
  },
  network: {
    vpcCidr: "10.0.0.0/16",
    azCount: 3,
    natGateways: "one-per-az",
    interfaceEndpoints: true,
    flowLogs: {
      retentionDays: 365,
      aggregationIntervalSeconds: 60,
    },
  },
  database: {
    engineVersion: "17",
    instanceClass: "db.r7g.large",
    multiAz: true,
    replicas: 2,
    shards: 1,
    allocatedStorageGiB: 100,
    maxAllocatedStorageGiB: 1000,
    databaseName: "app",
    masterUsername: "platform_admin",
    masterPassword: "write-only",
    masterPasswordVersion: 1,
    backupRetentionDays: 14,
    backupWindow: "02:00-03:00",
    maintenanceWindow: "sun:03:30-sun:04:30",
    slowQueryThresholdMs: 500,
    monitoringIntervalSeconds: 60,
    performanceInsightsRetentionDays: 7,
    logRetentionDays: 365,
    caCertificate: "rds-ca-rsa2048-g1",
    applyImmediately: false,
    proxy: {
      enabled: true,
      maxConnectionsPercent: 90,
      maxIdleConnectionsPercent: 50,
      idleClientTimeoutSeconds: 1800,
      connectionBorrowTimeoutSeconds: 120,
    },
  },
  cache: {
    engine: "valkey",
    engineVersion: "8.0",
    nodeType: "cache.r7g.large",
    shards: 2,
    replicasPerShard: 1,
    evictionPolicy: "allkeys-lru",
    snapshotRetentionDays: 7,
    snapshotWindow: "04:00-05:00",
    maintenanceWindow: "sun:05:30-sun:06:30",
    logRetentionDays: 365,
    applyImmediately: false,
    users: {
      app: "on ~* &* +@all -@dangerous",
    },
    autoscaling: {
      shards: { enabled: true, min: 2, max: 6, metric: "memory", targetPercent: 65 },
      replicas: { enabled: true, min: 1, max: 3, targetPercent: 60 },
    },
  },
  kafka: {
    kafkaVersion: "3.9.x.kraft",
    brokerInstanceType: "kafka.m7g.large",
    brokerCount: 3,
    volumeSizeGiB: 100,
    storageAutoscaling: { enabled: true, maxVolumeSizeGiB: 1000, targetPercent: 60 },
    replicationFactor: 3,
    minInsyncReplicas: 2,
    defaultPartitions: 6,
    messageRetentionHours: 168,
    enhancedMonitoring: "PER_BROKER",
    logRetentionDays: 365,
  },
  tags: {
    owner: "platform-team",
    costCenter: "platform",
    extra: {},
  },
  stateBackend: {},
};
