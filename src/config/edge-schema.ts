import { z } from "zod";
import {
  CACHE_CLUSTER_SIZES,
  checkBurst,
  checkTiers,
  EXECUTION_LOG_LEVELS,
  HTTP_METHODS,
  MAX_CACHE_TTL_SECONDS,
} from "../../constructs/api-gateway/options";
import { checkRoute, routePaths } from "../../constructs/api-gateway/routes";
import { MFA_MODES } from "../../constructs/api-gateway/user-pool";
import {
  checkBucketName,
  checkCertificateArn,
  checkDomainNames,
  checkTtl,
  HOSTNAME,
  HOSTNAME_EXPECTATION,
  MAX_TTL_SECONDS,
  PRICE_CLASSES,
  STATIC_BUCKET_NAME_EXPECTATION,
} from "../../constructs/cdn/options";
import { LOG_RETENTION_DAYS } from "../../constructs/core/log-retention";
import { overlappingPrefixes, PATH_PREFIX, PATH_PREFIX_EXPECTATION } from "../../constructs/services/options";
import { SITE_ROUTINGS } from "../../constructs/cdn/site-function";
import { BODY_INSPECTION_LIMITS_KB, checkRateLimit, WAF_EVALUATION_WINDOWS } from "../../constructs/waf/web-acl";
import { show } from "../../constructs/core/errors";
import {
  allowed,
  checked,
  type IssueReporter,
  oneOf,
  pattern,
  section,
  wholeNumber,
  withCheck,
} from "./schema-helpers";

/**
 * The edge's part of an environment's config: the public API (routes, authorization, tiers, stage) and the CDN
 * (caching, domain, site routing), each with its WAF, and the request body limits both WAFs enforce. Rules that need the service catalog are in `checkEdge`.
 */

const routePath = pattern(PATH_PREFIX, PATH_PREFIX_EXPECTATION);
const hostedZoneId = pattern(/^Z[A-Z0-9]{1,31}$/, 'a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"');
/** Requests per second of a throttle: API Gateway takes fractions. */
const rate = z
  .number({ error: allowed("requests per second, above 0") })
  .positive({ error: allowed("requests per second, above 0") });
const burst = wholeNumber(1, 5000, "a whole number of requests from 1 to 5000");

const wafSchema = section({
  /** Requests one client IP may send per evaluation window before it is blocked. */
  rateLimit: withCheck(z.number({ error: allowed("a whole number of requests") }), checkRateLimit),
  evaluationWindowSeconds: oneOf(WAF_EVALUATION_WINDOWS),
  /** Rules of the AWS common rule set that only count (for example SizeRestrictions_BODY for large uploads). */
  countRules: z
    .array(pattern(/^[A-Za-z0-9_-]{1,128}$/, "a rule name of the AWS common rule set"), {
      error: allowed("a list of rule names"),
    })
    .default([]),
});

const tierSchema = section({
  name: pattern(/^[a-z][a-z0-9-]{0,30}$/, "a tier name of lower-case letters, digits or hyphens"),
  /** The tier's budget, requests per hour: a steady rate of a 3600th of it per second and a daily quota of 24×. */
  requestsPerHour: wholeNumber(1, 1_000_000_000),
  /** Requests at once above the steady rate. */
  burstLimit: burst,
  /** Tighter limits on one method of one route, requests per second. */
  methodThrottles: z
    .array(
      section({
        path: routePath,
        method: oneOf(HTTP_METHODS),
        rateLimit: rate,
        burstLimit: burst,
      }),
      { error: allowed("a list of { path, method, rateLimit, burstLimit }") },
    )
    .default([]),
});

const ttlSchema = section({
  minSeconds: wholeNumber(0, MAX_TTL_SECONDS),
  defaultSeconds: wholeNumber(0, MAX_TTL_SECONDS),
  maxSeconds: wholeNumber(0, MAX_TTL_SECONDS),
}).superRefine((ttl, ctx) => {
  const problem = checkTtl(ttl);
  if (problem) {
    ctx.addIssue({ code: "custom", input: ttl, message: problem });
  }
});

/** The public REST API. */
const apiSchema = section({
  /** The stage: the first path segment of the execute-api URL and the CDN's origin path. */
  stageName: pattern(/^[A-Za-z0-9_-]{1,128}$/, 'a stage name such as "v1"'),
  /** Paths served without the authorizer, e.g. the sign-in service; each covers everything below it. */
  publicPaths: z.array(routePath, { error: allowed("a list of paths") }),
  /**
   * Every method requires an API key, which selects the caller's usage plan: a client's tier, or the site's plan for
   * the key CloudFront adds (public paths too: they need no signed-in person, but no request is outside a plan).
   */
  apiKeyRequired: z.boolean({ error: allowed("true or false") }),
  /**
   * The usage plan of the site's own calls (signed-in people, through CloudFront, which adds the site's key), all
   * of them together, requests per second. Each person's share is the CDN WAF's `perUserRateLimit`.
   */
  siteThrottle: section({ rateLimit: rate, burstLimit: burst }),
  /** Routes whose GET responses the stage cache keeps, when `cacheClusterSize` is set. */
  cacheableRoutes: z.array(
    section({
      path: routePath,
      ttlSeconds: wholeNumber(0, MAX_CACHE_TTL_SECONDS),
      /** Query string parameters that select a different response. */
      queryParameters: z
        .array(pattern(/^[A-Za-z0-9_.-]{1,64}$/, "a query parameter name"), {
          error: allowed("a list of query parameter names"),
        })
        .default([]),
    }),
    { error: allowed("a list of { path, ttlSeconds }") },
  ),
  /** The stage cache: off, or a cache cluster of `clusterSizeGb` for the cacheable routes. */
  cache: section({
    enabled: z.boolean({ error: allowed("true or false") }),
    clusterSizeGb: oneOf(CACHE_CLUSTER_SIZES),
  }),
  /** Client tiers from the smallest to the largest: a usage plan each. */
  tiers: z.array(tierSchema, { error: allowed("a list of tiers") }).min(1, {
    error: "is empty; expected at least one client tier",
  }),
  /** API keys to create: client name → tier. More are added to the usage plans by the onboarding process. */
  apiKeys: z
    .record(
      pattern(/^[a-z0-9][a-z0-9-]{0,62}$/, "a client name of lower-case letters, digits or hyphens"),
      z.string(),
      {
        error: allowed("a map of client names to tier names"),
      },
    )
    .default({}),
  /** Every method's throttle for all clients together, requests per second. */
  stageThrottle: section({ rateLimit: rate, burstLimit: burst }),
  /** Execution logging level. */
  loggingLevel: oneOf(EXECUTION_LOG_LEVELS),
  /** X-Ray tracing of the stage. */
  tracing: z.boolean({ error: allowed("true or false") }),
  /**
   * Create the account and region's API Gateway CloudWatch role setting. There is one per account and region: let
   * exactly one environment of an account manage it.
   */
  manageAccountSettings: z.boolean({ error: allowed("true or false") }),
  /**
   * A custom domain (TLS 1.2) for API clients: with `certificateArn`, that certificate (in the environment's
   * region); without, a certificate the stack requests and validates in `hostedZoneId`, which also gets the alias.
   */
  domain: section({
    name: pattern(HOSTNAME, HOSTNAME_EXPECTATION),
    certificateArn: pattern(
      /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/,
      "the ARN of an ACM certificate for the domain in the environment's region",
    ).optional(),
    hostedZoneId: hostedZoneId.optional(),
  })
    .superRefine(requireCertificateSource)
    .optional(),
  userPool: section({
    /** Anyone may sign up; otherwise administrators create users. */
    selfSignUp: z.boolean({ error: allowed("true or false") }),
    mfa: oneOf(MFA_MODES),
  }),
  waf: wafSchema,
});

/** The CloudFront distribution. */
const cdnSchema = section({
  /** The static site's bucket. @default `<project>-<env>-static-site` (bucket names are global: set one if taken) */
  bucketName: checked(checkBucketName, STATIC_BUCKET_NAME_EXPECTATION).optional(),
  priceClass: oneOf(PRICE_CLASSES),
  /** Origin Shield (in the environment's region) in front of the static bucket: fewer origin fetches. */
  originShield: z.boolean({ error: allowed("true or false") }),
  /** `/static/*`: fingerprinted assets, kept long. */
  staticTtl: ttlSchema,
  /** Everything else from the bucket: HTML pages, kept briefly so that a release shows quickly. */
  pageTtl: ttlSchema,
  /**
   * Alternate domain names, served with TLS 1.2 or newer: with `certificateArn`, that certificate (us-east-1);
   * without, a certificate the stack requests in us-east-1 and validates in `hostedZoneId`, which also gets the
   * aliases. Without a domain, CloudFront's default certificate accepts TLS 1.0 (a guardrail finding).
   */
  domain: section({
    names: withCheck(z.array(z.string({ error: allowed("a list of domain names") })), checkDomainNames),
    certificateArn: checked(
      checkCertificateArn,
      "the ARN of an ACM certificate in us-east-1 for the domain names",
    ).optional(),
    hostedZoneId: hostedZoneId.optional(),
  })
    .superRefine(requireCertificateSource)
    .optional(),
  /** How site paths map to objects: `spa` (routes render `/index.html`) or `pages` (`/about` → `/about/index.html`). */
  siteRouting: oneOf(SITE_ROUTINGS),
  waf: wafSchema.omit({ countRules: true }).extend({
    /** Requests one signed-in person (one `Authorization` token) may send to the API per evaluation window. */
    perUserRateLimit: withCheck(z.number({ error: allowed("a whole number of requests") }), checkRateLimit),
  }),
});

/**
 * Largest request bodies, enforced by both WAFs (CloudFront's and the API's) before any backend sees the request.
 * WAF sees at most `inspectionLimitKb` of a body (16 KB unless raised, at a cost per larger request), so no limit
 * may exceed it: a larger body is blocked as oversize.
 */
const bodyLimitsSchema = section({
  /** Largest body of any request to a route without its own limit. */
  defaultBytes: wholeNumber(1, 65_536),
  /** How much of a body the WAFs inspect: 16 (AWS's default), 32, 48 or 64 KB. */
  inspectionLimitKb: oneOf(BODY_INSPECTION_LIMITS_KB),
  /** Routes that take larger (or only smaller) bodies: the ingest route's payloads. */
  routes: z
    .array(section({ path: routePath, maxBytes: wholeNumber(1, 65_536) }), {
      error: allowed("a list of { path, maxBytes }"),
    })
    .default([]),
});

export const edgeSchema = section({
  /** Days the API's access and execution logs, the WAF logs and the CDN's access logs are kept. */
  logRetentionDays: oneOf(LOG_RETENTION_DAYS),
  bodyLimits: bodyLimitsSchema,
  api: apiSchema,
  cdn: cdnSchema,
});

export type EdgeConfig = z.output<typeof edgeSchema>;

/**
 * Rules between the edge settings and the service catalog: public, cacheable and throttled paths must be routes
 * (a service's prefix or a public path), public paths must not repeat or nest, API keys must name a tier, tiers
 * must grow from the smallest to the largest, every burst must hold a second of its rate, and body limits must be
 * routes, each once, within what the WAFs inspect.
 */
export function checkEdge(
  edge: EdgeConfig,
  services: Readonly<Record<string, { readonly pathPrefix: string }>>,
  issue: IssueReporter,
): void {
  const api = edge.api;
  for (const [first, second] of overlappingPrefixes(api.publicPaths)) {
    const same = api.publicPaths[first] === api.publicPaths[second];
    issue(
      ["edge", "api", "publicPaths", second],
      api.publicPaths[second],
      `${same ? "repeats" : "overlaps"} ${show(api.publicPaths[first])}; expected each public path once, none inside another`,
    );
  }
  const routes = routePaths(
    Object.values(services).map((service) => service.pathPrefix),
    api.publicPaths,
  );
  const requireRoute = (path: PropertyKey[], value: string) => {
    const problem = checkRoute(routes, value);
    if (problem) {
      issue(path, value, problem);
    }
  };
  api.cacheableRoutes.forEach((route, index) => {
    requireRoute(["edge", "api", "cacheableRoutes", index, "path"], route.path);
    if (api.cacheableRoutes.findIndex((other) => other.path === route.path) !== index) {
      issue(
        ["edge", "api", "cacheableRoutes", index, "path"],
        route.path,
        "is listed twice; expected one cache setting per route",
      );
    }
  });
  for (const problem of checkTiers(api.tiers)) {
    issue(["edge", "api", "tiers", problem.index, problem.setting], problem.value, problem.message);
  }
  api.tiers.forEach((tier, index) =>
    tier.methodThrottles.forEach((throttle, at) => {
      const path = ["edge", "api", "tiers", index, "methodThrottles", at];
      requireRoute([...path, "path"], throttle.path);
      if (
        tier.methodThrottles.findIndex((other) => other.path === throttle.path && other.method === throttle.method) !==
        at
      ) {
        issue(
          [...path, "method"],
          throttle.method,
          `on ${throttle.path} is throttled twice in this tier; expected one throttle per method and route`,
        );
      }
      const problem = checkBurst(throttle.rateLimit, throttle.burstLimit);
      if (problem) {
        issue([...path, "burstLimit"], throttle.burstLimit, problem);
      }
    }),
  );
  for (const setting of ["stageThrottle", "siteThrottle"] as const) {
    const problem = checkBurst(api[setting].rateLimit, api[setting].burstLimit);
    if (problem) {
      issue(["edge", "api", setting, "burstLimit"], api[setting].burstLimit, problem);
    }
  }
  const tierNames = api.tiers.map((tier) => tier.name);
  for (const [client, tier] of Object.entries(api.apiKeys)) {
    if (!tierNames.includes(tier)) {
      issue(["edge", "api", "apiKeys", client], tier, `is not a tier; expected one of ${tierNames.join(", ")}`);
    }
  }
  const limits = edge.bodyLimits;
  const inspected = limits.inspectionLimitKb * 1024;
  const beyondInspection = `is more than the WAFs inspect (inspectionLimitKb ${limits.inspectionLimitKb} = ${inspected} bytes); expected at most ${inspected}, or a larger inspectionLimitKb (up to 64)`;
  if (limits.defaultBytes > inspected) {
    issue(["edge", "bodyLimits", "defaultBytes"], limits.defaultBytes, beyondInspection);
  }
  limits.routes.forEach((route, index) => {
    requireRoute(["edge", "bodyLimits", "routes", index, "path"], route.path);
    if (limits.routes.findIndex((other) => other.path === route.path) !== index) {
      issue(
        ["edge", "bodyLimits", "routes", index, "path"],
        route.path,
        "is listed twice; expected one limit per route",
      );
    }
    if (route.maxBytes > inspected) {
      issue(["edge", "bodyLimits", "routes", index, "maxBytes"], route.maxBytes, beyondInspection);
    }
  });
}

/** A custom domain needs a certificate: a given one, or a hosted zone to validate one in. */
function requireCertificateSource(
  domain: { readonly certificateArn?: string; readonly hostedZoneId?: string },
  ctx: z.RefinementCtx,
): void {
  if (domain.certificateArn === undefined && domain.hostedZoneId === undefined) {
    ctx.addIssue({
      code: "custom",
      input: domain,
      message:
        "has neither certificateArn nor hostedZoneId; expected an ACM certificate's ARN, or the Route 53 hosted zone to request and validate one in",
    });
  }
}
