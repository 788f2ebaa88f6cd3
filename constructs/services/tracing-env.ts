import { OTEL_COLLECTOR } from "../eks/addons/otel-collector";

/**
 * Share of traces kept, percent: 0.01 (one in ten thousand) to 100, in steps of 0.01, the resolution of Istio's
 * `traceSampling`, so that the same value configures the sidecars and the services' SDKs.
 */
export const TRACE_SAMPLING_PERCENT = { min: 0.01, max: 100, step: 0.01 } as const;

/** Why a sampling percentage is not allowed, or undefined. */
export function checkSamplingPercent(percent: number): string | undefined {
  const { min, max } = TRACE_SAMPLING_PERCENT;
  if (!Number.isFinite(percent) || percent < min || percent > max) {
    return `is outside the allowed range; expected a percentage from ${min} to ${max}`;
  }
  if (Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-9) {
    return "has more than two decimals; expected steps of 0.01 (the resolution of Istio's trace sampling)";
  }
  return undefined;
}

export interface OtelEnvironmentOptions {
  /** `service.name` of the spans: the catalog name of the service. */
  readonly serviceName: string;
  /** `deployment.environment.name` of the spans: dev, staging, prod. */
  readonly environment: string;
  /** Share of new traces the service keeps, percent (TRACE_SAMPLING_PERCENT). */
  readonly samplingPercent: number;
}

/** The OTLP/HTTP endpoint of the platform's collector, as the SDKs take it (they add /v1/traces). */
export const OTLP_HTTP_ENDPOINT = `http://${OTEL_COLLECTOR.host}:${OTEL_COLLECTOR.httpPort}`;

/**
 * The standard OpenTelemetry SDK variables that send a service's spans to the platform's collector (which forwards
 * them to AWS X-Ray), for any SDK that reads the specification's environment (Java agent, Python, Node.js, Go
 * contrib autoconfiguration, .NET):
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` / `_PROTOCOL`: OTLP over HTTP (protobuf) to `otel-collector.otel:4318`.
 * - `OTEL_TRACES_SAMPLER` `parentbased_traceidratio` with the fraction as `_ARG`: a request that arrives with a
 *   sampling decision (from the sidecar, API Gateway or the load balancer) keeps it, so a trace is kept or dropped
 *   whole; only traces the service itself starts (consumers, schedules) are sampled at the ratio.
 * - `OTEL_PROPAGATORS` `tracecontext,baggage,xray`: W3C `traceparent`/`baggage` and AWS `X-Amzn-Trace-Id`, read and
 *   written on every call. Extraction runs in that order and the last valid context wins, so the X-Amzn-Trace-Id
 *   that API Gateway (X-Ray tracing on) and the load balancer pass on makes the service's spans children of the API
 *   Gateway segment: the X-Ray trace continues into the service, and on into the next services, whose sidecars read
 *   the `traceparent` the SDK writes alongside.
 * - First hop: the sidecar in front of the service does not see that header. Envoy's OpenTelemetry tracer reads
 *   only `traceparent`, so the first sidecar span of an edge request starts a W3C trace of its own, apart from the
 *   API Gateway trace (the sidecar's inbound span and the service's span are in different traces); from the
 *   service's outgoing calls on, sidecar spans and service spans share one trace.
 * - `OTEL_RESOURCE_ATTRIBUTES`: `deployment.environment.name=<environment>`.
 * - `OTEL_METRICS_EXPORTER` and `OTEL_LOGS_EXPORTER` `none`: metrics are scraped by Prometheus and logs read from
 *   the containers; the collector takes only traces, and an SDK exporting the others would log an error per batch.
 */
export function otelEnvironment(options: OtelEnvironmentOptions): Record<string, string> {
  const problem = checkSamplingPercent(options.samplingPercent);
  if (problem) {
    throw new RangeError(`samplingPercent: ${options.samplingPercent} ${problem}`);
  }
  return {
    OTEL_SERVICE_NAME: options.serviceName,
    OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_HTTP_ENDPOINT,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: samplingRatio(options.samplingPercent),
    OTEL_PROPAGATORS: "tracecontext,baggage,xray",
    OTEL_RESOURCE_ATTRIBUTES: `deployment.environment.name=${options.environment}`,
    OTEL_METRICS_EXPORTER: "none",
    OTEL_LOGS_EXPORTER: "none",
  };
}

/** A percentage as the sampler's fraction, without floating-point noise: 5 -> "0.05", 0.01 -> "0.0001", 100 -> "1". */
export function samplingRatio(percent: number): string {
  return String(Number((percent / 100).toFixed(6)));
}
