import {
  checkInstanceType,
  EC2_INSTANCE_TYPES,
  ELASTICACHE_NODE_TYPES,
  INSTANCE_TYPES_AS_OF,
  MSK_BROKER_TYPES,
  RDS_INSTANCE_CLASSES,
} from "../../constructs/core/instance-types";
import { loadEnvironments } from "../../src/config/load";

describe("the instance type table", () => {
  test("is dated, and every type the environments use is in it", () => {
    expect(INSTANCE_TYPES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const config of loadEnvironments()) {
      const ec2 = [...config.monolith.instanceTypes, ...config.eks.nodeGroups.flatMap((group) => group.instanceTypes)];
      expect(ec2.filter((type) => !(type in EC2_INSTANCE_TYPES))).toEqual([]);
      expect(RDS_INSTANCE_CLASSES).toHaveProperty([config.database.instanceClass]);
      expect(ELASTICACHE_NODE_TYPES).toHaveProperty([config.cache.nodeType]);
      expect(MSK_BROKER_TYPES).toHaveProperty([config.kafka.brokerInstanceType]);
    }
  });

  test.each([
    [EC2_INSTANCE_TYPES, "m7g.large", { vcpus: 2, memoryGiB: 8, architecture: "arm64" }],
    [EC2_INSTANCE_TYPES, "c7i.48xlarge", { vcpus: 192, memoryGiB: 384, architecture: "x86_64" }],
    [EC2_INSTANCE_TYPES, "t4g.small", { vcpus: 2, memoryGiB: 2, architecture: "arm64" }],
    [RDS_INSTANCE_CLASSES, "db.r7g.large", { vcpus: 2, memoryGiB: 16, architecture: "arm64" }],
    [ELASTICACHE_NODE_TYPES, "cache.r7g.large", { vcpus: 2, memoryGiB: 13.07, architecture: "arm64" }],
    [ELASTICACHE_NODE_TYPES, "cache.t3.medium", { vcpus: 2, memoryGiB: 3.09, architecture: "x86_64" }],
    [MSK_BROKER_TYPES, "kafka.m7g.large", { vcpus: 2, memoryGiB: 8, architecture: "arm64" }],
  ])("%#: %s has its documented shape", (table, name, spec) => {
    expect(table[name]).toEqual(spec);
  });

  test("sizes a family does not have are absent (no RDS medium Graviton, no Intel medium)", () => {
    for (const name of ["db.m7g.medium", "m7i.medium", "db.t4g.nano", "cache.m7g.medium", "kafka.m7g.24xlarge"]) {
      expect(
        [EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES, ELASTICACHE_NODE_TYPES, MSK_BROKER_TYPES].some((t) => name in t),
      ).toBe(false);
    }
  });

  test("a refusal tells a typo of a size from a family the platform does not offer", () => {
    expect(checkInstanceType(EC2_INSTANCE_TYPES, "an EC2 instance type", "m7g.large")).toBeUndefined();
    expect(checkInstanceType(EC2_INSTANCE_TYPES, "an EC2 instance type", "t4g.huge")).toBe(
      `is not a size of t4g the platform offers; expected one of nano, micro, small, medium, large, xlarge, 2xlarge (constructs/core/instance-types.ts, ${INSTANCE_TYPES_AS_OF})`,
    );
    expect(checkInstanceType(MSK_BROKER_TYPES, "an MSK broker type", "kafka.m8g.large")).toBe(
      `is not an MSK broker type the platform offers; expected a type of the families kafka.m5, kafka.m7g, kafka.t3 (constructs/core/instance-types.ts, ${INSTANCE_TYPES_AS_OF})`,
    );
  });
});
