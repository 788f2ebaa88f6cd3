import { createHash } from "node:crypto";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import type { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireWholeNumber } from "../core/validation";
import type { PlatformNamespace } from "../eks/addons/namespace";
import { ANYWHERE, type Placement } from "../eks/placement";
import { WorkloadRole, type WorkloadIdentityTarget } from "../eks/workload-identity";
import { oneShotJob } from "./one-shot-job";
import { checkTopicName, DEAD_LETTER_SUFFIX, TOPIC_PARTITIONS, type TopicSpec } from "../kafka/topic-options";

/**
 * The Apache Kafka image whose command-line tools administer the topics (same minor as the brokers' 3.9):
 * kafka.apache.org/39/getting-started/docker, "docker pull apache/kafka:3.9.1".
 */
export const KAFKA_TOOLS_IMAGE = "apache/kafka:3.9.1";

/** The image that fetches the MSK IAM library before the tools run: curl/curl-container tag 8.11.1 (508c8c6). */
export const FETCH_IMAGE = "curlimages/curl:8.11.1";

/**
 * The MSK IAM authentication library for Java clients (the shaded release jar, which brings its AWS SDK): tag v2.3.2
 * of aws/aws-msk-iam-auth (d12d07a, 2025-04-09). AWS publishes no checksum for the release jar: set
 * `kafka.iamAuthJarSha256` to the one you computed from a trusted download, and the job refuses any other file.
 */
export const MSK_IAM_AUTH = {
  version: "2.3.2",
  url: "https://github.com/aws/aws-msk-iam-auth/releases/download/v2.3.2/aws-msk-iam-auth-2.3.2-all.jar",
} as const;

const SERVICE_ACCOUNT = "kafka-topics";

/**
 * The job's script: creates each topic of `topics.txt` if it is missing, raises its partition count to the one
 * asked for, and sets its retention; it never deletes a topic or removes partitions, and stops with an error when a
 * topic's partitions or replication cannot be brought to the spec (Kafka cannot shrink either in place).
 */
export const SYNC_SCRIPT = `#!/bin/sh
# Brings the topics of /spec/topics.txt ("<name> <partitions> <replication> <retention.ms>" per line) to their spec.
set -eu
cat > /tmp/client.properties <<'EOF'
security.protocol=SASL_SSL
sasl.mechanism=AWS_MSK_IAM
sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
EOF
tool() { name="$1"; shift; "/opt/kafka/bin/$name" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config /tmp/client.properties "$@"; }
while read -r topic partitions replication retention; do
  [ -n "$topic" ] || continue
  tool kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" \\
    --replication-factor "$replication" --config "retention.ms=$retention"
  summary=$(tool kafka-topics.sh --describe --topic "$topic" | head -n 1)
  current=$(echo "$summary" | sed -n 's/.*PartitionCount: *\\([0-9]*\\).*/\\1/p')
  replicas=$(echo "$summary" | sed -n 's/.*ReplicationFactor: *\\([0-9]*\\).*/\\1/p')
  if [ "$replicas" != "$replication" ]; then
    echo "error: $topic has replication factor $replicas, the spec says $replication; reassign its partitions by hand" >&2
    exit 1
  fi
  if [ "$current" -gt "$partitions" ]; then
    echo "error: $topic has $current partitions, the spec says $partitions; Kafka cannot remove partitions" >&2
    exit 1
  elif [ "$current" -lt "$partitions" ]; then
    tool kafka-topics.sh --alter --topic "$topic" --partitions "$partitions"
  fi
  tool kafka-configs.sh --alter --entity-type topics --entity-name "$topic" --add-config "retention.ms=$retention"
  echo "ok: $topic partitions=$partitions replication=$replication retention.ms=$retention"
done < /spec/topics.txt
`;

/** What the topic job needs of the Kafka cluster (`KafkaCluster` provides it). */
export interface TopicCluster {
  readonly clusterArn: string;
  readonly bootstrapBrokersIam: string;
  topicArn(topic: string): string;
}

export interface KafkaTopicsProps {
  /** The topics, dead-letter topics included (`topicSpecs`). */
  readonly topics: readonly TopicSpec[];
  readonly kafka: TopicCluster;
  /** Namespace of the job (restricted Pod Security). */
  readonly namespace: PlatformNamespace;
  /** The cluster whose Pod Identity binds the job's role. */
  readonly cluster: WorkloadIdentityTarget;
  /** IAM role name of the job, at most 64 characters. */
  readonly roleName: string;
  /**
   * SHA-256 of the MSK IAM library jar; when set, the job refuses a download with another digest.
   *
   * @default - the download is trusted as served over HTTPS by GitHub
   */
  readonly iamAuthSha256?: string;
  /**
   * Where the job runs.
   *
   * @default ANYWHERE
   */
  readonly placement?: Placement;
}

/**
 * Kafka topics as code, against MSK with IAM authentication: a Kubernetes Job runs the Apache Kafka admin tools with
 * the MSK IAM library, as a service account whose role may create, describe and alter exactly these topics.
 *
 * - The spec is a ConfigMap (`topics.txt`, one line per topic), so a change to a topic shows in the plan as a
 *   one-line diff.
 * - The job's name ends in a hash of the spec, the script and the images: a change replaces the job, which runs
 *   again; Terraform waits for it to finish and fails the apply when it fails.
 * - The script is idempotent (create if missing, raise partitions, set retention) and never deletes a topic: removing
 *   one from the catalog leaves it in Kafka until someone deletes it on purpose.
 */
export class KafkaTopics extends Construct {
  public readonly role: WorkloadRole;
  public readonly spec: ConfigMapV1;
  public readonly job: JobV1;
  /** `topics.txt` as the job reads it. */
  public readonly specText: string;

  constructor(scope: Construct, id: string, props: KafkaTopicsProps) {
    super(scope, id);

    // Defaults: no digest check, anywhere.
    const placement = props.placement ?? ANYWHERE;
    this.validate(props);

    const names = props.topics.map((topic) => topic.name);
    this.role = new WorkloadRole(this, "Role", {
      cluster: props.cluster,
      namespace: props.namespace.name,
      serviceAccount: SERVICE_ACCOUNT,
      roleName: props.roleName,
      description: "Kafka topic job: creates and alters the catalog's topics",
      statements: [
        {
          sid: "KafkaConnect",
          actions: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
          resources: [props.kafka.clusterArn],
        },
        {
          sid: "KafkaManageTopics",
          actions: [
            "kafka-cluster:CreateTopic",
            "kafka-cluster:DescribeTopic",
            "kafka-cluster:AlterTopic",
            "kafka-cluster:DescribeTopicDynamicConfiguration",
            "kafka-cluster:AlterTopicDynamicConfiguration",
          ],
          resources: names.map((name) => props.kafka.topicArn(name)),
        },
      ],
    });
    const labels = { "app.kubernetes.io/name": "kafka-topics", "app.kubernetes.io/managed-by": "terraform" };
    const serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name: SERVICE_ACCOUNT, namespace: props.namespace.ref, labels },
      automountServiceAccountToken: false,
    });

    this.specText = props.topics
      .map((topic) => `${topic.name} ${topic.partitions} ${topic.replicationFactor} ${topic.retentionMs}`)
      .join("\n")
      .concat("\n");
    const digest = createHash("sha256")
      .update(
        [this.specText, SYNC_SCRIPT, KAFKA_TOOLS_IMAGE, FETCH_IMAGE, MSK_IAM_AUTH.url, props.iamAuthSha256 ?? ""].join(
          "\0",
        ),
      )
      .digest("hex")
      .slice(0, 10);
    const specName = `kafka-topics-${digest}`;
    this.spec = new ConfigMapV1(this, "Spec", {
      metadata: { name: specName, namespace: props.namespace.ref, labels },
      data: { "topics.txt": this.specText, "sync-topics.sh": SYNC_SCRIPT },
    });

    const jar = "/deps/aws-msk-iam-auth.jar";
    const fetch = [
      `curl --fail --silent --show-error --location --proto =https --output ${jar} ${MSK_IAM_AUTH.url}`,
      ...(props.iamAuthSha256 ? [`echo "${props.iamAuthSha256}  ${jar}" | sha256sum -c -`] : []),
    ].join(" && ");
    this.job = oneShotJob(this, "Job", {
      name: specName,
      namespace: props.namespace.ref,
      labels,
      serviceAccountName: serviceAccount.metadata.name,
      placement,
      user: 1000,
      initContainers: [
        {
          name: "fetch-msk-iam-auth",
          image: FETCH_IMAGE,
          command: ["/bin/sh", "-c", fetch],
          volumeMount: [{ name: "deps", mountPath: "/deps" }],
          resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "64Mi" } },
        },
      ],
      containers: [
        {
          name: "sync-topics",
          image: KAFKA_TOOLS_IMAGE,
          command: ["/bin/sh", "/spec/sync-topics.sh"],
          env: [
            { name: "BOOTSTRAP_SERVERS", value: props.kafka.bootstrapBrokersIam },
            { name: "CLASSPATH", value: jar },
            { name: "KAFKA_HEAP_OPTS", value: "-Xms128m -Xmx384m" },
            { name: "LOG_DIR", value: "/tmp/logs" },
          ],
          volumeMount: [
            { name: "deps", mountPath: "/deps", readOnly: true },
            { name: "spec", mountPath: "/spec", readOnly: true },
            { name: "tmp", mountPath: "/tmp" },
          ],
          resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "512Mi" } },
        },
      ],
      volumes: [
        { name: "deps", emptyDir: { sizeLimit: "64Mi" } },
        { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
        { name: "spec", configMap: { name: this.spec.metadata.name } },
      ],
      dependsOn: [this.role.binding],
    });
  }

  private validate(props: KafkaTopicsProps): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (props.topics.length === 0) {
      fail("topics: [] is empty; expected at least one topic (leave the job out when there are none)");
    }
    const seen = new Set<string>();
    for (const topic of props.topics) {
      const base = topic.name.endsWith(DEAD_LETTER_SUFFIX)
        ? topic.name.slice(0, -DEAD_LETTER_SUFFIX.length)
        : topic.name;
      const problem = checkTopicName(base);
      if (problem) {
        fail(`topics: ${show(topic.name)} ${problem}`);
      }
      if (seen.has(topic.name)) {
        fail(`topics: ${show(topic.name)} is listed twice; expected each topic once`);
      }
      seen.add(topic.name);
      requireWholeNumber(
        this,
        `topics.${topic.name}.partitions`,
        topic.partitions,
        TOPIC_PARTITIONS.min,
        TOPIC_PARTITIONS.max,
      );
    }
    if (props.iamAuthSha256 !== undefined && !/^[a-f0-9]{64}$/.test(props.iamAuthSha256)) {
      fail(`iamAuthSha256: ${show(props.iamAuthSha256)} is not a SHA-256 digest; expected 64 lower-case hex digits`);
    }
  }
}
