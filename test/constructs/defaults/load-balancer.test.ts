import {
  InternalLoadBalancer,
  type InternalLoadBalancerProps,
} from "../../../constructs/load-balancer/internal-load-balancer";
import { listOf, named, onlyOf, synth, testStack } from "../../helpers";

/** What an internal load balancer cannot do without; every other prop is left to its default. */
const REQUIRED: InternalLoadBalancerProps = {
  name: "acme-test-internal",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b"],
  defaultTarget: { name: "monolith", port: 8080, healthCheck: { path: "/health" } },
};

describe("InternalLoadBalancer defaults", () => {
  const stack = testStack();
  const lb = new InternalLoadBalancer(stack, "LoadBalancer", REQUIRED);
  lb.addService("auth", { name: "auth", port: 8080, pathPrefix: "/api/auth", healthCheck: { path: "/healthz" } });
  lb.allowFrom("Api", "sg-api");
  lb.allowCidr("Vpc", "10.0.0.0/16");
  lb.allowTrafficTo("Pods", "sg-pods", 8080);
  const json = synth(stack);

  test("listens on plain HTTP on 80, without a TLS policy, when no certificate is given", () => {
    const listener = onlyOf(json, "aws_lb_listener");

    expect(listener).toMatchObject({ port: 80, protocol: "HTTP" });
    expect(listener).not.toHaveProperty("ssl_policy");
    expect(listener).not.toHaveProperty("certificate_arn");
  });

  test("routes paths as they come, with no prefix rule or rewrite, when stripPathPrefix is not given", () => {
    const rule = onlyOf(json, "aws_lb_listener_rule");

    expect(rule.condition).toEqual([{ path_pattern: { values: ["/api/auth", "/api/auth/*"] } }]);
    expect(rule).not.toHaveProperty("transform");
  });

  test("health-checks every target every 15 seconds when intervalSeconds is not given", () => {
    const groups = listOf(json, "aws_lb_target_group");

    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group.health_check).toMatchObject({ interval: 15, timeout: 5 });
    }
  });

  test("describes the security group rules after the grant's id when no description is given", () => {
    expect(named(json, "aws_vpc_security_group_ingress_rule", "ApiIngress")[1].description).toBe(
      "Load balancer from Api",
    );
    expect(named(json, "aws_vpc_security_group_ingress_rule", "VpcIngress")[1].description).toBe(
      "Load balancer from Vpc",
    );
    expect(onlyOf(json, "aws_vpc_security_group_egress_rule").description).toBe("To Pods");
  });
});
