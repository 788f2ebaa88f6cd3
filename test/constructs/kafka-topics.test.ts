import { PlatformNamespace } from "../../constructs/eks/addons/namespace";
import {
  FETCH_IMAGE,
  KAFKA_TOOLS_IMAGE,
  KafkaTopics,
  type KafkaTopicsProps,
  MSK_IAM_AUTH,
} from "../../constructs/jobs/kafka-topics";
import { collidingTopics, topicSpecs } from "../../constructs/kafka/topic-options";
import { dataNamed, kubernetesTestStack, onlyOf, synth, TEST_CLUSTER } from "../helpers";

const kafka = {
  clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/acme-test-kafka/uuid-1",
  bootstrapBrokersIam: "b-1.kafka:9098",
  topicArn: (topic: string) => `arn:aws:kafka:eu-west-1:123456789012:topic/acme-test-kafka/uuid-1/${topic}`,
};
const cluster = TEST_CLUSTER;
const TOPICS = { report_requested: { partitions: 6, retentionHours: 168, deadLetterRetentionHours: 336 } };

function build(overrides: Partial<KafkaTopicsProps> = {}) {
  const stack = kubernetesTestStack();
  const namespace = new PlatformNamespace(stack, "Namespace", { name: "kafka-admin", enforce: "restricted" });
  const topics = new KafkaTopics(stack, "Topics", {
    topics: topicSpecs(TOPICS, 3),
    kafka,
    namespace,
    cluster,
    roleName: "acme-test-eks-kafka-topics",
    ...overrides,
  });
  return { json: synth(stack), topics };
}

describe("topic specs", () => {
  test("each topic is followed by its dead-letter topic with the longer retention, sorted by name", () => {
    expect(
      topicSpecs(
        {
          zeta: { partitions: 2, retentionHours: 1, deadLetterRetentionHours: 2 },
          alpha: { partitions: 3, replicationFactor: 2, retentionHours: 24, deadLetterRetentionHours: 72 },
        },
        3,
      ),
    ).toEqual([
      { name: "alpha", partitions: 3, replicationFactor: 2, retentionMs: 86_400_000 },
      { name: "alpha.dlq", partitions: 3, replicationFactor: 2, retentionMs: 259_200_000 },
      { name: "zeta", partitions: 2, replicationFactor: 3, retentionMs: 3_600_000 },
      { name: "zeta.dlq", partitions: 2, replicationFactor: 3, retentionMs: 7_200_000 },
    ]);
  });

  test("names that differ only in . and _ collide in metric names", () => {
    expect(collidingTopics(["a.b", "a_b", "c"])).toEqual([
      ["a.b", "a_b"],
      ["a.b.dlq", "a_b.dlq"],
    ]);
    expect(collidingTopics(["orders", "payments"])).toEqual([]);
  });
});

describe("KafkaTopics", () => {
  const { json, topics } = build();
  const job = onlyOf(json, "kubernetes_job_v1");
  const pod = job.spec.template.spec;

  test("the spec is a ConfigMap with one line per topic, dead-letter topics included", () => {
    const spec = onlyOf(json, "kubernetes_config_map_v1");
    expect(spec.data["topics.txt"]).toBe("report_requested 6 3 604800000\nreport_requested.dlq 6 3 1209600000\n");
    expect(spec.data["sync-topics.sh"]).toContain("--create --if-not-exists");
    expect(spec.data["sync-topics.sh"]).toContain("sasl.mechanism=AWS_MSK_IAM");
    expect(topics.specText).toBe(spec.data["topics.txt"]);
  });

  test("a change to a topic renames the job, so it runs again; an unchanged spec keeps the name", () => {
    const again = onlyOf(build().json, "kubernetes_job_v1").metadata.name;
    const more = onlyOf(
      build({ topics: topicSpecs({ report_requested: { ...TOPICS.report_requested, partitions: 12 } }, 3) }).json,
      "kubernetes_job_v1",
    ).metadata.name;
    expect(job.metadata.name).toMatch(/^kafka-topics-[0-9a-f]{10}$/);
    expect(again).toBe(job.metadata.name);
    expect(more).not.toBe(job.metadata.name);
  });

  test("the Kafka tools with the MSK IAM library, fetched over HTTPS first; Terraform waits for the job", () => {
    expect(job.wait_for_completion).toBe(true);
    expect(pod.restart_policy).toBe("Never");
    expect(pod.init_container[0].image).toBe(FETCH_IMAGE);
    expect(pod.init_container[0].command[2]).toContain(
      `--proto =https --output /deps/aws-msk-iam-auth.jar ${MSK_IAM_AUTH.url}`,
    );
    expect(pod.init_container[0].command[2]).not.toContain("sha256sum");
    expect(pod.container[0].image).toBe(KAFKA_TOOLS_IMAGE);
    expect(pod.container[0].env).toEqual(
      expect.arrayContaining([
        { name: "BOOTSTRAP_SERVERS", value: "b-1.kafka:9098" },
        { name: "CLASSPATH", value: "/deps/aws-msk-iam-auth.jar" },
      ]),
    );
    for (const container of [pod.init_container[0], pod.container[0]]) {
      expect(container.security_context).toMatchObject({
        allow_privilege_escalation: false,
        read_only_root_filesystem: true,
        run_as_non_root: true,
      });
    }
  });

  test("with a digest, the download is checked", () => {
    const digest = "a".repeat(64);
    const checked = onlyOf(build({ iamAuthSha256: digest }).json, "kubernetes_job_v1");
    expect(checked.spec.template.spec.init_container[0].command[2]).toContain(
      `echo "${digest}  /deps/aws-msk-iam-auth.jar" | sha256sum -c -`,
    );
  });

  test("the job's role may manage exactly the catalog's topics", () => {
    const [, document] = dataNamed(json, "aws_iam_policy_document", "PermissionsDocument");
    expect(document.statement.map((s: any) => [s.sid, s.resources])).toEqual([
      ["KafkaConnect", [kafka.clusterArn]],
      ["KafkaManageTopics", [kafka.topicArn("report_requested"), kafka.topicArn("report_requested.dlq")]],
    ]);
    expect(document.statement[1].actions).not.toContain("kafka-cluster:DeleteTopic");
  });

  test.each<[string, Partial<KafkaTopicsProps>, string]>([
    ["no topics", { topics: [] }, "topics: [] is empty"],
    [
      "a repeated topic",
      { topics: [...topicSpecs(TOPICS, 3), ...topicSpecs(TOPICS, 3)] },
      'topics: "report_requested" is listed twice; expected each topic once',
    ],
    [
      "no partitions",
      { topics: [{ name: "orders", partitions: 0, replicationFactor: 3, retentionMs: 3_600_000 }] },
      "topics.orders.partitions: 0 is outside the allowed range; expected a whole number from 1 to 1000",
    ],
    [
      "a bad digest",
      { iamAuthSha256: "abc" },
      'iamAuthSha256: "abc" is not a SHA-256 digest; expected 64 lower-case hex digits',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
