import { Token } from "cdktf";
import { show } from "../core/errors";

/**
 * WAFv2 rule statements the platform's web ACLs are built from, in Terraform's JSON names (the provider bindings type
 * `statement` as `any` and pass it through verbatim), and the checks of the limits they take.
 */

/** Requests per client IP per evaluation window that a rate-based rule accepts as its limit. */
export const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;

/** Why `rateLimit` is not a limit a rate-based rule accepts, or undefined when it is. */
export function checkRateLimit(rateLimit: number): string | undefined {
  const expectation = `expected a whole number of requests per client IP from ${WAF_RATE_LIMIT.min} to ${WAF_RATE_LIMIT.max}`;
  if (!Number.isInteger(rateLimit)) {
    return `is not a whole number; ${expectation}`;
  }
  if (rateLimit < WAF_RATE_LIMIT.min) {
    return `is below the WAF minimum of ${WAF_RATE_LIMIT.min}; ${expectation}`;
  }
  if (rateLimit > WAF_RATE_LIMIT.max) {
    return `is above the WAF maximum of ${WAF_RATE_LIMIT.max}; ${expectation}`;
  }
  return undefined;
}

/** A rate limit per value of a request header (a user's token), for requests under a path. */
export interface HeaderRateLimit {
  /** Rule name: `RateLimitPerUser`. */
  readonly name: string;
  /** The header whose value is the key, lower case: `authorization`. Requests without it are not counted. */
  readonly header: string;
  /** Requests one header value may send per evaluation window, 10 to 2,000,000,000. */
  readonly limit: number;
  /** Only requests to one of these paths or below count, e.g. `/api`. @default every request */
  readonly paths?: readonly string[];
}

/**
 * How much of a body WAF inspects for CloudFront and API Gateway, KB (AWS WAF Developer Guide, "Managing body
 * inspection size limits": 16 KB by default, raisable in steps of 16 KB to 64 KB; requests with larger bodies cost
 * more). A body beyond it is oversize, and a size rule here treats oversize as too large.
 */
export const BODY_INSPECTION_LIMITS_KB = [16, 32, 48, 64] as const;
export type BodyInspectionLimitKb = (typeof BODY_INSPECTION_LIMITS_KB)[number];

/** Request body size limits: one for every request, others for the routes that take payloads. */
export interface BodySizeLimits {
  /** Largest body of any request not under a listed route, bytes. */
  readonly defaultBytes: number;
  /**
   * Routes with their own largest body, bytes, each with every path it arrives on (a regional API sees
   * `/v1/api/ingest` on its execute-api endpoint and `/api/ingest` on its custom domain).
   */
  readonly routes: readonly { readonly name: string; readonly paths: readonly string[]; readonly maxBytes: number }[];
  /** How much of a body the ACL's resources send WAF, KB; no limit may exceed it. @default 16 */
  readonly inspectionLimitKb?: BodyInspectionLimitKb;
}

/** A statement matching requests that do not carry `header` with exactly `value`. */
export function notWithHeader(header: string, value: string) {
  return {
    not_statement: {
      statement: {
        byte_match_statement: {
          field_to_match: { single_header: { name: header.toLowerCase() } },
          positional_constraint: "EXACTLY",
          search_string: value,
          text_transformation: [{ priority: 0, type: "NONE" }],
        },
      },
    },
  };
}

/**
 * A statement matching requests to one of `paths` or anything below it (`/api/ingest` and `/api/ingest/...`, not
 * `/api/ingestion`): how the API and the load balancer read a route.
 */
export function underPaths(paths: readonly string[]): Record<string, unknown> {
  const statements = paths.flatMap((path) => {
    const base = path.replace(/\/+$/, "");
    return base === ""
      ? [pathMatch("STARTS_WITH", "/")]
      : [pathMatch("EXACTLY", base), pathMatch("STARTS_WITH", `${base}/`)];
  });
  return statements.length === 1 ? statements[0] : { or_statement: { statement: statements } };
}

function pathMatch(constraint: "EXACTLY" | "STARTS_WITH", path: string) {
  return {
    byte_match_statement: {
      field_to_match: { uri_path: {} },
      positional_constraint: constraint,
      search_string: path,
      text_transformation: [{ priority: 0, type: "NONE" }],
    },
  };
}

/** A statement matching request bodies larger than `bytes` (bodies beyond what WAF inspects count as larger). */
function bodyLargerThan(bytes: number) {
  return {
    size_constraint_statement: {
      field_to_match: { body: { oversize_handling: "MATCH" } },
      comparison_operator: "GT",
      size: bytes,
      text_transformation: [{ priority: 0, type: "NONE" }],
    },
  };
}

/** Rules that block bodies over the limits: one per route, and one for every request under none of the routes. */
export function bodySizeRules(limits: BodySizeLimits | undefined): Record<string, unknown>[] {
  if (!limits) {
    return [];
  }
  const routeRules = limits.routes.map((route) => ({
    name: `BodySize-${route.name}`,
    action: { block: {} },
    statement: { and_statement: { statement: [underPaths(route.paths), bodyLargerThan(route.maxBytes)] } },
  }));
  const underNoRoute = limits.routes.map((route) => ({
    not_statement: { statement: underPaths(route.paths) },
  }));
  return [
    ...routeRules,
    {
      name: "BodySizeDefault",
      action: { block: {} },
      statement:
        underNoRoute.length > 0
          ? { and_statement: { statement: [...underNoRoute, bodyLargerThan(limits.defaultBytes)] } }
          : bodyLargerThan(limits.defaultBytes),
    },
  ];
}

/** WAF rule names: letters, digits, `_` and `-`. */
const RULE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * What is wrong with header rate limits and body limits, each naming its setting and value: names taken by
 * `reservedNames` or each other, header names, limits outside WAF's range or above what WAF inspects, paths.
 */
export function limitProblems(
  props: { readonly headerRateLimits?: readonly HeaderRateLimit[]; readonly bodySizeLimits?: BodySizeLimits },
  reservedNames: readonly string[],
): string[] {
  const problems: string[] = [];
  const checkPaths = (setting: string, paths: readonly string[]) => {
    if (paths.length === 0 || paths.some((path) => !/^\/[A-Za-z0-9._~/-]*$/.test(path))) {
      problems.push(
        `${setting}: ${show(paths)} is not a list of paths; expected at least one, such as ["/api/ingest"]`,
      );
    }
  };
  (props.headerRateLimits ?? []).forEach((rateLimit, index) => {
    const path = `headerRateLimits[${index}]`;
    if (!RULE_NAME.test(rateLimit.name) || reservedNames.includes(rateLimit.name)) {
      problems.push(
        `${path}.name: ${show(rateLimit.name)} is not a free rule name; expected letters, digits, _ or - not used by another rule`,
      );
    }
    if (!/^[a-z0-9-]+$/.test(rateLimit.header)) {
      problems.push(
        `${path}.header: ${show(rateLimit.header)} is not a header name; expected lower-case letters, digits and hyphens, such as "authorization"`,
      );
    }
    const problem = Token.isUnresolved(rateLimit.limit) ? undefined : checkRateLimit(rateLimit.limit);
    if (problem) {
      problems.push(`${path}.limit: ${show(rateLimit.limit)} ${problem}`);
    }
    checkPaths(`${path}.paths`, rateLimit.paths ?? ["/"]);
  });
  const limits = props.bodySizeLimits;
  if (!limits) {
    return problems;
  }
  const inspectionLimitKb = limits.inspectionLimitKb ?? 16;
  if (!(BODY_INSPECTION_LIMITS_KB as readonly number[]).includes(inspectionLimitKb)) {
    problems.push(
      `bodySizeLimits.inspectionLimitKb: ${show(inspectionLimitKb)} is not allowed; expected one of ${BODY_INSPECTION_LIMITS_KB.join(", ")}`,
    );
  }
  const inspected = inspectionLimitKb * 1024;
  for (const [setting, bytes] of [
    ["bodySizeLimits.defaultBytes", limits.defaultBytes],
    ...limits.routes.map((route, index) => [`bodySizeLimits.routes[${index}].maxBytes`, route.maxBytes] as const),
  ] as const) {
    if (!Number.isInteger(bytes) || bytes < 1 || bytes > inspected) {
      problems.push(
        `${setting}: ${show(bytes)} is not allowed; expected a whole number of bytes from 1 to ${inspected} (what WAF inspects with inspectionLimitKb ${inspectionLimitKb})`,
      );
    }
  }
  limits.routes.forEach((route, index) => {
    if (
      !RULE_NAME.test(`BodySize-${route.name}`) ||
      limits.routes.findIndex((other) => other.name === route.name) !== index
    ) {
      problems.push(
        `bodySizeLimits.routes[${index}].name: ${show(route.name)} is not a free rule name; expected letters, digits, _ or -, once`,
      );
    }
    checkPaths(`bodySizeLimits.routes[${index}].paths`, route.paths);
  });
  return problems;
}
