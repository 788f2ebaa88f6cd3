import { z } from "zod";
import { cidrContains, mustParseCidr } from "../../constructs/core/cidr";
import { checkVpcCidr } from "../../constructs/network/subnet-layout";
import { checkGlobalDatastoreNodeType } from "../../constructs/cache/global-datastore";
import { checkMultiVpcConnectivity, kafkaVersionBelow } from "../../constructs/kafka/kafka-cluster";
import { AWS_REGIONS } from "./regions";
import { allowed, checked, type IssueReporter, section, wholeNumber } from "./schema-helpers";

/**
 * Disaster recovery: a warm standby of a production environment in a second region (`dr`). With it, synth adds the
 * standby's stacks (`<env>-<region code>-<layer>`, stacks/standby.ts): a network, the data following the primary
 * (a cross-region read replica per database shard, the cache as the secondary of an ElastiCache global datastore,
 * a Kafka cluster the primary's topics are replicated to by MSK Replicator) and a cluster with its add-ons at the
 * standby size; the primary's static site is replicated to the standby region, where CloudFront fails over to it.
 * It also runs the workloads and the regional API at a reduced size; the API's custom domain fails over to it when
 * the switch is flipped (README, "Failover runbook").
 */
export const drSchema = section({
  /** The standby region; not the environment's own. */
  region: z.enum(AWS_REGIONS, { error: allowed("an AWS region code such as eu-central-1") }),
  /** The standby VPC's IPv4 block: must not overlap the primary's (or any environment's: the tooling network peers with each). */
  vpcCidr: checked(checkVpcCidr, "an IPv4 CIDR block such as 10.31.0.0/16"),
  /**
   * Recovery point objective: at most this many minutes of writes may be lost. The mechanisms replicate
   * asynchronously, within seconds to minutes (README, "Disaster recovery"); a standby replica that lags longer
   * pages the on-call.
   */
  rpoMinutes: wholeNumber(1, 1440, "a whole number of minutes from 1 to 1440"),
  /** Recovery time objective: a failover must bring the API back within this many minutes. */
  rtoMinutes: wholeNumber(15, 1440, "a whole number of minutes from 15 to 1440"),
  /**
   * The standby serves: set after the data was promoted (README, "Failover runbook"). Then the standby runs at the
   * primary's sizes, its Kafka consumers consume, and its database replicas are no longer declared replicas (so
   * that Terraform agrees with promoted instances). While false, its consumers stay out of their groups, because
   * MSK Replicator writes a group's offsets to the standby only while no consumer of the group is active there.
   */
  failedOver: z.boolean({ error: allowed("true or false") }).default(false),
  /** The standby's size while it waits: the cluster autoscaler and the pods' autoscalers grow it after a failover. */
  standby: section({
    /** Minimum (and starting) nodes of every node group in the standby cluster. */
    nodeGroupMinSize: wholeNumber(1, 10),
    /** Minimum (and starting) instances of the standby's monolith group. */
    monolithMinSize: wholeNumber(1, 100),
    /**
     * Brokers of the standby Kafka cluster: MSK Replicator needs at least 3 (4 when the cluster spans two zones)
     * in the target cluster.
     */
    kafkaBrokerCount: wholeNumber(3, 30),
  }),
});

export type DrConfig = z.output<typeof drSchema>;

/** The parts of an environment the disaster-recovery rules read. */
interface DrView {
  readonly production: boolean;
  readonly aws: { readonly region: string };
  readonly network: { readonly vpcCidr: string; readonly azCount: number };
  readonly cache: {
    readonly nodeType: string;
    readonly autoscaling: {
      readonly shards: { readonly enabled: boolean };
      readonly replicas: { readonly enabled: boolean };
    };
  };
  readonly kafka: { readonly brokerInstanceType: string; readonly kafkaVersion: string };
  readonly edge: { readonly api: { readonly domain?: { readonly name: string; readonly hostedZoneId?: string } } };
  readonly dr?: DrConfig;
}

/** MSK Replicator keeps topic names (IDENTICAL) only between clusters of Kafka 2.8.1 or later (MSK Developer Guide). */
const IDENTICAL_TOPIC_NAMES_MIN_KAFKA = "2.8.1";

/**
 * What a standby needs of the environment: production (a standby of a throw-away environment costs without
 * protecting anything), a region of its own and a VPC block that does not overlap the primary's. What the data
 * mechanisms need of the cache and Kafka is checked by `checkDrData`.
 */
export function checkDr(config: DrView, issue: IssueReporter): void {
  const dr = config.dr;
  if (dr === undefined) {
    return;
  }
  if (!config.production) {
    issue(
      ["dr"],
      undefined,
      "is set on an environment that is not production; expected dr only where production: true (a standby protects production data)",
    );
  }
  if (dr.region === config.aws.region) {
    issue(
      ["dr", "region"],
      dr.region,
      `is the environment's own region; expected another region than ${config.aws.region}`,
    );
  }
  const primary = mustParseCidr(config.network.vpcCidr);
  const standby = mustParseCidr(dr.vpcCidr);
  if (cidrContains(primary, standby) || cidrContains(standby, primary)) {
    issue(
      ["dr", "vpcCidr"],
      dr.vpcCidr,
      `overlaps network.vpcCidr ${config.network.vpcCidr}; expected a block of its own (the two VPCs and the tooling network connect)`,
    );
  }
  checkDrData(config, issue);
  if (config.edge.api.domain?.hostedZoneId === undefined) {
    issue(
      ["edge", "api", "domain", "hostedZoneId"],
      undefined,
      "is required with dr; expected the public hosted zone of the API's domain (the domain's records fail over between the regions)",
    );
  }
  const minimumBrokers = config.network.azCount === 2 ? 4 : 3;
  if (dr.standby.kafkaBrokerCount < minimumBrokers || dr.standby.kafkaBrokerCount % config.network.azCount !== 0) {
    issue(
      ["dr", "standby", "kafkaBrokerCount"],
      dr.standby.kafkaBrokerCount,
      `is not allowed; expected a multiple of network.azCount (${config.network.azCount}) of at least ${minimumBrokers} (MSK places brokers evenly over the zones; MSK Replicator needs ${minimumBrokers} brokers in a ${config.network.azCount}-zone target cluster)`,
    );
  }
}

/**
 * What the data mechanisms need: the cache joins a global datastore (a supported node type, and no auto scaling:
 * "Auto Scaling in ElastiCache is not supported for clusters running in Global datastores", ElastiCache User Guide,
 * Auto Scaling prerequisites; shards are changed through the global datastore instead), and MSK Replicator reads the
 * primary cluster over multi-VPC private connectivity and keeps topic names (Kafka 2.8.1 or later, brokers larger
 * than kafka.t3.small).
 */
function checkDrData(config: DrView, issue: IssueReporter): void {
  const nodeTypeProblem = checkGlobalDatastoreNodeType(config.cache.nodeType);
  if (nodeTypeProblem) {
    issue(["cache", "nodeType"], undefined, `${nodeTypeProblem} (dr is set: the cache becomes a global datastore)`);
  }
  for (const dimension of ["shards", "replicas"] as const) {
    if (config.cache.autoscaling[dimension].enabled) {
      issue(
        ["cache", "autoscaling", dimension, "enabled"],
        true,
        "is not allowed with dr; expected false (ElastiCache does not auto scale a global datastore's members; change cache.shards instead)",
      );
    }
  }
  const kafkaProblem = checkMultiVpcConnectivity(config.kafka.brokerInstanceType, config.kafka.kafkaVersion);
  if (kafkaProblem) {
    issue(["kafka", kafkaProblem[0]], undefined, `${kafkaProblem[1]} (dr is set: MSK Replicator reads this cluster)`);
  } else if (kafkaVersionBelow(config.kafka.kafkaVersion, IDENTICAL_TOPIC_NAMES_MIN_KAFKA)) {
    issue(
      ["kafka", "kafkaVersion"],
      config.kafka.kafkaVersion,
      `is not allowed with dr; expected ${IDENTICAL_TOPIC_NAMES_MIN_KAFKA} or later (MSK Replicator keeps topic names only from that version)`,
    );
  }
}
