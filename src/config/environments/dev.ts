import type { EnvironmentOverrides } from "../schema";

/**
 * Development: small and cheap. Two AZs, one shared NAT gateway, short log retention, local Terraform state; a
 * single-AZ burstable database with one replica and no proxy, a day of backups, a one-node burstable cache without
 * snapshots, two small Kafka brokers (one per zone), one small spot node group for everything on the cluster and
 * no protection, so that dev can be torn down and rebuilt at will. The edge has no API cache, logs every request's
 * execution and serves from the cheapest CloudFront price class.
 *
 * The cluster API's public endpoint is open to one network only (replace 203.0.113.0/24, a documentation range,
 * with your office or VPN egress range), so that a laptop or a hosted CI runner can apply the add-ons and
 * workloads. Staging and production keep it private.
 *
 * The account id and the IAM roles are placeholders: set your own (README, "First deploy").
 */
export const dev: EnvironmentOverrides = {
  environment: "dev",
  aws: { region: "eu-west-1", accountId: "111111111111" },
  production: false,
  // Fixed sizes on purpose (no cache shard or broker storage auto scaling): no headroom is required.
  capacity: { minHeadroom: 1 },
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
  cache: {
    nodeType: "cache.t4g.small",
    shards: 1,
    replicasPerShard: 0,
    snapshotRetentionDays: 0,
    logRetentionDays: 14,
    applyImmediately: true,
    // Burstable nodes cannot auto scale; one small shard is enough for development.
    autoscaling: {
      shards: { enabled: false, min: 1, max: 1 },
      replicas: { enabled: false, min: 0, max: 0 },
    },
  },
  kafka: {
    // MSK does not run KRaft on kafka.t3.small, so dev uses the ZooKeeper mode of the same Kafka version.
    kafkaVersion: "3.9.x",
    brokerInstanceType: "kafka.t3.small",
    brokerCount: 2,
    volumeSizeGiB: 20,
    storageAutoscaling: { enabled: false },
    replicationFactor: 2,
    minInsyncReplicas: 1,
    defaultPartitions: 3,
    messageRetentionHours: 24,
    enhancedMonitoring: "DEFAULT",
    logRetentionDays: 14,
    topics: {
      events_ingested: { partitions: 3, retentionHours: 24, deadLetterRetentionHours: 72 },
      report_requested: { partitions: 3, retentionHours: 24, deadLetterRetentionHours: 72 },
    },
  },
  // One replica of each service, two at most.
  services: {
    auth: { replicas: { min: 1, max: 2 } },
    analytics: { replicas: { min: 1, max: 2 } },
    reports: { replicas: { min: 1, max: 2 } },
    ingestion: { replicas: { min: 1, max: 2 } },
  },
  // One or two small spot instances, no predictive scaling (too little history), one instance at night.
  monolith: {
    instanceTypes: ["t4g.small", "t4g.medium"],
    minSize: 1,
    maxSize: 2,
    onDemandBaseCapacity: 0,
    rootVolumeGiB: 20,
    scaling: { predictive: "off" },
    schedule: [
      // The shared schedule's times, with dev's own sizes instead of the defaults' minimums.
      { name: "business-hours", minSize: null, maxSize: 2 },
      { name: "off-peak", minSize: null, maxSize: 1, desiredCapacity: 1 },
    ],
  },
  eks: {
    endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    access: {
      admins: ["arn:aws:iam::111111111111:role/platform-deployer", "arn:aws:iam::111111111111:role/platform-admin"],
      viewers: ["arn:aws:iam::111111111111:role/developer"],
      planners: ["arn:aws:iam::111111111111:role/platform-planner"],
    },
    logRetentionDays: 14,
    systemNodeGroup: "general",
    nodeGroups: [
      // Not the shared system and services groups: one group for everything.
      { name: "system", remove: true },
      { name: "services", remove: true },
      {
        // Everything on one small spot group; two types of one size (2 vCPU, 8 GiB), so that a dry spot pool does
        // not stall it and the cluster autoscaler's sizing holds for both.
        name: "general",
        instanceTypes: ["t4g.large", "m6g.large"],
        capacityType: "SPOT",
        minSize: 1,
        desiredSize: 2,
        maxSize: 4,
        diskSizeGiB: 30,
      },
    ],
    addons: { replicas: 1 },
    monitoring: {
      prometheus: {
        retentionDays: 3,
        storageGiB: 20,
        replicas: 1,
        resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      },
      grafana: { storageGiB: 5 },
      alertmanagerStorageGiB: 5,
    },
  },
  guardrails: {
    suppressions: [
      {
        rule: "CKV_AWS_39",
        resource: "aws_eks_cluster.Cluster_EB0386A7",
        justification:
          "Dev's public API endpoint admits one listed network only (eks.endpoint.publicAccessCidrs), so that laptops and hosted CI runners can apply the add-ons; staging and production keep theirs private",
      },
      {
        rule: "CKV_AWS_174",
        resource: "aws_cloudfront_distribution.Cdn_9963B1AD",
        justification:
          "Dev has no domain of its own: developers reach it on its *.cloudfront.net name, whose default certificate cannot refuse TLS 1.0; it holds no customer data",
      },
    ],
  },
  // Alarms still change state on the dashboard, but notify no one. Every request is traced, through one collector.
  observability: {
    notifications: { enabled: false },
    alarms: { thresholds: { databaseConnections: 150, apiLatencyP99Ms: 5000 } },
    tracing: { samplingPercent: 100, collectorReplicas: 1, metricsLogRetentionDays: 7 },
  },
  // No API cache, verbose execution logs, a low stage throttle, the cheapest CDN price class, no origin shield.
  edge: {
    logRetentionDays: 14,
    api: {
      loggingLevel: "INFO",
      stageThrottle: { rateLimit: 50, burstLimit: 100 },
      // Dev's own account: it owns the account's API Gateway logging role.
      manageAccountSettings: true,
    },
  },
};
