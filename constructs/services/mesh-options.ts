/**
 * How a service is protected from, and protects others from, a slow or failing dependency, expressed as Istio
 * traffic policy on the *client* side: every sidecar that calls the service applies it (DestinationRule and
 * VirtualService for the service's host). Field names follow Istio's networking/v1 API.
 */
export interface ResiliencePolicy {
  /** Whole-request deadline of a call to the service, retries included, seconds. */
  readonly timeoutSeconds: number;
  readonly retries: {
    /** Retries after the first try (0: no retry). */
    readonly attempts: number;
    /** Deadline of each try, seconds; attempts + 1 tries must fit in `timeoutSeconds`. */
    readonly perTryTimeoutSeconds: number;
    /**
     * Envoy retry conditions. The default retries only what never reached the application or was refused before
     * work began (connect failures, refused HTTP/2 streams, 503 from an overflowing pool), so a non-idempotent POST
     * is not repeated after it ran.
     */
    readonly retryOn: string;
  };
  /** The breaker's capacity side: more than this waits in the queue, and more than the queue fails fast (503). */
  readonly connectionPool: {
    /** TCP connections to the service from one client pod. */
    readonly maxConnections: number;
    /** Requests queued waiting for a connection, per client pod. */
    readonly maxPendingRequests: number;
  };
  /** The breaker's failure side: a pod that fails repeatedly is ejected from every client's load balancing. */
  readonly outlierDetection: {
    /** Consecutive 5xx (or connection failures) that eject a pod. */
    readonly consecutive5xxErrors: number;
    /** How often ejections are evaluated, seconds. */
    readonly intervalSeconds: number;
    /** First ejection length, seconds (it grows with each ejection of the same pod). */
    readonly baseEjectionSeconds: number;
    /** At most this share of the service's pods is ejected at once, percent. */
    readonly maxEjectionPercent: number;
  };
}

/**
 * The platform's default policy: a 15 s deadline, two retries of 5 s each on failures that are safe to retry,
 * 100 connections and 100 queued requests per client pod, and a pod ejected for 30 s after 5 consecutive 5xx,
 * never more than half of the service at once. The retry conditions are Istio's own default (istio/istio
 * `pilot/pkg/networking/core/route/retry/retry.go`, release-1.31): connect-failure, refused-stream, unavailable,
 * cancelled and retriable-status-codes (503).
 */
export const DEFAULT_RESILIENCE: ResiliencePolicy = {
  timeoutSeconds: 15,
  retries: {
    attempts: 2,
    perTryTimeoutSeconds: 5,
    retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
  },
  connectionPool: { maxConnections: 100, maxPendingRequests: 100 },
  outlierDetection: { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionSeconds: 30, maxEjectionPercent: 50 },
};

/** Mutual TLS of the mesh: STRICT refuses plain text; PERMISSIVE accepts both (for a migration). */
export const MTLS_MODES = ["STRICT", "PERMISSIVE"] as const;
export type MtlsMode = (typeof MTLS_MODES)[number];

/** A service's place in the mesh. */
export interface ServiceMeshOptions {
  /** Mutual TLS the service's pods require of their callers. */
  readonly mtlsMode: MtlsMode;
  /**
   * Timeouts, retries and the circuit breaker of calls to the service.
   *
   * @default DEFAULT_RESILIENCE
   */
  readonly resilience?: ResiliencePolicy;
}

/** Retry conditions Envoy knows (router filter `x-envoy-retry-on` and `x-envoy-retry-grpc-on`). */
export const RETRY_CONDITIONS = [
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "envoy-ratelimited",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
] as const;

/** An HTTP status code in `retryOn`: Istio adds it to the retriable status codes. */
const HTTP_STATUS = /^[1-5]\d\d$/;

/** Problems of a resilience policy, as [setting, message] pairs (empty when it is sound). */
export function checkResilience(policy: ResiliencePolicy): [string, string][] {
  const problems: [string, string][] = [];
  const tries = policy.retries.attempts + 1;
  if (tries * policy.retries.perTryTimeoutSeconds > policy.timeoutSeconds) {
    problems.push([
      "retries.perTryTimeoutSeconds",
      `${tries} tries of ${policy.retries.perTryTimeoutSeconds}s do not fit in timeoutSeconds ${policy.timeoutSeconds}; expected (attempts + 1) x perTryTimeoutSeconds <= timeoutSeconds, or the last retries are cut off`,
    ]);
  }
  const unknown = policy.retries.retryOn
    .split(",")
    .map((condition) => condition.trim())
    .filter(
      (condition) => !(RETRY_CONDITIONS as readonly string[]).includes(condition) && !HTTP_STATUS.test(condition),
    );
  if (unknown.length > 0) {
    problems.push([
      "retries.retryOn",
      `${unknown.map((c) => JSON.stringify(c)).join(", ")} is not an Envoy retry condition; expected a comma-separated list of ${RETRY_CONDITIONS.join(", ")} or HTTP status codes such as 503`,
    ]);
  }
  return problems;
}
