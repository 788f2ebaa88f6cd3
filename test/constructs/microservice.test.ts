import { Microservice, type MicroserviceProps, RUN_AS_USER } from "../../constructs/services/microservice";
import {
  cacheEnvironment,
  cacheStatements,
  databaseEnvironment,
  databaseStatements,
  databaseUser,
  kafkaEnvironment,
  kafkaStatements,
  lagReaderStatements,
  type CacheTarget,
  type DatabaseTarget,
  type KafkaTarget,
} from "../../constructs/services/access";
import { dataNamed, kubernetesTestStack, listOf, named, onlyOf, synth, TEST_CLUSTER } from "../helpers";

const cluster = TEST_CLUSTER;

const kafka: KafkaTarget = {
  clusterArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/acme-test-kafka/uuid-1",
  bootstrapBrokersIam: "b-1.kafka:9098,b-2.kafka:9098",
  topicArn: (topic) => `arn:aws:kafka:eu-west-1:123456789012:topic/acme-test-kafka/uuid-1/${topic}`,
  groupArn: (group) => `arn:aws:kafka:eu-west-1:123456789012:group/acme-test-kafka/uuid-1/${group}`,
};

const database: DatabaseTarget = {
  shardMapParameterName: "/acme/test/database/shard-map",
  shardMapParameter: { arn: "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/test/database/shard-map" },
  iamConnectArns: (user) => [`arn:rds-db:primary/${user}`, `arn:rds-db:replica/${user}`, `arn:rds-db:proxy/${user}`],
  readerConnectArns: (user) => [`arn:rds-db:replica/${user}`],
};

const cache: CacheTarget = {
  configurationEndpoint: "clustercfg.acme-test-cache.cache.amazonaws.com",
  port: 6379,
  users: { users: { app: { userId: "acme-test-cache-app" } } },
  connectArns: (user) => [
    "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:acme-test-cache",
    `user/${user}`,
  ],
};

function props(overrides: Partial<MicroserviceProps> = {}): MicroserviceProps {
  return {
    name: "reports",
    image: "ghcr.io/acme/reports:3.2.0",
    port: 8080,
    healthCheckPath: "/healthz",
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
    replicas: { min: 2, max: 6 },
    scaling: { cpuPercent: 70, memoryPercent: 80 },
    cluster,
    roleName: "acme-test-eks-svc-reports",
    targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-test-reports-8080/abc",
    ...overrides,
  };
}

function build(overrides: Partial<MicroserviceProps> = {}) {
  const stack = kubernetesTestStack();
  new Microservice(stack, "Reports", props(overrides));
  return synth(stack);
}

const consumer = {
  bootstrapServers: kafka.bootstrapBrokersIam,
  region: "eu-west-1",
  consumerGroup: "reports",
  topics: ["report_requested"],
  lagThreshold: 20,
  operatorRoleName: "acme-test-eks-keda-operator",
  operatorStatements: lagReaderStatements(kafka, "reports", ["report_requested"]),
};

describe("Microservice", () => {
  const json = build();
  const deployment = onlyOf(json, "kubernetes_deployment_v1");
  const pod = deployment.spec.template.spec;
  const container = pod.container[0];

  test("its own namespace, restricted, with load balancer readiness gates", () => {
    expect(onlyOf(json, "kubernetes_namespace_v1").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled",
    });
  });

  test("a service account without an API token, bound to its own role through Pod Identity", () => {
    expect(onlyOf(json, "kubernetes_service_account_v1")).toMatchObject({
      metadata: { name: "reports" },
      automount_service_account_token: false,
    });
    expect(onlyOf(json, "aws_iam_role").name).toBe("acme-test-eks-svc-reports");
    expect(onlyOf(json, "aws_eks_pod_identity_association")).toMatchObject({
      namespace: "reports",
      service_account: "reports",
      cluster_name: "acme-test-eks",
    });
  });

  test("probes on the health path: startup, readiness and liveness", () => {
    for (const probe of ["startup_probe", "readiness_probe", "liveness_probe"]) {
      expect(container[probe].http_get).toEqual({ path: "/healthz", port: "http" });
    }
    expect(container.startup_probe.failure_threshold).toBe(30);
  });

  test("annotated for Prometheus' kubernetes-pods job: the container port, /metrics unless told otherwise", () => {
    expect(deployment.spec.template.metadata.annotations).toEqual({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "8080",
      "prometheus.io/path": "/metrics",
    });
    expect(deployment.spec.template.metadata.labels["app.kubernetes.io/name"]).toBe("reports");

    const custom = onlyOf(build({ port: 9090, metricsPath: "/internal/metrics" }), "kubernetes_deployment_v1");
    expect(custom.spec.template.metadata.annotations).toMatchObject({
      "prometheus.io/port": "9090",
      "prometheus.io/path": "/internal/metrics",
    });
  });

  test("non-root, read-only root filesystem, no privilege escalation, no capabilities", () => {
    expect(pod.security_context).toMatchObject({
      run_as_non_root: true,
      run_as_user: String(RUN_AS_USER),
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(container.security_context).toEqual({
      allow_privilege_escalation: false,
      read_only_root_filesystem: true,
      run_as_non_root: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(pod.automount_service_account_token).toBe(false);
    expect(container.volume_mount).toEqual([{ name: "tmp", mount_path: "/tmp" }]);
  });

  test("requests and limits as given, no CPU limit unless set", () => {
    expect(container.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } });
  });

  test("spread over zones (required) and nodes (preferred)", () => {
    expect(pod.topology_spread_constraint.map((c: any) => [c.topology_key, c.when_unsatisfiable])).toEqual([
      ["topology.kubernetes.io/zone", "DoNotSchedule"],
      ["kubernetes.io/hostname", "ScheduleAnyway"],
    ]);
  });

  test("the autoscaler owns the replica count after creation", () => {
    expect(deployment.spec.replicas).toBe("2");
    expect(deployment.lifecycle.ignore_changes).toEqual(["spec[0].replicas"]);
    expect(deployment.spec.strategy.rolling_update).toEqual({ max_surge: "25%", max_unavailable: "0" });
  });

  test("an HPA (autoscaling/v2) on CPU and memory within min and max", () => {
    const hpa = onlyOf(json, "kubernetes_horizontal_pod_autoscaler_v2").spec;
    expect([hpa.min_replicas, hpa.max_replicas]).toEqual([2, 6]);
    expect(hpa.metric.map((m: any) => [m.resource.name, m.resource.target.average_utilization])).toEqual([
      ["cpu", 70],
      ["memory", 80],
    ]);
    expect(hpa.behavior.scale_down[0].stabilization_window_seconds).toBe(300);
  });

  test("a disruption budget of one pod, a ClusterIP service and a TargetGroupBinding to the target group", () => {
    expect(onlyOf(json, "kubernetes_pod_disruption_budget_v1").spec.max_unavailable).toBe("1");
    expect(onlyOf(json, "kubernetes_service_v1").spec).toMatchObject({
      type: "ClusterIP",
      port: [{ port: 8080, target_port: "http" }],
    });
    const [, binding] = named(json, "kubernetes_manifest", "TargetGroupBinding");
    expect(binding.manifest).toMatchObject({
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "TargetGroupBinding",
      spec: { serviceRef: { name: "reports", port: 8080 }, targetGroupARN: props().targetGroupArn, targetType: "ip" },
    });
  });

  test("catalog and platform environment, sorted by name", () => {
    const withEnv = build({
      env: { LOG_LEVEL: "debug" },
      platformEnv: { SERVICE_NAME: "reports", AWS_REGION: "eu-west-1" },
    });
    const env = onlyOf(withEnv, "kubernetes_deployment_v1").spec.template.spec.container[0].env;
    expect(env).toEqual([
      { name: "AWS_REGION", value: "eu-west-1" },
      { name: "LOG_LEVEL", value: "debug" },
      { name: "SERVICE_NAME", value: "reports" },
    ]);
  });

  describe("a Kafka consumer", () => {
    const lagJson = build({ lagScaling: consumer });

    test("scales on lag with KEDA instead of an HPA, within the same bounds, with MSK IAM auth", () => {
      expect(listOf(lagJson, "kubernetes_horizontal_pod_autoscaler_v2")).toHaveLength(0);
      const [, scaled] = named(lagJson, "kubernetes_manifest", "ScaledObject");
      expect(scaled.manifest.spec).toMatchObject({
        minReplicaCount: 2,
        maxReplicaCount: 6,
        scaleTargetRef: { name: "reports" },
      });
      const [lag, cpu, memory] = scaled.manifest.spec.triggers;
      expect(lag).toEqual({
        type: "kafka",
        name: "lag-report-requested",
        metadata: {
          bootstrapServers: "b-1.kafka:9098,b-2.kafka:9098",
          consumerGroup: "reports",
          topic: "report_requested",
          lagThreshold: "20",
          activationLagThreshold: "0",
          offsetResetPolicy: "earliest",
          allowIdleConsumers: "false",
          sasl: "oauthbearer",
          saslTokenProvider: "aws_msk_iam",
          tls: "enable",
          awsRegion: "eu-west-1",
        },
        authenticationRef: { name: "kafka-msk-iam" },
      });
      expect([cpu, memory]).toEqual([
        { type: "cpu", metricType: "Utilization", metadata: { value: "70" } },
        { type: "memory", metricType: "Utilization", metadata: { value: "80" } },
      ]);
      const [, auth] = named(lagJson, "kubernetes_manifest", "TriggerAuthentication");
      expect(auth.manifest.spec).toEqual({ podIdentity: { provider: "aws" } });
    });

    test("lets the KEDA operator read exactly its group and topics", () => {
      const [, policy] = named(lagJson, "aws_iam_role_policy", "LagReaderPolicy");
      expect(policy.role).toBe("acme-test-eks-keda-operator");
      const [, document] = dataNamed(lagJson, "aws_iam_policy_document", "LagReaderDocument");
      expect(document.statement.map((s: any) => [s.actions, s.resources])).toEqual([
        [["kafka-cluster:Connect"], [kafka.clusterArn]],
        [["kafka-cluster:DescribeGroup"], [kafka.groupArn("reports")]],
        [["kafka-cluster:DescribeTopic"], [kafka.topicArn("report_requested")]],
      ]);
    });
  });

  test.each<[string, Partial<MicroserviceProps>, string]>([
    ["a bad name", { name: "Reports" }, 'name: "Reports" is not allowed; expected 2 to 20 lower-case letters'],
    [
      "an image tagged latest",
      { image: "ghcr.io/acme/reports:latest" },
      'image: "ghcr.io/acme/reports:latest" is tagged "latest"',
    ],
    [
      "a privileged port",
      { port: 80 },
      "port: 80 is outside the allowed range; expected a whole number from 1024 to 65535",
    ],
    [
      "min above max",
      { replicas: { min: 4, max: 2 } },
      "replicas.min: 4 is above replicas.max (2); expected at most that",
    ],
    [
      "a memory limit below the request",
      { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "512Mi" } } },
      'resources.limits.memory: "512Mi" is below requests.memory (1Gi)',
    ],
    ["a secret in env", { env: { API_TOKEN: "x" } }, 'env.API_TOKEN: "API_TOKEN" names a secret'],
    ["a consumer without topics", { lagScaling: { ...consumer, topics: [] } }, "lagScaling.topics: [] is empty"],
    [
      "a metrics path without its leading slash",
      { metricsPath: "metrics" },
      'metricsPath: "metrics" is not an HTTP path; expected a path starting with "/", such as "/metrics"',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});

describe("service access", () => {
  test("a consumer-producer may write its topics and its dead-letter topics, read its topics, use its group", () => {
    const statements = kafkaStatements(kafka, {
      produces: ["report_requested"],
      consumes: ["events_ingested"],
      consumerGroup: "analytics",
    });
    expect(statements.map((s) => [s.sid, s.actions, s.resources])).toEqual([
      ["KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"], [kafka.clusterArn]],
      [
        "KafkaProduce",
        ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"],
        [kafka.topicArn("report_requested"), kafka.topicArn("events_ingested.dlq")],
      ],
      ["KafkaConsume", ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], [kafka.topicArn("events_ingested")]],
      [
        "KafkaConsumerGroup",
        ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
        [kafka.groupArn("analytics")],
      ],
    ]);
    expect(kafkaStatements(kafka, { produces: [], consumes: [] })).toEqual([]);
  });

  test("read-write connects everywhere, read-only to the readers; both read the shard map", () => {
    const user = databaseUser("report-builder");
    expect(user).toBe("report_builder");
    expect(databaseStatements(database, "read-write", user)[0].resources).toEqual(database.iamConnectArns(user));
    expect(databaseStatements(database, "read-only", user).map((s) => [s.sid, s.resources])).toEqual([
      ["DatabaseConnectReaders", ["arn:rds-db:replica/report_builder"]],
      ["DatabaseShardMap", [database.shardMapParameter.arn]],
    ]);
    expect(databaseStatements(database, "none", user)).toEqual([]);
    expect(databaseEnvironment(database, "read-only", user)).toEqual({
      DB_SHARD_MAP_PARAMETER: "/acme/test/database/shard-map",
      DB_USER: "report_builder",
      DB_ACCESS: "read-only",
      DB_IAM_AUTH: "true",
      DB_SSL_MODE: "verify-full",
    });
  });

  test("cache and Kafka environments are endpoints and names, never credentials", () => {
    expect(cacheStatements(cache, "app")).toEqual([
      { sid: "CacheConnect", actions: ["elasticache:Connect"], resources: cache.connectArns("app") },
    ]);
    expect(cacheEnvironment(cache, "app")).toEqual({
      CACHE_HOST: cache.configurationEndpoint,
      CACHE_PORT: "6379",
      CACHE_USER: "acme-test-cache-app",
      CACHE_TLS: "true",
      CACHE_IAM_AUTH: "true",
    });
    expect(cacheEnvironment(cache, undefined)).toEqual({});
    expect(kafkaEnvironment(kafka, { produces: ["a"], consumes: ["b"], consumerGroup: "g" })).toEqual({
      KAFKA_BOOTSTRAP_SERVERS: kafka.bootstrapBrokersIam,
      KAFKA_SECURITY_PROTOCOL: "SASL_SSL",
      KAFKA_SASL_MECHANISM: "AWS_MSK_IAM",
      KAFKA_PRODUCES: "a",
      KAFKA_CONSUMES: "b",
      KAFKA_CONSUMER_GROUP: "g",
      KAFKA_DEAD_LETTER_SUFFIX: ".dlq",
    });
  });
});
