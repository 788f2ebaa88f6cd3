import { SIDECAR_REQUESTS } from "../../constructs/eks/addons/istio";
import { bytes, millicores } from "../../constructs/services/options";
import type { EnvironmentConfig } from "../config/schema";
import { NODE_DAEMONSETS, type NodeAllocatable, nodeAllocatable } from "./instance-data";
import { packNodes } from "./packing";
import { platformPods } from "./platform-pods";
import { type CapacityRow, gib, listed, type Measurement, num, row, vcpu } from "./rows";
import { meshEnabled } from "./settings";

/**
 * Scheduling: every service at its max replicas, with its requests (plus the mesh sidecar's), fits the node groups
 * it may run on at their max sizes. Services carry no node selector or toleration, so they run on every group
 * without a NoSchedule or NoExecute taint. A node offers its allocatable CPU, memory and pods (instance-data.ts:
 * capacity less the kubelet's reserve and eviction threshold, pods by the VPC CNI mode in use) less what the
 * DaemonSets request on every node; a group of several types counts its smallest. Where services share the system
 * group, the platform's own Deployments come off it too (platform-pods.ts).
 *
 * Checked: each service's pod fits one node; CPU, memory and pods fit the groups' totals; and the pods pack, first
 * fit by size, into the groups' max nodes (totals can fit while no node has room for one more pod).
 */

const MIB = 1024 * 1024;

interface Group {
  readonly name: string;
  readonly maxSize: number;
  readonly types: readonly string[];
  /** The smallest of its types, per dimension. */
  readonly node: NodeAllocatable;
  /** What a node has left for pods after the DaemonSets. */
  readonly free: { readonly cpuMillis: number; readonly memoryMiB: number; readonly pods: number };
}

interface Demand {
  readonly name: string;
  readonly replicas: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

export function schedulingRows(config: EnvironmentConfig): CapacityRow[] {
  const environment = config.environment;
  const mesh = meshEnabled(config);
  const prefixDelegation = config.eks.prefixDelegation;
  const daemonsets = NODE_DAEMONSETS.filter((daemonset) => !daemonset.mesh || mesh);
  const dsCpu = daemonsets.reduce((sum, d) => sum + d.cpuMillis, 0);
  const dsMemory = daemonsets.reduce((sum, d) => sum + d.memoryMiB, 0);
  const rows: CapacityRow[] = [];
  const measure = (measurement: Measurement) => rows.push(row(environment, "scheduling", measurement));

  const groups: Group[] = [];
  for (const group of config.eks.nodeGroups.filter((g) => g.taints.every((t) => t.effect === "PreferNoSchedule"))) {
    const nodes = group.instanceTypes.map((type) => nodeAllocatable(type, prefixDelegation));
    const missing = group.instanceTypes.filter((_, index) => nodes[index] === undefined);
    if (missing.length > 0) {
      measure({
        resource: `node group ${group.name}: pods per node`,
        used: 1,
        limit: 0,
        unit: "pods",
        detail: `no ENI figures for ${missing.join(", ")}`,
        problem: () =>
          `capacity: scheduling node group ${group.name}: no pod limit for ${missing.join(", ")} without prefix delegation; add its ENIs and addresses per ENI to NODE_NETWORK in src/capacity/instance-data.ts (from aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go)`,
      });
      continue;
    }
    const known = nodes as NodeAllocatable[];
    const smallest = known.reduce((a, b) => ({
      ...a,
      cpuMillis: Math.min(a.cpuMillis, b.cpuMillis),
      allocatableMemoryMiB: Math.min(a.allocatableMemoryMiB, b.allocatableMemoryMiB),
      pods: Math.min(a.pods, b.pods),
      vcpus: Math.min(a.vcpus, b.vcpus),
    }));
    groups.push({
      name: group.name,
      maxSize: group.maxSize,
      types: group.instanceTypes,
      node: smallest,
      free: {
        cpuMillis: smallest.cpuMillis - dsCpu,
        memoryMiB: smallest.allocatableMemoryMiB - dsMemory,
        pods: smallest.pods - daemonsets.length,
      },
    });
  }
  if (groups.length === 0) {
    if (rows.length === 0) {
      measure({
        resource: "node groups for services",
        used: 1,
        limit: 0,
        unit: "groups",
        detail: "every node group has a NoSchedule or NoExecute taint",
        problem: () =>
          `capacity: scheduling: every node group has a NoSchedule or NoExecute taint, and services tolerate none; expected at least one group without (eks.nodeGroups)`,
      });
    }
    return rows;
  }

  const sidecar = mesh ? SIDECAR_REQUESTS : { cpuMillis: 0, memoryMiB: 0 };
  const services: Demand[] = Object.entries(config.services)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, service]) => ({
      name,
      replicas: service.replicas.max,
      cpuMillis: millicores(service.resources.requests.cpu) + sidecar.cpuMillis,
      memoryMiB: bytes(service.resources.requests.memory) / MIB + sidecar.memoryMiB,
    }));
  const sharesSystem =
    config.eks.systemNodeGroup === undefined || groups.some((group) => group.name === config.eks.systemNodeGroup);
  const platform: Demand[] = sharesSystem
    ? platformPods(config).map(({ name, replicas, cpuMillis, memoryMiB }) => ({ name, replicas, cpuMillis, memoryMiB }))
    : [];

  const where = `node group${groups.length === 1 ? "" : "s"} ${groups.map((group) => group.name).join(", ")}`;
  const nodeText = (group: Group) =>
    `${group.maxSize} x ${group.types.join("/")} at ${vcpu(group.free.cpuMillis)} vCPU, ${gib(group.free.memoryMiB)} GiB and ${group.free.pods} pods each`;
  const after = `after the kubelet reserve and ${daemonsets.length} DaemonSets (${vcpu(dsCpu)} vCPU, ${num(dsMemory)} MiB per node)`;
  const sidecarText = mesh
    ? ` with the mesh sidecar's ${SIDECAR_REQUESTS.cpuMillis}m/${SIDECAR_REQUESTS.memoryMiB}Mi`
    : "";

  // One pod of each service fits a node of some group.
  for (const service of services) {
    const fit = (group: Group) =>
      Math.min(group.free.cpuMillis / service.cpuMillis, group.free.memoryMiB / service.memoryMiB);
    const best = groups.reduce((a, b) => (fit(b) > fit(a) ? b : a));
    const cpuBinds = best.free.cpuMillis / service.cpuMillis <= best.free.memoryMiB / service.memoryMiB;
    const pod = `${vcpu(service.cpuMillis)} vCPU and ${gib(service.memoryMiB)} GiB`;
    const node = `${vcpu(best.free.cpuMillis)} vCPU and ${gib(best.free.memoryMiB)} GiB`;
    measure({
      resource: `service ${service.name}: one pod on a node`,
      used: cpuBinds ? service.cpuMillis / 1000 : service.memoryMiB / 1024,
      limit: cpuBinds ? best.free.cpuMillis / 1000 : best.free.memoryMiB / 1024,
      unit: cpuBinds ? "vCPU" : "GiB",
      detail: `requests ${pod}${sidecarText}; a ${best.node.type} node of ${best.name} has ${node} ${after}`,
      problem: () =>
        `capacity: scheduling service ${service.name}: one pod requests ${pod}${sidecarText}; the largest node of ${where} (${best.node.type}) has ${node} ${after}`,
    });
  }

  // Totals at max replicas against the groups at max size.
  const total = (demands: readonly Demand[], per: (d: Demand) => number) =>
    demands.reduce((sum, d) => sum + d.replicas * per(d), 0);
  const contributors = (per: (d: Demand) => number, show: (value: number) => string, unit: string) => {
    const sorted = [...services].sort((a, b) => b.replicas * per(b) - a.replicas * per(a));
    const parts = sorted.map(
      (d) => `${d.name} (${d.replicas} replicas x ${show(per(d))} = ${show(d.replicas * per(d))} ${unit})`,
    );
    return `service${sorted.length === 1 ? "" : "s"} ${listed(parts)}`;
  };
  const capacityText = groups.map(nodeText).join(" + ");
  const platformText = (value: string) => (platform.length > 0 ? ` and the platform's add-ons ${value}` : "");
  const dimensions = [
    {
      name: "CPU",
      unit: "vCPU",
      per: (d: Demand) => d.cpuMillis / 1000,
      show: (v: number) => vcpu(v * 1000),
      limit: groups.reduce((sum, g) => sum + g.maxSize * g.free.cpuMillis, 0) / 1000,
      nominal: `; ${num(groups.reduce((sum, g) => sum + g.maxSize * g.node.vcpus, 0))} vCPU nominal`,
    },
    {
      name: "memory",
      unit: "GiB",
      per: (d: Demand) => d.memoryMiB / 1024,
      show: (v: number) => num(v),
      limit: groups.reduce((sum, g) => sum + g.maxSize * g.free.memoryMiB, 0) / 1024,
      nominal: "",
    },
    {
      name: "pods",
      unit: "pods",
      per: () => 1,
      show: (v: number) => num(v),
      limit: groups.reduce((sum, g) => sum + g.maxSize * g.free.pods, 0),
      nominal: prefixDelegation ? "; prefix delegation on" : "; prefix delegation off",
    },
  ];
  let totalsFit = true;
  for (const dimension of dimensions) {
    const used = total(services, dimension.per) + total(platform, dimension.per);
    const platformUse = platformText(`(${dimension.show(total(platform, dimension.per))} ${dimension.unit})`);
    const allows = `${where} allow${groups.length === 1 ? "s" : ""} ${dimension.show(dimension.limit)} ${dimension.unit} (${capacityText}, ${after}${dimension.nominal})`;
    totalsFit &&= used <= dimension.limit;
    measure({
      resource: `${where}: ${dimension.name} at max replicas`,
      used,
      limit: dimension.limit,
      unit: dimension.unit,
      detail: `${contributors(dimension.per, dimension.show, dimension.unit)}${platformUse}; ${capacityText}`,
      problem: () =>
        `capacity: scheduling ${where}: ${dimension.name}: ${contributors(dimension.per, dimension.show, dimension.unit)}${platformUse} request ${dimension.show(used)} ${dimension.unit} at their max replicas; ${allows}`,
    });
  }

  // Packing: whole pods onto whole nodes, within the max sizes; and how many nodes they would take without them.
  const podsFit = rows.every((r) => r.status !== "over");
  const pods = [...services, ...platform];
  const packed = packNodes(pods, groups);
  const unbounded = packNodes(
    pods,
    groups.map((group) => ({ ...group, maxSize: Number.POSITIVE_INFINITY })),
  );
  const maxNodes = groups.reduce((sum, group) => sum + group.maxSize, 0);
  measure({
    resource: `${where}: nodes at max replicas (first fit)`,
    used: packed.unplaced > 0 ? Math.max(unbounded.nodes, maxNodes + 1) : packed.nodes,
    limit: maxNodes,
    unit: "nodes",
    detail:
      packed.unplaced > 0
        ? `${packed.unplaced} pods find no room on ${maxNodes} nodes; all of them would take ${unbounded.nodes}`
        : `every pod at max replicas placed on ${packed.nodes} of ${maxNodes} nodes, largest first`,
    problem:
      totalsFit && podsFit
        ? () =>
            `capacity: scheduling ${where}: the totals fit, but placing whole pods largest first leaves ${packed.unplaced} pods without a node on ${maxNodes} nodes (${capacityText}); they would take ${unbounded.nodes} nodes: raise maxSize or use larger nodes`
        : undefined,
  });
  return rows;
}
