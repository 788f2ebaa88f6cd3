import {
  checkBurst,
  checkTiers,
  HTTP_METHODS,
  MAX_CACHE_TTL_SECONDS,
  QUOTA_PERIOD,
  tierLimits,
  type UsageTier,
} from "../../constructs/api-gateway/options";
import { isUnder, MONOLITH, planRoutes, routePaths, type RoutePlanInput } from "../../constructs/api-gateway/routes";

const NO_EXTRAS: Omit<RoutePlanInput, "services"> = { publicPaths: [], cacheable: [], methods: [] };

/** The path one level up, as the route plan's parents are expected to be. */
function parent(path: string): string {
  return path.lastIndexOf("/") <= 0 ? "/" : path.slice(0, path.lastIndexOf("/"));
}

describe("isUnder", () => {
  test.each<[string, string, boolean]>([
    ["/api/auth", "/api/auth", true],
    ["/api/auth/login", "/api/auth", true],
    ["/api/auth/login/x", "/api/auth", true],
    ["/api/authz", "/api/auth", false],
    ["/api/auth-v2", "/api/auth", false],
    ["/api", "/api/auth", false],
    ["/", "/api", false],
    ["/anything", "/", true],
    ["/", "/", true],
  ])("%s under %s: %s", (path, prefix, expected) => {
    expect(isUnder(path, prefix)).toBe(expected);
  });
});

describe("routePaths", () => {
  test("the root, every prefix and every public path, once each, sorted", () => {
    expect(routePaths(["/api/reports", "/api/auth"], ["/health", "/api/auth"])).toEqual([
      "/",
      "/api/auth",
      "/api/reports",
      "/health",
    ]);
    expect(routePaths([], [])).toEqual(["/"]);
  });
});

describe("planRoutes", () => {
  const input: RoutePlanInput = {
    services: [
      { name: "reports", pathPrefix: "/api/reports" },
      { name: "auth", pathPrefix: "/api/auth" },
      { name: "users", pathPrefix: "/api/users" },
    ],
    publicPaths: ["/api/auth", "/health", "/api/users/signup"],
    cacheable: [{ path: "/api/reports", ttlSeconds: 300, queryParameters: ["page"] }],
    methods: [
      { path: "/api/reports", method: "POST" },
      { path: "/api/reports", method: "DELETE" },
      { path: "/api/reports", method: "POST" },
      { path: "/api/users", method: "PUT" },
    ],
  };

  test("a route per prefix, public path and path between them, with kind, target, public flag and methods", () => {
    expect(planRoutes(input)).toEqual([
      { path: "/", kind: "fallback", target: MONOLITH, public: false, methods: [], cache: undefined },
      { path: "/api", kind: "fallback", target: "monolith", public: false, methods: [], cache: undefined },
      { path: "/api/auth", kind: "service", target: "auth", public: true, methods: [], cache: undefined },
      {
        path: "/api/reports",
        kind: "service",
        target: "reports",
        public: false,
        methods: ["DELETE", "GET", "POST"],
        cache: { path: "/api/reports", ttlSeconds: 300, queryParameters: ["page"] },
      },
      { path: "/api/users", kind: "service", target: "users", public: false, methods: ["PUT"], cache: undefined },
      // The throttled PUT of /api/users reaches its nested public path too: no way around the throttle.
      { path: "/api/users/signup", kind: "public", target: "users", public: true, methods: ["PUT"], cache: undefined },
      { path: "/health", kind: "public", target: "monolith", public: true, methods: [], cache: undefined },
    ]);
  });

  test("deterministic: the order of the catalog and settings does not change the plan", () => {
    const shuffled: RoutePlanInput = {
      services: [...input.services].reverse(),
      publicPaths: [...input.publicPaths].reverse(),
      cacheable: [...input.cacheable],
      methods: [...input.methods].reverse(),
    };
    expect(planRoutes(shuffled)).toEqual(planRoutes(input));
    expect(JSON.stringify(planRoutes(shuffled))).toBe(JSON.stringify(planRoutes(input)));
  });

  test("parents come before their children, also when a sibling sorts between them", () => {
    const routes = planRoutes({
      ...NO_EXTRAS,
      services: [
        { name: "v2", pathPrefix: "/api-v2" },
        { name: "deep", pathPrefix: "/api/a/b/c" },
        { name: "a", pathPrefix: "/api/a-b" },
      ],
    });
    const paths = routes.map((route) => route.path);
    expect(paths).toEqual(["/", "/api", "/api-v2", "/api/a", "/api/a-b", "/api/a/b", "/api/a/b/c"]);
    paths.slice(1).forEach((path, index) => expect(paths.slice(0, index + 1)).toContain(parent(path)));
  });

  test("the paths between a service prefix and a public path below it target the service, not the monolith", () => {
    const routes = planRoutes({
      ...NO_EXTRAS,
      services: [{ name: "users", pathPrefix: "/api/users" }],
      publicPaths: ["/api/users/v1/signup"],
    });
    expect(routes.map((route) => [route.path, route.kind, route.target, route.public])).toEqual([
      ["/", "fallback", "monolith", false],
      ["/api", "fallback", "monolith", false],
      ["/api/users", "service", "users", false],
      ["/api/users/v1", "fallback", "users", false],
      ["/api/users/v1/signup", "public", "users", true],
    ]);
  });

  test("a public path makes every route below it public, and none above it", () => {
    const routes = planRoutes({
      ...NO_EXTRAS,
      services: [{ name: "auth", pathPrefix: "/api/auth" }],
      publicPaths: ["/api"],
    });
    expect(routes.map((route) => [route.path, route.kind, route.public])).toEqual([
      ["/", "fallback", false],
      ["/api", "public", true],
      ["/api/auth", "service", true],
    ]);
  });

  test("the longest prefix that holds a path owns it", () => {
    const routes = planRoutes({
      ...NO_EXTRAS,
      services: [
        { name: "outer", pathPrefix: "/api" },
        { name: "inner", pathPrefix: "/api/inner" },
      ],
      publicPaths: ["/api/inner/open", "/api/other"],
    });
    expect(Object.fromEntries(routes.map((route) => [route.path, route.target]))).toEqual({
      "/": "monolith",
      "/api": "outer",
      "/api/inner": "inner",
      "/api/inner/open": "inner",
      "/api/other": "outer",
    });
  });

  test("a cacheable route gets GET once, even when a throttle also names GET", () => {
    const [, route] = planRoutes({
      services: [{ name: "reports", pathPrefix: "/reports" }],
      publicPaths: [],
      cacheable: [{ path: "/reports", ttlSeconds: 60 }],
      methods: [
        { path: "/reports", method: "GET" },
        { path: "/reports", method: "HEAD" },
      ],
    });
    expect(route).toEqual({
      path: "/reports",
      kind: "service",
      target: "reports",
      public: false,
      methods: ["GET", "HEAD"],
      cache: { path: "/reports", ttlSeconds: 60 },
    });
  });

  test("without services only the root, to the monolith", () => {
    expect(planRoutes({ ...NO_EXTRAS, services: [] })).toEqual([
      { path: "/", kind: "fallback", target: "monolith", public: false, methods: [], cache: undefined },
    ]);
  });
});

describe("tierLimits", () => {
  test.each<[number, number, number]>([
    [1000, 0.2778, 24_000],
    [10_000, 2.7778, 240_000],
    [100_000, 27.7778, 2_400_000],
    [3600, 1, 86_400],
    [1, 0.0003, 24],
  ])("%d requests per hour: a steady %d per second and a daily quota of %d", (requestsPerHour, rate, quota) => {
    expect(tierLimits({ name: "t", requestsPerHour, burstLimit: 7 })).toEqual({
      rateLimit: rate,
      burstLimit: 7,
      quotaLimit: quota,
      quotaPeriod: "DAY",
    });
  });

  test("quotas count per day; methods and the cache TTL have API Gateway's limits", () => {
    expect(QUOTA_PERIOD).toBe("DAY");
    expect(MAX_CACHE_TTL_SECONDS).toBe(3600);
    expect(HTTP_METHODS).toEqual(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
  });
});

describe("checkBurst", () => {
  test("a burst of at least the rate passes", () => {
    expect(checkBurst(10, 10)).toBeUndefined();
    expect(checkBurst(0.2778, 1)).toBeUndefined();
    expect(checkBurst(0, 0)).toBeUndefined();
  });

  test("a burst below the rate says the smallest whole burst that holds a second of it", () => {
    expect(checkBurst(0.2778, 0)).toBe(
      "is below the rate limit of 0.2778 requests per second; expected a burst limit of at least 1",
    );
    expect(checkBurst(27.7778, 20)).toBe(
      "is below the rate limit of 27.7778 requests per second; expected a burst limit of at least 28",
    );
  });
});

describe("checkTiers", () => {
  const basic: UsageTier = { name: "basic", requestsPerHour: 1000, burstLimit: 5 };
  const pro: UsageTier = { name: "pro", requestsPerHour: 10_000, burstLimit: 20 };
  const enterprise: UsageTier = { name: "enterprise", requestsPerHour: 100_000, burstLimit: 100 };

  test("tiers from the smallest to the largest, with unique names and bursts above their rates, pass", () => {
    expect(checkTiers([basic, pro, enterprise])).toEqual([]);
    expect(checkTiers([basic])).toEqual([]);
    expect(checkTiers([])).toEqual([]);
  });

  test("a tier that allows no more than the one before it", () => {
    expect(checkTiers([basic, { ...pro, requestsPerHour: 1000 }, enterprise])).toEqual([
      {
        index: 1,
        setting: "requestsPerHour",
        value: 1000,
        message:
          "is not above the basic tier's 1000; expected tiers listed from the smallest to the largest, each allowing more requests per hour than the one before",
      },
    ]);
    expect(checkTiers([pro, basic]).map((problem) => [problem.index, problem.setting, problem.value])).toEqual([
      [1, "requestsPerHour", 1000],
    ]);
  });

  test("a name listed twice is reported at its second place", () => {
    expect(checkTiers([basic, { ...pro, name: "basic" }])).toEqual([
      { index: 1, setting: "name", value: "basic", message: "is listed twice; expected unique tier names" },
    ]);
  });

  test("a burst below the tier's steady rate, with the rate and the hourly budget", () => {
    expect(checkTiers([basic, { ...pro, burstLimit: 2 }])).toEqual([
      {
        index: 1,
        setting: "burstLimit",
        value: 2,
        message:
          "is below the tier's steady rate of 2.7778 requests per second (10000 per hour); expected a burst limit of at least 3",
      },
    ]);
    expect(checkTiers([{ ...basic, burstLimit: 0 }])[0].message).toBe(
      "is below the tier's steady rate of 0.2778 requests per second (1000 per hour); expected a burst limit of at least 1",
    );
  });

  test("every problem, in tier order", () => {
    const problems = checkTiers([pro, { name: "pro", requestsPerHour: 100_000, burstLimit: 1 }, basic]);
    expect(problems.map((problem) => [problem.index, problem.setting])).toEqual([
      [1, "name"],
      [1, "burstLimit"],
      [2, "requestsPerHour"],
    ]);
  });
});
