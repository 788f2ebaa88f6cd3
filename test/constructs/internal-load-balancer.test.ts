import {
  InternalLoadBalancer,
  type InternalLoadBalancerProps,
  TLS_POLICY,
} from "../../constructs/load-balancer/internal-load-balancer";
import { listOf, named, onlyOf, ref, synth, testStack } from "../helpers";

const BASE: InternalLoadBalancerProps = {
  name: "acme-test-internal",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b"],
  defaultTarget: { name: "monolith", port: 8080, healthCheck: { path: "/health" } },
};

function build(overrides: Partial<InternalLoadBalancerProps> = {}, routes = true) {
  const stack = testStack();
  const lb = new InternalLoadBalancer(stack, "LoadBalancer", { ...BASE, ...overrides });
  if (routes) {
    lb.addService("auth", { name: "auth", port: 8080, pathPrefix: "/api/auth", healthCheck: { path: "/healthz" } });
    lb.addService("reports", {
      name: "reports",
      port: 9090,
      pathPrefix: "/api/reports",
      healthCheck: { path: "/ready" },
    });
    lb.allowCidr("Vpc", "10.0.0.0/16");
    lb.allowTrafficTo("Pods", "sg-cluster", 8080);
  }
  return { json: synth(stack), lb };
}

describe("InternalLoadBalancer", () => {
  const { json } = build();
  const [lbId, lb] = Object.entries(json.resource!.aws_lb)[0];

  test("internal, in the given subnets, dropping invalid headers, protected from deletion", () => {
    expect(lb).toMatchObject({
      internal: true,
      load_balancer_type: "application",
      subnets: ["subnet-a", "subnet-b"],
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      idle_timeout: 60,
    });
  });

  test("the default action forwards to the monolith's instance target group", () => {
    const listener = onlyOf(json, "aws_lb_listener");
    const [defaultId, target] = named(json, "aws_lb_target_group", "DefaultTargetGroup");
    expect(listener).toMatchObject({ port: 80, protocol: "HTTP", load_balancer_arn: ref("aws_lb", lbId, "arn") });
    expect(listener.default_action).toEqual([
      { type: "forward", target_group_arn: ref("aws_lb_target_group", defaultId, "arn") },
    ]);
    expect(target).toMatchObject({ name_prefix: "monol-", target_type: "instance", port: 8080 });
    expect(target.name).toBeUndefined();
    expect(target.tags).toEqual({ Name: "acme-test-internal-monolith" });
    expect(target.health_check.path).toBe("/health");
  });

  test("a target group of pod IPs per service, health-checked on its path, replaced before destroyed", () => {
    const [, auth] = named(json, "aws_lb_target_group", "authTargetGroup");
    const [, reports] = named(json, "aws_lb_target_group", "reportsTargetGroup");
    // A name prefix (6 characters at most), never a fixed name: the replacement of a create-before-destroy group
    // (a new port, protocol, target type or VPC) gets a new name instead of colliding with the old one.
    expect(auth.name).toBeUndefined();
    expect(auth).toMatchObject({
      name_prefix: "auth-",
      target_type: "ip",
      port: 8080,
      deregistration_delay: "30",
    });
    expect(auth.health_check).toMatchObject({ path: "/healthz", matcher: "200-399", port: "traffic-port" });
    expect(reports).toMatchObject({ target_type: "ip", port: 9090 });
    expect(reports.health_check.path).toBe("/ready");
    expect(auth.lifecycle.create_before_destroy).toBe(true);
  });

  test("behind an API stage prefix: each rule also matches the prefixed paths and strips the prefix; the rest goes to the default target", () => {
    const stack = testStack();
    const lb = new InternalLoadBalancer(stack, "Lb", { ...BASE, stripPathPrefix: "/v1" });
    lb.addService("auth", { name: "auth", port: 8080, pathPrefix: "/api/auth", healthCheck: { path: "/healthz" } });
    const out = synth(stack);
    const rules = listOf(out, "aws_lb_listener_rule").sort((a, b) => a.priority - b.priority);
    const [defaultId] = named(out, "aws_lb_target_group", "DefaultTargetGroup");
    const rewrite = [{ type: "url-rewrite", url_rewrite_config: { rewrite: { regex: "^/v1(/.*)$", replace: "$1" } } }];

    expect(rules.map((rule) => [rule.priority, rule.condition[0].path_pattern.values, rule.transform])).toEqual([
      [10, ["/api/auth", "/api/auth/*", "/v1/api/auth", "/v1/api/auth/*"], rewrite],
      [50000, ["/v1/*"], rewrite],
    ]);
    expect(rules[1].action).toEqual([
      { type: "forward", target_group_arn: ref("aws_lb_target_group", defaultId, "arn") },
    ]);
    expect(() => new InternalLoadBalancer(testStack(), "Bad", { ...BASE, stripPathPrefix: "v1/" })).toThrow(
      'stripPathPrefix: "v1/" is not a path segment; expected "/" and letters, digits, "_" or "-", such as "/v1"',
    );
  });

  test("listener rules by path prefix, numbered in order", () => {
    const rules = listOf(json, "aws_lb_listener_rule").sort((a, b) => a.priority - b.priority);
    expect(rules.map((rule) => [rule.priority, rule.condition[0].path_pattern.values])).toEqual([
      [10, ["/api/auth", "/api/auth/*"]],
      [20, ["/api/reports", "/api/reports/*"]],
    ]);
  });

  test("a security group with ingress only from what is granted, egress only to granted targets", () => {
    const ingress = listOf(json, "aws_vpc_security_group_ingress_rule");
    const egress = listOf(json, "aws_vpc_security_group_egress_rule");
    expect(ingress.map((rule) => [rule.cidr_ipv4, rule.from_port])).toEqual([["10.0.0.0/16", 80]]);
    expect(egress.map((rule) => [rule.referenced_security_group_id, rule.from_port])).toEqual([["sg-cluster", 8080]]);
    expect(build({}, false).json.resource?.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  test("HTTPS on 443 with a TLS 1.2+ policy when a certificate is given", () => {
    const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
    const listener = onlyOf(build({ certificateArn }).json, "aws_lb_listener");
    expect(listener).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      ssl_policy: TLS_POLICY,
      certificate_arn: certificateArn,
    });
  });

  test("the request-count label joins the load balancer's and the target group's suffixes", () => {
    const { lb: balancer } = build({}, false);
    expect(balancer.requestCountLabel("targetgroup/x/1")).toContain("/targetgroup/x/1");
  });

  test.each<[string, () => void, string]>([
    ["a long name", () => build({ name: "a".repeat(33) }), "is not a load balancer name"],
    ["one subnet", () => build({ subnetIds: ["subnet-a"] }), "has 1 subnet(s); expected at least two"],
    [
      "a bad health check path",
      () => build({ defaultTarget: { name: "monolith", port: 8080, healthCheck: { path: "health" } } }),
      'defaultTarget.healthCheck.path: "health" is not an HTTP path',
    ],
    [
      "overlapping prefixes",
      () => {
        const { lb: balancer } = build({}, false);
        balancer.addService("a", { name: "a", port: 8080, pathPrefix: "/api", healthCheck: { path: "/" } });
        balancer.addService("b", { name: "b", port: 8080, pathPrefix: "/api/b", healthCheck: { path: "/" } });
      },
      'b.pathPrefix: "/api/b" overlaps "/api", already routed; expected disjoint prefixes',
    ],
    [
      "a prefix without a leading slash",
      () =>
        build({}, false).lb.addService("a", { name: "a", port: 8080, pathPrefix: "api", healthCheck: { path: "/" } }),
      'a.pathPrefix: "api" is not allowed',
    ],
  ])("rejects %s", (_case, action, message) => {
    expect(action).toThrow(message);
  });
});
