import {
  CAPACITY_SOURCES,
  kubeReservedCpuMillis,
  kubeReservedMemoryMiB,
  maxPodsPerNode,
  mskIamConnectionRate,
  nodeAllocatable,
  NODE_NETWORK,
  postgresMaxConnections,
} from "../../src/capacity/instance-data";
import { EC2_INSTANCE_TYPES } from "../../constructs/core/instance-types";

describe("capacity figures", () => {
  test.each([
    // floor(GiB x 2^30 / 9531392), at most 5000
    ["db.t4g.micro", 112],
    ["db.t4g.small", 225],
    ["db.m7g.large", 901],
    ["db.r7g.large", 1802],
    ["db.r7g.xlarge", 3604],
    ["db.r7g.2xlarge", 5000],
  ])("max_connections of %s is %d", (instanceClass, expected) => {
    expect(postgresMaxConnections(instanceClass)).toBe(expected);
  });

  test("max_connections of a class the platform does not offer is unknown", () => {
    expect(postgresMaxConnections("db.x2g.large")).toBeUndefined();
  });

  test.each([
    // ENIs x (addresses - 1) + 2, as misc/eni-max-pods.txt lists them
    ["m7g.large", false, 29],
    ["m6g.large", false, 29],
    ["m6gd.large", false, 29],
    ["m7g.xlarge", false, 58],
    ["m6g.xlarge", false, 58],
    ["t4g.large", false, 35],
    // eni-max-pods.txt says 234 for m7g.4xlarge, but managed node groups cap it at 110 (16 vCPUs)
    ["m7g.4xlarge", false, 110],
    // prefix delegation: 16 addresses per slot, under EKS's cap of 110 below 30 vCPUs, 250 from 30
    ["m7g.large", true, 110],
    ["t4g.nano", true, 34],
    ["m7g.8xlarge", true, 250],
    // no ENI figures: EKS's cap with prefix delegation, unknown without
    ["c6i.xlarge", true, 110],
  ])("pods per node of %s (prefix delegation %s): %d", (type, prefixDelegation, expected) => {
    expect(maxPodsPerNode(type, prefixDelegation)).toBe(expected);
  });

  test("a type without ENI figures has no pod limit without prefix delegation", () => {
    expect(maxPodsPerNode("c6i.xlarge", false)).toBeUndefined();
    expect(nodeAllocatable("c6i.xlarge", false)).toBeUndefined();
  });

  test.each([
    [1, 60],
    [2, 70],
    [4, 80],
    [8, 90],
    [16, 110],
    [48, 190],
  ])("kube-reserved CPU of %d vCPUs is %dm", (vcpus, expected) => {
    expect(kubeReservedCpuMillis(vcpus)).toBe(expected);
  });

  test("allocatable of m7g.xlarge with prefix delegation: 3920m, 14819 MiB, 110 pods", () => {
    expect(kubeReservedMemoryMiB(110)).toBe(1465);
    expect(nodeAllocatable("m7g.xlarge", true)).toEqual({
      type: "m7g.xlarge",
      vcpus: 4,
      memoryMiB: 16384,
      cpuMillis: 3920,
      allocatableMemoryMiB: 16384 - 1465 - 100,
      pods: 110,
    });
  });

  test("every type with ENI figures is a type of the platform's table", () => {
    expect(Object.keys(NODE_NETWORK).filter((type) => EC2_INSTANCE_TYPES[type] === undefined)).toEqual([]);
    expect(Object.keys(NODE_NETWORK)).toEqual(
      expect.arrayContaining(["m7g.large", "m7g.xlarge", "m6g.large", "m6g.xlarge", "m6gd.large", "t4g.large"]),
    );
  });

  test("MSK connection rates and every figure with a source", () => {
    expect(mskIamConnectionRate("kafka.t3.small")).toBe(4);
    expect(mskIamConnectionRate("kafka.m7g.large")).toBe(100);
    for (const source of CAPACITY_SOURCES) {
      expect(source.source.length).toBeGreaterThan(10);
      expect(source.note.length).toBeGreaterThan(5);
    }
  });
});
