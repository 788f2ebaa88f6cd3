import { PlatformNamespace } from "../../../constructs/eks/addons/namespace";
import { DatabaseRoles } from "../../../constructs/jobs/database-roles";
import { KafkaTopics } from "../../../constructs/jobs/kafka-topics";
import { kubernetesTestStack, onlyOf, synth, TEST_CLUSTER } from "../../helpers";

/** The pod spec of the one job in a stack. */
function podSpecOf(stack: ReturnType<typeof kubernetesTestStack>): any {
  return onlyOf(synth(stack), "kubernetes_job_v1").spec.template.spec;
}

describe("DatabaseRoles defaults", () => {
  test("runs the job on any node (no node selector, no tolerations) when placement is not given", () => {
    const stack = kubernetesTestStack();
    new DatabaseRoles(stack, "Roles", {
      shards: [
        {
          name: "shard-0",
          host: "acme-test-db-shard-0.abc.eu-west-1.rds.amazonaws.com",
          port: 5432,
          databaseName: "app",
          masterSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-test-db-shard-0/master-AbC0",
          secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/secrets",
        },
      ],
      users: [{ name: "orders", access: "read-write" }],
      namespace: new PlatformNamespace(stack, "Namespace", { name: "database-admin", enforce: "restricted" }),
      cluster: TEST_CLUSTER,
      roleName: "acme-test-eks-database-roles",
    });
    const spec = podSpecOf(stack);

    expect(spec).not.toHaveProperty("node_selector");
    expect(spec).not.toHaveProperty("toleration");
  });
});

describe("KafkaTopics defaults", () => {
  test("runs the job on any node (no node selector, no tolerations) when placement is not given", () => {
    const stack = kubernetesTestStack();
    new KafkaTopics(stack, "Topics", {
      topics: [{ name: "orders", partitions: 6, replicationFactor: 3, retentionMs: 604_800_000 }],
      kafka: {
        clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/acme-test-kafka/uuid-1",
        bootstrapBrokersIam: "b-1.kafka:9098",
        topicArn: (topic) => `arn:aws:kafka:eu-west-1:123456789012:topic/acme-test-kafka/uuid-1/${topic}`,
      },
      namespace: new PlatformNamespace(stack, "Namespace", { name: "kafka-admin", enforce: "restricted" }),
      cluster: TEST_CLUSTER,
      roleName: "acme-test-eks-kafka-topics",
    });
    const spec = podSpecOf(stack);

    expect(spec).not.toHaveProperty("node_selector");
    expect(spec).not.toHaveProperty("toleration");
  });
});
