import { Microservice } from "../../../constructs/services/microservice";
import {
  type CacheTarget,
  cacheEnvironment,
  type KafkaTarget,
  kafkaEnvironment,
} from "../../../constructs/services/access";
import { kubernetesTestStack, listOf, onlyOf, synth, TEST_CLUSTER } from "../../helpers";

describe("Microservice defaults", () => {
  const stack = kubernetesTestStack();
  new Microservice(stack, "Reports", {
    name: "reports",
    image: "ghcr.io/acme/reports:3.2.0",
    port: 8080,
    healthCheckPath: "/healthz",
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
    replicas: { min: 2, max: 6 },
    scaling: { cpuPercent: 70, memoryPercent: 80 },
    cluster: TEST_CLUSTER,
    roleName: "acme-test-eks-svc-reports",
    targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-test-reports-8080/abc",
  });
  const json = synth(stack);
  const pod = onlyOf(json, "kubernetes_deployment_v1").spec.template.spec;

  test("sets no catalog environment variable when env is not given", () => {
    expect(pod.container[0].env ?? []).toEqual([]);
  });

  test("sets no platform environment variable when platformEnv is not given", () => {
    expect((pod.container[0].env ?? []).map((variable: any) => variable.name)).toEqual([]);
  });

  test("schedules the pods on any node, tolerating no taint, when placement is not given", () => {
    expect(pod).not.toHaveProperty("node_selector");
    expect(pod).not.toHaveProperty("toleration");
  });

  test("gives the service's role no permissions when statements is not given", () => {
    expect(listOf(json, "aws_iam_role_policy")).toEqual([]);
    expect(listOf(json, "aws_iam_role_policy_attachment")).toEqual([]);
    expect(onlyOf(json, "aws_iam_role").name).toBe("acme-test-eks-svc-reports");
  });
});

describe("service access defaults", () => {
  test("cacheEnvironment signs tokens for the user name itself when the cache does not list the user", () => {
    const cache: CacheTarget = {
      configurationEndpoint: "clustercfg.acme-test-cache.cache.amazonaws.com",
      port: 6379,
      users: { users: { app: { userId: "acme-test-cache-app" } } },
      connectArns: (user) => [`user/${user}`],
    };

    expect(cacheEnvironment(cache, "acme-test-cache-reader").CACHE_USER).toBe("acme-test-cache-reader");
  });

  test("kafkaEnvironment leaves the consumer group empty when consumerGroup is not given", () => {
    const kafka: KafkaTarget = {
      clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/acme-test-kafka/uuid-1",
      bootstrapBrokersIam: "b-1.kafka:9098",
      topicArn: (topic) => `topic/${topic}`,
      groupArn: (group) => `group/${group}`,
    };

    expect(kafkaEnvironment(kafka, { produces: [], consumes: ["events"] })).toMatchObject({
      KAFKA_CONSUMES: "events",
      KAFKA_CONSUMER_GROUP: "",
    });
  });
});
