import { checkEnvName } from "../../constructs/services/options";
import {
  checkSamplingPercent,
  otelEnvironment,
  OTLP_HTTP_ENDPOINT,
  samplingRatio,
} from "../../constructs/services/tracing-env";

describe("otelEnvironment", () => {
  test("the standard SDK variables: collector over OTLP/HTTP, parent-based ratio sampler, W3C and X-Ray propagation", () => {
    expect(otelEnvironment({ serviceName: "users", environment: "prod", samplingPercent: 5 })).toEqual({
      OTEL_SERVICE_NAME: "users",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector.otel.svc.cluster.local:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.05",
      OTEL_PROPAGATORS: "tracecontext,baggage,xray",
      OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=prod",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
    });
    expect(OTLP_HTTP_ENDPOINT).toBe("http://otel-collector.otel.svc.cluster.local:4318");
  });

  test("every variable it sets is one a catalog entry may not set", () => {
    const names = Object.keys(otelEnvironment({ serviceName: "a", environment: "dev", samplingPercent: 100 }));
    expect(names.every((name) => checkEnvName(name)?.startsWith("is set by the platform's tracing"))).toBe(true);
  });

  test.each([
    [100, "1"],
    [20, "0.2"],
    [5, "0.05"],
    [0.07, "0.0007"],
    [0.01, "0.0001"],
    [33.33, "0.3333"],
  ])("%s%% is the fraction %s, without floating-point noise", (percent, ratio) => {
    expect(samplingRatio(percent)).toBe(ratio);
    expect(
      otelEnvironment({ serviceName: "a", environment: "dev", samplingPercent: percent }).OTEL_TRACES_SAMPLER_ARG,
    ).toBe(ratio);
  });

  test.each([
    [0, /samplingPercent: 0 is outside the allowed range; expected a percentage from 0.01 to 100/],
    [150, /samplingPercent: 150 is outside the allowed range; expected a percentage from 0.01 to 100/],
    [0.005, /samplingPercent: 0.005 is outside the allowed range/],
    [2.555, /samplingPercent: 2.555 has more than two decimals; expected steps of 0.01/],
  ])("refuses %s%%", (percent, message) => {
    expect(() => otelEnvironment({ serviceName: "a", environment: "dev", samplingPercent: percent })).toThrow(message);
  });

  test("checkSamplingPercent accepts the range's ends", () => {
    expect([0.01, 1, 99.99, 100].map(checkSamplingPercent)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
