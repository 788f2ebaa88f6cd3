import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { AddonsStack } from "./addons-stack";
import { BootstrapStack } from "./bootstrap-stack";
import { ClusterStack } from "./cluster-stack";
import { DataStack, workloadsData } from "./data-stack";
import { EdgeStack } from "./edge-stack";
import { layerStackIds } from "./layers";
import { NetworkStack } from "./network-stack";
import { ObservabilityStack, platformSignals, shardSignals } from "./observability-stack";
import { defineStandby, expectedStandbyStackIds, type StandbyStacks } from "./standby";
import { WorkloadsStack } from "./workloads-stack";

/** The stacks of one environment, in deploy order. */
export interface EnvironmentStacks {
  readonly config: EnvironmentConfig;
  /** Only when the environment keeps its state in S3: the stack that creates the bucket. */
  readonly bootstrap?: BootstrapStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly cluster: ClusterStack;
  readonly addons: AddonsStack;
  readonly workloads: WorkloadsStack;
  readonly edge: EdgeStack;
  readonly observability: ObservabilityStack;
  /** With `dr`: the warm standby in the second region (stacks/standby.ts). */
  readonly standby?: StandbyStacks;
}

/**
 * Composes one environment: which stacks it has and how they are wired. Each stack takes what it needs from earlier
 * stacks' typed properties; cdktf turns those into cross-stack references (outputs + terraform_remote_state) and
 * orders the deploys.
 */
export function defineEnvironment(scope: Construct, config: EnvironmentConfig): EnvironmentStacks {
  const bucket = config.stateBackend.bucket;
  const bootstrap = bucket ? new BootstrapStack(scope, config, bucket) : undefined;
  const network = new NetworkStack(scope, config);
  const data = new DataStack(scope, config, network.network);
  const cluster = new ClusterStack(scope, config, network.network, network.autoScalingRole.arn);
  const addons = new AddonsStack(scope, config, network.network, cluster.cluster, data.kafka);
  const workloads = new WorkloadsStack(scope, config, {
    network: network.network,
    autoScalingRoleArn: network.autoScalingRole.arn,
    data: workloadsData(data),
    cluster: cluster.cluster,
    addons,
  });
  const edge = new EdgeStack(scope, config, network.network, workloads);
  const observability = new ObservabilityStack(scope, config, {
    signals: platformSignals(config, {
      database: shardSignals(data),
      cache: data.cache.nodeMetrics,
      kafka: data.kafka,
      cluster: cluster.cluster,
      workloads,
      api: edge.api.metrics,
    }),
    cluster: cluster.cluster,
    addons,
  });
  const standby = config.dr ? defineStandby(scope, config, { data, edge }) : undefined;
  return { config, bootstrap, network, data, cluster, addons, workloads, edge, observability, standby };
}

/** The ids of the stacks `defineEnvironment` makes for `config`, in deploy order: the primary's, then the standby's. */
export function expectedStackIds(config: EnvironmentConfig): string[] {
  return [...layerStackIds(config.environment, config), ...expectedStandbyStackIds(config)];
}

/** Every selected environment, in the order given. */
export function definePlatform(scope: Construct, configs: readonly EnvironmentConfig[]): EnvironmentStacks[] {
  return configs.map((config) => defineEnvironment(scope, config));
}
