import { MskCluster } from "@cdktf/provider-aws/lib/msk-cluster";
import { MskConfiguration } from "@cdktf/provider-aws/lib/msk-configuration";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { awsContext } from "../core/aws-context";
import { encryptedLogGroup } from "../core/log-group";
import { resolveProtection } from "../core/protection";
import { replacementName } from "../core/replacement-name";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";
import { TargetTrackingScaling } from "../core/target-tracking";
import { StoreKeys } from "../kms/store-keys";
import type { KafkaClusterProps, KafkaSettings } from "./kafka-props";
import { validateKafkaCluster } from "./kafka-validation";
import {
  type ConsumerLagMetricSet,
  consumerLagMetrics,
  type KafkaBrokerMetrics,
  kafkaBrokerMetrics,
  type KafkaClusterMetricSet,
  kafkaClusterMetrics,
} from "./metrics";
import { IAM_TLS_PORT, PROMETHEUS_PORTS } from "./options";
import { serverProperties } from "./server-properties";

export type { KafkaClusterProps, KafkaSettings, StorageAutoscaling } from "./kafka-props";

/** Path of the volume size in the cluster's state, which storage auto scaling owns. */
const VOLUME_SIZE_PATH = "broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size";

/**
 * Whether Kafka version `version` (an MSK version string: `3.9.x.kraft`, `2.8.1`, `2.8.2.tiered`) is below
 * `minimum` (`major.minor.patch`). An `x` patch counts as 0, so that a `.x` version passes only when every patch of
 * its line does.
 */
export function kafkaVersionBelow(version: string, minimum: string): boolean {
  const parts = (text: string) =>
    text
      .split(".")
      .slice(0, 3)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  const [have, need] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index++) {
    if ((have[index] ?? 0) !== (need[index] ?? 0)) {
      return (have[index] ?? 0) < (need[index] ?? 0);
    }
  }
  return false;
}

/** The least Kafka version MSK multi-VPC private connectivity runs on. */
export const MULTI_VPC_MIN_KAFKA_VERSION = "2.7.1";

/**
 * Why a cluster of `brokerInstanceType` brokers on `kafkaVersion` cannot have multi-VPC private connectivity, as
 * `[setting, problem]`, or undefined when it can. From the Amazon MSK Developer Guide ("Amazon MSK multi-VPC private
 * connectivity in a single Region", requirements and limitations): Apache Kafka 2.7.1 or later, IAM, TLS or
 * SASL/SCRAM authentication (this cluster always has IAM and never unauthenticated access), no kafka.t3.small.
 */
export function checkMultiVpcConnectivity(
  brokerInstanceType: string,
  kafkaVersion: string,
): readonly ["brokerInstanceType" | "kafkaVersion", string] | undefined {
  if (brokerInstanceType === "kafka.t3.small") {
    return [
      "brokerInstanceType",
      `${show(brokerInstanceType)} does not support multi-VPC private connectivity; expected kafka.m5.large or larger, or multiVpcConnectivity off`,
    ];
  }
  if (kafkaVersionBelow(kafkaVersion, MULTI_VPC_MIN_KAFKA_VERSION)) {
    return [
      "kafkaVersion",
      `${show(kafkaVersion)} does not support multi-VPC private connectivity; expected Apache Kafka ${MULTI_VPC_MIN_KAFKA_VERSION} or later, or multiVpcConnectivity off`,
    ];
  }
  return undefined;
}

/**
 * An MSK provisioned cluster for asynchronous work.
 *
 * - Network: brokers spread evenly over one subnet per zone, no public access, a security group with no rules until
 *   `allowFrom` opens the SASL/IAM TLS port (9098) or `allowPrometheusFrom` the exporter ports to a security group;
 *   `ingressPoints` and `monitoringIngressPoints` let a client's stack grant them instead (`allowIngress`);
 *   optionally multi-VPC private connectivity for SASL/IAM, the source side of a cross-region MSK Replicator.
 * - Security: TLS between clients and brokers and inside the cluster (no plaintext listener), storage encrypted
 *   with a customer-managed key, clients authenticated and authorised by IAM (SASL/IAM), unauthenticated access off.
 * - Configuration: production server properties (no topic auto-creation, replication that fits the broker count,
 *   no unclean leader election); the configuration is named after the Kafka version and replaced before destroy,
 *   so that a version upgrade works while the old one is in use.
 * - Operations: broker storage auto scaling (scale-out only; the volume size is then left to the scaler), broker
 *   logs to an encrypted log group, open monitoring with the JMX and node exporters, enhanced monitoring level.
 * - Typed outputs: bootstrap brokers for IAM, cluster ARN, security group, topic and group ARNs for IAM policies and
 *   the CloudWatch metrics of the cluster, each broker and each consumer group.
 */
export class KafkaCluster extends Construct {
  public readonly cluster: MskCluster;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  /** `host:port,...` of the brokers' SASL/IAM TLS listener, for clients in the VPC. */
  public readonly bootstrapBrokersIam: string;
  public readonly securityGroupId: string;
  public readonly configuration: MskConfiguration;
  public readonly keys: StoreKeys;
  public readonly settings: KafkaSettings;
  /** Cluster-wide metrics. */
  public readonly metrics: KafkaClusterMetricSet;
  /** Metrics of each broker. */
  public readonly brokerMetrics: readonly KafkaBrokerMetrics[];
  /** The storage scaler, when storage auto scales. */
  public readonly storageScaling?: TargetTrackingScaling;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    this.region = props.region;

    // Defaults: the production shape. Three Graviton brokers in KRaft mode, 100 GiB each growing to 1000 GiB, three
    // replicas of every partition with two in sync for a write, a week of messages, per-broker metrics.
    const kafkaVersion = props.kafkaVersion ?? "3.9.x.kraft";
    const brokerInstanceType = props.brokerInstanceType ?? "kafka.m7g.large";
    const brokerCount = props.brokerCount ?? 3;
    const volumeSizeGiB = props.volumeSizeGiB ?? 100;
    const storageAutoscaling =
      props.storageAutoscaling === false ? undefined : (props.storageAutoscaling ?? { maxVolumeSizeGiB: 1000 });
    const storageTargetPercent = storageAutoscaling?.targetPercent ?? 60;
    const replicationFactor = props.replicationFactor ?? Math.min(3, brokerCount);
    const minInsyncReplicas = props.minInsyncReplicas ?? Math.max(replicationFactor - 1, 1);
    const defaultPartitions = props.defaultPartitions ?? 6;
    const messageRetentionHours = props.messageRetentionHours ?? 168;
    const enhancedMonitoring = props.enhancedMonitoring ?? "PER_BROKER";
    const logRetentionDays = props.logRetentionDays ?? 365;
    const protection = resolveProtection(props.protection);

    const clusterName = joinName(props.namePrefix, "kafka");
    this.clusterName = clusterName;
    this.settings = {
      clusterName,
      kafkaVersion,
      brokerCount,
      replicationFactor,
      minInsyncReplicas,
      defaultPartitions,
      messageRetentionHours,
    };
    validateKafkaCluster(this, this.settings, props.subnetIds.length, {
      brokerInstanceType,
      volumeSizeGiB,
      storageAutoscaling,
      storageTargetPercent,
      enhancedMonitoring,
      logRetentionDays,
    });
    const multiVpcConnectivity = props.multiVpcConnectivity ?? false;
    const multiVpcProblem = multiVpcConnectivity
      ? checkMultiVpcConnectivity(brokerInstanceType, kafkaVersion)
      : undefined;
    if (multiVpcProblem) {
      throw new ValidationError(`${multiVpcProblem[0]}: ${multiVpcProblem[1]}`, this);
    }

    const logGroupName = `/aws/msk/${clusterName}/broker`;
    this.keys =
      props.keys ??
      new StoreKeys(this, "Keys", {
        aliasPrefix: clusterName,
        region: props.region,
        logGroupNames: [logGroupName],
        storageDescription: `Encrypts the broker storage of the ${clusterName} cluster`,
        logsDescription: `Encrypts the broker log group of the ${clusterName} cluster`,
        preventDestroy: protection.preventDestroy,
      });

    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: clusterName,
      description: `Kafka ${clusterName}: SASL/IAM TLS from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: clusterName },
    });
    this.securityGroupId = securityGroup.id;

    // Replaced (create before destroy) when the Kafka version changes: name and kafka_versions force replacement, so
    // the name ends in a hash of the versions and the new configuration never collides with the old one.
    this.configuration = new MskConfiguration(this, "Configuration", {
      name: replacementName(`${clusterName}-${kafkaVersion.replace(/\./g, "-")}`, { kafka_versions: [kafkaVersion] }),
      description: `Server properties of ${clusterName}`,
      kafkaVersions: [kafkaVersion],
      serverProperties: serverProperties(this.settings),
      lifecycle: { createBeforeDestroy: true },
    });

    const logGroup = encryptedLogGroup(this, "BrokerLogGroup", {
      name: logGroupName,
      kmsKeyArn: this.keys.logs.keyArn,
      retentionDays: logRetentionDays,
      deletionProtection: protection.deletionProtection,
    });

    const lifecycle = {
      ...(protection.preventDestroy ? { preventDestroy: true } : {}),
      ...(storageAutoscaling ? { ignoreChanges: [VOLUME_SIZE_PATH] } : {}),
    };
    this.cluster = new MskCluster(this, "Resource", {
      clusterName,
      kafkaVersion,
      numberOfBrokerNodes: brokerCount,
      brokerNodeGroupInfo: {
        instanceType: brokerInstanceType,
        clientSubnets: [...props.subnetIds],
        securityGroups: [securityGroup.id],
        azDistribution: "DEFAULT",
        storageInfo: { ebsStorageInfo: { volumeSize: volumeSizeGiB } },
        connectivityInfo: {
          publicAccess: { type: "DISABLED" },
          // PrivateLink for SASL/IAM clients in other VPCs (a cross-region MSK Replicator reading this cluster).
          ...(multiVpcConnectivity ? { vpcConnectivity: { clientAuthentication: { sasl: { iam: true } } } } : {}),
        },
      },
      clientAuthentication: {
        sasl: { iam: true, scram: false },
        unauthenticated: false,
      },
      encryptionInfo: {
        encryptionAtRestKmsKeyArn: this.keys.storage.keyArn,
        encryptionInTransit: { clientBroker: "TLS", inCluster: true },
      },
      configurationInfo: {
        arn: this.configuration.arn,
        revision: this.configuration.latestRevision,
      },
      enhancedMonitoring,
      openMonitoring: {
        prometheus: {
          jmxExporter: { enabledInBroker: true },
          nodeExporter: { enabledInBroker: true },
        },
      },
      loggingInfo: {
        brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logGroup.name } },
      },
      lifecycle: Object.keys(lifecycle).length > 0 ? lifecycle : undefined,
      tags: { Name: clusterName },
    });
    this.clusterArn = this.cluster.arn;
    this.bootstrapBrokersIam = this.cluster.bootstrapBrokersSaslIam;
    this.metrics = kafkaClusterMetrics(clusterName);
    this.brokerMetrics = kafkaBrokerMetrics(clusterName, brokerCount);

    if (storageAutoscaling) {
      this.storageScaling = new TargetTrackingScaling(this, "StorageScaling", {
        serviceNamespace: "kafka",
        resourceId: this.cluster.arn,
        scalableDimension: "kafka:broker-storage:VolumeSize",
        minCapacity: 1,
        maxCapacity: storageAutoscaling.maxVolumeSizeGiB,
        policyName: `${clusterName}-broker-storage`,
        predefinedMetric: "KafkaBrokerStorageUtilization",
        targetValue: storageTargetPercent,
        // MSK cannot shrink volumes.
        disableScaleIn: true,
      });
    }
  }

  /** Lets a security group connect to the brokers' SASL/IAM TLS listener. `id` names the grant, e.g. `EksNodes`. */
  public allowFrom(id: string, securityGroupId: string, description = `Kafka (SASL/IAM) from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: IAM_TLS_PORT,
      description,
    });
  }

  /** Where clients connect: the brokers' SASL/IAM TLS listener. */
  public get ingressPoints(): IngressPoint[] {
    return [{ name: "Brokers", securityGroupId: this.securityGroupId, port: IAM_TLS_PORT }];
  }

  /**
   * Where a Prometheus scrapes the brokers' open-monitoring exporters (plain HTTP inside the VPC): the JMX exporter
   * (11001) and the node exporter (11002). Grant them with `allowIngress` in the scraper's stack.
   */
  public get monitoringIngressPoints(): IngressPoint[] {
    return [
      { name: "JmxExporter", securityGroupId: this.securityGroupId, port: PROMETHEUS_PORTS.jmxExporter },
      { name: "NodeExporter", securityGroupId: this.securityGroupId, port: PROMETHEUS_PORTS.nodeExporter },
    ];
  }

  /** Lets a security group (a Prometheus) scrape the brokers' JMX and node exporters. */
  public allowPrometheusFrom(id: string, securityGroupId: string): void {
    allowTcpFrom(this, `${id}PrometheusIngress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: PROMETHEUS_PORTS.jmxExporter,
      toPort: PROMETHEUS_PORTS.nodeExporter,
      description: `Kafka JMX and node exporters from ${id}`,
    });
  }

  /** ARN of a topic for IAM policies (`kafka-cluster:*Topic*` actions); `*` patterns are allowed. */
  public topicArn(topic: string): string {
    return this.resourceArn("topic", topic);
  }

  /** ARN of a consumer group for IAM policies (`kafka-cluster:*Group*` actions); `*` patterns are allowed. */
  public groupArn(group: string): string {
    return this.resourceArn("group", group);
  }

  /** The lag metrics of a consumer group on a topic. */
  public consumerLagMetrics(consumerGroup: string, topic: string): ConsumerLagMetricSet {
    return consumerLagMetrics(this.clusterName, consumerGroup, topic);
  }

  private resourceArn(kind: "topic" | "group", name: string): string {
    const context = awsContext(this);
    return `arn:${context.partition}:kafka:${this.region}:${context.accountId}:${kind}/${this.clusterName}/${this.cluster.clusterUuid}/${name}`;
  }
}
