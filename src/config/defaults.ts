import type { DeepPartial, EnvironmentInput } from "./schema";

/**
 * Settings every environment shares unless its own file overrides them. Defaults are the production-grade choice;
 * an environment that wants less (dev) says so explicitly in its file.
 */
export const sharedDefaults: Omit<EnvironmentInput, "environment"> = {
  project: "acme",
  aws: {
    region: "eu-west-1",
    autoScalingServiceLinkedRole: "create",
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
    transitEncryption: true,
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
    topics: {
      // Ingestion writes raw events; analytics aggregates them and asks for reports, which the reports service builds.
      events_ingested: { partitions: 12, retentionHours: 72, deadLetterRetentionHours: 336 },
      report_requested: { partitions: 6, retentionHours: 168, deadLetterRetentionHours: 336 },
    },
  },
  eks: {
    kubernetesVersion: "1.35",
    // Private only; each environment says who reaches it (privateAccess), see README "First deploy".
    endpoint: { publicAccess: false, publicAccessCidrs: [], privateAccess: { securityGroupIds: [], cidrs: [] } },
    logRetentionDays: 365,
    // Each environment names its admins (at least the CI deploy role) and viewers.
    access: { admins: [], viewers: [], planners: [] },
    prefixDelegation: true,
    systemNodeGroup: "system",
    nodeGroups: [
      {
        // CoreDNS and the platform add-ons, on on-demand nodes in every zone; services stay off (taint).
        name: "system",
        instanceTypes: ["m7g.large"],
        capacityType: "ON_DEMAND",
        minSize: 3,
        desiredSize: 3,
        maxSize: 6,
        labels: { workload: "system" },
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
      },
      {
        name: "services",
        instanceTypes: ["m7g.xlarge", "m6g.xlarge"],
        capacityType: "ON_DEMAND",
        minSize: 3,
        desiredSize: 3,
        maxSize: 30,
        diskSizeGiB: 100,
        labels: { workload: "services" },
      },
    ],
    addons: { replicas: 2 },
    mesh: { enabled: true, mtlsMode: "STRICT" },
    monitoring: {
      prometheus: {
        retentionDays: 15,
        storageGiB: 100,
        replicas: 2,
        resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
      },
      grafana: { storageGiB: 10, adminPasswordVersion: 1 },
      alertmanagerStorageGiB: 10,
    },
  },
  services: {
    auth: {
      image: "ghcr.io/acme/auth:1.4.2",
      port: 8080,
      pathPrefix: "/api/auth",
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      replicas: { min: 3, max: 20 },
      database: "read-write",
      cacheUser: "app",
      env: { LOG_LEVEL: "info", SESSION_TTL_SECONDS: "3600" },
    },
    analytics: {
      image: "ghcr.io/acme/analytics:2.0.1",
      port: 8080,
      pathPrefix: "/api/analytics",
      resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      replicas: { min: 2, max: 12 },
      database: "read-only",
      cacheUser: "app",
      kafka: { consumes: ["events_ingested"], consumerGroup: "analytics", produces: ["report_requested"] },
      env: { LOG_LEVEL: "info" },
    },
    reports: {
      image: "ghcr.io/acme/reports:3.2.0",
      port: 8080,
      pathPrefix: "/api/reports",
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      replicas: { min: 2, max: 6 },
      database: "read-only",
      kafka: { consumes: ["report_requested"], consumerGroup: "reports", lagThreshold: 20 },
      env: { LOG_LEVEL: "info" },
    },
    ingestion: {
      image: "ghcr.io/acme/ingestion:1.9.0",
      port: 8080,
      pathPrefix: "/api/ingest",
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      replicas: { min: 3, max: 20 },
      scaling: { cpuPercent: 60, memoryPercent: 80 },
      kafka: { produces: ["events_ingested"] },
      env: { LOG_LEVEL: "info" },
    },
  },
  loadBalancer: {
    idleTimeoutSeconds: 60,
    deregistrationDelaySeconds: 30,
  },
  monolith: {
    // Three spot pools of one size (2 vCPU, 8 GiB): every instance counts one.
    instanceTypes: ["m7g.large", "m6g.large", "m6gd.large"],
    minSize: 2,
    maxSize: 12,
    onDemandBaseCapacity: 2,
    onDemandPercentageAboveBase: 0,
    port: 8080,
    healthCheckPath: "/health",
    rootVolumeGiB: 30,
    // Placeholder digest: set your build's (`docker buildx imagetools inspect <image>` prints it).
    image: "ghcr.io/acme/monolith:7.3.0@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    scaling: { cpuTargetPercent: 70, requestsPerTarget: 1000, predictive: "ForecastAndScale" },
    schedule: [
      // Business hours need more than the floor; evenings and weekends fall back to it.
      { name: "business-hours", recurrence: "0 7 * * MON-FRI", timeZone: "Europe/Dublin", minSize: 4 },
      { name: "off-peak", recurrence: "0 20 * * *", timeZone: "Europe/Dublin", minSize: 2 },
    ],
  },
  edge: {
    logRetentionDays: 90,
    // Ordinary requests are small; the ingest route takes event batches of up to 64 KB. WAF inspects bodies of up to
    // 64 KB so that it can enforce both (requests with bodies over 16 KB cost more to inspect: only ingest's).
    bodyLimits: {
      defaultBytes: 8192,
      inspectionLimitKb: 64,
      routes: [{ path: "/api/ingest", maxBytes: 65_536 }],
    },
    api: {
      stageName: "v1",
      // Signing in must work without a token; everything else needs one.
      publicPaths: ["/api/auth"],
      apiKeyRequired: true,
      cacheableRoutes: [{ path: "/api/reports", ttlSeconds: 300, queryParameters: ["page"] }],
      cache: { enabled: true, clusterSizeGb: "0.5" },
      // The seeds' tiers: 1,000, 10,000 and 100,000 requests per hour; ingestion is capped separately.
      tiers: [
        { name: "basic", requestsPerHour: 1_000, burstLimit: 20, methodThrottles: [] },
        {
          name: "pro",
          requestsPerHour: 10_000,
          burstLimit: 100,
          methodThrottles: [{ path: "/api/ingest", method: "POST", rateLimit: 1, burstLimit: 10 }],
        },
        {
          name: "enterprise",
          requestsPerHour: 100_000,
          burstLimit: 500,
          methodThrottles: [{ path: "/api/ingest", method: "POST", rateLimit: 10, burstLimit: 50 }],
        },
      ],
      apiKeys: {},
      stageThrottle: { rateLimit: 1000, burstLimit: 2000 },
      // Every signed-in person's calls through the site together; each one's share is the CDN WAF's perUserRateLimit.
      siteThrottle: { rateLimit: 500, burstLimit: 1000 },
      loggingLevel: "ERROR",
      tracing: true,
      manageAccountSettings: true,
      userPool: { selfSignUp: false, mfa: "OPTIONAL" },
      // Per client IP and 5 minutes, for callers of the API's own endpoints (API clients, anonymous callers): requests
      // through CloudFront carry the site's key and were limited by the real viewer address at the CDN's WAF.
      waf: { rateLimit: 10_000, evaluationWindowSeconds: 300, countRules: [] },
    },
    cdn: {
      priceClass: "PriceClass_All",
      originShield: true,
      staticTtl: { minSeconds: 86_400, defaultSeconds: 604_800, maxSeconds: 31_536_000 },
      pageTtl: { minSeconds: 0, defaultSeconds: 300, maxSeconds: 3600 },
      // A single-page app: every route without a file extension renders /index.html.
      siteRouting: "spa",
      // Per viewer IP and 5 minutes, pages, assets and API calls together; per signed-in person, API calls only.
      waf: { rateLimit: 2000, evaluationWindowSeconds: 300, perUserRateLimit: 1000 },
    },
  },
  observability: {
    // Production pages: each production environment names its on-call rotation or incident tool in its file.
    notifications: {
      enabled: true,
      paging: { emails: [], httpsEndpoints: [], slackChannels: [] },
      warnings: { emails: [], httpsEndpoints: [], slackChannels: [] },
    },
    alarms: {
      // Three of the last five minutes: one bad minute is noise, three are an incident.
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      thresholds: {
        loadBalancer5xxPercent: 5,
        api5xxPercent: 5,
        apiLatencyP99Ms: 2000,
        databaseCpuPercent: 80,
        databaseConnections: 800,
        databaseFreeStorageGiB: 20,
        replicaLagSeconds: 30,
        cacheMemoryPercent: 80,
        cacheEngineCpuPercent: 80,
        cacheHitRatePercent: 50,
        kafkaConsumerLagMessages: 10_000,
        kafkaDiskPercent: 80,
      },
    },
    // Production keeps one trace in twenty (X-Ray charges per trace recorded; at a few hundred requests a second
    // that is still tens of thousands of traces an hour), behind two collector replicas in different zones.
    tracing: { samplingPercent: 5, collectorReplicas: 2, metricsLogRetentionDays: 30 },
  },
  guardrails: { suppressions: [] },
  preflight: { suppressions: [] },
  // Every tier can grow tenfold from its baseline before config must change (npm run capacity; synth fails below).
  capacity: { minHeadroom: 10 },
  tags: {
    owner: "platform-team",
    costCenter: "platform",
    extra: {},
  },
  stateBackend: {},
};

/**
 * What an environment that does not say `production: true` starts from, over the shared defaults: the production
 * shape (three AZs, endpoints, a Multi-AZ database behind a proxy, deletion protection and final snapshots) at a
 * lower cost, and nothing account-wide. One shared NAT gateway, general-purpose database instances with one
 * replica and a week of backups, a one-shard cache without replica scaling, Kafka with less storage and basic
 * monitoring, the monolith at a third of production, services on spot nodes, 90 days of logs, no API cache and the
 * cheapest CloudFront price class; `prevent_destroy` off, so that it can be rebuilt; and it does not take the
 * account's API Gateway logging role (`edge.api.manageAccountSettings`): the environment that owns the account says so.
 */
export const nonProductionDefaults: DeepPartial<EnvironmentInput> = {
  production: false,
  protection: { preventDestroy: false },
  // Room to double; below it synth warns.
  capacity: { minHeadroom: 2 },
  network: {
    natGateways: "single",
    flowLogs: { retentionDays: 90, aggregationIntervalSeconds: 600 },
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
    autoscaling: { shards: { min: 1, max: 3 }, replicas: { enabled: false } },
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
      { name: "business-hours", minSize: 2 },
      { name: "off-peak", minSize: 1 },
    ],
  },
  eks: {
    logRetentionDays: 90,
    nodeGroups: [
      { name: "system", minSize: 2, desiredSize: 2, maxSize: 4 },
      {
        name: "services",
        // Three spot pools of one size (2 vCPU, 8 GiB), as the cluster autoscaler needs.
        instanceTypes: ["m7g.large", "m6g.large", "m6gd.large"],
        capacityType: "SPOT",
        diskSizeGiB: 50,
        minSize: 2,
        desiredSize: 2,
        // Room for every service at its max replicas (npm run capacity: 17 nodes when packed).
        maxSize: 20,
      },
    ],
    monitoring: { prometheus: { retentionDays: 7, storageGiB: 50, replicas: 1 } },
  },
  // No API cache (behaviour, not hit rates, is what is checked here) and the cheapest CDN price class.
  edge: {
    api: { cache: { enabled: false }, manageAccountSettings: false },
    cdn: { priceClass: "PriceClass_100", originShield: false },
  },
  // Test traffic is thin: one trace in five, still sampled, so that the sampling path is the one production runs.
  observability: { tracing: { samplingPercent: 20 } },
};
