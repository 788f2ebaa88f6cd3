import { Network } from "../../../constructs/network/network";
import { listOf, named, onlyOf, ref, synth, testStack } from "../../helpers";

/** A network built with only the required props. */
function build() {
  const stack = testStack();
  new Network(stack, "network", { namePrefix: "acme-test", region: "eu-west-1", vpcCidr: "10.0.0.0/16" });
  return synth(stack);
}

describe("Network defaults", () => {
  const json = build();

  test("gives each of the 3 AZs its own NAT gateway when natGateways is not given", () => {
    expect(listOf(json, "aws_nat_gateway")).toHaveLength(3);
    expect(listOf(json, "aws_eip")).toHaveLength(3);
    for (const index of [1, 2, 3]) {
      const [natId, nat] = named(json, "aws_nat_gateway", `NatGateway${index}`);
      expect(nat.subnet_id).toBe(ref("aws_subnet", named(json, "aws_subnet", `PublicSubnet${index}`)[0]));
      expect(named(json, "aws_route", `PrivateNatRoute${index}`)[1].nat_gateway_id).toBe(ref("aws_nat_gateway", natId));
    }
  });

  test("keeps flow logs for 365 days when flowLogRetentionDays is not given", () => {
    expect(named(json, "aws_cloudwatch_log_group", "FlowLogGroup")[1].retention_in_days).toBe(365);
  });

  test("aggregates flow logs every 60 seconds when flowLogAggregationSeconds is not given", () => {
    expect(onlyOf(json, "aws_flow_log").max_aggregation_interval).toBe(60);
  });
});
