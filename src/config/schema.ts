import { z } from "zod";
import {
  checkInstanceType,
  EC2_INSTANCE_TYPES,
  ELASTICACHE_NODE_TYPES,
  RDS_INSTANCE_CLASSES,
} from "../../constructs/core/instance-types";
import {
  AUTOSCALING_TARGET_RANGE,
  CACHE_ENGINES,
  CACHE_REPLICAS,
  CACHE_SHARDS,
  CACHE_USER_NAME,
  CACHE_USER_NAME_EXPECTATION,
  CACHE_WINDOW_MINUTES,
  checkAccessString,
  checkAutoscalingNodeType,
  checkEngineVersion,
  checkReplicaScalingFloor,
  checkScalingBounds,
  EVICTION_POLICIES,
  MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS,
  NODE_TYPE_EXPECTATION,
  SHARD_SCALING_METRICS,
  SNAPSHOT_RETENTION_RANGE,
} from "../../constructs/cache/options";
import { LOG_RETENTION_DAYS } from "../../constructs/core/log-retention";
import {
  CAPACITY_TYPES,
  checkArchitectures,
  checkNodeGroupShape,
  checkDiskIops,
  checkGroupSizes,
  checkLabelKey,
  checkPrincipalArn,
  checkSpotDiversity,
  DISK_IOPS,
  DISK_SIZE_GIB,
  DISK_TYPES,
  IMDS_HOP_LIMITS,
  IPV4_CIDR,
  KUBERNETES_VERSIONS,
  LABEL_KEY,
  LABEL_KEY_EXPECTATION,
  LABEL_VALUE,
  LABEL_VALUE_EXPECTATION,
  MAX_UNAVAILABLE_PERCENT,
  NODE_GROUP_NAME,
  NODE_GROUP_NAME_EXPECTATION,
  NODE_GROUP_SIZE,
  SECURITY_GROUP_ID,
  TAINT_EFFECT_NAMES,
} from "../../constructs/eks/options";
import { checkDailyWindow, checkWeeklyWindow, windowsOverlap } from "../../constructs/core/windows";
import { NAT_STRATEGIES } from "../../constructs/network/options";
import {
  BACKUP_RETENTION_RANGE,
  CA_CERTIFICATES,
  INSTANCE_CLASS_EXPECTATION,
  MASTER_PASSWORD_MODES,
  MAX_PASSWORD_VERSION,
  MAX_READ_REPLICAS,
  MAX_SHARDS,
  MIN_PRODUCTION_BACKUP_RETENTION_DAYS,
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
import {
  BROKER_COUNT,
  BROKER_INSTANCE_TYPE_EXPECTATION,
  BROKER_INSTANCE_TYPES,
  BROKER_VOLUME_GIB,
  checkBrokerForVersion,
  checkBrokerSpread,
  checkStorageMaximum,
  ENHANCED_MONITORING_LEVELS,
  KAFKA_VERSIONS,
  MIN_PRODUCTION_REPLICATION,
  STORAGE_TARGET_RANGE,
} from "../../constructs/kafka/options";
import { checkReplication } from "../../constructs/kafka/server-properties";
import { checkVpcCidr } from "../../constructs/network/subnet-layout";
import { STATE_BUCKET_NAME } from "../../constructs/state/bucket-name";
import { isPrivateCidr, parseCidr, PRIVATE_RANGES } from "../../constructs/core/cidr";
import { show } from "../../constructs/core/errors";
import { namePrefix } from "../../constructs/core/naming";
import { PLATFORM_TAG_KEYS } from "../../constructs/core/tags";
import { AWS_REGIONS } from "./regions";
import { checkWorkloads, loadBalancerSchema, monolithSchema, servicesSchema, topicsSchema } from "./workloads-schema";
import { checkEdge, edgeSchema } from "./edge-schema";
import { checkGuardrails, guardrailsSchema } from "./guardrails-schema";
import { checkPreflight, preflightSchema } from "./preflight-schema";
import { checkObservability, observabilitySchema } from "./observability-schema";
import {
  allowed,
  checked,
  cpuQuantity,
  ec2InstanceType,
  type IssueReporter,
  memoryQuantity,
  oneOf,
  pattern,
  section,
  wholeNumber,
} from "./schema-helpers";

/**
 * The schema every environment's config must satisfy, checked at synth time before any construct exists.
 *
 * Messages follow one pattern, `<path>: <value> is not allowed; expected <what is allowed>`: the path is added by
 * the formatter in `load.ts`, the rest by the helpers in `schema-helpers.ts`, so every setting explains itself.
 */

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const region = z.enum(AWS_REGIONS, {
  error: allowed("an AWS region code such as eu-west-1 or us-east-1 (the full list is in src/config/regions.ts)"),
});

const tagValue = pattern(TAG_VALUE, "1 to 256 letters, digits, spaces or _ . : / = + - @");

const logRetentionDays = z.literal(LOG_RETENTION_DAYS, {
  error: allowed(`one of the CloudWatch Logs retention periods ${LOG_RETENTION_DAYS.join(", ")}`),
});

const networkSchema = section({
  /** The VPC's IPv4 block; every subnet CIDR is computed from it. */
  vpcCidr: checked(checkVpcCidr, "an IPv4 CIDR block such as 10.0.0.0/16"),
  /** How many availability zones the subnets span. */
  azCount: z.literal([2, 3], { error: allowed("2 or 3") }),
  /**
   * Pins the availability zones by name instead of taking the region's first available ones, e.g. when an
   * instance type is missing from one zone. Must list exactly `azCount` zones of the region.
   */
  availabilityZones: z
    .array(pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an availability zone name such as eu-west-1a"), {
      error: allowed("a list of availability zone names"),
    })
    .optional(),
  /**
   * Environments whose VPC CIDR this one may overlap, because the two never connect (no peering, no shared transit
   * gateway). Every other overlap between environments is an error: the tooling network peers with each of them.
   */
  overlapAllowedWith: z
    .array(pattern(/^[a-z][a-z0-9-]{0,15}$/, "an environment name"), { error: allowed("a list of environment names") })
    .default([]),
  /** NAT strategy for the private subnets' internet egress. */
  natGateways: z.enum(NAT_STRATEGIES, { error: allowed(NAT_STRATEGIES.map((s) => `"${s}"`).join(", ")) }),
  /** Interface endpoints (ECR api and dkr, STS, CloudWatch Logs) in the private subnets. */
  interfaceEndpoints: z.boolean({ error: allowed("true or false") }),
  flowLogs: section({
    /** How long VPC flow logs are kept. */
    retentionDays: logRetentionDays,
    /** Flow log aggregation interval: 60 gives finer records, 600 costs less. */
    aggregationIntervalSeconds: z.literal([60, 600], { error: allowed("60 or 600") }),
  }),
});

const instanceClass = checked(
  (name) => checkInstanceType(RDS_INSTANCE_CLASSES, "an RDS for PostgreSQL instance class", name),
  INSTANCE_CLASS_EXPECTATION,
);
const postgresName = pattern(POSTGRES_NAME, "1 to 63 lower-case letters, digits or _, starting with a letter");

const databaseSchema = section({
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

/** Bounds and target of one auto-scaled cache dimension. */
function cacheScaling<Shape extends z.ZodRawShape>(limits: { min: number; max: number }, extra: Shape) {
  return section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** Least capacity the scaler keeps. */
    min: wholeNumber(limits.min, limits.max),
    /** Most capacity the scaler adds. */
    max: wholeNumber(limits.min, limits.max),
    /** Value of the tracked metric the scaler aims for, percent. */
    targetPercent: wholeNumber(AUTOSCALING_TARGET_RANGE.min, AUTOSCALING_TARGET_RANGE.max),
    ...extra,
  });
}

const cacheSchema = section({
  /** Valkey or Redis OSS. */
  engine: oneOf(CACHE_ENGINES),
  /** Engine version, major.minor; patches arrive through automatic minor upgrades. Checked against the engine. */
  engineVersion: z.string({ error: allowed('a version such as "8.0"') }),
  /** Node type of every node. */
  nodeType: checked(
    (name) => checkInstanceType(ELASTICACHE_NODE_TYPES, "an ElastiCache node type", name),
    NODE_TYPE_EXPECTATION,
  ),
  /**
   * TLS between clients and nodes and between nodes (IAM authentication needs it). Off fails the guardrail
   * CKV_AWS_30 unless the environment suppresses it for the replication group with a justification.
   */
  transitEncryption: z.boolean({ error: allowed("true or false") }),
  /** Shards (node groups), 1 to 500. */
  shards: wholeNumber(CACHE_SHARDS.min, CACHE_SHARDS.max),
  /** Replicas per shard, 0 to 5; with at least one, failover goes to another AZ (required in production). */
  replicasPerShard: wholeNumber(CACHE_REPLICAS.min, CACHE_REPLICAS.max),
  /** maxmemory-policy: what is evicted when memory is full. */
  evictionPolicy: oneOf(EVICTION_POLICIES),
  /** Days of daily snapshots, 0 to 35 (at least 7 in production). */
  snapshotRetentionDays: wholeNumber(SNAPSHOT_RETENTION_RANGE.min, SNAPSHOT_RETENTION_RANGE.max),
  /** Daily snapshot window, UTC, at least 60 minutes. */
  snapshotWindow: checked((window) => checkDailyWindow(window, CACHE_WINDOW_MINUTES), "a daily UTC window hh:mm-hh:mm"),
  /** Weekly maintenance window, UTC, at least 60 minutes; must not overlap the snapshot window. */
  maintenanceWindow: checked(
    (window) => checkWeeklyWindow(window, CACHE_WINDOW_MINUTES),
    "a weekly UTC window ddd:hh:mm-ddd:hh:mm",
  ),
  /** Retention of the slow-log and engine-log groups. */
  logRetentionDays,
  /** Apply changes at once instead of in the maintenance window. */
  applyImmediately: z.boolean({ error: allowed("true or false") }),
  /** Application users, all IAM-authenticated: user name → ACL access string (no passwords). */
  users: z
    .record(
      pattern(CACHE_USER_NAME, CACHE_USER_NAME_EXPECTATION),
      checked(checkAccessString, 'an ACL access string such as "on ~* &* +@all -@dangerous"'),
      { error: allowed("a map of user names to ACL access strings") },
    )
    .refine((users) => Object.keys(users).length > 0, { error: "is empty; expected at least one application user" }),
  /** Target-tracking auto scaling; needs a large to 2xlarge node of the r7g, r6g, r6gd, r5, m7g, m6g, m5 or c7gn family. */
  autoscaling: section({
    /** Shards added and removed on memory or the primaries' engine CPU. */
    shards: cacheScaling(CACHE_SHARDS, { metric: oneOf(SHARD_SCALING_METRICS) }),
    /** Replicas added and removed on the replicas' engine CPU. */
    replicas: cacheScaling(CACHE_REPLICAS, {}),
  }),
});

const kafkaSchema = section({
  /** Kafka version on MSK; `.kraft` versions run without ZooKeeper and need kafka.m5.large or larger. */
  kafkaVersion: oneOf(KAFKA_VERSIONS),
  /** Broker instance type (Standard brokers). */
  brokerInstanceType: z.enum(BROKER_INSTANCE_TYPES, { error: allowed(BROKER_INSTANCE_TYPE_EXPECTATION) }),
  /** Number of brokers: a multiple of network.azCount, so that every zone holds as many. */
  brokerCount: wholeNumber(BROKER_COUNT.min, BROKER_COUNT.max),
  /** EBS storage per broker at creation, GiB. */
  volumeSizeGiB: wholeNumber(BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max),
  /** Broker storage auto scaling (scale-out only). */
  storageAutoscaling: section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** Largest volume per broker, GiB; above volumeSizeGiB. */
    maxVolumeSizeGiB: wholeNumber(BROKER_VOLUME_GIB.min, BROKER_VOLUME_GIB.max),
    /** Disk utilisation the scaler aims for, percent. */
    targetPercent: wholeNumber(STORAGE_TARGET_RANGE.min, STORAGE_TARGET_RANGE.max),
  }),
  /** default.replication.factor (and the internal topics'); at most brokerCount (at least 3 in production). */
  replicationFactor: wholeNumber(1, BROKER_COUNT.max),
  /** min.insync.replicas; below replicationFactor (at least 2 in production). */
  minInsyncReplicas: wholeNumber(1, BROKER_COUNT.max),
  /** num.partitions of a topic created without a count. */
  defaultPartitions: wholeNumber(1, 1000),
  /** log.retention.hours: how long messages are kept unless a topic says otherwise. */
  messageRetentionHours: wholeNumber(1, 87600),
  /** CloudWatch metric level; all but DEFAULT are charged. */
  enhancedMonitoring: oneOf(ENHANCED_MONITORING_LEVELS),
  /** Retention of the broker log group, days. */
  logRetentionDays,
  /** Topics the workloads use, created by the topic job in `<env>-workloads`; each gets a dead-letter topic. */
  topics: topicsSchema,
  /**
   * SHA-256 of the MSK IAM library jar the topic job downloads (see constructs/kafka/kafka-topics.ts); when set, the
   * job refuses any other download. @default no digest check (HTTPS from GitHub only)
   */
  iamAuthJarSha256: pattern(/^[a-f0-9]{64}$/, "a SHA-256 digest of 64 lower-case hex digits").optional(),
});

const nodeGroupSize = wholeNumber(NODE_GROUP_SIZE.min, NODE_GROUP_SIZE.max);
const labelValue = pattern(LABEL_VALUE, LABEL_VALUE_EXPECTATION);

/** One managed node group. Optional settings get their defaults here, since node groups are a list (not merged). */
const nodeGroupSchema = section({
  /** Short name: the group is `<cluster>-<name>-...` and its nodes carry the label `node-group: <name>`. */
  name: pattern(NODE_GROUP_NAME, NODE_GROUP_NAME_EXPECTATION),
  /** Instance types, all Graviton or all x86 (the image follows); spot needs at least two. */
  instanceTypes: z
    .array(ec2InstanceType, { error: allowed("a list of EC2 instance types") })
    .min(1, { error: "is empty; expected at least one instance type" }),
  /** ON_DEMAND, or SPOT (cheaper, can be reclaimed with two minutes' notice). */
  capacityType: oneOf(CAPACITY_TYPES).default("ON_DEMAND"),
  /** Fewest nodes the cluster autoscaler keeps. */
  minSize: nodeGroupSize,
  /** Nodes at creation; afterwards the cluster autoscaler owns the number. @default minSize */
  desiredSize: nodeGroupSize.optional(),
  /** Most nodes the cluster autoscaler adds. */
  maxSize: nodeGroupSize,
  /** Root volume size, GiB. */
  diskSizeGiB: wholeNumber(DISK_SIZE_GIB.min, DISK_SIZE_GIB.max).default(50),
  /** Root volume type (always encrypted with the cluster's volume key). */
  diskType: oneOf(DISK_TYPES).default("gp3"),
  /** Provisioned IOPS of the root volume: gp3 3000-16000 (default 3000), io2 100-256000 (required). */
  diskIops: wholeNumber(DISK_IOPS.io2.min, DISK_IOPS.io2.max).optional(),
  /** Kubernetes labels of the nodes. */
  labels: z
    .record(checked(checkLabelKey, LABEL_KEY_EXPECTATION), labelValue, {
      error: allowed("a map of label keys to values"),
    })
    .default({}),
  /** Kubernetes taints of the nodes: pods without a matching toleration stay off them. */
  taints: z
    .array(
      section({
        key: pattern(LABEL_KEY, LABEL_KEY_EXPECTATION),
        value: labelValue.optional(),
        effect: oneOf(TAINT_EFFECT_NAMES),
      }),
      { error: allowed("a list of taints { key, value, effect }") },
    )
    .default([]),
  /** Share of the nodes an update may replace at once, percent. */
  maxUnavailablePercent: wholeNumber(MAX_UNAVAILABLE_PERCENT.min, MAX_UNAVAILABLE_PERCENT.max).default(33),
  /** IMDSv2 hop limit: 1 keeps pods away from instance metadata; 2 for pods that still need it. */
  imdsHopLimit: z.literal(IMDS_HOP_LIMITS, { error: allowed("1 or 2") }).default(1),
});

const principalArn = checked(
  checkPrincipalArn,
  "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admins",
);

const eksSchema = section({
  /** Kubernetes version of the control plane and nodes; one the platform pins add-on versions for. */
  kubernetesVersion: oneOf(
    KUBERNETES_VERSIONS,
    " (add-on versions are pinned per version in constructs/eks/versions.ts)",
  ),
  /**
   * Who reaches the Kubernetes API. The add-ons and workloads stacks run the kubernetes and helm providers against
   * it during plan and apply, so at least one way in is required: the private endpoint from listed security groups
   * (self-hosted CI runners or a VPN endpoint in this VPC or a peered one) or CIDRs (a peered network, VPN
   * clients), or, outside production, the public endpoint from listed CIDRs.
   */
  endpoint: section({
    publicAccess: z.boolean({ error: allowed("true or false") }),
    /** Source CIDRs of the public endpoint; required when it is on. Production keeps the endpoint private. */
    publicAccessCidrs: z.array(pattern(IPV4_CIDR, "an IPv4 CIDR block such as 203.0.113.0/24"), {
      error: allowed("a list of IPv4 CIDR blocks"),
    }),
    /** HTTPS to the private endpoint, opened on the cluster's API security group. */
    privateAccess: section({
      /** Security groups of the API's clients (CI runners, a VPN endpoint), in the VPC or a peered one. */
      securityGroupIds: z.array(pattern(SECURITY_GROUP_ID, "a security group id such as sg-0123456789abcdef0"), {
        error: allowed("a list of security group ids"),
      }),
      /** Private networks routed to the VPC (a peered tooling VPC, VPN clients). */
      cidrs: z.array(pattern(IPV4_CIDR, "an IPv4 CIDR block such as 10.100.0.0/16"), {
        error: allowed("a list of IPv4 CIDR blocks"),
      }),
    }),
  }),
  /** Retention of the control-plane log group. */
  logRetentionDays,
  /**
   * Who may use the cluster, through EKS access entries, named explicitly: access never depends on who happens to
   * run Terraform.
   */
  access: section({
    /**
     * IAM role (or user) ARNs with cluster-admin access: at least the role that applies the add-ons and workloads
     * stacks (the CI deploy role), and the platform team's break-glass role.
     */
    admins: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }).min(1, {
      error:
        "is empty; expected at least the IAM role that applies the add-ons and workloads stacks (the CI deploy role), or nobody can install into the cluster",
    }),
    /** IAM role (or user) ARNs with read-only access (everything but secrets). */
    viewers: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }),
    /** IAM role ARNs that run plans only (the CI plan role): read everything, Secrets included, change nothing. */
    planners: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }),
  }),
  /** VPC CNI prefix delegation: /28 prefixes per node instead of single addresses, so many more pods per node. */
  prefixDelegation: z.boolean({ error: allowed("true or false") }),
  /** The node group that runs CoreDNS and the platform add-ons (they tolerate its taints). */
  systemNodeGroup: pattern(NODE_GROUP_NAME, NODE_GROUP_NAME_EXPECTATION).optional(),
  /** The managed node groups, at least one. */
  nodeGroups: z
    .array(nodeGroupSchema, { error: allowed("a list of node groups") })
    .min(1, { error: "is empty; expected at least one node group" }),
  /** The Helm add-ons. */
  addons: section({
    /** Replicas of the add-ons that run several (load balancer controller, metrics-server, KEDA). */
    replicas: wholeNumber(1, 5),
  }),
  /** kube-prometheus-stack. */
  monitoring: section({
    prometheus: section({
      /** Days of metrics kept. */
      retentionDays: wholeNumber(1, 3650),
      /** Persistent gp3 volume per replica, GiB. */
      storageGiB: wholeNumber(10, 16384),
      /** Prometheus replicas (2 for high availability). */
      replicas: wholeNumber(1, 3),
      resources: section({
        requests: section({ cpu: cpuQuantity, memory: memoryQuantity }),
        limits: section({ memory: memoryQuantity }),
      }),
    }),
    grafana: section({
      /** Persistent gp3 volume of Grafana, GiB. */
      storageGiB: wholeNumber(1, 1000),
      /** Raise to rotate the Grafana admin password on the next apply. */
      adminPasswordVersion: wholeNumber(1, 1_000_000),
    }),
    /** Persistent gp3 volume per Alertmanager replica, GiB. */
    alertmanagerStorageGiB: wholeNumber(1, 1000),
  }),
});

const protectionSchema = section({
  /** Deletion protection on databases and on the data stores' log groups (ElastiCache and MSK have none). */
  deletionProtection: z.boolean({ error: allowed("true or false") }),
  /** A final snapshot when a database is deleted, and its automated backups kept. */
  finalSnapshots: z.boolean({ error: allowed("true or false") }),
  /** `lifecycle.prevent_destroy` on stateful resources and their keys: a plan that would destroy them fails. */
  preventDestroy: z.boolean({ error: allowed("true or false") }),
});

const stateBackendSchema = section({
  /** S3 bucket holding this environment's Terraform state; without it, stacks use a local backend. */
  bucket: pattern(
    STATE_BUCKET_NAME,
    "an S3 bucket name of 3 to 63 lower-case letters, digits or hyphens (no dots, so TLS works)",
  ).optional(),
  /** Region of the state bucket. @default the environment's aws.region */
  region: region.optional(),
  /** Folder in the bucket in front of `<env>/<layer>.tfstate`. */
  keyPrefix: pattern(
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    "a key prefix such as platform or teams/platform (no leading or trailing slash)",
  ).optional(),
  /** KMS key that encrypts state objects. @default the bootstrap stack's key, alias/<project>-<env>-terraform-state */
  kmsKeyId: pattern(
    /^(alias\/[A-Za-z0-9/_-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+)$/,
    "a KMS key ARN, alias ARN or alias/<name>",
  ).optional(),
}).superRefine((backend, ctx) => {
  if (backend.bucket !== undefined) {
    return;
  }
  for (const key of ["region", "keyPrefix", "kmsKeyId"] as const) {
    if (backend[key] !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        input: backend[key],
        message: `${show(backend[key])} has no effect without stateBackend.bucket; expected a bucket name or no ${key}`,
      });
    }
  }
});

const environmentObject = section({
  /** Short project name, the first word of every resource name. */
  project: pattern(
    /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/,
    "2 to 16 lower-case letters, digits or hyphens, starting with a letter",
  ),
  /** Environment name, the second word of every resource name and the first part of every stack id. */
  environment: pattern(/^[a-z][a-z0-9]{1,9}$/, "2 to 10 lower-case letters or digits, starting with a letter"),
  aws: section({
    region,
    /**
     * Guard against deploying to the wrong account: the provider refuses any other account. Required with a state
     * bucket (whose global name carries it); environments without one are assumed to share an account.
     */
    accountId: pattern(/^\d{12}$/, 'a 12-digit AWS account id as a string, such as "123456789012"').optional(),
    /**
     * AWSServiceRoleForAutoScaling, which the volume keys' policies name (KMS refuses a policy naming a role that
     * does not exist): `create` it in the network stack (a fresh account, or the first environment of an account),
     * or use the `existing` one (any auto-scaling group ever created in the account made it).
     */
    autoScalingServiceLinkedRole: oneOf(["create", "existing"]),
  }),
  /**
   * The environment holds production data. Production requires every protection, a Multi-AZ database and at least
   * a week of backups; an environment that may be cheaper says `production: false` in its file.
   */
  production: z.boolean({ error: allowed("true or false") }),
  /** What keeps stateful resources from being destroyed. */
  protection: protectionSchema,
  network: networkSchema,
  database: databaseSchema,
  cache: cacheSchema,
  kafka: kafkaSchema,
  eks: eksSchema,
  /** The service catalog: microservices on the cluster. */
  services: servicesSchema,
  loadBalancer: loadBalancerSchema,
  monolith: monolithSchema,
  /** The public API, the CDN and their WAFs. */
  edge: edgeSchema,
  /** CloudWatch dashboard and alarms, and where alarms notify. */
  observability: observabilitySchema,
  /** The policy pack's per-resource suppressions. */
  guardrails: guardrailsSchema,
  /** `npm run preflight`'s per-finding suppressions. */
  preflight: preflightSchema,
  tags: section({
    owner: tagValue,
    costCenter: tagValue,
    /** More tags for every resource. */
    extra: z
      .record(pattern(TAG_KEY, "a tag key of 1 to 128 characters not starting with aws:"), tagValue, {
        error: allowed("a map of tag keys to tag values"),
      })
      .superRefine((extra, ctx) => {
        for (const key of Object.keys(extra).filter((key) => (PLATFORM_TAG_KEYS as readonly string[]).includes(key))) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: `${show(key)} is set by the platform; expected a key other than ${PLATFORM_TAG_KEYS.join(", ")}`,
          });
        }
      }),
  }),
  stateBackend: stateBackendSchema,
});

export const environmentSchema = environmentObject.superRefine((config, ctx) => {
  checkZones(config, ctx);
  checkGlobalBucketNames(config, ctx);
  checkDatabase(config, ctx);
  checkCache(config, ctx);
  checkKafka(config, ctx);
  checkEks(config, ctx);
  const issue: IssueReporter = (path, input, message) =>
    ctx.addIssue({ code: "custom", path, input, message: input === undefined ? message : `${show(input)} ${message}` });
  checkWorkloads(config, issue);
  checkEdge(config.edge, config.services, issue);
  checkObservability(config.observability, config.production, issue);
  checkGuardrails(config.guardrails, issue);
  checkPreflight(config.environment, config.preflight, issue);
  if (config.production) {
    checkProduction(config, ctx);
  }
});

type ConfigContext = z.core.$RefinementCtx<z.output<typeof environmentObject>>;

function checkZones(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const zones = config.network.availabilityZones;
  if (zones !== undefined) {
    if (zones.length !== config.network.azCount) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} lists ${zones.length} zones; expected exactly network.azCount (${config.network.azCount})`,
      });
    }
    zones.forEach((zone, index) => {
      if (!zone.startsWith(config.aws.region)) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "availabilityZones", index],
          input: zone,
          message: `${show(zone)} is not in aws.region ${config.aws.region}; expected a zone such as ${config.aws.region}a`,
        });
      }
    });
    const duplicates = zones.filter((zone, index) => zones.indexOf(zone) !== index);
    if (duplicates.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} repeats ${show(duplicates[0])}; expected distinct zones`,
      });
    }
  }
}

/** Rules between database settings. */
function checkDatabase(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
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

/** Rules between cache settings. */
function checkCache(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const cache = config.cache;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["cache", ...path], input, message: `${show(input)} ${message}` });

  const versionProblem = checkEngineVersion(cache.engine, cache.engineVersion);
  if (versionProblem) {
    issue(["engineVersion"], cache.engineVersion, `${versionProblem} (cache.engine is ${show(cache.engine)})`);
  }
  if (windowsOverlap(cache.snapshotWindow, cache.maintenanceWindow)) {
    issue(
      ["maintenanceWindow"],
      cache.maintenanceWindow,
      `overlaps cache.snapshotWindow ${show(cache.snapshotWindow)}; expected windows that do not overlap`,
    );
  }
  const { shards, replicas } = cache.autoscaling;
  const nodeTypeProblem = Object.hasOwn(ELASTICACHE_NODE_TYPES, cache.nodeType)
    ? checkAutoscalingNodeType(cache.nodeType)
    : undefined;
  if ((shards.enabled || replicas.enabled) && nodeTypeProblem) {
    issue(["nodeType"], cache.nodeType, `${nodeTypeProblem} (cache.autoscaling is on)`);
  }
  for (const [dimension, bounds, configured, setting, limits] of [
    ["shards", shards, cache.shards, "shards", CACHE_SHARDS],
    ["replicas", replicas, cache.replicasPerShard, "replicasPerShard", CACHE_REPLICAS],
  ] as const) {
    // A count outside the service's limits has its own message already.
    if (!bounds.enabled || configured < limits.min || configured > limits.max) {
      continue;
    }
    const boundsProblem = checkScalingBounds(bounds, configured, `cache.autoscaling.${dimension}`);
    if (boundsProblem?.[0] === "bounds") {
      issue(["autoscaling", dimension, "min"], bounds.min, boundsProblem[1]);
    } else if (boundsProblem) {
      issue([setting], configured, boundsProblem[1]);
    }
  }
  const floorProblem = replicas.enabled
    ? checkReplicaScalingFloor(replicas.min, cache.replicasPerShard, "cache.replicasPerShard")
    : undefined;
  if (floorProblem) {
    issue(["autoscaling", "replicas", "min"], replicas.min, floorProblem);
  }
}

/**
 * S3 bucket names are shared by every AWS account: the state bucket's and a configured static site bucket's names
 * carry the account id, so that nobody else can hold them, and the account is pinned.
 */
function checkGlobalBucketNames(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const staticBucket = config.edge.cdn.bucketName;
  if (
    staticBucket !== undefined &&
    (config.aws.accountId === undefined || !staticBucket.includes(config.aws.accountId))
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["edge", "cdn", "bucketName"],
      input: staticBucket,
      message: `${show(staticBucket)} does not contain aws.accountId (${config.aws.accountId ?? "not set"}); S3 bucket names are global across all AWS accounts, so expected a name with the account id in it, or none (the default, <project>-<env>-static-<account>-<region>)`,
    });
  }
  const bucket = config.stateBackend.bucket;
  if (bucket === undefined) {
    return;
  }
  const accountId = config.aws.accountId;
  if (accountId === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["aws", "accountId"],
      input: undefined,
      message: `is not set, but stateBackend.bucket is; expected the 12-digit account id, which the bucket's globally unique name must carry`,
    });
  } else if (!bucket.includes(accountId)) {
    ctx.addIssue({
      code: "custom",
      path: ["stateBackend", "bucket"],
      input: bucket,
      message: `${show(bucket)} does not contain aws.accountId (${accountId}); S3 bucket names are global across all AWS accounts, so expected a name such as "${config.project}-${config.environment}-tfstate-${accountId}"`,
    });
  }
}

/** Rules between Kafka settings and the network. */
function checkKafka(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const kafka = config.kafka;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["kafka", ...path], input, message: `${show(input)} ${message}` });

  const zones = config.network.azCount;
  const spreadProblem = checkBrokerSpread(kafka.brokerCount, zones, `network.azCount (${zones})`);
  if (spreadProblem) {
    issue(["brokerCount"], kafka.brokerCount, spreadProblem);
  }
  const brokerProblem = checkBrokerForVersion(kafka.brokerInstanceType, kafka.kafkaVersion);
  if (brokerProblem) {
    issue(["brokerInstanceType"], kafka.brokerInstanceType, brokerProblem);
  }
  for (const [setting, problem] of checkReplication(
    kafka.brokerCount,
    kafka.replicationFactor,
    kafka.minInsyncReplicas,
    { brokerCount: "kafka.brokerCount", replicationFactor: "kafka.replicationFactor" },
  )) {
    issue([setting], kafka[setting], problem);
  }
  const storageProblem = kafka.storageAutoscaling.enabled
    ? checkStorageMaximum(kafka.storageAutoscaling.maxVolumeSizeGiB, kafka.volumeSizeGiB, "kafka.volumeSizeGiB")
    : undefined;
  if (storageProblem) {
    issue(["storageAutoscaling", "maxVolumeSizeGiB"], kafka.storageAutoscaling.maxVolumeSizeGiB, storageProblem);
  }
}

/** Rules between EKS settings. */
function checkEks(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const eks = config.eks;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["eks", ...path], input, message: `${show(input)} ${message}` });

  const { publicAccess, publicAccessCidrs } = eks.endpoint;
  if (publicAccess && publicAccessCidrs.length === 0) {
    issue(
      ["endpoint", "publicAccessCidrs"],
      publicAccessCidrs,
      "is empty while eks.endpoint.publicAccess is true; expected the CIDRs allowed to reach the public endpoint",
    );
  }
  if (!publicAccess && publicAccessCidrs.length > 0) {
    issue(
      ["endpoint", "publicAccessCidrs"],
      publicAccessCidrs,
      "has no effect while eks.endpoint.publicAccess is false; expected [] or publicAccess true",
    );
  }

  const { securityGroupIds, cidrs } = eks.endpoint.privateAccess;
  if (!publicAccess && securityGroupIds.length === 0 && cidrs.length === 0) {
    issue(
      ["endpoint", "privateAccess"],
      eks.endpoint.privateAccess,
      "lets nobody reach the private Kubernetes API, and the public endpoint is off: the add-ons and workloads stacks could not plan or apply; expected the security groups (securityGroupIds) or private CIDRs (cidrs) of the CI runners and operators' VPN, or, outside production, publicAccess with publicAccessCidrs",
    );
  }
  cidrs.forEach((cidr, index) => {
    const parsed = parseCidr(cidr);
    if (typeof parsed !== "string" && !isPrivateCidr(parsed)) {
      issue(
        ["endpoint", "privateAccess", "cidrs", index],
        cidr,
        `is not a private range, and the private endpoint is reachable only through the VPC; expected a block inside ${PRIVATE_RANGES.join(", ")} (a peered network or VPN clients)`,
      );
    }
  });

  const principals = [...eks.access.admins, ...eks.access.viewers, ...eks.access.planners];
  const repeated = principals.find((arn, index) => principals.indexOf(arn) !== index);
  if (repeated !== undefined) {
    issue(["access"], repeated, "is listed twice; expected each principal once, as an admin, a viewer or a planner");
  }

  const names = eks.nodeGroups.map((group) => group.name);
  eks.nodeGroups.forEach((group, index) => {
    const at = (setting: string) => ["nodeGroups", index, setting];
    if (names.indexOf(group.name) !== index) {
      issue(at("name"), group.name, "is the name of another node group; expected unique names");
    }
    const sizes = { ...group, desiredSize: group.desiredSize ?? group.minSize };
    for (const [setting, problem] of checkGroupSizes(sizes, `eks.nodeGroups[${index}]`)) {
      issue(at(setting), sizes[setting], problem);
    }
    const spreadProblem =
      checkArchitectures(group.instanceTypes) ??
      // Types the table lacks are reported one by one; the group's shape needs them all known.
      (group.instanceTypes.every((type) => Object.hasOwn(EC2_INSTANCE_TYPES, type))
        ? checkNodeGroupShape(group.instanceTypes)
        : undefined) ??
      checkSpotDiversity(group.capacityType, group.instanceTypes);
    if (spreadProblem) {
      issue(at("instanceTypes"), group.instanceTypes, spreadProblem);
    }
    const iopsProblem = checkDiskIops(group.diskType, group.diskIops);
    if (iopsProblem) {
      issue(at("diskIops"), group.diskIops, iopsProblem);
    }
  });
  if (eks.systemNodeGroup !== undefined && !names.includes(eks.systemNodeGroup)) {
    issue(["systemNodeGroup"], eks.systemNodeGroup, `is not a node group; expected one of ${names.join(", ")}`);
  }
}

/** What a production environment must keep on. */
function checkProduction(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const required = (path: PropertyKey[], input: unknown, expectation: string) =>
    ctx.addIssue({
      code: "custom",
      path,
      input,
      message: `${show(input)} is not allowed in a production environment (production: true); expected ${expectation}`,
    });
  for (const setting of ["deletionProtection", "finalSnapshots", "preventDestroy"] as const) {
    if (!config.protection[setting]) {
      required(["protection", setting], false, "true");
    }
  }
  if (!config.database.multiAz) {
    required(["database", "multiAz"], false, "true");
  }
  if (config.database.backupRetentionDays < MIN_PRODUCTION_BACKUP_RETENTION_DAYS) {
    required(
      ["database", "backupRetentionDays"],
      config.database.backupRetentionDays,
      `at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} days`,
    );
  }
  if (config.cache.replicasPerShard < 1) {
    required(
      ["cache", "replicasPerShard"],
      config.cache.replicasPerShard,
      "at least 1, so that a shard fails over to another AZ",
    );
  }
  if (config.cache.snapshotRetentionDays < MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS) {
    required(
      ["cache", "snapshotRetentionDays"],
      config.cache.snapshotRetentionDays,
      `at least ${MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS} days`,
    );
  }
  if (config.kafka.replicationFactor < MIN_PRODUCTION_REPLICATION.replicationFactor) {
    required(
      ["kafka", "replicationFactor"],
      config.kafka.replicationFactor,
      `at least ${MIN_PRODUCTION_REPLICATION.replicationFactor}, so that a message survives two broker failures`,
    );
  }
  if (config.kafka.minInsyncReplicas < MIN_PRODUCTION_REPLICATION.minInsyncReplicas) {
    required(
      ["kafka", "minInsyncReplicas"],
      config.kafka.minInsyncReplicas,
      `at least ${MIN_PRODUCTION_REPLICATION.minInsyncReplicas}, so that an acknowledged write is on two brokers`,
    );
  }
  if (config.eks.endpoint.publicAccess) {
    required(
      ["eks", "endpoint", "publicAccess"],
      true,
      "false: production reaches the Kubernetes API through the private endpoint only (eks.endpoint.privateAccess)",
    );
  }
  // The default *.cloudfront.net certificate accepts TLS 1.0 (guardrail CKV_AWS_174), and API clients should not
  // depend on an execute-api host that changes whenever the API is replaced.
  if (config.edge.cdn.domain === undefined) {
    required(
      ["edge", "cdn", "domain"],
      undefined,
      "the site's own domain: { names, hostedZoneId } (a certificate is requested and validated in the zone) or { names, certificateArn } (us-east-1), so that viewers use TLS 1.2 or newer",
    );
  }
  if (config.edge.api.domain === undefined) {
    required(
      ["edge", "api", "domain"],
      undefined,
      "the API's own domain for API clients: { name, hostedZoneId } or { name, certificateArn }, served with TLS 1.2",
    );
  }
  const system = config.eks.nodeGroups.find((group) => group.name === config.eks.systemNodeGroup);
  if (system && system.capacityType !== "ON_DEMAND") {
    required(
      ["eks", "nodeGroups", config.eks.nodeGroups.indexOf(system), "capacityType"],
      system.capacityType,
      '"ON_DEMAND" for the system node group, so that spot reclaims never take CoreDNS and the add-ons down',
    );
  }
  if (!config.eks.nodeGroups.some((group) => group.capacityType === "ON_DEMAND" && group.minSize >= 2)) {
    required(
      ["eks", "nodeGroups"],
      config.eks.nodeGroups.map((group) => `${group.name}: ${group.capacityType} min ${group.minSize}`),
      "at least one ON_DEMAND node group with minSize 2 or more",
    );
  }
}

/** A validated environment config: what stacks receive. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** What a config file may contain before defaults are merged in. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/**
 * What an environment file may say about `T` (see `mergeConfig`): any nested subset; in a list of named items, an
 * item changes (or adds) the one of its name, or `{ name, remove: true }` removes it; other lists replace; an entry
 * of a record, or an optional setting, set to `null` is removed (the default's value does not apply).
 */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? Item extends { readonly name: string }
    ? readonly ((DeepPartial<Item> & { readonly name: string }) | { readonly name: string; readonly remove: true })[]
    : T
  : T extends object
    ? string extends keyof T
      ? { readonly [key: string]: DeepPartial<T[string]> | null }
      : { [K in keyof T]?: DeepPartial<T[K]> | (undefined extends T[K] ? null : never) }
    : T;

/** An environment file: its name plus whatever it changes from the defaults (see `mergeConfig`). */
export type EnvironmentOverrides = DeepPartial<EnvironmentInput> & { readonly environment: string };
