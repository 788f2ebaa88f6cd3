import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import { overlappingPrefixes, PATH_PREFIX, PATH_PREFIX_EXPECTATION } from "../services/options";
import {
  CACHE_CLUSTER_SIZES,
  checkBurst,
  checkTiers,
  EXECUTION_LOG_LEVELS,
  type ExecutionLogLevel,
  HTTP_METHODS,
  MAX_CACHE_TTL_SECONDS,
} from "./options";
import type { PublicApiProps } from "./public-api-props";
import { pathId } from "./public-api-resources";
import { type CacheableRoute, checkRoute, routePaths } from "./routes";

/** Checks the props of the API `scope` with their defaults resolved, before any resource exists. */
export function validatePublicApi(
  scope: Construct,
  props: PublicApiProps,
  stageName: string,
  publicPaths: readonly string[],
  cacheableRoutes: readonly CacheableRoute[],
  logLevel: ExecutionLogLevel,
  apiKeys: Readonly<Record<string, string>>,
): void {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(props.name)) {
    throw new ValidationError(
      `name: ${show(props.name)} is not an API name; expected up to 63 lower-case letters, digits or hyphens`,
      scope,
    );
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    throw new ValidationError(
      `stageName: ${show(stageName)} is not a stage name; expected letters, digits, "_" or "-"`,
      scope,
    );
  }
  requireOneOf(scope, "backend.port", props.backend.port, [80, 443]);
  if (props.backend.subnetIds.length < 2) {
    throw new ValidationError(
      `backend.subnetIds: ${show(props.backend.subnetIds)} has ${props.backend.subnetIds.length} subnet(s); expected at least two, in different zones`,
      scope,
    );
  }
  if (props.userPoolArns.length === 0) {
    throw new ValidationError("userPoolArns: [] is empty; expected the user pool the authorizer trusts", scope);
  }
  const prefixes = props.services.map((service) => service.pathPrefix);
  const checkPaths = (setting: (index: number) => string, paths: readonly string[]) =>
    paths.forEach((path, index) => {
      if (!PATH_PREFIX.test(path)) {
        throw new ValidationError(
          `${setting(index)}: ${show(path)} is not allowed; expected ${PATH_PREFIX_EXPECTATION}`,
          scope,
        );
      }
    });
  checkPaths((index) => `services[${index}].pathPrefix`, prefixes);
  checkPaths((index) => `publicPaths[${index}]`, publicPaths);
  for (const [label, paths] of [
    ["services' path prefixes", prefixes],
    ["publicPaths", publicPaths],
  ] as const) {
    const [pair] = overlappingPrefixes(paths);
    if (pair) {
      throw new ValidationError(
        `${label}: ${show(paths[pair[0]])} and ${show(paths[pair[1]])} ${paths[pair[0]] === paths[pair[1]] ? "are the same route" : "overlap"}; expected each route once, none inside another`,
        scope,
      );
    }
  }
  const routes = routePaths(prefixes, publicPaths);
  const requireRoute = (setting: string, path: string) => {
    const problem = checkRoute(routes, path);
    if (problem) {
      throw new ValidationError(`${setting}: ${show(path)} ${problem}`, scope);
    }
  };
  // Construct ids replace "/" with "-": paths that differ only there would collide.
  const ids = new Map<string, string>();
  for (const path of routes) {
    for (const id of [pathId(path), `${pathId(path)}-proxy`]) {
      const other = ids.get(id);
      if (other !== undefined && other !== path) {
        throw new ValidationError(
          `routes: ${show(other)} and ${show(path)} would share the construct id ${show(id)}; expected paths that differ other than "/" against "-" (rename one prefix)`,
          scope,
        );
      }
      ids.set(id, path);
    }
  }
  cacheableRoutes.forEach((route, index) => {
    requireRoute(`cacheableRoutes[${index}].path`, route.path);
    if (cacheableRoutes.findIndex((other) => other.path === route.path) !== index) {
      throw new ValidationError(
        `cacheableRoutes[${index}].path: ${show(route.path)} is listed twice; expected one cache setting per route`,
        scope,
      );
    }
    requireWholeNumber(scope, `cacheableRoutes[${index}].ttlSeconds`, route.ttlSeconds, 0, MAX_CACHE_TTL_SECONDS);
  });
  const [tierProblem] = checkTiers(props.tiers);
  if (props.tiers.length === 0) {
    throw new ValidationError("tiers: [] is empty; expected at least one client tier", scope);
  }
  if (tierProblem) {
    throw new ValidationError(
      `tiers[${tierProblem.index}].${tierProblem.setting}: ${show(tierProblem.value)} ${tierProblem.message}`,
      scope,
    );
  }
  props.tiers.forEach((tier, index) => {
    (tier.methodThrottles ?? []).forEach((throttle, at) => {
      const setting = `tiers[${index}].methodThrottles[${at}]`;
      requireRoute(`${setting}.path`, throttle.path);
      requireOneOf(scope, `${setting}.method`, throttle.method, HTTP_METHODS);
      const throttles = tier.methodThrottles ?? [];
      if (throttles.findIndex((other) => other.path === throttle.path && other.method === throttle.method) !== at) {
        throw new ValidationError(
          `${setting}: ${throttle.method} ${throttle.path} is throttled twice in tier ${show(tier.name)}; expected one throttle per method and route`,
          scope,
        );
      }
      const burst = checkBurst(throttle.rateLimit, throttle.burstLimit);
      if (burst) {
        throw new ValidationError(`${setting}.burstLimit: ${throttle.burstLimit} ${burst}`, scope);
      }
    });
  });
  for (const [setting, throttle] of [
    ["stageThrottle", props.stageThrottle],
    ["siteClient", props.siteClient],
  ] as const) {
    const problem = throttle && checkBurst(throttle.rateLimit, throttle.burstLimit);
    if (problem) {
      throw new ValidationError(`${setting}.burstLimit: ${throttle.burstLimit} ${problem}`, scope);
    }
  }
  for (const [client, tier] of Object.entries(apiKeys)) {
    requireOneOf(
      scope,
      `apiKeys.${client}`,
      tier,
      props.tiers.map((candidate) => candidate.name),
    );
  }
  requireOneOf(scope, "logging.level", logLevel, EXECUTION_LOG_LEVELS);
  requireLogRetentionDays(scope, "logging.retentionDays", props.logging.retentionDays);
  if (props.cacheClusterSize !== undefined) {
    requireOneOf(scope, "cacheClusterSize", props.cacheClusterSize, CACHE_CLUSTER_SIZES);
  }
}
