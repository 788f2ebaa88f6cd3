import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { CacheSecondary } from "../constructs/cache/cache-secondary";
import { CrossRegionReplica } from "../constructs/database/cross-region-replica";
import { ReplicaShardMap } from "../constructs/database/replica-shard-map";
import { shardName } from "../constructs/database/shard-map";
import type { DatabaseShardSignals } from "../constructs/observability/signals";
import { ValidationError } from "../constructs/core/errors";
import { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import { KafkaReplicator } from "../constructs/kafka/kafka-replicator";
import { joinName } from "../constructs/core/naming";
import { AlarmTopic } from "../constructs/observability/alarm-topic";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { type DataStack, dataProtection, kafkaClusterProps } from "./data-stack";
import { PlatformStack } from "./platform-stack";
import type { WorkloadsData } from "./workloads-stack";

/**
 * `<env>-<region code>-data`: the standby's copy of the primary's data, in the standby's data subnets, each store
 * encrypted with keys of the standby region: a cross-region read replica of every database shard (promoted in a
 * failover), the cache as the secondary of the primary's global datastore, and a Kafka cluster that MSK Replicator
 * keeps in step with the primary's topics and consumer-group offsets, and the standby's shard map (each shard's
 * replica). It reads the primary's data stack (the replicas' sources, the global datastore, the source cluster), so
 * the primary's data stack is applied first. With `failedOver` the replicas are declared promoted (the runbook
 * promotes them first), so that Terraform agrees with what the failover made of them.
 */
export class StandbyDataStack extends PlatformStack {
  /** One replica per primary shard, in shard order. */
  public readonly databaseReplicas: readonly CrossRegionReplica[];
  /** The replicas as the standby's services find them. */
  public readonly shardMap: ReplicaShardMap;
  public readonly cache: CacheSecondary;
  public readonly kafka: KafkaCluster;
  public readonly kafkaReplicator: KafkaReplicator;
  /** Pages the on-call when a replica falls further behind than the recovery point objective allows. */
  public readonly rpoAlarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, config: EnvironmentConfig, network: Network, primary: DataStack, failedOver: boolean) {
    super(scope, config, "data");

    const protection = dataProtection(config);
    const database = config.database;
    this.databaseReplicas = primary.database.shards.map(
      (shard, index) =>
        new CrossRegionReplica(this, `Shard${index}Replica`, {
          identifier: `${this.namePrefix}-db-shard-${index}`,
          namePrefix: this.namePrefix,
          region: this.region,
          sourceArn: shard.primary.arn,
          engineVersion: database.engineVersion,
          instanceClass: database.instanceClass,
          multiAz: database.multiAz,
          maxAllocatedStorageGiB: database.maxAllocatedStorageGiB,
          vpcId: network.vpcId,
          subnetIds: network.dataSubnetIds,
          backupRetentionDays: database.backupRetentionDays,
          backupWindow: database.backupWindow,
          maintenanceWindow: database.maintenanceWindow,
          monitoringIntervalSeconds: database.monitoringIntervalSeconds,
          performanceInsightsRetentionDays: database.performanceInsightsRetentionDays,
          logRetentionDays: database.logRetentionDays,
          slowQueryThresholdMs: database.slowQueryThresholdMs,
          caCertificate: database.caCertificate,
          applyImmediately: database.applyImmediately,
          promoted: failedOver,
          protection,
        }),
    );
    this.shardMap = new ReplicaShardMap(this, "ShardMap", {
      parameterName: `/${config.project}/${config.environment}/database/shard-map`,
      replicas: this.databaseReplicas,
      databaseName: database.databaseName,
    });

    const globalDatastore = primary.cacheGlobal;
    if (globalDatastore === undefined) {
      throw new ValidationError(
        `the primary data stack ${primary.node.id} has no global datastore (its config has no dr)`,
        this,
      );
    }
    this.cache = new CacheSecondary(this, "Cache", {
      namePrefix: this.namePrefix,
      region: this.region,
      vpcId: network.vpcId,
      subnetIds: network.dataSubnetIds,
      globalReplicationGroupId: globalDatastore.globalReplicationGroupId,
      replicasPerShard: config.cache.replicasPerShard,
      logRetentionDays: config.cache.logRetentionDays,
      applyImmediately: config.cache.applyImmediately,
      protection,
    });

    this.kafka = new KafkaCluster(this, "Kafka", kafkaClusterProps(this, network));
    this.kafkaReplicator = new KafkaReplicator(this, "KafkaReplicator", {
      namePrefix: this.namePrefix,
      vpcId: network.vpcId,
      source: {
        clusterArn: primary.kafka.clusterArn,
        kafkaVersion: primary.config.kafka.kafkaVersion,
        subnetIds: primary.dataSubnetIds,
        securityGroupId: primary.kafka.securityGroupId,
      },
      target: {
        clusterArn: this.kafka.clusterArn,
        kafkaVersion: config.kafka.kafkaVersion,
        subnetIds: network.dataSubnetIds,
        securityGroupId: this.kafka.securityGroupId,
      },
    });
    this.kafka.allowFrom("Replicator", this.kafkaReplicator.securityGroupId, "Kafka (SASL/IAM) from MSK Replicator");

    // The recovery point objective, watched where the replicas are: a regional outage must not silence the alarm.
    const rpoMinutes = primary.config.dr!.rpoMinutes;
    const paging = config.observability.notifications.paging;
    const topic =
      paging.emails.length + paging.httpsEndpoints.length > 0
        ? new AlarmTopic(this, "RpoTopic", {
            name: joinName(this.namePrefix, "rpo"),
            region: this.region,
            alarmNamePattern: `${this.namePrefix}-*`,
            emails: paging.emails,
            httpsEndpoints: paging.httpsEndpoints,
          })
        : undefined;
    this.rpoAlarms = this.databaseReplicas.map((replica, index) => {
      const lag = replica.metrics.replicaLag;
      return new CloudwatchMetricAlarm(this, `Shard${index}RpoAlarm`, {
        alarmName: `${replica.identifier}-rpo`,
        alarmDescription: `Shard ${index}'s standby replica is more than dr.rpoMinutes (${rpoMinutes} min) behind its primary: a failover now would lose more writes than the objective allows`,
        namespace: lag.namespace,
        metricName: lag.metricName,
        dimensions: { ...lag.dimensions },
        statistic: lag.statistic,
        period: lag.periodSeconds,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: rpoMinutes * 60,
        comparisonOperator: "GreaterThanThreshold",
        // A replica that reports nothing is not known to be behind; the data stack's other alarms see an outage.
        treatMissingData: "missing",
        alarmActions: topic ? [topic.topicArn] : undefined,
        okActions: topic ? [topic.topicArn] : undefined,
      });
    });

    new TerraformOutput(this, "shard_map_parameter", {
      value: this.shardMap.shardMapParameterName,
      description: "SSM parameter with the standby's shard map (each shard's replica)",
    });
    new TerraformOutput(this, "database_replica_identifiers", {
      value: this.databaseReplicas.map((replica) => replica.identifier),
      description: "Cross-region replica of each shard, in shard order: what a failover promotes",
    });
    new TerraformOutput(this, "cache_replication_group_id", {
      value: this.cache.replicationGroupId,
      description: "The standby's member of the cache's global datastore: what a failover makes primary",
    });
    new TerraformOutput(this, "kafka_bootstrap_brokers_iam", {
      value: this.kafka.bootstrapBrokersIam,
      description: "Bootstrap brokers of the standby cluster's SASL/IAM TLS listener (port 9098)",
    });
    new TerraformOutput(this, "kafka_replicator_arn", {
      value: this.kafkaReplicator.arn,
      description: "MSK Replicator copying the primary's topics and consumer offsets to this cluster",
    });
  }

  /** Each shard's signals: its replica, which becomes its only instance (the standby's observability watches it). */
  public shardSignals(): DatabaseShardSignals[] {
    return this.databaseReplicas.map((replica, index) => ({
      name: shardName(index),
      primary: { identifier: replica.identifier, metrics: replica.metrics },
      replicas: [],
    }));
  }

  /**
   * What the standby's workloads use: the replicas through the standby's shard map, the cache's secondary without
   * IAM sign-in (it has no user group, see `CacheSecondary`), the standby's Kafka cluster. No roles job (the users
   * come with the replicated data) and no topic job (MSK Replicator creates the topics).
   */
  public workloadsData(): WorkloadsData {
    const cache = this.cache;
    return {
      database: this.shardMap,
      cache: {
        configurationEndpoint: cache.configurationEndpoint,
        port: cache.port,
        users: { users: {} },
        connectArns: () => [],
        iamAuth: false,
        ingressPoints: cache.ingressPoints,
      },
      kafka: this.kafka,
      adminShards: [],
      createsTopics: false,
    };
  }
}
