import type { Construct } from "constructs";
import type { DrConfig } from "../src/config/dr-schema";
import type { EnvironmentConfig } from "../src/config/schema";
import { AddonsStack } from "./addons-stack";
import { BootstrapStack } from "./bootstrap-stack";
import { ClusterStack } from "./cluster-stack";
import { layerStackIds } from "./layers";
import type { DataStack } from "./data-stack";
import type { EdgeStack } from "./edge-stack";
import { NetworkStack } from "./network-stack";
import { ObservabilityStack, platformSignals } from "./observability-stack";
import { StandbyDataStack } from "./standby-data-stack";
import { StandbyEdgeStack } from "./standby-edge-stack";
import { WorkloadsStack } from "./workloads-stack";

/** The stacks of an environment's warm standby (`dr`), in deploy order. */
export interface StandbyStacks {
  /** The standby's own config: the primary's, moved to the standby region and sized down (`standbyConfig`). */
  readonly config: EnvironmentConfig;
  /** Only when the primary keeps its state in S3: the standby keeps its own state in its own region. */
  readonly bootstrap?: BootstrapStack;
  readonly network: NetworkStack;
  readonly data: StandbyDataStack;
  readonly cluster: ClusterStack;
  readonly addons: AddonsStack;
  readonly workloads: WorkloadsStack;
  readonly edge: StandbyEdgeStack;
  readonly observability: ObservabilityStack;
}

const REGION_WORDS: Readonly<Record<string, string>> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  gov: "g",
};

/**
 * The short code of a region in stack ids and resource names: `eu-central-1` → `euc1`, `us-east-2` → `use2`,
 * `ap-southeast-1` → `apse1`, `us-gov-west-1` → `usgw1` (the codes AWS's own naming guidance uses).
 */
export function regionCode(region: string): string {
  const parts = region.split("-");
  const number = parts.at(-1)!;
  const words = parts.slice(1, -1).map((word) => REGION_WORDS[word] ?? word.charAt(0));
  return `${parts[0]}${words.join("")}${number}`;
}

/** The name the standby's stacks and resources carry instead of the environment's: `prod-euc1`. */
export function standbyName(environment: string, dr: DrConfig): string {
  return `${environment}-${regionCode(dr.region)}`;
}

/**
 * The standby's config: the primary's, moved to the standby region with the standby's VPC block and name (`prod-euc1`,
 * so every name, stack id and state key says which copy it is), its own state bucket in its own region (a state
 * bucket in the lost region could not be read), the account's auto-scaling service-linked role taken as existing
 * (the primary's network stack creates it once per account) and the standby's Kafka broker count. While it waits
 * (`dr.failedOver` false) node groups and the monolith start at the standby sizes and the monolith's schedule and
 * predictive scaling are off (they would grow an idle copy); once failed over it runs at the primary's sizes.
 */
export function standbyConfig(config: EnvironmentConfig): EnvironmentConfig {
  const dr = config.dr;
  if (dr === undefined) {
    throw new RangeError(`standbyConfig: environment ${config.environment} has no dr section`);
  }
  const name = standbyName(config.environment, dr);
  const bucket = config.stateBackend.bucket;
  const waiting = !dr.failedOver;
  const monolith = config.monolith;
  const monolithMin = Math.min(monolith.minSize, dr.standby.monolithMinSize);
  return {
    ...config,
    environment: name,
    aws: { ...config.aws, region: dr.region, autoScalingServiceLinkedRole: "existing" },
    network: { ...config.network, vpcCidr: dr.vpcCidr, availabilityZones: undefined },
    kafka: { ...config.kafka, brokerCount: dr.standby.kafkaBrokerCount },
    eks: waiting
      ? {
          ...config.eks,
          nodeGroups: config.eks.nodeGroups.map((group) => ({
            ...group,
            minSize: Math.min(group.minSize, dr.standby.nodeGroupMinSize),
            desiredSize: Math.min(group.desiredSize ?? group.minSize, dr.standby.nodeGroupMinSize),
          })),
        }
      : config.eks,
    monolith: waiting
      ? {
          ...monolith,
          minSize: monolithMin,
          desiredCapacity: Math.min(monolith.desiredCapacity ?? monolith.minSize, monolithMin),
          schedule: [],
          scaling: { ...monolith.scaling, predictive: "off" },
        }
      : monolith,
    stateBackend: {
      ...config.stateBackend,
      bucket: bucket === undefined ? undefined : `${bucket}-${regionCode(dr.region)}`,
      region: bucket === undefined ? undefined : dr.region,
      kmsKeyId: undefined,
    },
    dr: undefined,
  };
}

/** The ids of the standby's stacks for `config` (with `dr`), in deploy order; none without `dr`. */
export function expectedStandbyStackIds(config: EnvironmentConfig): string[] {
  if (config.dr === undefined) {
    return [];
  }
  return layerStackIds(standbyName(config.environment, config.dr), config);
}

/**
 * Composes the warm standby of an environment with `dr`: the same network, cluster, add-on and workloads stacks as
 * the primary (at the standby size, in the standby region), a data stack that follows the primary's data
 * (`primary.data`), a regional edge with the primary's API (`primary.edge`), and its own observability (dashboard,
 * alarms, topics in its region). CloudFront stays with the primary.
 */
export function defineStandby(
  scope: Construct,
  config: EnvironmentConfig,
  primary: { readonly data: DataStack; readonly edge: EdgeStack },
): StandbyStacks {
  const standby = standbyConfig(config);
  const failedOver = config.dr!.failedOver;
  const bucket = standby.stateBackend.bucket;
  const bootstrap = bucket ? new BootstrapStack(scope, standby, bucket) : undefined;
  const network = new NetworkStack(scope, standby);
  const data = new StandbyDataStack(scope, standby, network.network, primary.data, failedOver);
  const cluster = new ClusterStack(scope, standby, network.network, network.autoScalingRole.arn);
  const addons = new AddonsStack(scope, standby, network.network, cluster.cluster, data.kafka);
  const workloads = new WorkloadsStack(scope, standby, {
    network: network.network,
    autoScalingRoleArn: network.autoScalingRole.arn,
    data: data.workloadsData(),
    cluster: cluster.cluster,
    addons,
    consumersActive: failedOver,
  });
  const edge = new StandbyEdgeStack(scope, standby, network.network, workloads, primary.edge);
  // Its own dashboard, alarms and topics, in its region: what the on-call watches once it serves.
  const observability = new ObservabilityStack(scope, standby, {
    signals: platformSignals(standby, {
      database: data.shardSignals(),
      cache: data.cache.nodeMetrics(standby.cache.shards),
      kafka: data.kafka,
      cluster: cluster.cluster,
      workloads,
      api: edge.api.metrics,
    }),
    cluster: cluster.cluster,
    addons,
  });
  return { config: standby, bootstrap, network, data, cluster, addons, workloads, edge, observability };
}
