import type { EnvironmentOverrides } from "../load";

/**
 * Staging: the production shape (three AZs, endpoints, remote state, Multi-AZ database behind a proxy) with one
 * shared NAT gateway, general-purpose database instances and one replica, a one-shard cache (one replica, shards
 * scale out to three), three Kafka brokers with less storage, and a cluster whose services run on spot nodes, to
 * save cost. Deletion protection and final
 * snapshots stay on; `prevent_destroy` is off so that staging can be rebuilt. The edge has no API cache and serves
 * from the cheapest CloudFront price class.
 */
export const staging: EnvironmentOverrides = {
  environment: "staging",
  aws: { region: "eu-west-1", accountId: "222222222222" },
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
  cache: {
    nodeType: "cache.m7g.large",
    shards: 1,
    logRetentionDays: 90,
    autoscaling: {
      shards: { min: 1, max: 3 },
      replicas: { enabled: false },
    },
  },
  kafka: {
    volumeSizeGiB: 50,
    storageAutoscaling: { maxVolumeSizeGiB: 500 },
    enhancedMonitoring: "DEFAULT",
    logRetentionDays: 90,
  },
  // The monolith at a third of production, forecasting only (its forecasts are compared before prod relies on them).
  monolith: {
    minSize: 1,
    maxSize: 4,
    onDemandBaseCapacity: 1,
    scaling: { predictive: "ForecastOnly" },
    schedule: [
      { name: "business-hours", recurrence: "0 7 * * MON-FRI", timeZone: "Europe/Dublin", minSize: 2 },
      { name: "off-peak", recurrence: "0 20 * * *", timeZone: "Europe/Dublin", minSize: 1 },
    ],
  },
  stateBackend: {
    bucket: "acme-staging-tfstate-222222222222",
    keyPrefix: "platform",
  },
  eks: {
    // The CI runners and the VPN live in the tooling network, peered with this VPC (README, "First deploy").
    endpoint: { privateAccess: { securityGroupIds: [], cidrs: ["10.100.0.0/16"] } },
    access: {
      admins: ["arn:aws:iam::222222222222:role/platform-deployer", "arn:aws:iam::222222222222:role/platform-admin"],
      viewers: ["arn:aws:iam::222222222222:role/developer"],
      planners: ["arn:aws:iam::222222222222:role/platform-planner"],
    },
    logRetentionDays: 90,
    nodeGroups: [
      // The shared groups (merged by name), smaller; services on spot.
      { name: "system", minSize: 2, desiredSize: 2, maxSize: 4 },
      {
        name: "services",
        // Three spot pools of one size (2 vCPU, 8 GiB), as the cluster autoscaler needs.
        instanceTypes: ["m7g.large", "m6g.large", "m6gd.large"],
        capacityType: "SPOT",
        // Smaller nodes, smaller disks than production's 100 GiB.
        diskSizeGiB: 50,
        minSize: 2,
        desiredSize: 2,
        maxSize: 10,
      },
    ],
    monitoring: {
      prometheus: {
        retentionDays: 7,
        storageGiB: 50,
        replicas: 1,
      },
    },
  },
  // No API cache (staging checks behaviour, not hit rates) and the cheapest CDN price class.
  edge: {
    api: { cache: { enabled: false } },
    cdn: { priceClass: "PriceClass_100", originShield: false },
  },
  guardrails: {
    suppressions: [
      {
        rule: "CKV_AWS_174",
        resource: "aws_cloudfront_distribution.Cdn_9963B1AD",
        justification:
          "Staging has no domain of its own: testers and CI reach it on its *.cloudfront.net name, whose default certificate cannot refuse TLS 1.0; it holds no customer data",
      },
    ],
  },
};
