import type { HttpMethod } from "./options";

/** The target of requests no service claims: the legacy monolith, behind the load balancer's default rule. */
export const MONOLITH = "monolith";

/** What the route plan is made from: the service catalog and the route settings. */
export interface RoutePlanInput {
  /** Each service and the path prefix it owns. */
  readonly services: readonly { readonly name: string; readonly pathPrefix: string }[];
  /** Paths (and everything under them) served without the authorizer. */
  readonly publicPaths: readonly string[];
  /** Routes whose GET responses the stage cache may keep. */
  readonly cacheable: readonly CacheableRoute[];
  /** Methods that get a method of their own on their route and the routes below it (for a throttle). */
  readonly methods: readonly { readonly path: string; readonly method: HttpMethod }[];
}

/** A route whose GET responses are cached when the stage has a cache. */
export interface CacheableRoute {
  readonly path: string;
  /** Seconds a response is kept, at most 3600. */
  readonly ttlSeconds: number;
  /** Query string parameters that select a different response (part of the cache key). @default none */
  readonly queryParameters?: readonly string[];
}

/**
 * One API resource and its greedy `{proxy+}` child, both forwarding to the load balancer with the request path
 * unchanged; the load balancer's rules pick the service (or the monolith).
 */
export interface ApiRoute {
  /** `/`, `/api`, `/api/auth`. */
  readonly path: string;
  /** `service`: a catalog prefix; `public`: a public path (inside a prefix or not); `fallback`: the rest. */
  readonly kind: "service" | "public" | "fallback";
  /** The service whose prefix holds the path, or `monolith`. */
  readonly target: string;
  /** No authorizer: the path or one above it is listed as public. */
  readonly public: boolean;
  /** Methods with a method of their own besides ANY, sorted. */
  readonly methods: readonly HttpMethod[];
  readonly cache?: CacheableRoute;
}

/** True when `path` is `prefix` or below it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || prefix === "/" || path.startsWith(`${prefix}/`);
}

/** The path one level up: `/api/auth` → `/api`, `/api` → `/`. */
export function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

/** The paths a request can be routed by: the root, each service prefix and each public path. */
export function routePaths(pathPrefixes: readonly string[], publicPaths: readonly string[]): string[] {
  return [...new Set(["/", ...pathPrefixes, ...publicPaths])].sort();
}

/** Why `path` cannot carry a route setting (a cache or a throttle), or undefined when it is one of `routes`. */
export function checkRoute(routes: readonly string[], path: string): string | undefined {
  return routes.includes(path)
    ? undefined
    : `is not a route; expected a service's path prefix or a public path: ${routes.join(", ")}`;
}

/**
 * The API's resource tree, generated from the catalog: a resource for the root, every service prefix, every public
 * path and every path between them (each with ANY and a `{proxy+}` child), so that a request matches the deepest
 * route that holds it and an unknown path still reaches the monolith at any depth. Deterministic: sorted by path.
 */
export function planRoutes(input: RoutePlanInput): ApiRoute[] {
  const routes = routePaths(
    input.services.map((service) => service.pathPrefix),
    input.publicPaths,
  );
  const all = new Set<string>();
  for (const path of routes) {
    for (let at = path; ; at = parentOf(at)) {
      all.add(at);
      if (at === "/") {
        break;
      }
    }
  }
  const owner = (path: string) =>
    [...input.services]
      .filter((service) => isUnder(path, service.pathPrefix))
      .sort((a, b) => b.pathPrefix.length - a.pathPrefix.length)[0];
  return [...all].sort().map((path) => {
    const service = owner(path);
    const cache = input.cacheable.find((route) => route.path === path);
    // A method throttled on a route is throttled on every route below it too (a nested public path must not be a
    // way around it): each gets a method of its own.
    const methods = new Set(
      input.methods.filter((method) => isUnder(path, method.path)).map((method) => method.method),
    );
    if (cache) {
      methods.add("GET");
    }
    return {
      path,
      kind: service?.pathPrefix === path ? "service" : input.publicPaths.includes(path) ? "public" : "fallback",
      target: service?.name ?? MONOLITH,
      public: input.publicPaths.some((prefix) => isUnder(path, prefix)),
      methods: [...methods].sort(),
      cache,
    };
  });
}
