import { parse } from "yaml";
import { loadEnvironments } from "../../src/config/load";
import { dataNamed, listOf, named, ref } from "../helpers";
import { platformStacks } from "../synthesized";

/** The reference environments, synthesized once, as deployed. */
const configs = loadEnvironments();
const all = platformStacks();
const configOf = (environment: string) => configs.find((config) => config.environment === environment)!;

/** A Deployment's container environment as a map. */
function envOf(deployment: any): Record<string, string> {
  const container = deployment.spec.template.spec.container[0];
  return Object.fromEntries(container.env.map((variable: any) => [variable.name, variable.value]));
}

function releaseValues(environment: string, name: string): any {
  const release = listOf(all[`${environment}-addons`], "helm_release").find((r) => r.name === name);
  return parse(release.values[0]);
}

describe("tracing: every service sends its spans to the collector", () => {
  const prodServices = Object.keys(configOf("prod").services).sort();

  test("prod has services to check", () => {
    expect(prodServices.length).toBeGreaterThan(0);
  });

  test.each(prodServices)("prod service %s has each OTEL_* variable with its value", (name) => {
    const deployment = listOf(all["prod-workloads"], "kubernetes_deployment_v1").find((d) => d.metadata.name === name);
    const env = envOf(deployment);
    const otel = Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith("OTEL_")));

    expect(otel).toEqual({
      OTEL_SERVICE_NAME: name,
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector.otel.svc.cluster.local:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.05",
      OTEL_PROPAGATORS: "tracecontext,baggage,xray",
      OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=prod",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
    });
  });

  test.each([
    ["dev", "1", 1],
    ["staging", "0.2", 2],
    ["prod", "0.05", 2],
  ])("%s samples at %s, with %s collector replica(s)", (environment, ratio, replicas) => {
    const deployments = listOf(all[`${environment}-workloads`], "kubernetes_deployment_v1");
    expect(deployments.length).toBeGreaterThan(0);
    expect(deployments.map((d) => envOf(d).OTEL_TRACES_SAMPLER_ARG)).toEqual(deployments.map(() => ratio));
    expect(releaseValues(environment, "otel-collector").replicaCount).toBe(replicas);
  });
});

describe("tracing: the collector in the add-ons stack", () => {
  const addons = all["prod-addons"];

  test("in namespace otel, which enforces the restricted Pod Security level", () => {
    const namespace = listOf(addons, "kubernetes_namespace_v1").find((ns) => ns.metadata.name === "otel");
    expect(namespace.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  test("after kube-prometheus-stack, whose CRDs its PodMonitors need", () => {
    const [monitoringId] = Object.entries(addons.resource!.helm_release).find(
      ([, release]: [string, any]) => release.name === "kube-prometheus-stack",
    )!;
    for (const name of ["otel-collector", "otel-collector-metrics"]) {
      const release = listOf(addons, "helm_release").find((r) => r.name === name);
      expect(release.depends_on).toContain(`helm_release.${monitoringId}`);
    }
  });

  test("its log group is encrypted with a key that lets CloudWatch Logs use it for that group only", () => {
    const [, logGroup] = named(addons, "aws_cloudwatch_log_group", "Tracing_MetricsLogGroup");
    const [keyId] = named(addons, "aws_kms_key", "TracingLogsKey");
    expect(logGroup).toMatchObject({
      name: "/acme-prod/otel/service-mesh-metrics",
      kms_key_id: ref("aws_kms_key", keyId, "arn"),
      retention_in_days: 30,
      deletion_protection_enabled: true,
    });
    const policy = dataNamed(addons, "aws_iam_policy_document", "TracingLogsKey")[1];
    const logs = policy.statement.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
    expect(logs.condition).toEqual([
      expect.objectContaining({
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [expect.stringMatching(/:log-group:\/acme-prod\/otel\/service-mesh-metrics$/)],
      }),
    ]);
  });

  test("Grafana has the X-Ray data source (uid xray) and its plugin", () => {
    const grafana = releaseValues("prod", "kube-prometheus-stack").grafana;
    expect(grafana.additionalDataSources).toContainEqual({
      name: "X-Ray",
      type: "grafana-x-ray-datasource",
      uid: "xray",
      access: "proxy",
      editable: false,
      jsonData: { authType: "default", defaultRegion: "eu-west-1" },
    });
    expect(grafana.plugins).toEqual(["grafana-x-ray-datasource 2.17.1"]);
  });
});
