import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { ShardedPostgres } from "../constructs/database/sharded-postgres";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";

/**
 * `<env>-data`: the stateful tier. PostgreSQL shards (primary, read replicas, RDS Proxy) in the network's isolated
 * data subnets, and the shard map the services read. It takes the VPC, data subnets and zones from the network
 * stack through cross-stack references, so the network stack is applied first.
 */
export class DataStack extends PlatformStack {
  public readonly database: ShardedPostgres;

  constructor(scope: Construct, config: EnvironmentConfig, network: Network) {
    super(scope, config, "data");

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
      protection: {
        deletionProtection: config.protection.deletionProtection,
        finalSnapshot: config.protection.finalSnapshots,
        preventDestroy: config.protection.preventDestroy,
      },
      proxy: settings.proxy.enabled
        ? {
            maxConnectionsPercent: settings.proxy.maxConnectionsPercent,
            maxIdleConnectionsPercent: settings.proxy.maxIdleConnectionsPercent,
            idleClientTimeoutSeconds: settings.proxy.idleClientTimeoutSeconds,
            connectionBorrowTimeoutSeconds: settings.proxy.connectionBorrowTimeoutSeconds,
          }
        : undefined,
    });

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
  }
}
