import { AutoScalingGroup } from "../../../constructs/compute/auto-scaling-group";
import { named, onlyOf, synth, testStack } from "../../helpers";

/** A group built with only the required props. */
function build() {
  const stack = testStack();
  const group = new AutoScalingGroup(stack, "Group", {
    name: "acme-test-monolith",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    instanceTypes: ["m7g.large", "m6g.large"],
    minSize: 2,
    maxSize: 6,
    port: 8080,
    scaling: { cpuTargetPercent: 70 },
  });
  return { stack, group };
}

describe("AutoScalingGroup defaults", () => {
  test("tags instances, volumes, network interfaces and the group with Name only when instanceTags is not given", () => {
    const json = synth(build().stack);

    const tags = { Name: "acme-test-monolith" };
    expect(onlyOf(json, "aws_launch_template").tag_specifications).toEqual([
      { resource_type: "instance", tags },
      { resource_type: "volume", tags },
      { resource_type: "network-interface", tags },
    ]);
    expect(onlyOf(json, "aws_autoscaling_group").tag).toEqual([
      { key: "Name", value: "acme-test-monolith", propagate_at_launch: true },
    ]);
  });

  test("describes an allowTo egress rule by port and destination when no description is given", () => {
    const { stack, group } = build();
    group.allowTo("Database", "sg-db", 5432);
    const json = synth(stack);

    expect(named(json, "aws_vpc_security_group_egress_rule", "DatabaseEgress")[1]).toMatchObject({
      referenced_security_group_id: "sg-db",
      from_port: 5432,
      to_port: 5432,
      description: "Port 5432 to Database",
    });
  });
});
