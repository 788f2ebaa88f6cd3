/**
 * WAFv2 rule statements the platform's web ACLs are built from, in Terraform's JSON names (the provider bindings type
 * `statement` as `any` and pass it through verbatim).
 */

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
