/**
 * Rules of a service catalog entry, shared by the config schema and the constructs so that both say the same thing.
 * Each `check...` function returns why a value is wrong (to follow the value in a message), or undefined.
 */

/** A service name: a Kubernetes namespace and DNS label, short enough for `<prefix>-<name>` target groups. */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
export const SERVICE_NAME_EXPECTATION = "2 to 20 lower-case letters, digits or hyphens, starting with a letter";

/** What a service may do with the database. */
export const DATABASE_ACCESS = ["none", "read-only", "read-write"] as const;
export type DatabaseAccess = (typeof DATABASE_ACCESS)[number];

/** Container ports a non-root process can bind. */
export const SERVICE_PORT = { min: 1024, max: 65535 } as const;

/** Replicas of one service. */
export const SERVICE_REPLICAS = { min: 1, max: 100 } as const;

/** A URL path prefix an ALB rule and an API route can match: `/api/users`, lower-case segments, no trailing slash. */
export const PATH_PREFIX = /^(\/[a-z0-9][a-z0-9._-]*)+$/;
export const PATH_PREFIX_EXPECTATION =
  'a path starting with "/" made of lower-case segments, without a trailing slash or wildcards, such as "/api/users"';

/** An HTTP path for health checks. */
export const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9._~\/-]{0,1023}$/;

/** An environment variable name. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Environment variables the platform sets itself (connection details, identity): a catalog entry may not set them.
 */
export const RESERVED_ENV_PREFIXES = ["AWS_", "DB_", "CACHE_", "KAFKA_", "SERVICE_", "PORT"] as const;

/** Variable names that carry secrets: secrets never go into plain environment values. */
const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)/;

/**
 * The OpenTelemetry SDK's variables: the platform sets them (`otelEnvironment`, constructs/services/tracing-env.ts) so
 * that every service exports to the collector with its environment's sampling.
 */
export const TRACING_ENV_PREFIX = "OTEL_";

/** Why an environment variable name may not be set by a catalog entry, or undefined. */
export function checkEnvName(name: string): string | undefined {
  if (name.startsWith(TRACING_ENV_PREFIX)) {
    return `is set by the platform's tracing (names starting with ${TRACING_ENV_PREFIX} are reserved: the collector endpoint, sampler and propagators come from observability.tracing); expected another name`;
  }
  const reserved = RESERVED_ENV_PREFIXES.find((prefix) => name === prefix || name.startsWith(prefix));
  if (reserved) {
    return `is set by the platform (names starting with ${RESERVED_ENV_PREFIXES.join(", ")} are reserved); expected another name`;
  }
  if (SECRET_ENV_NAME.test(name)) {
    return "names a secret; expected no secrets in plain environment values (use IAM authentication, or a Secrets Manager secret the service reads with its role)";
  }
  return undefined;
}

/**
 * Why an image reference is not pinned, or undefined: `registry/repository:tag` (not `latest`) or
 * `registry/repository@sha256:<digest>`.
 */
export function checkImage(image: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9](:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/.test(image)) {
    return "is not a pinned image reference; expected <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>";
  }
  if (/:latest$/.test(image)) {
    return 'is tagged "latest", which moves; expected a version tag or a digest, so that a deploy is repeatable';
  }
  return undefined;
}

/**
 * Pairs of path prefixes that claim the same requests: equal, or one a path-segment prefix of the other
 * (`/api/users` and `/api/users/admin`). Routing by the longest match would make the order of rules matter, so the
 * catalog keeps prefixes disjoint.
 */
export function overlappingPrefixes(prefixes: readonly string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  prefixes.forEach((a, i) => {
    prefixes.forEach((b, j) => {
      if (j > i && (a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`))) {
        pairs.push([i, j]);
      }
    });
  });
  return pairs;
}

const CPU_UNITS = /^(\d+(?:\.\d+)?)(m?)$/;
const MEMORY_UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A CPU quantity (`500m`, `2`) in millicores. */
export function millicores(quantity: string): number {
  const match = CPU_UNITS.exec(quantity);
  if (!match) {
    return Number.NaN;
  }
  return match[2] === "m" ? Number(match[1]) : Number(match[1]) * 1000;
}

/** A memory quantity (`512Mi`, `4Gi`) in bytes. */
export function bytes(quantity: string): number {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  return match ? Number(match[1]) * MEMORY_UNITS[match[2]] : Number.NaN;
}

/** Requests and limits of a container. CPU has no limit unless set: throttling hurts latency more than it helps. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** Problems of a container's resources, as `[path, value, reason]`. */
export function checkResources(resources: ContainerResources): Array<[string[], string, string]> {
  const problems: Array<[string[], string, string]> = [];
  if (bytes(resources.limits.memory) < bytes(resources.requests.memory)) {
    problems.push([
      ["limits", "memory"],
      resources.limits.memory,
      `is below requests.memory (${resources.requests.memory}); expected at least the request`,
    ]);
  }
  const cpuLimit = resources.limits.cpu;
  if (cpuLimit !== undefined && millicores(cpuLimit) < millicores(resources.requests.cpu)) {
    problems.push([
      ["limits", "cpu"],
      cpuLimit,
      `is below requests.cpu (${resources.requests.cpu}); expected at least the request`,
    ]);
  }
  return problems;
}
