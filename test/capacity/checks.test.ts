import { databaseRows } from "../../src/capacity/database";
import { headroomRows } from "../../src/capacity/headroom";
import { kafkaRows } from "../../src/capacity/kafka";
import { packNodes } from "../../src/capacity/packing";
import { capacityProblems } from "../../src/capacity/report";
import type { CapacityRow } from "../../src/capacity/rows";
import { schedulingRows } from "../../src/capacity/scheduling";
import { edited, pinned } from "./fixtures";

const base = pinned();

/** The rows' numbers by resource, for hand-computed expectations. */
const numbers = (rows: readonly CapacityRow[]) =>
  Object.fromEntries(rows.map((r) => [r.resource, [Number(r.used.toFixed(3)), Number(r.limit.toFixed(3)), r.status]]));

describe("database connections", () => {
  test("per shard, writer through the proxy and each reader apart", () => {
    // writer: auth 20 x 10; the proxy 90% of 1802 = 1621; readers: analytics 12 x 10 + reports 6 x 10 on each replica
    expect(numbers(databaseRows(edited(base, (c) => (c.database.shards = 2))))).toEqual({
      "shard-0 writer via proxy": [200, 1621, "ok"],
      "shard-0 each of 2 readers": [180, 1802, "ok"],
      "shard-1 writer via proxy": [200, 1621, "ok"],
      "shard-1 each of 2 readers": [180, 1802, "ok"],
    });
  });

  test("without replicas, readers share the writer with the proxy; without a proxy, the writer takes all", () => {
    const noReplica = edited(base, (c) => (c.database.replicas = 0));
    expect(numbers(databaseRows(noReplica))).toEqual({
      "shard-0 writer via proxy": [200, 1621, "ok"],
      "shard-0 writer direct (readers, no replica)": [180, 181, "ok"],
    });
    const direct = edited(noReplica, (c) => (c.database.proxy.enabled = false));
    expect(numbers(databaseRows(direct))).toEqual({ "shard-0 writer (and readers, no replica)": [380, 1802, "ok"] });
  });

  test("a replica class of its own sets the readers' limit", () => {
    const rows = databaseRows(edited(base, (c) => (c.database.replicaInstanceClass = "db.r7g.xlarge")));
    expect(numbers(rows)["shard-0 each of 2 readers"]).toEqual([180, 3604, "ok"]);
  });

  test("pools over the proxy's share fail, naming the services, the resource and both numbers", () => {
    const config = edited(base, (c) => {
      c.services.auth.databasePool = { writer: 60 };
      c.services.reports.database = "read-write";
      c.services.reports.databasePool = { writer: 100 };
    });
    expect(capacityProblems(config).filter((problem) => problem.includes("database"))).toEqual([
      "capacity: database shard-0 writer via proxy: services auth (20 replicas x 60 = 1,200), reports (6 replicas x 100 = 600) need 1,800 connections; the proxy allows 1,621 (90% of max_connections 1,802 for db.r7g.large)",
    ]);
  });

  test("readers over a replica's max_connections fail", () => {
    const config = edited(base, (c) => (c.services.analytics.databasePool = { reader: 150 }));
    expect(capacityProblems(config).filter((problem) => problem.includes("database"))).toEqual([
      "capacity: database shard-0 each of 2 readers: services analytics (12 replicas x 150 = 1,800), reports (6 replicas x 10 = 60) need 1,860 connections; each replica allows max_connections 1,802 for db.r7g.large",
    ]);
  });
});

describe("scheduling", () => {
  // m7g.xlarge with prefix delegation: 3920m, 14819 MiB, 110 pods; less the DaemonSets with the mesh (255m, 204 MiB,
  // 6 pods): 3665m, 14615 MiB, 104 pods per node, x 30 nodes.
  test("services at max replicas, with the sidecar, against the services group at max size", () => {
    expect(numbers(schedulingRows(base))).toEqual({
      "service analytics: one pod on a node": [0.6, 3.665, "ok"],
      "service auth: one pod on a node": [0.35, 3.665, "ok"],
      "service ingestion: one pod on a node": [0.35, 3.665, "ok"],
      "service reports: one pod on a node": [0.6, 3.665, "ok"],
      // 20 x 350m + 12 x 600m + 6 x 600m + 20 x 350m
      "node group services: CPU at max replicas": [24.8, 109.95, "ok"],
      // (20 x 384 + 12 x 640 + 6 x 1152 + 20 x 384) MiB; 30 x 14615 MiB
      "node group services: memory at max replicas": [29.25, Number(((30 * 14615) / 1024).toFixed(3)), "ok"],
      "node group services: pods at max replicas": [58, 3120, "ok"],
      // 9 pods of 350m-600m per node (CPU binds first): 58 pods on 7 nodes
      "node group services: nodes at max replicas (first fit)": [7, 30, "ok"],
    });
  });

  test("without the mesh: no sidecar, no CNI agent", () => {
    const rows = numbers(schedulingRows(edited(base, (c) => (c.eks.mesh = { enabled: false }))));
    expect(rows["service auth: one pod on a node"]).toEqual([0.25, 3.765, "ok"]);
    expect(rows["node group services: CPU at max replicas"]).toEqual([19, 112.95, "ok"]);
  });

  test("without prefix delegation the VPC CNI's pods per node apply (m7g.xlarge: 58)", () => {
    const rows = numbers(schedulingRows(edited(base, (c) => (c.eks.prefixDelegation = false))));
    // 30 x (58 - 6)
    expect(rows["node group services: pods at max replicas"]).toEqual([58, 1560, "ok"]);
  });

  test("tried as a new user would: 100 replicas of 8 CPUs against a 120 vCPU group fails, naming the numbers", () => {
    const config = pinned({
      services: {
        ingestion: {
          replicas: { min: 3, max: 100 },
          resources: { requests: { cpu: "8" }, limits: { memory: "512Mi" } },
        },
      },
    });
    const problems = capacityProblems(config);
    expect(problems).toContain(
      "capacity: scheduling service ingestion: one pod requests 8.1 vCPU and 0.38 GiB with the mesh sidecar's 100m/128Mi; the largest node of node group services (m7g.xlarge) has 3.665 vCPU and 14.27 GiB after the kubelet reserve and 6 DaemonSets (0.255 vCPU, 204 MiB per node)",
    );
    expect(problems).toContain(
      "capacity: scheduling node group services: CPU: services ingestion (100 replicas x 8.1 = 810 vCPU), analytics (12 replicas x 0.6 = 7.2 vCPU), auth (20 replicas x 0.35 = 7 vCPU), reports (6 replicas x 0.6 = 3.6 vCPU) request 827.8 vCPU at their max replicas; node group services allows 109.95 vCPU (30 x m7g.xlarge/m6g.xlarge at 3.665 vCPU, 14.27 GiB and 104 pods each, after the kubelet reserve and 6 DaemonSets (0.255 vCPU, 204 MiB per node); 120 vCPU nominal)",
    );
  });

  test("tried as a new user would: one pod asking 64 CPUs and 512 Gi fails on the node it cannot fit", () => {
    const config = pinned({
      services: {
        reports: {
          replicas: { min: 2, max: 2 },
          resources: { requests: { cpu: "64", memory: "512Gi" }, limits: { memory: "512Gi" } },
        },
      },
    });
    const problems = capacityProblems(config);
    expect(problems).toContain(
      "capacity: scheduling service reports: one pod requests 64.1 vCPU and 512.13 GiB with the mesh sidecar's 100m/128Mi; the largest node of node group services (m7g.xlarge) has 3.665 vCPU and 14.27 GiB after the kubelet reserve and 6 DaemonSets (0.255 vCPU, 204 MiB per node)",
    );
    // and the two of them with the other services: 2 x 512.13 + 3 x 7.5 GiB
    expect(problems.some((problem) => /memory: .*request 1,046\.75 GiB at their max replicas/.test(problem))).toBe(
      true,
    );
  });

  test("pods that fit in total but not node by node fail the packing", () => {
    // 2.5 vCPU pods: one per 3.665 vCPU node, so 30 nodes take 30, while the totals (32 x 2.6 = 83.2 vCPU) fit
    const config = edited(base, (c) => {
      c.services = { big: { ...c.services.ingestion, replicas: { min: 3, max: 32 } } };
      c.services.big.resources.requests = { cpu: "2500m", memory: "1Gi" };
    });
    const problems = capacityProblems(config).filter((problem) => problem.includes("scheduling"));
    expect(problems).toEqual([
      expect.stringMatching(
        /^capacity: scheduling node group services: the totals fit, but placing whole pods largest first leaves 2 pods without a node on 30 nodes/,
      ),
    ]);
  });

  test("services share the system group when it is theirs too: the platform's add-ons come off it", () => {
    const shared = edited(base, (c) => {
      c.eks.nodeGroups = [{ ...c.eks.nodeGroups[1], name: "general" }];
      c.eks.systemNodeGroup = "general";
    });
    const rows = numbers(schedulingRows(shared));
    // + coredns 2 x 100m, ebs-csi 2 x 60m, lb controller and metrics-server 2 x 100m each, autoscaler 100m, keda 2 x
    // 250m, prometheus 2 x 500m, OpenTelemetry collectors 2 x 200m + 100m, istiod 2 x 500m = 3.82 vCPU
    expect(rows["node group general: CPU at max replicas"]).toEqual([28.62, 109.95, "ok"]);
  });

  test("a group of types without ENI figures, without prefix delegation, asks for them", () => {
    const config = edited(base, (c) => {
      c.eks.prefixDelegation = false;
      c.eks.nodeGroups[1].instanceTypes = ["c6i.xlarge"];
    });
    expect(capacityProblems(config)).toContain(
      "capacity: scheduling node group services: no pod limit for c6i.xlarge without prefix delegation; add its ENIs and addresses per ENI to NODE_NETWORK in src/capacity/instance-data.ts (from aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go)",
    );
  });

  test("first fit decreasing", () => {
    const pool = { maxSize: 3, free: { cpuMillis: 1000, memoryMiB: 1000, pods: 3 } };
    expect(packNodes([{ replicas: 4, cpuMillis: 400, memoryMiB: 100 }], [pool])).toEqual({ nodes: 2, unplaced: 0 });
    expect(packNodes([{ replicas: 4, cpuMillis: 600, memoryMiB: 100 }], [pool])).toEqual({ nodes: 3, unplaced: 1 });
    expect(packNodes([{ replicas: 4, cpuMillis: 100, memoryMiB: 100 }], [pool])).toEqual({ nodes: 2, unplaced: 0 });
  });
});

describe("kafka", () => {
  test("connections per broker: producers 1, consumers 2, lag scalers and the topic job 1 each", () => {
    // analytics 12 x (1 + 2), reports 6 x 2, ingestion 20 x 1, two lag scalers, the topic job
    expect(numbers(kafkaRows(base))).toEqual({
      "connections per broker (IAM, 3 x kafka.m7g.large)": [71, 3000, "ok"],
      "consumers of events_ingested (service analytics)": [12, 12, "ok"],
      "consumers of report_requested (service reports)": [6, 6, "ok"],
    });
  });

  test("more clients than a broker takes with IAM fail", () => {
    const config = edited(base, (c) => {
      const producer = { ...c.services.ingestion, replicas: { min: 3, max: 100 } };
      c.services = Object.fromEntries(
        Array.from({ length: 30 }, (_, index) => [`p${String(index).padStart(2, "0")}`, producer]),
      );
    });
    expect(capacityProblems(config)).toContain(
      "capacity: kafka connections per broker: services p00 (100 replicas x 1 = 100), p01 (100 replicas x 1 = 100), p02 (100 replicas x 1 = 100), p03 (100 replicas x 1 = 100), p04 (100 replicas x 1 = 100), p05 (100 replicas x 1 = 100) and 24 more, the topic job open up to 3,001 connections to each broker at their max replicas; kafka.m7g.large allows 3,000 per broker with IAM access control",
    );
  });
});

describe("headroom", () => {
  test("each tier's max over its baseline against capacity.minHeadroom (10 in production)", () => {
    const rows = headroomRows(base);
    expect(Object.fromEntries(rows.map((r) => [r.resource, [r.used, r.limit, r.ratio, r.status]]))).toEqual({
      "pods of service analytics": [2, 12, 6, "over"],
      "pods of service auth": [3, 20, 20 / 3, "over"],
      "pods of service ingestion": [3, 20, 20 / 3, "over"],
      "pods of service reports": [2, 6, 3, "over"],
      "nodes of node group system": [3, 6, 2, "over"],
      "nodes of node group services": [3, 30, 10, "ok"],
      "monolith instances": [2, 12, 6, "over"],
      "cache shards": [2, 6, 3, "over"],
      "broker storage": [100, 1000, 10, "ok"],
      "database storage": [100, 1000, 10, "ok"],
      // RDS allows 15 read replicas per source: the tier cannot do better than 7.5
      "database read replicas": [2, 15, 7.5, "capped"],
    });
    expect(rows.every((r) => r.required === 10)).toBe(true);
  });

  test("a tier below the minimum names the setting to raise, and a consumer's partitions", () => {
    const problems = capacityProblems(base).filter((problem) => problem.includes("headroom"));
    expect(problems).toContain(
      "capacity: headroom of pods of service reports: max 6 / baseline 2 replicas = 3x, below capacity.minHeadroom 10; raise services.reports.replicas.max to 20, and the partitions of report_requested (6) to at least as many, since consumers beyond them sit idle",
    );
    expect(problems).toContain(
      "capacity: headroom of nodes of node group system: max 6 / baseline 3 nodes = 2x, below capacity.minHeadroom 10; raise eks.nodeGroups[0].maxSize (system) to 30",
    );
    expect(problems.some((problem) => problem.includes("read replicas"))).toBe(false);
  });

  test("without auto scaling a tier has no headroom; the configured minimum applies", () => {
    const config = edited(base, (c) => {
      c.capacity = { minHeadroom: 2 };
      c.cache.autoscaling.shards.enabled = false;
    });
    const cache = headroomRows(config).find((r) => r.resource === "cache shards")!;
    expect([cache.used, cache.limit, cache.required, cache.status]).toEqual([2, 2, 2, "over"]);
    expect(cache.problem).toBe(
      "capacity: headroom of cache shards: max 2 / baseline 2 shards = 1x, below capacity.minHeadroom 2; raise cache.autoscaling.shards (enabled, max) to 4",
    );
  });
});
