import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { consumerLagMetrics } from "../constructs/kafka/metrics";
import { ClusterConnection } from "../constructs/eks/addons/cluster-connection";
import type { EksCluster } from "../constructs/eks/eks-cluster";
import { AlarmTopic } from "../constructs/observability/alarm-topic";
import { ChatChannels, type SlackChannel } from "../constructs/observability/chat-channels";
import { GrafanaDashboard } from "../constructs/observability/grafana-dashboard";
import { PlatformAlarms } from "../constructs/observability/platform-alarms";
import { ScalabilityDashboard } from "../constructs/observability/scalability-dashboard";
import { meshServiceMetrics } from "../constructs/observability/mesh-panels";
import type { DatabaseShardSignals, PlatformSignals } from "../constructs/observability/signals";
import type { ApiStageMetrics } from "../constructs/api-gateway/metrics";
import type { CacheNodeMetrics } from "../constructs/cache/metrics";
import type { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import type { EnvironmentConfig } from "../src/config/schema";
import { joinName } from "../constructs/core/naming";
import type { AddonsStack } from "./addons-stack";
import type { DataStack } from "./data-stack";
import { PlatformStack } from "./platform-stack";
import type { WorkloadsStack } from "./workloads-stack";

/** What the signals come from: the stores' and the edge's signals, and the stacks that own the rest. */
export interface SignalSources {
  /** Each database shard's instances (`shardSignals` of a data stack). */
  readonly database: readonly DatabaseShardSignals[];
  /** Every cache node. */
  readonly cache: readonly CacheNodeMetrics[];
  readonly kafka: KafkaCluster;
  readonly cluster: EksCluster;
  readonly workloads: WorkloadsStack;
  /** The public API's stage. */
  readonly api: ApiStageMetrics;
}

/** What the observability stack watches: the signals, the cluster and the add-ons Grafana runs in. */
export interface ObservedStacks {
  readonly signals: PlatformSignals;
  readonly cluster: EksCluster;
  /** Where Grafana runs: its dashboard ConfigMap goes into that namespace. */
  readonly addons: AddonsStack;
}

/** Each shard of a primary data stack: its primary, replicas and proxy. */
export function shardSignals(data: DataStack): DatabaseShardSignals[] {
  return data.database.shards.map((shard, index) => ({
    name: `shard-${index}`,
    primary: { identifier: shard.identifier, metrics: shard.metrics },
    replicas: shard.replicas.map((replica) => ({ identifier: replica.identifier, metrics: replica.metrics })),
    proxy: shard.proxy?.metrics,
  }));
}

/**
 * The environment's signals, from the constructs that own the resources: every node group, database shard and
 * replica, cache node, broker, and consumer group (per topic it reads, from the service catalog).
 */
export function platformSignals(config: EnvironmentConfig, sources: SignalSources): PlatformSignals {
  const { kafka, cluster, workloads } = sources;
  const consumers = Object.keys(config.services)
    .sort()
    .flatMap((name) => {
      const { consumes, consumerGroup } = config.services[name].kafka;
      return consumerGroup === undefined
        ? []
        : [...consumes].sort().map((topic) => ({
            consumerGroup,
            topic,
            metrics: consumerLagMetrics(kafka.clusterName, consumerGroup, topic),
          }));
    });
  return {
    compute: {
      monolith: workloads.monolith.metrics,
      nodeGroups: Object.entries(cluster.nodeGroups).map(([name, group]) => ({
        name,
        minSize: group.settings.minSize,
        metrics: group.metrics,
      })),
    },
    loadBalancer: workloads.loadBalancer.metrics,
    api: sources.api,
    cache: sources.cache,
    database: sources.database,
    kafka: {
      clusterName: kafka.clusterName,
      cluster: kafka.metrics,
      brokers: kafka.brokerMetrics,
      consumers,
    },
    mesh: config.eks.mesh.enabled
      ? Object.keys(config.services)
          .sort()
          .map((name) => ({ name, metrics: meshServiceMetrics(name) }))
      : undefined,
  };
}

/**
 * `<env>-observability`: the scalability dashboard, the alarms (one per signal that needs an operator, a composite
 * per layer and "platform degraded") and the encrypted SNS topic they notify, with the subscriptions from config;
 * and the same panels as a Grafana dashboard (a ConfigMap in the monitoring namespace). Applied last: it reads the
 * node groups and cluster endpoint, the monitoring namespace and the load balancer from the earlier stacks.
 */
export class ObservabilityStack extends PlatformStack {
  public readonly signals: PlatformSignals;
  /** What pages: the per-layer composite alarms notify it. */
  public readonly pagingTopic?: AlarmTopic;
  /** What never pages: every signal alarm and "platform degraded" notify it. */
  public readonly warningsTopic?: AlarmTopic;
  public readonly alarms: PlatformAlarms;
  public readonly dashboard: ScalabilityDashboard;
  public readonly grafanaDashboard: GrafanaDashboard;

  constructor(scope: Construct, config: EnvironmentConfig, observed: ObservedStacks) {
    super(scope, config, "observability");

    const { notifications, alarms } = config.observability;
    this.signals = observed.signals;

    if (notifications.enabled) {
      const topic = (id: string, name: string, subscribers: typeof notifications.paging) =>
        new AlarmTopic(this, id, {
          name: joinName(this.namePrefix, name),
          region: this.region,
          alarmNamePattern: `${this.namePrefix}-*`,
          emails: subscribers.emails,
          httpsEndpoints: subscribers.httpsEndpoints,
        });
      this.pagingTopic = topic("PagingTopic", "paging", notifications.paging);
      this.warningsTopic = topic("WarningsTopic", "warnings", notifications.warnings);
      const channels = slackChannels([
        [this.pagingTopic.topicArn, notifications.paging.slackChannels],
        [this.warningsTopic.topicArn, notifications.warnings.slackChannels],
      ]);
      if (channels.length > 0) {
        new ChatChannels(this, "ChatChannels", { name: this.namePrefix, channels });
      }
    }

    this.alarms = new PlatformAlarms(this, "Alarms", {
      namePrefix: this.namePrefix,
      signals: this.signals,
      thresholds: alarms.thresholds,
      evaluationPeriods: alarms.evaluationPeriods,
      datapointsToAlarm: alarms.datapointsToAlarm,
      pagingTopicArn: this.pagingTopic?.topicArn,
      warningsTopicArn: this.warningsTopic?.topicArn,
    });

    const dashboardName = joinName(this.namePrefix, "scalability");
    this.dashboard = new ScalabilityDashboard(this, "Dashboard", {
      name: dashboardName,
      region: this.region,
      signals: this.signals,
      thresholds: alarms.thresholds,
      alarmArns: this.alarms.alarmArns,
    });

    // The same panels in Grafana, from Prometheus and CloudWatch, as a ConfigMap its dashboard sidecar loads.
    const cluster = observed.cluster;
    new ClusterConnection(this, "Connection", {
      clusterName: cluster.clusterName,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
      helm: false,
    });
    this.grafanaDashboard = new GrafanaDashboard(this, "GrafanaDashboard", {
      namespace: observed.addons.monitoringNamespace.ref,
      name: dashboardName,
      title: `${config.project} ${config.environment}: scalability`,
      signals: this.signals,
      region: this.region,
      clusterName: cluster.clusterName,
    });

    new TerraformOutput(this, "dashboard_url", {
      description: "The scalability dashboard in the CloudWatch console",
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${dashboardName}`,
    });
    if (this.pagingTopic && this.warningsTopic) {
      new TerraformOutput(this, "paging_topic_arn", {
        description: "SNS topic that pages (a layer degraded); subscribe the on-call tools to it",
        value: this.pagingTopic.topicArn,
      });
      new TerraformOutput(this, "warnings_topic_arn", {
        description: "SNS topic of the individual alarms (never a page); subscribe the team channel to it",
        value: this.warningsTopic.topicArn,
      });
    }
    new TerraformOutput(this, "platform_degraded_alarm", {
      description: "Name of the composite alarm that fires when any layer is degraded",
      value: this.alarms.platformDegraded.alarmName,
    });
  }
}

/** Each Slack channel once, with every topic that lists it. */
function slackChannels(
  topics: readonly (readonly [string, readonly SlackChannel[]])[],
): { channel: SlackChannel; topicArns: string[] }[] {
  const byChannel = new Map<string, { channel: SlackChannel; topicArns: string[] }>();
  for (const [topicArn, channels] of topics) {
    for (const channel of channels) {
      const key = `${channel.teamId}/${channel.channelId}`;
      const entry = byChannel.get(key) ?? { channel, topicArns: [] };
      entry.topicArns.push(topicArn);
      byChannel.set(key, entry);
    }
  }
  return [...byChannel.values()];
}
