import { AlarmTopic } from "../../../constructs/observability/alarm-topic";
import { metricLine } from "../../../constructs/observability/cloudwatch-widgets";
import {
  GrafanaDashboard,
  type GrafanaDashboardModel,
  grafanaDashboardModel,
  type GrafanaTimeSeriesPanel,
} from "../../../constructs/observability/grafana-dashboard";
import { PlatformAlarms } from "../../../constructs/observability/platform-alarms";
import { ScalabilityDashboard } from "../../../constructs/observability/scalability-dashboard";
import { TEST_THRESHOLDS, testSignals } from "../../fixtures/signals";
import { kubernetesTestStack, listOf, named, onlyOf, synth, testStack } from "../../helpers";

describe("PlatformAlarms defaults", () => {
  test("pages nobody when pagingTopicArn is not given: the layer composites have no actions", () => {
    const warnings = "arn:aws:sns:eu-west-1:123456789012:warnings";
    const stack = testStack();
    new PlatformAlarms(stack, "Alarms", {
      namePrefix: "acme-test",
      signals: testSignals(),
      thresholds: TEST_THRESHOLDS,
      warningsTopicArn: warnings,
    });
    const json = synth(stack);

    for (const layer of ["Edge", "Compute", "Data", "Messaging"]) {
      const [, composite] = named(json, "aws_cloudwatch_composite_alarm", `${layer}Degraded`);
      expect([composite.alarm_actions, composite.ok_actions]).toEqual([[], []]);
    }
    // The warnings topic still gets "platform degraded": only the pages are missing.
    expect(named(json, "aws_cloudwatch_composite_alarm", "PlatformDegraded")[1].alarm_actions).toEqual([warnings]);
  });
});

describe("AlarmTopic defaults", () => {
  const stack = testStack();
  new AlarmTopic(stack, "Topic", { name: "acme-test-alarms", region: "eu-west-1", alarmNamePattern: "acme-test-*" });
  const subscriptions = listOf(synth(stack), "aws_sns_topic_subscription");

  test("subscribes no e-mail address when emails is not given", () => {
    expect(subscriptions.filter((subscription) => subscription.protocol === "email")).toEqual([]);
  });

  test("subscribes no HTTPS endpoint when httpsEndpoints is not given", () => {
    expect(subscriptions.filter((subscription) => subscription.protocol === "https")).toEqual([]);
  });
});

describe("ScalabilityDashboard defaults", () => {
  const stack = testStack();
  new ScalabilityDashboard(stack, "Dashboard", {
    name: "acme-test-scalability",
    region: "eu-west-1",
    signals: testSignals(),
  });
  const widgets: any[] = JSON.parse(onlyOf(synth(stack), "aws_cloudwatch_dashboard").dashboard_body).widgets;

  test("draws no threshold line on any graph when thresholds is not given", () => {
    const metricWidgets = widgets.filter((widget) => widget.type === "metric");
    expect(metricWidgets.length).toBeGreaterThan(10);
    expect(metricWidgets.filter((widget) => "annotations" in widget.properties)).toEqual([]);
  });

  test("has no alarm status row when alarmArns is not given: the first section's header is at the top", () => {
    expect(widgets.filter((widget) => widget.type === "alarm")).toEqual([]);
    expect(widgets[0]).toMatchObject({
      type: "text",
      x: 0,
      y: 0,
      properties: { markdown: expect.stringMatching(/^## Instances\n/) },
    });
  });
});

describe("metricLine defaults", () => {
  test("without overrides: the descriptor's label, statistic and period, no id and no visibility", () => {
    const lag = testSignals().kafka.consumers[0].metrics.maxOffsetLag;

    expect(metricLine(lag)).toEqual([
      "AWS/Kafka",
      "MaxOffsetLag",
      "Cluster Name",
      "acme-test-kafka",
      "Consumer Group",
      "analytics",
      "Topic",
      "events",
      { label: "Max offset lag", stat: "Maximum", period: 60 },
    ]);
  });
});

describe("GrafanaDashboard defaults", () => {
  const stack = kubernetesTestStack();
  new GrafanaDashboard(stack, "Dashboard", {
    namespace: "monitoring",
    name: "acme-test-scalability",
    title: "acme test: scalability",
    signals: testSignals(),
    region: "eu-west-1",
    clusterName: "acme-test-eks",
  });
  const configMap = onlyOf(synth(stack), "kubernetes_config_map_v1");
  const model: GrafanaDashboardModel = JSON.parse(configMap.data["acme-test-scalability.json"]);
  const panels = model.panels.filter((panel): panel is GrafanaTimeSeriesPanel => panel.type === "timeseries");
  const uidsOf = (type: string) =>
    new Set(
      panels
        .flatMap((panel) => [panel.datasource, ...panel.targets.map((target) => target.datasource)])
        .filter((datasource) => datasource.type === type)
        .map((datasource) => datasource.uid),
    );

  test('queries the data source uid "prometheus" when prometheusDatasourceUid is not given', () => {
    expect(uidsOf("prometheus")).toEqual(new Set(["prometheus"]));
  });

  test('queries the data source uid "cloudwatch" when cloudwatchDatasourceUid is not given', () => {
    expect(uidsOf("cloudwatch")).toEqual(new Set(["cloudwatch"]));
  });

  test("leaves the y axis of a CloudWatch panel open when the panel sets no range", () => {
    const built = grafanaDashboardModel({
      uid: "acme-test-scalability",
      title: "acme test: scalability",
      signals: testSignals(),
      region: "eu-west-1",
      clusterName: "acme-test-eks",
    });
    const panel = (title: string) =>
      built.panels.find((candidate): candidate is GrafanaTimeSeriesPanel => candidate.title === title)!;

    expect(panel("Monolith instances").fieldConfig.defaults).toEqual({ unit: "short" });
    expect(panel("shard-0 replica lag").fieldConfig.defaults).toEqual({ unit: "s" });
    // Panels with a range keep it.
    expect(panel("Instance CPU").fieldConfig.defaults).toEqual({ unit: "percent", min: 0, max: 100 });
  });
});
