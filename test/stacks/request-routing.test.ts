import { loadEnvironments } from "../../src/config/load";
import { routeRequest } from "./request-routing";
import { platformStacks } from "../synthesized";

const [prod] = loadEnvironments(["prod"]);
const stacks = platformStacks();
const route = (path: string, method?: string) =>
  routeRequest(stacks["prod-edge"], stacks["prod-workloads"], prod.edge.api.stageName, path, method);

describe("a request's way from the API to its target (prod)", () => {
  const services = Object.entries(prod.services).map(([name, service]) => [name, service.pathPrefix] as const);

  test.each(services.flatMap(([name, prefix]) => ["", "/x", "/x/y/z"].map((tail) => [name, `${prefix}${tail}`])))(
    "%s owns %s: its target group receives the path the client sent",
    (name, path) => {
      const result = route(path);

      // API Gateway puts the stage in front; the load balancer's rule matches it and its rewrite takes it off.
      expect(result.forwardedPath).toBe(`/${prod.edge.api.stageName}${path}`);
      expect(result.targetGroup).toBe(`acme-prod-internal-${name}`);
      expect(result.targetPath).toBe(path);
    },
  );

  test.each(["/api/unknown", "/api/unknown/a/b", "/api", "/legacy/page", "/", "/api/authx"])(
    "%s is nobody's route: the monolith receives it unchanged",
    (path) => {
      const result = route(path);

      expect(result.targetGroup).toBe("acme-prod-internal-monolith");
      expect(result.targetPath).toBe(path);
    },
  );

  test("a method with its own API method (a throttled POST) routes like the rest", () => {
    expect(route("/api/ingest/events", "POST")).toMatchObject({
      targetGroup: "acme-prod-internal-ingestion",
      targetPath: "/api/ingest/events",
    });
  });
});
