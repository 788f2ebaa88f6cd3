import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { requireWholeNumber } from "../core/validation";
import { checkResilience, DEFAULT_RESILIENCE, type ServiceMeshOptions } from "./mesh-options";

/** Istio's traffic and security APIs (v1 since Istio 1.22). */
const NETWORKING = "networking.istio.io/v1";
const SECURITY = "security.istio.io/v1";

export interface MeshObjects {
  readonly destinationRule: Manifest;
  readonly virtualService: Manifest;
  readonly peerAuthentication: Manifest;
}

interface MeshTarget {
  readonly name: string;
  readonly port: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly metadataLabels: Readonly<Record<string, string>>;
  /** The namespace resource, so the objects wait for it. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The service's traffic policy in the mesh, read by every sidecar that calls it:
 * - DestinationRule: mutual TLS to it (ISTIO_MUTUAL), the connection pool (the breaker's capacity side) and outlier
 *   detection (the breaker's failure side: a failing pod is ejected from every caller's load balancing).
 * - VirtualService: the call's deadline and bounded retries on conditions that are safe to retry.
 * - PeerAuthentication: the mutual TLS the pods require. The internal load balancer is not in the mesh and cannot
 *   present a mesh certificate, so under STRICT the service's own port (the one its target group sends to and
 *   health-checks) accepts the load balancer's plain text; every other port is STRICT, and calls from other
 *   services are mutual TLS because their sidecars originate it (the DestinationRule above).
 */
export function addMeshPolicy(scope: Construct, target: MeshTarget, options: ServiceMeshOptions): MeshObjects {
  const policy = options.resilience ?? DEFAULT_RESILIENCE;
  for (const [setting, problem] of checkResilience(policy)) {
    throw new ValidationError(`mesh.resilience.${setting}: ${problem}`, scope);
  }
  requireWholeNumber(scope, "mesh.resilience.timeoutSeconds", policy.timeoutSeconds, 1, 3600);
  requireWholeNumber(scope, "mesh.resilience.retries.attempts", policy.retries.attempts, 0, 10);
  requireWholeNumber(
    scope,
    "mesh.resilience.retries.perTryTimeoutSeconds",
    policy.retries.perTryTimeoutSeconds,
    1,
    3600,
  );
  requireWholeNumber(
    scope,
    "mesh.resilience.connectionPool.maxConnections",
    policy.connectionPool.maxConnections,
    1,
    100_000,
  );
  requireWholeNumber(
    scope,
    "mesh.resilience.connectionPool.maxPendingRequests",
    policy.connectionPool.maxPendingRequests,
    1,
    100_000,
  );
  const outlier = policy.outlierDetection;
  requireWholeNumber(
    scope,
    "mesh.resilience.outlierDetection.consecutive5xxErrors",
    outlier.consecutive5xxErrors,
    1,
    1000,
  );
  requireWholeNumber(scope, "mesh.resilience.outlierDetection.intervalSeconds", outlier.intervalSeconds, 1, 300);
  requireWholeNumber(
    scope,
    "mesh.resilience.outlierDetection.baseEjectionSeconds",
    outlier.baseEjectionSeconds,
    1,
    3600,
  );
  requireWholeNumber(scope, "mesh.resilience.outlierDetection.maxEjectionPercent", outlier.maxEjectionPercent, 1, 100);

  const { name, port } = target;
  const host = `${name}.${name}.svc.cluster.local`;
  const metadata = { name, namespace: name, labels: { ...target.metadataLabels } };
  const dependsOn = [...target.dependsOn];

  const destinationRule = new Manifest(scope, "DestinationRule", {
    manifest: {
      apiVersion: NETWORKING,
      kind: "DestinationRule",
      metadata,
      spec: {
        host,
        trafficPolicy: {
          tls: { mode: "ISTIO_MUTUAL" },
          connectionPool: {
            tcp: { maxConnections: policy.connectionPool.maxConnections },
            http: {
              http1MaxPendingRequests: policy.connectionPool.maxPendingRequests,
              maxRetries: policy.retries.attempts,
            },
          },
          outlierDetection: {
            consecutive5xxErrors: outlier.consecutive5xxErrors,
            interval: `${outlier.intervalSeconds}s`,
            baseEjectionTime: `${outlier.baseEjectionSeconds}s`,
            maxEjectionPercent: outlier.maxEjectionPercent,
          },
        },
      },
    },
    dependsOn,
  });

  const virtualService = new Manifest(scope, "VirtualService", {
    manifest: {
      apiVersion: NETWORKING,
      kind: "VirtualService",
      metadata,
      spec: {
        hosts: [host],
        http: [
          {
            timeout: `${policy.timeoutSeconds}s`,
            retries:
              policy.retries.attempts === 0
                ? { attempts: 0 }
                : {
                    attempts: policy.retries.attempts,
                    perTryTimeout: `${policy.retries.perTryTimeoutSeconds}s`,
                    retryOn: policy.retries.retryOn,
                  },
            route: [{ destination: { host, port: { number: port } } }],
          },
        ],
      },
    },
    dependsOn,
  });

  const peerAuthentication = new Manifest(scope, "PeerAuthentication", {
    manifest: {
      apiVersion: SECURITY,
      kind: "PeerAuthentication",
      metadata,
      spec: {
        selector: { matchLabels: { ...target.labels } },
        mtls: { mode: options.mtlsMode },
        ...(options.mtlsMode === "STRICT" ? { portLevelMtls: { [String(port)]: { mode: "PERMISSIVE" } } } : {}),
      },
    },
    dependsOn,
  });

  return { destinationRule, virtualService, peerAuthentication };
}

/**
 * The mesh-wide mutual TLS policy: a PeerAuthentication named `default` in Istio's root namespace applies to every
 * meshed workload that has no policy of its own (istio.io, security/v1 PeerAuthentication reference).
 */
export function addMeshWideMtls(
  scope: Construct,
  id: string,
  props: { readonly rootNamespace: string; readonly mode: ServiceMeshOptions["mtlsMode"] },
): Manifest {
  return new Manifest(scope, id, {
    manifest: {
      apiVersion: SECURITY,
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: props.rootNamespace },
      spec: { mtls: { mode: props.mode } },
    },
  });
}
