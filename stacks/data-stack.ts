import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { GlobalDatastore } from "../constructs/cache/global-datastore";
import { RedisCluster } from "../constructs/cache/redis-cluster";
import { shardName } from "../constructs/database/shard-map";
import { ShardedPostgres } from "../constructs/database/sharded-postgres";
import { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import { KafkaReplicationSourcePolicy } from "../constructs/kafka/kafka-cluster-policy";
import type { KafkaClusterProps } from "../constructs/kafka/kafka-props";
import type { DataProtection } from "../constructs/core/protection";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";
import type { WorkloadsData } from "./workloads-stack";

/**
 * `<env>-data`: the stateful tier, all in the network's isolated data subnets: PostgreSQL shards (primary, read
 * replicas, RDS Proxy) and the shard map the services read, a cluster-mode Valkey/Redis cache, and an MSK Kafka
 * cluster for asynchronous work. It takes the VPC, data subnets and zones from the network stack through
 * cross-stack references, so the network stack is applied first. Nothing here is reachable until a later layer
 * grants its security group (`allowFrom`).
 */
export class DataStack extends PlatformStack {
  public readonly database: ShardedPostgres;
  public readonly cache: RedisCluster;
  public readonly kafka: KafkaCluster;
  /** The data subnets the stores live in (a standby's replicator reaches the primary's brokers there). */
  public readonly dataSubnetIds: readonly string[];
  /** With `dr`: the global datastore the cache is the primary of, which the standby's cache joins. */
  public readonly cacheGlobal?: GlobalDatastore;

  constructor(scope: Construct, config: EnvironmentConfig, network: Network) {
    super(scope, config, "data");

    const protection = dataProtection(config);
    const settings = config.database;
    this.database = new ShardedPostgres(this, "Database", {
      namePrefix: this.namePrefix,
      region: this.region,
      vpcId: network.vpcId,
      subnetIds: network.dataSubnetIds,
      availabilityZones: network.availabilityZones,
      shards: settings.shards,
      shardMapParameterName: `/${config.project}/${config.environment}/database/shard-map`,
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      replicaInstanceClass: settings.replicaInstanceClass,
      multiAz: settings.multiAz,
      replicas: settings.replicas,
      allocatedStorageGiB: settings.allocatedStorageGiB,
      maxAllocatedStorageGiB: settings.maxAllocatedStorageGiB,
      databaseName: settings.databaseName,
      masterUsername: settings.masterUsername,
      masterPassword: settings.masterPassword,
      masterPasswordVersion: settings.masterPasswordVersion,
      backupRetentionDays: settings.backupRetentionDays,
      backupWindow: settings.backupWindow,
      maintenanceWindow: settings.maintenanceWindow,
      slowQueryThresholdMs: settings.slowQueryThresholdMs,
      monitoringIntervalSeconds: settings.monitoringIntervalSeconds,
      performanceInsightsRetentionDays: settings.performanceInsightsRetentionDays,
      logRetentionDays: settings.logRetentionDays,
      caCertificate: settings.caCertificate,
      applyImmediately: settings.applyImmediately,
      protection,
      proxy: settings.proxy.enabled
        ? {
            maxConnectionsPercent: settings.proxy.maxConnectionsPercent,
            maxIdleConnectionsPercent: settings.proxy.maxIdleConnectionsPercent,
            idleClientTimeoutSeconds: settings.proxy.idleClientTimeoutSeconds,
            connectionBorrowTimeoutSeconds: settings.proxy.connectionBorrowTimeoutSeconds,
          }
        : undefined,
    });

    const cache = config.cache;
    this.cache = new RedisCluster(this, "Cache", {
      namePrefix: this.namePrefix,
      region: this.region,
      vpcId: network.vpcId,
      subnetIds: network.dataSubnetIds,
      engine: cache.engine,
      engineVersion: cache.engineVersion,
      nodeType: cache.nodeType,
      transitEncryption: cache.transitEncryption,
      shards: cache.shards,
      replicasPerShard: cache.replicasPerShard,
      evictionPolicy: cache.evictionPolicy,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      maintenanceWindow: cache.maintenanceWindow,
      logRetentionDays: cache.logRetentionDays,
      applyImmediately: cache.applyImmediately,
      users: cache.users,
      autoscaling: {
        shards: cache.autoscaling.shards.enabled ? cache.autoscaling.shards : undefined,
        replicas: cache.autoscaling.replicas.enabled ? cache.autoscaling.replicas : undefined,
      },
      ...(config.dr ? { globalDatastorePrimary: true } : {}),
      protection,
    });

    this.kafka = new KafkaCluster(this, "Kafka", {
      ...kafkaClusterProps(this, network),
      // A standby's MSK Replicator reads the brokers over multi-VPC private connectivity.
      ...(config.dr ? { multiVpcConnectivity: true } : {}),
    });
    this.dataSubnetIds = network.dataSubnetIds;

    if (config.dr) {
      this.cacheGlobal = new GlobalDatastore(this, "CacheGlobal", {
        idSuffix: `${this.namePrefix}-cache`,
        primaryReplicationGroupId: this.cache.replicationGroup.replicationGroupId,
        nodeType: cache.nodeType,
        shards: cache.shards,
        description: `${this.namePrefix} cache, replicated to the standby in ${config.dr.region}`,
      });
      new KafkaReplicationSourcePolicy(this, "KafkaReplicationSource", { clusterArn: this.kafka.clusterArn });
    }

    new TerraformOutput(this, "database_shard_map_parameter", {
      value: this.database.shardMapParameterName,
      description: "SSM parameter with the shard map (JSON) the services' data layer reads",
    });
    new TerraformOutput(this, "database_shard_map", {
      value: this.database.shardMapJson,
      description: "Endpoints of every PostgreSQL shard: writer, proxy, readers, port, database",
    });
    new TerraformOutput(this, "database_security_group_ids", {
      value: this.database.shards.map((shard) => shard.securityGroupId),
      description: "Security group of each shard's instances, in shard order",
    });
    new TerraformOutput(this, "database_master_secret_arns", {
      value: this.database.shards.map((shard) => shard.masterSecretArn),
      description: "Secrets Manager secret with each shard's master credentials (the ARN, not the secret)",
    });
    new TerraformOutput(this, "cache_configuration_endpoint", {
      value: this.cache.configurationEndpoint,
      description: "Cluster-mode configuration endpoint of the cache (TLS required, IAM users)",
    });
    new TerraformOutput(this, "cache_port", { value: this.cache.port, description: "Port of the cache" });
    new TerraformOutput(this, "cache_security_group_id", {
      value: this.cache.securityGroupId,
      description: "Security group of the cache nodes",
    });
    new TerraformOutput(this, "cache_user_ids", {
      value: Object.values(this.cache.users.users).map((user) => user.userId),
      description: "IAM-authenticated cache users (what a client sends as its user name)",
    });
    new TerraformOutput(this, "kafka_bootstrap_brokers_iam", {
      value: this.kafka.bootstrapBrokersIam,
      description: "Bootstrap brokers of the SASL/IAM TLS listener (port 9098)",
    });
    new TerraformOutput(this, "kafka_cluster_arn", {
      value: this.kafka.clusterArn,
      description: "ARN of the MSK cluster",
    });
    new TerraformOutput(this, "kafka_security_group_id", {
      value: this.kafka.securityGroupId,
      description: "Security group of the brokers",
    });
  }
}

/** What the primary's workloads use of its data stack: every store, the shards' users made by the roles job. */
export function workloadsData(data: DataStack): WorkloadsData {
  return {
    database: data.database,
    cache: data.cache,
    kafka: data.kafka,
    adminShards: data.database.shards.map((shard, index) => ({
      name: shardName(index),
      host: shard.writerAddress,
      port: shard.port,
      databaseName: shard.databaseName,
      masterSecretArn: shard.masterSecretArn,
      secretsKeyArn: shard.keys.secrets.keyArn,
    })),
    createsTopics: true,
  };
}

/**
 * The Kafka cluster of a data stack's environment, from its config: the primary's and the standby's (whose config
 * carries the standby's broker count) are built alike.
 */
export function kafkaClusterProps(stack: PlatformStack, network: Network): KafkaClusterProps {
  const { config } = stack;
  const kafka = config.kafka;
  return {
    namePrefix: stack.namePrefix,
    region: stack.region,
    vpcId: network.vpcId,
    subnetIds: network.dataSubnetIds,
    kafkaVersion: kafka.kafkaVersion,
    brokerInstanceType: kafka.brokerInstanceType,
    brokerCount: kafka.brokerCount,
    volumeSizeGiB: kafka.volumeSizeGiB,
    storageAutoscaling: kafka.storageAutoscaling.enabled ? kafka.storageAutoscaling : false,
    replicationFactor: kafka.replicationFactor,
    minInsyncReplicas: kafka.minInsyncReplicas,
    defaultPartitions: kafka.defaultPartitions,
    messageRetentionHours: kafka.messageRetentionHours,
    enhancedMonitoring: kafka.enhancedMonitoring,
    logRetentionDays: kafka.logRetentionDays,
    protection: dataProtection(config),
  };
}

/** The environment's protections (`protection` in config) as the data stores take them. */
export function dataProtection(config: EnvironmentConfig): DataProtection {
  return {
    deletionProtection: config.protection.deletionProtection,
    finalSnapshot: config.protection.finalSnapshots,
    preventDestroy: config.protection.preventDestroy,
  };
}
