import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { MskReplicator } from "@cdktf/provider-aws/lib/msk-replicator";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { awsContext } from "../core/aws-context";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { allowTcpTo } from "../core/security-group-rules";
import { kafkaVersionBelow } from "./kafka-cluster";
import { IAM_TLS_PORT } from "./options";

/** Compression MSK Replicator applies to the records it writes to the target (CFN `ReplicationInfo`). */
export const REPLICATOR_COMPRESSION_TYPES = ["NONE", "GZIP", "SNAPPY", "LZ4", "ZSTD"] as const;
export type ReplicatorCompressionType = (typeof REPLICATOR_COMPRESSION_TYPES)[number];

/** Replicator names MSK accepts: 1 to 128 characters (CFN `AWS::MSK::Replicator` ReplicatorName). */
export const REPLICATOR_NAME = /^[0-9A-Za-z][0-9A-Za-z-]{0,127}$/;

/** The least Kafka version of both clusters for `IDENTICAL` topic names (MSK Replicator supported configurations). */
export const IDENTICAL_TOPIC_NAMES_MIN_KAFKA_VERSION = "2.8.1";

/**
 * The actions of the AWS managed policy `AWSMSKReplicatorExecutionRole` (v2), statement by statement: the
 * replicator's role gets exactly these, on the two clusters it replicates between instead of on every cluster of
 * every account.
 */
export const REPLICATOR_ACTIONS = {
  cluster: [
    "kafka-cluster:Connect",
    "kafka-cluster:DescribeCluster",
    "kafka-cluster:AlterCluster",
    "kafka-cluster:DescribeTopic",
    "kafka-cluster:CreateTopic",
    "kafka-cluster:AlterTopic",
    "kafka-cluster:WriteData",
    "kafka-cluster:ReadData",
    "kafka-cluster:AlterGroup",
    "kafka-cluster:DescribeGroup",
    "kafka-cluster:DescribeTopicDynamicConfiguration",
    "kafka-cluster:AlterTopicDynamicConfiguration",
    "kafka-cluster:WriteDataIdempotently",
  ],
  topic: [
    "kafka-cluster:DescribeTopic",
    "kafka-cluster:CreateTopic",
    "kafka-cluster:AlterTopic",
    "kafka-cluster:WriteData",
    "kafka-cluster:ReadData",
    "kafka-cluster:DescribeTopicDynamicConfiguration",
    "kafka-cluster:AlterTopicDynamicConfiguration",
    "kafka-cluster:AlterCluster",
  ],
  group: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
} as const;

/** One end of the replication: an MSK provisioned cluster with IAM access control. */
export interface ReplicatedKafkaCluster {
  /** The cluster's ARN (`KafkaCluster.clusterArn`). */
  readonly clusterArn: string;
  /** The cluster's Kafka version (`KafkaCluster.settings.kafkaVersion`). */
  readonly kafkaVersion: string;
  /**
   * Subnets of the replicator's connection: for the source, the source cluster's data subnets; for the target, the
   * target cluster's data subnets (in the target VPC).
   */
  readonly subnetIds: readonly string[];
  /**
   * The cluster's security group (`KafkaCluster.securityGroupId`). The source connection uses it; for the target,
   * the replicator's own security group may send to it on 9098 only.
   */
  readonly securityGroupId: string;
}

export interface KafkaReplicatorProps {
  /** Prefix of every name, `<project>-<environment>` of the standby. */
  readonly namePrefix: string;
  /**
   * The replicator's name, 1 to 128 letters, digits and hyphens, starting with a letter or digit. It cannot change
   * after creation (CloudFormation replaces the replicator; the Terraform provider does not update it).
   *
   * @default `<namePrefix>-kafka-replicator`
   */
  readonly replicatorName?: string;
  /** The target (standby) VPC: where the replicator's security group lives. */
  readonly vpcId: string;
  /** The cluster replicated from (primary region); it needs `KafkaReplicationSourcePolicy` and multi-VPC connectivity. */
  readonly source: ReplicatedKafkaCluster;
  /** The cluster replicated to (this stack's region). */
  readonly target: ReplicatedKafkaCluster;
  /**
   * Compression of the records written to the target: NONE, GZIP, SNAPPY, LZ4 or ZSTD.
   *
   * @default "LZ4"
   */
  readonly targetCompressionType?: ReplicatorCompressionType;
  /**
   * Regular expressions of the topics to replicate.
   *
   * @default [".*"] - every topic
   */
  readonly topicsToReplicate?: readonly string[];
  /**
   * Regular expressions of the topics not to replicate.
   *
   * @default ["__.*"] - Kafka's and MSK's internal topics (`__consumer_offsets`, `__amazon_msk_*`)
   */
  readonly topicsToExclude?: readonly string[];
  /**
   * Regular expressions of the consumer groups whose offsets are replicated.
   *
   * @default [".*"] - every consumer group
   */
  readonly consumerGroupsToReplicate?: readonly string[];
  /**
   * Regular expressions of the consumer groups not to replicate.
   *
   * @default - none
   */
  readonly consumerGroupsToExclude?: readonly string[];
}

/**
 * An MSK Replicator copying the primary region's Kafka cluster into the standby's (lives in the STANDBY, target,
 * region's stack), so that consumers in the standby find the same topics, under the same names, with their
 * committed offsets.
 *
 * - Replication: every topic but the internal ones from the earliest offset, topic configurations and ACLs copied,
 *   new topics and consumer groups picked up, consumer-group offsets synchronised, topic names kept identical (so
 *   consumers need no change after a failover; MSK requires Kafka 2.8.1 or later on both clusters for that),
 *   records compressed with LZ4 on the target.
 * - Immutable after creation: the starting position and the topic-name configuration cannot be changed on a
 *   replicator (Amazon MSK Developer Guide, "Edit MSK Replicator settings": a new replicator is needed), and the
 *   Terraform provider only updates topic and consumer-group replication in place (UpdateReplicationInfo); the
 *   clusters, the compression, the name and the description force a new replicator.
 * - Role: the service execution role, trusted by `kafka.amazonaws.com` for this account only (the trust policy of
 *   "Service execution role (SER)" in the Amazon MSK Developer Guide), with the actions of the AWS managed policy
 *   `AWSMSKReplicatorExecutionRole` as an inline policy scoped to the two clusters, their topics and their groups
 *   (the managed policy grants them on every cluster, topic and group of any account).
 * - Network: the target connection uses the target cluster's subnets and the replicator's own security group, which
 *   may only send to the target cluster's security group on the SASL/IAM TLS port (9098); the target cluster must
 *   let it in: `targetKafka.allowFrom("Replicator", replicator.securityGroupId)` in the same stack. The source
 *   connection (multi-VPC private connectivity in the source region) uses the source cluster's subnets and
 *   security group.
 * - Prerequisites in the primary region: `multiVpcConnectivity: true` on the source `KafkaCluster` and a
 *   `KafkaReplicationSourcePolicy` on it. Both clusters need IAM access control and at least 3 brokers (4 in two
 *   zones), and must be in the same account.
 */
export class KafkaReplicator extends Construct {
  public readonly replicator: MskReplicator;
  public readonly replicatorName: string;
  /** The replicator's ARN. */
  public readonly arn: string;
  /** The replicator's security group: grant it the target cluster's brokers (`KafkaCluster.allowFrom`). */
  public readonly securityGroupId: string;
  /** The service execution role. */
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: KafkaReplicatorProps) {
    super(scope, id);

    const replicatorName = props.replicatorName ?? joinName(props.namePrefix, "kafka-replicator");
    const targetCompressionType = props.targetCompressionType ?? "LZ4";
    const topicsToReplicate = props.topicsToReplicate ?? [".*"];
    const topicsToExclude = props.topicsToExclude ?? ["__.*"];
    const consumerGroupsToReplicate = props.consumerGroupsToReplicate ?? [".*"];
    this.replicatorName = replicatorName;
    validateReplicator(this, props, {
      replicatorName,
      targetCompressionType,
      topicsToReplicate,
      consumerGroupsToReplicate,
    });

    const lowerName = replicatorName.toLowerCase();
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: lowerName,
      description: `MSK Replicator ${lowerName}: SASL/IAM TLS to the target brokers only`,
      vpcId: props.vpcId,
      tags: { Name: lowerName },
    });
    this.securityGroupId = securityGroup.id;
    allowTcpTo(this, "TargetBrokersEgress", {
      securityGroupId: securityGroup.id,
      destinationSecurityGroupId: props.target.securityGroupId,
      port: IAM_TLS_PORT,
      description: "Kafka (SASL/IAM) to the target brokers",
    });

    // MSK may assume the role only for this account (the trust policy of the MSK Developer Guide's SER page).
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["kafka.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [awsContext(this).accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, "Role", {
      name: joinName(lowerName, { maxLength: 64 }),
      description: `Lets MSK Replicator ${lowerName} read the source cluster and write the target cluster`,
      assumeRolePolicy: trust.json,
    });
    const clusters = [props.source.clusterArn, props.target.clusterArn];
    const permissions = new DataAwsIamPolicyDocument(this, "Permissions", {
      statement: [
        {
          sid: "ClusterPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.cluster],
          resources: clusters,
        },
        {
          sid: "TopicPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.topic],
          resources: clusters.map((arn) => clusterChildArns(arn, "topic")),
        },
        {
          sid: "GroupPermissions",
          effect: "Allow",
          actions: [...REPLICATOR_ACTIONS.group],
          resources: clusters.map((arn) => clusterChildArns(arn, "group")),
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "RolePolicy", {
      name: "replicate-kafka",
      role: this.role.id,
      policy: permissions.json,
    });

    this.replicator = new MskReplicator(this, "Resource", {
      replicatorName,
      description: `Replicates the primary Kafka cluster's topics and consumer groups into ${props.namePrefix}`,
      serviceExecutionRoleArn: this.role.arn,
      kafkaCluster: [
        {
          amazonMskCluster: { mskClusterArn: props.source.clusterArn },
          vpcConfig: { subnetIds: [...props.source.subnetIds], securityGroupsIds: [props.source.securityGroupId] },
        },
        {
          amazonMskCluster: { mskClusterArn: props.target.clusterArn },
          vpcConfig: { subnetIds: [...props.target.subnetIds], securityGroupsIds: [securityGroup.id] },
        },
      ],
      replicationInfoList: {
        sourceKafkaClusterArn: props.source.clusterArn,
        targetKafkaClusterArn: props.target.clusterArn,
        targetCompressionType,
        topicReplication: [
          {
            topicsToReplicate: [...topicsToReplicate],
            topicsToExclude: topicsToExclude.length > 0 ? [...topicsToExclude] : undefined,
            copyTopicConfigurations: true,
            copyAccessControlListsForTopics: true,
            detectAndCopyNewTopics: true,
            // Both fixed at creation: changing them needs a new replicator.
            startingPosition: { type: "EARLIEST" },
            topicNameConfiguration: { type: "IDENTICAL" },
          },
        ],
        consumerGroupReplication: [
          {
            consumerGroupsToReplicate: [...consumerGroupsToReplicate],
            consumerGroupsToExclude:
              props.consumerGroupsToExclude && props.consumerGroupsToExclude.length > 0
                ? [...props.consumerGroupsToExclude]
                : undefined,
            synchroniseConsumerGroupOffsets: true,
            detectAndCopyNewConsumerGroups: true,
          },
        ],
      },
      tags: { Name: lowerName },
      // MSK checks the role when it creates the replicator: its permissions first.
      dependsOn: [rolePolicy],
    });
    this.arn = this.replicator.arn;
  }
}

/**
 * `arn:…:topic/<cluster name>/<cluster uuid>/*` (or `group/…`) from a cluster ARN `arn:…:cluster/<name>/<uuid>`: the
 * topics or groups of that cluster for IAM (MSK Developer Guide, IAM access control resources).
 */
function clusterChildArns(clusterArn: string, kind: "topic" | "group"): string {
  const arn = Token.isUnresolved(clusterArn)
    ? Fn.replace(clusterArn, ":cluster/", `:${kind}/`)
    : clusterArn.replace(":cluster/", `:${kind}/`);
  return `${arn}/*`;
}

/** Checks a replicator's props, with their defaults resolved, before any resource exists. */
function validateReplicator(
  scope: Construct,
  props: KafkaReplicatorProps,
  settings: {
    replicatorName: string;
    targetCompressionType: string;
    topicsToReplicate: readonly string[];
    consumerGroupsToReplicate: readonly string[];
  },
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  if (!REPLICATOR_NAME.test(settings.replicatorName)) {
    fail(
      `replicatorName: ${show(settings.replicatorName)} is not allowed; expected 1 to 128 letters, digits and hyphens, starting with a letter or digit`,
    );
  }
  if (!(REPLICATOR_COMPRESSION_TYPES as readonly string[]).includes(settings.targetCompressionType)) {
    fail(
      `targetCompressionType: ${show(settings.targetCompressionType)} is not allowed; expected one of ${REPLICATOR_COMPRESSION_TYPES.map((type) => show(type)).join(", ")}`,
    );
  }
  for (const end of ["source", "target"] as const) {
    const version = props[end].kafkaVersion;
    if (kafkaVersionBelow(version, IDENTICAL_TOPIC_NAMES_MIN_KAFKA_VERSION)) {
      fail(
        `${end}.kafkaVersion: ${show(version)} cannot keep identical topic names; expected Apache Kafka ${IDENTICAL_TOPIC_NAMES_MIN_KAFKA_VERSION} or later on both clusters`,
      );
    }
    if (props[end].subnetIds.length === 0) {
      fail(`${end}.subnetIds: none given; expected the ${end} cluster's subnets`);
    }
  }
  const patterns: Array<[string, readonly string[] | undefined, boolean]> = [
    ["topicsToReplicate", settings.topicsToReplicate, true],
    ["topicsToExclude", props.topicsToExclude, false],
    ["consumerGroupsToReplicate", settings.consumerGroupsToReplicate, true],
    ["consumerGroupsToExclude", props.consumerGroupsToExclude, false],
  ];
  for (const [setting, list, required] of patterns) {
    if (required && (list ?? []).length === 0) {
      fail(`${setting}: none given; expected at least one regular expression, such as ".*"`);
    }
    const blank = (list ?? []).find((pattern) => pattern.trim().length === 0);
    if (blank !== undefined) {
      fail(`${setting}: ${show(blank)} is not allowed; expected a regular expression, such as ".*"`);
    }
  }
}
