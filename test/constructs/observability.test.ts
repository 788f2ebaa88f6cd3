import { alarmSpecs } from "../../constructs/observability/alarm-specs";
import { AlarmTopic } from "../../constructs/observability/alarm-topic";
import { PlatformAlarms } from "../../constructs/observability/platform-alarms";
import {
  dashboardBody,
  dashboardSections,
  ScalabilityDashboard,
} from "../../constructs/observability/scalability-dashboard";
import type { MetricWidget } from "../../constructs/observability/cloudwatch-widgets";
import { TEST_THRESHOLDS, testSignals } from "../fixtures/signals";
import { dataNamed, listOf, named, onlyOf, ref, resourcesOf, synth, testStack } from "../helpers";

describe("alarmSpecs", () => {
  const specs = alarmSpecs(testSignals(), TEST_THRESHOLDS);
  const keys = specs.map((spec) => spec.key);
  const byKey = (key: string) => {
    const spec = specs.find((candidate) => candidate.key === key);
    if (!spec) {
      throw new Error(`no alarm ${key}; have ${keys.join(", ")}`);
    }
    return spec;
  };

  test("one CPU, connections and free-storage alarm per database instance, and a lag alarm per replica, per shard", () => {
    for (const shard of [0, 1]) {
      for (const instance of [
        `acme-test-db-shard-${shard}`,
        ...[1, 2].map((n) => `acme-test-db-shard-${shard}-replica-${n}`),
      ]) {
        expect(keys).toEqual(
          expect.arrayContaining([`${instance}-cpu`, `${instance}-connections`, `${instance}-free-storage`]),
        );
      }
      expect(keys).toEqual(expect.arrayContaining([1, 2].map((n) => `acme-test-db-shard-${shard}-replica-${n}-lag`)));
    }
    expect(keys).not.toContain("acme-test-db-shard-0-lag");
    expect(keys.filter((key) => key.endsWith("-lag") && key.startsWith("acme-test-db"))).toHaveLength(4);
  });

  test("memory and engine CPU alarms per cache node, one hit-rate alarm over all nodes", () => {
    const nodes = ["0001-001", "0001-002", "0002-001", "0002-002"].map((node) => `acme-test-cache-${node}`);
    expect(keys).toEqual(expect.arrayContaining(nodes.flatMap((node) => [`${node}-memory`, `${node}-engine-cpu`])));
    const hitRate = byKey("cache-hit-rate");
    expect(hitRate.signal).toMatchObject({ expression: "AVG([node0, node1, node2, node3])" });
    expect(hitRate).toMatchObject({ comparison: "LessThanThreshold", threshold: 50, missingData: "notBreaching" });
  });

  test("a lag alarm per consumer group and topic, a disk alarm per broker, under-replicated over all brokers", () => {
    expect(keys).toEqual(
      expect.arrayContaining([
        "kafka-analytics-events-lag",
        "kafka-analytics-orders-lag",
        "kafka-reports-requests-lag",
        "kafka-broker-1-disk",
        "kafka-broker-2-disk",
        "kafka-broker-3-disk",
        "kafka-offline-partitions",
      ]),
    );
    const lag = byKey("kafka-reports-requests-lag");
    expect(lag.signal).toEqual({
      metric: expect.objectContaining({
        metricName: "MaxOffsetLag",
        dimensions: { "Cluster Name": "acme-test-kafka", "Consumer Group": "reports", Topic: "requests" },
      }),
    });
    expect(lag).toMatchObject({ threshold: 10_000, missingData: "notBreaching", layer: "messaging" });
    expect(byKey("kafka-under-replicated").signal).toMatchObject({ expression: "SUM([broker1, broker2, broker3])" });
  });

  test("thresholds come from config in the signal's unit", () => {
    expect(byKey("acme-test-db-shard-1-free-storage")).toMatchObject({
      comparison: "LessThanThreshold",
      threshold: 20 * 1024 ** 3,
    });
    expect(byKey("api-latency-p99")).toMatchObject({ threshold: 2000, comparison: "GreaterThanThreshold" });
    const custom = alarmSpecs(testSignals(), { ...TEST_THRESHOLDS, replicaLagSeconds: 5, api5xxPercent: 1 });
    expect(custom.find((spec) => spec.key === "acme-test-db-shard-0-replica-2-lag")?.threshold).toBe(5);
    expect(custom.find((spec) => spec.key === "api-5xx-rate")?.threshold).toBe(1);
  });

  test("every alarm states its missing-data handling; node counts and replica lag treat silence as breaching", () => {
    for (const spec of specs) {
      expect(["notBreaching", "breaching", "missing"]).toContain(spec.missingData);
    }
    expect(byKey("eks-system-nodes")).toMatchObject({
      missingData: "breaching",
      comparison: "LessThanThreshold",
      threshold: 3,
    });
    expect(byKey("eks-services-nodes").threshold).toBe(2);
    expect(byKey("acme-test-db-shard-0-replica-1-lag").missingData).toBe("breaching");
    expect(byKey("api-5xx-rate").missingData).toBe("notBreaching");
  });

  test("error rates are metric math over the request count", () => {
    expect(byKey("lb-5xx-rate").signal).toEqual({
      expression: "IF(requests > 0, 100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)",
      label: "Load balancer 5xx %",
      metrics: {
        requests: expect.objectContaining({ metricName: "RequestCount", statistic: "Sum" }),
        elb5xx: expect.objectContaining({ metricName: "HTTPCode_ELB_5XX_Count" }),
        target5xx: expect.objectContaining({ metricName: "HTTPCode_Target_5XX_Count" }),
      },
    });
  });
});

describe("PlatformAlarms", () => {
  const PAGING = "arn:aws:sns:eu-west-1:123456789012:paging";
  const WARNINGS = "arn:aws:sns:eu-west-1:123456789012:warnings";
  function alarms(topics?: "topics", extra: { evaluationPeriods?: number; datapointsToAlarm?: number } = {}) {
    const stack = testStack();
    const construct = new PlatformAlarms(stack, "Alarms", {
      namePrefix: "acme-test",
      signals: testSignals(),
      thresholds: TEST_THRESHOLDS,
      pagingTopicArn: topics ? PAGING : undefined,
      warningsTopicArn: topics ? WARNINGS : undefined,
      ...extra,
    });
    return { construct, json: synth(stack) };
  }
  const alarmNamed = (json: ReturnType<typeof synth>, name: string) => {
    const alarm = listOf(json, "aws_cloudwatch_metric_alarm").find((candidate) => candidate.alarm_name === name);
    if (!alarm) {
      throw new Error(`no alarm named ${name}`);
    }
    return alarm;
  };

  test("one metric alarm per spec, named <prefix>-<key> without repeating the prefix", () => {
    const { construct, json } = alarms("topics");
    const names = listOf(json, "aws_cloudwatch_metric_alarm").map((alarm) => alarm.alarm_name);
    expect(names).toHaveLength(construct.specs.length);
    expect(names).toContain("acme-test-api-5xx-rate");
    expect(names).toContain("acme-test-db-shard-1-replica-2-lag");
    expect(names).not.toContain("acme-test-acme-test-db-shard-1-replica-2-lag");
  });

  test("a percentile becomes an extended statistic; dimensions come from the descriptor", () => {
    const { json } = alarms();
    const latency = alarmNamed(json, "acme-test-api-latency-p99");
    expect(latency).toMatchObject({
      namespace: "AWS/ApiGateway",
      metric_name: "Latency",
      extended_statistic: "p99",
      dimensions: { ApiName: "acme-test-api", Stage: "v1" },
      period: 60,
      threshold: 2000,
      evaluation_periods: 5,
      datapoints_to_alarm: 3,
      treat_missing_data: "notBreaching",
    });
    expect(latency.statistic).toBeUndefined();
    expect(alarmNamed(json, "acme-test-db-shard-0-cpu")).toMatchObject({
      statistic: "Average",
      dimensions: { DBInstanceIdentifier: "acme-test-db-shard-0" },
      threshold: 80,
    });
  });

  test("metric math alarms return only the expression", () => {
    const { json } = alarms();
    const capacity = alarmNamed(json, "acme-test-monolith-capacity");
    expect(capacity.metric_query).toEqual([
      { id: "signal", expression: "desired - inService", label: "Missing instances", return_data: true },
      {
        id: "desired",
        return_data: false,
        metric: {
          namespace: "AWS/AutoScaling",
          metric_name: "GroupDesiredCapacity",
          dimensions: { AutoScalingGroupName: "acme-test-monolith" },
          period: 60,
          stat: "Maximum",
        },
      },
      {
        id: "inService",
        return_data: false,
        metric: {
          namespace: "AWS/AutoScaling",
          metric_name: "GroupInServiceInstances",
          dimensions: { AutoScalingGroupName: "acme-test-monolith" },
          period: 60,
          stat: "Minimum",
        },
      },
    ]);
    expect(capacity.metric_name).toBeUndefined();
  });

  test("an incident pages once: layer composites page; the alarms behind them and 'platform degraded' only warn", () => {
    const { construct, json } = alarms("topics");
    const composites = listOf(json, "aws_cloudwatch_composite_alarm");
    for (const alarm of listOf(json, "aws_cloudwatch_metric_alarm")) {
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([[WARNINGS], [WARNINGS]]);
      // Exactly one paging path per alarm: the composite of its layer.
      const paging = composites.filter(
        (composite) =>
          composite.alarm_actions?.includes(PAGING) && composite.alarm_rule.includes(`ALARM("${alarm.alarm_name}")`),
      );
      expect(paging).toHaveLength(1);
    }
    for (const layer of ["Edge", "Compute", "Data", "Messaging"]) {
      const [, composite] = named(json, "aws_cloudwatch_composite_alarm", `${layer}Degraded`);
      expect([composite.alarm_actions, composite.ok_actions]).toEqual([[PAGING], [PAGING]]);
      expect(composite.actions_enabled).toBeUndefined();
    }
    const [, platform] = named(json, "aws_cloudwatch_composite_alarm", "PlatformDegraded");
    expect(platform).toMatchObject({
      alarm_name: "acme-test-platform-degraded",
      alarm_actions: [WARNINGS],
      ok_actions: [WARNINGS],
    });
    expect(construct.alarms.length).toBeGreaterThan(10);
  });

  test("without a topic, nothing notifies", () => {
    const { json } = alarms();
    for (const alarm of listOf(json, "aws_cloudwatch_metric_alarm")) {
      expect(alarm.alarm_actions).toEqual([]);
    }
    expect(named(json, "aws_cloudwatch_composite_alarm", "PlatformDegraded")[1].alarm_actions).toEqual([]);
  });

  test("composites: one per layer over its alarms, and 'platform degraded' over the layers", () => {
    const { construct, json } = alarms();
    const [, edge] = named(json, "aws_cloudwatch_composite_alarm", "EdgeDegraded");
    expect(edge.alarm_rule).toBe(
      'ALARM("acme-test-api-5xx-rate") OR ALARM("acme-test-api-latency-p99") OR ALARM("acme-test-lb-5xx-rate")',
    );
    expect(edge.depends_on).toHaveLength(3);
    const [, platform] = named(json, "aws_cloudwatch_composite_alarm", "PlatformDegraded");
    expect(platform.alarm_rule).toBe(
      ["edge", "compute", "data", "messaging"].map((layer) => `ALARM("acme-test-${layer}-degraded")`).join(" OR "),
    );
    const dataMembers = construct.specs.filter((spec) => spec.layer === "data").length;
    const [, data] = named(json, "aws_cloudwatch_composite_alarm", "DataDegraded");
    expect(data.alarm_rule.split(" OR ")).toHaveLength(dataMembers);
    expect(construct.alarmArns).toHaveLength(construct.specs.length + 5);
  });

  test("capacity alarms fire after ten minutes in a row, so that a scale-out in progress is not an incident", () => {
    const { json } = alarms();
    for (const name of ["acme-test-monolith-capacity", "acme-test-eks-system-nodes"]) {
      expect(alarmNamed(json, name)).toMatchObject({ evaluation_periods: 10, datapoints_to_alarm: 10 });
    }
    expect(alarmNamed(json, "acme-test-lb-5xx-rate")).toMatchObject({ evaluation_periods: 5, datapoints_to_alarm: 3 });
  });

  test("datapointsToAlarm above evaluationPeriods is refused", () => {
    expect(() => alarms(undefined, { evaluationPeriods: 3, datapointsToAlarm: 4 })).toThrow(
      /datapointsToAlarm: 4 is (not allowed|outside|above).*3/,
    );
  });
});

describe("ScalabilityDashboard", () => {
  const signals = testSignals();
  const sections = dashboardSections(signals, { databaseCpuPercent: 75 });
  const graph = (title: string) => {
    const found = sections.flatMap((section) => section.graphs).find((candidate) => candidate.title === title);
    if (!found) {
      throw new Error(`no graph ${title}`);
    }
    return found;
  };
  const dimensionValues = (title: string) =>
    graph(title).metrics.map((line) =>
      line.length > 1 ? line.slice(2, -1).filter((_, index) => index % 2 === 1) : [],
    );

  test("sections in order: instances, traffic, cache, database, Kafka", () => {
    expect(sections.map((section) => section.title)).toEqual(["Instances", "Traffic", "Cache", "Database", "Kafka"]);
  });

  test("database graphs per shard, with a line for the primary and each replica", () => {
    expect(sections[3].graphs.map((candidate) => candidate.title)).toEqual([
      "shard-0 connections",
      "shard-0 CPU",
      "shard-0 replica lag",
      "shard-1 connections",
      "shard-1 CPU",
      "shard-1 replica lag",
    ]);
    expect(dimensionValues("shard-1 CPU")).toEqual([
      ["acme-test-db-shard-1"],
      ["acme-test-db-shard-1-replica-1"],
      ["acme-test-db-shard-1-replica-2"],
    ]);
    expect(dimensionValues("shard-0 replica lag")).toEqual([
      ["acme-test-db-shard-0-replica-1"],
      ["acme-test-db-shard-0-replica-2"],
    ]);
    // The proxy's client connections join the first shard's connections graph.
    expect(graph("shard-0 connections").metrics).toHaveLength(4);
    expect(graph("shard-1 connections").metrics).toHaveLength(3);
    expect(graph("shard-0 CPU").threshold).toEqual({ label: "alarm", value: 75 });
  });

  test("a metric line is the descriptor: namespace, name, dimensions, statistic, period and a label", () => {
    expect(graph("shard-0 replica lag").metrics[0]).toEqual([
      "AWS/RDS",
      "ReplicaLag",
      "DBInstanceIdentifier",
      "acme-test-db-shard-0-replica-1",
      { label: "acme-test-db-shard-0-replica-1", stat: "Maximum", period: 60 },
    ]);
    expect(graph("API latency").metrics.map((line) => (line.at(-1) as { stat: string }).stat)).toEqual([
      "p50",
      "p95",
      "p99",
      "p99",
    ]);
  });

  test("cache graphs have a line per node, Kafka graphs per consumer group/topic and per broker", () => {
    expect(graph("Cache hit rate").metrics.map((line) => (line.at(-1) as { label: string }).label)).toEqual([
      "shard 1 node 1",
      "shard 1 node 2",
      "shard 2 node 1",
      "shard 2 node 2",
    ]);
    expect(graph("Consumer lag (messages)").metrics.map((line) => (line.at(-1) as { label: string }).label)).toEqual([
      "analytics on events",
      "analytics on orders",
      "reports on requests",
    ]);
    expect(graph("Kafka data disk used").metrics).toHaveLength(3);
    // One line per broker plus the cluster's offline partitions.
    expect(graph("Under-replicated partitions").metrics).toHaveLength(4);
  });

  test("instances: monolith in service against desired, and nodes per node group", () => {
    expect(graph("Monolith instances").metrics.map((line) => line[1])).toEqual([
      "GroupInServiceInstances",
      "GroupDesiredCapacity",
    ]);
    expect(graph("EKS nodes").metrics).toEqual([
      [
        "AWS/EC2",
        "CPUUtilization",
        "AutoScalingGroupName",
        "eks-system-asg",
        { label: "system nodes", stat: "SampleCount", period: 60 },
      ],
      [
        "AWS/EC2",
        "CPUUtilization",
        "AutoScalingGroupName",
        "eks-services-asg",
        { label: "services nodes", stat: "SampleCount", period: 60 },
      ],
    ]);
  });

  test("load balancer requests per second divide the per-minute sum by the period", () => {
    expect(graph("Load balancer requests per second").metrics).toEqual([
      [
        "AWS/ApplicationELB",
        "RequestCount",
        "LoadBalancer",
        "app/acme-test-internal/0123456789abcdef",
        { id: "requests", label: "Requests", stat: "Sum", period: 60, visible: false },
      ],
      [{ expression: "requests / PERIOD(requests)", label: "Requests/s", id: "rps" }],
    ]);
  });

  test("layout: alarm row first, then three graphs per row below each section header, without overlaps", () => {
    const body = dashboardBody(sections, { region: "eu-west-1", alarmArns: ["arn:a", "arn:b"] });
    expect(body.widgets[0]).toMatchObject({
      type: "alarm",
      x: 0,
      y: 0,
      width: 24,
      properties: { alarms: ["arn:a", "arn:b"] },
    });
    const cells = new Set<string>();
    for (const widget of body.widgets) {
      expect(widget.x + widget.width).toBeLessThanOrEqual(24);
      for (let x = widget.x; x < widget.x + widget.width; x++) {
        for (let y = widget.y; y < widget.y + widget.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    const metricWidgets = body.widgets.filter((widget): widget is MetricWidget => widget.type === "metric");
    expect(metricWidgets.every((widget) => widget.properties.region === "eu-west-1")).toBe(true);
  });

  test("the resource's body is the generated JSON, identical on every build", () => {
    const build = () => {
      const stack = testStack();
      new ScalabilityDashboard(stack, "Dashboard", {
        name: "acme-test-scalability",
        region: "eu-west-1",
        signals: testSignals(),
      });
      return onlyOf(synth(stack), "aws_cloudwatch_dashboard");
    };
    const first = build();
    expect(first.dashboard_name).toBe("acme-test-scalability");
    expect(first.dashboard_body).toBe(build().dashboard_body);
    expect(JSON.parse(first.dashboard_body)).toEqual(
      dashboardBody(dashboardSections(testSignals()), { region: "eu-west-1" }),
    );
  });
});

describe("AlarmTopic", () => {
  function topic(props: { emails?: string[]; httpsEndpoints?: string[] } = {}) {
    const stack = testStack();
    new AlarmTopic(stack, "Topic", {
      name: "acme-test-alarms",
      region: "eu-west-1",
      alarmNamePattern: "acme-test-*",
      ...props,
    });
    return synth(stack);
  }

  test("encrypted with its own key, which CloudWatch may use for this account", () => {
    const json = topic();
    const [keyId] = named(json, "aws_kms_key", "Topic_Key");
    expect(onlyOf(json, "aws_sns_topic")).toMatchObject({
      name: "acme-test-alarms",
      kms_master_key_id: ref("aws_kms_key", keyId, "arn"),
    });
    const [, keyPolicy] = dataNamed(json, "aws_iam_policy_document", "Topic_Key_Policy");
    expect(keyPolicy.statement).toContainEqual(
      expect.objectContaining({
        sid: "AllowCloudWatchAlarms",
        principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      }),
    );
  });

  test("only this account's alarms with the platform's names publish, and only over TLS", () => {
    const json = topic();
    const [, policy] = dataNamed(json, "aws_iam_policy_document", "Topic_PolicyDocument");
    const [allow, deny] = policy.statement;
    expect(allow).toMatchObject({ effect: "Allow", actions: ["sns:Publish"] });
    expect(allow.condition).toContainEqual(
      expect.objectContaining({
        test: "ArnLike",
        variable: "aws:SourceArn",
        values: [expect.stringMatching(/:cloudwatch:eu-west-1:.*:alarm:acme-test-\*$/)],
      }),
    );
    expect(deny).toMatchObject({
      effect: "Deny",
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    expect(Object.keys(resourcesOf(json, "aws_sns_topic_policy"))).toHaveLength(1);
  });

  test("e-mail and HTTPS subscriptions, with ids that follow the endpoint", () => {
    const json = topic({ emails: ["oncall@example.com"], httpsEndpoints: ["https://events.example.com/hook"] });
    const subscriptions = listOf(json, "aws_sns_topic_subscription");
    expect(subscriptions.map((subscription) => [subscription.protocol, subscription.endpoint])).toEqual([
      ["email", "oncall@example.com"],
      ["https", "https://events.example.com/hook"],
    ]);
    expect(named(json, "aws_sns_topic_subscription", "Topic_Email-oncallexamplecom")).toBeDefined();
  });

  test.each([
    [{ emails: ["oncall"] }, /emails: "oncall" is not an e-mail address; expected name@example.com/],
    [{ httpsEndpoints: ["http://example.com"] }, /httpsEndpoints: "http:\/\/example.com" is not an https:\/\/ URL/],
  ])("refuses %j", (props, message) => {
    expect(() => topic(props)).toThrow(message);
  });
});
