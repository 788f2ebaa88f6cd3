import { EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from "../../constructs/core/instance-types";

/**
 * The AWS figures the capacity checks compare against, each with where it comes from and when it was read. vCPUs
 * and memory of instance types come from the platform's table (`constructs/core/instance-types.ts`); this file adds
 * what that table lacks: connection limits, network interfaces, pod limits and what the kubelet reserves.
 *
 * Change a figure only together with its source line below, and say what was read.
 */

export const CAPACITY_DATA_AS_OF = "2026-12-04";

/** One figure and its source, as `npm run capacity -- --sources` and README list them. */
export interface CapacitySource {
  readonly figure: string;
  readonly value: string;
  readonly source: string;
  /** When it was read, or what could not be verified. */
  readonly note: string;
}

export const CAPACITY_SOURCES: readonly CapacitySource[] = [
  {
    figure: "PostgreSQL max_connections (RDS default)",
    value: "LEAST(DBInstanceClassMemory / 9531392, 5000)",
    source: "AWS Prescriptive Guidance, tuning-postgresql-parameters/max-connections.html",
    note: `read ${CAPACITY_DATA_AS_OF}; the platform's parameter group does not set max_connections`,
  },
  {
    figure: "DBInstanceClassMemory",
    value: "nominal memory of the class (db.t4g.small 2 GiB, db.m7g.large 8 GiB, db.r7g.large 16 GiB, ...)",
    source: "RDS User Guide, Concepts.DBInstanceClass (hardware specifications) and CHAP_Limits",
    note: `read ${CAPACITY_DATA_AS_OF}; RDS reserves memory for the OS and its processes, so the real value, and max_connections, are somewhat lower than computed here`,
  },
  {
    figure: "RDS Proxy connection pool",
    value: "max_connections_percent of the database's max_connections (default 100)",
    source: "RDS User Guide, rds-proxy-connections (connection pool settings)",
    note: `read ${CAPACITY_DATA_AS_OF}`,
  },
  {
    figure: "MSK connections per broker, IAM access control",
    value: String(3000),
    source: "MSK Developer Guide, limits.md (Standard broker quota: listener.name.client_iam.max.connections)",
    note: `read ${CAPACITY_DATA_AS_OF}`,
  },
  {
    figure: "MSK new connections per second per broker, IAM access control",
    value: "100 (kafka.m5, kafka.m7g), 4 (kafka.t3.small)",
    source: "MSK Developer Guide, limits.md",
    note: "partly verified: an archived version of the page gives 20 per second (4 for kafka.t3.small); shown, not checked",
  },
  {
    figure: "Pods per node without prefix delegation",
    value: "ENIs x (IPv4 addresses per ENI - 1) + 2",
    source: "aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt and pkg/vpc/vpc_ip_resource_limit.go (b5218838, 2026-08-20)",
    note: `read ${CAPACITY_DATA_AS_OF}; m7g.large 29, m7g.xlarge 58, t4g.large 35`,
  },
  {
    figure: "Pods per node of a managed node group",
    value: "at most 110 below 30 vCPUs, 250 from 30 vCPUs, with or without prefix delegation",
    source: "EKS User Guide, eks-networking-add-ons (cni-increase-ip-addresses) and choosing-instance-type",
    note: `read ${CAPACITY_DATA_AS_OF} (awsdocs/amazon-eks-user-guide 4d52b4d)`,
  },
  {
    figure: "Node allocatable (EKS AL2023)",
    value:
      "capacity - kube-reserved (CPU: 6% of core 1, 1% of core 2, 0.5% of cores 3-4, 0.25% above; memory: 11 MiB x maxPods + 255 MiB) - eviction (memory.available 100Mi)",
    source: "awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go, v20260724",
    note: `read ${CAPACITY_DATA_AS_OF}; capacity is the type's nominal vCPUs and memory (kubernetes/autoscaler ec2_instance_types.go agrees), the kernel keeps a little of it`,
  },
  {
    figure: "Per-node DaemonSet requests",
    value: "see NODE_DAEMONSETS",
    source: "the charts and manifests named per DaemonSet",
    note: `read ${CAPACITY_DATA_AS_OF}; kube-proxy's 100m is EKS's add-on manifest as deployed, not a versioned source`,
  },
];

/** RDS for PostgreSQL's default `max_connections`: `LEAST({DBInstanceClassMemory/9531392}, 5000)`. */
export const POSTGRES_MAX_CONNECTIONS = { bytesPerConnection: 9_531_392, ceiling: 5000 } as const;

/** The default max_connections of an RDS for PostgreSQL class, from its nominal memory; undefined if unknown. */
export function postgresMaxConnections(instanceClass: string): number | undefined {
  const spec = RDS_INSTANCE_CLASSES[instanceClass];
  if (spec === undefined) {
    return undefined;
  }
  const memoryBytes = spec.memoryGiB * 2 ** 30;
  return Math.min(
    Math.floor(memoryBytes / POSTGRES_MAX_CONNECTIONS.bytesPerConnection),
    POSTGRES_MAX_CONNECTIONS.ceiling,
  );
}

/** MSK: TCP connections per broker with IAM access control. */
export const MSK_IAM_CONNECTIONS_PER_BROKER = 3000;

/** MSK: new TCP connections per second per broker with IAM access control (partly verified, see the sources). */
export function mskIamConnectionRate(brokerType: string): number {
  return brokerType === "kafka.t3.small" ? 4 : 100;
}

/** ENIs and IPv4 addresses per ENI (the default network card) of an EC2 type. */
export interface NodeNetwork {
  readonly enis: number;
  readonly ipv4PerEni: number;
}

/** Graviton 6th to 8th generation, all sizes up to 8xlarge (vpc_ip_resource_limit.go: the same per size). */
const GRAVITON_NETWORK: Readonly<Record<string, readonly [number, number]>> = {
  medium: [2, 4],
  large: [3, 10],
  xlarge: [4, 15],
  "2xlarge": [4, 15],
  "4xlarge": [8, 30],
  "8xlarge": [8, 30],
};

const T4G_NETWORK: Readonly<Record<string, readonly [number, number]>> = {
  nano: [2, 2],
  micro: [2, 2],
  small: [3, 4],
  medium: [3, 6],
  large: [3, 12],
  xlarge: [4, 15],
  "2xlarge": [4, 15],
};

/**
 * ENIs per type, for the families the node groups use (m7g, m6g, m6gd, t4g) and their close siblings (c7g, r7g,
 * m8g). A node group type missing here still works with prefix delegation (its pod limit is EKS's cap); without
 * prefix delegation the check asks for its figures.
 */
export const NODE_NETWORK: Readonly<Record<string, NodeNetwork>> = Object.fromEntries([
  ...["m6g", "m6gd", "m7g", "c7g", "r7g", "m8g"].flatMap((family) =>
    Object.entries(GRAVITON_NETWORK).map(([size, [enis, ipv4PerEni]]) => [`${family}.${size}`, { enis, ipv4PerEni }]),
  ),
  ...Object.entries(T4G_NETWORK).map(([size, [enis, ipv4PerEni]]) => [`t4g.${size}`, { enis, ipv4PerEni }]),
]);

/** EKS managed node groups: the most pods per node, by vCPUs. */
export function managedNodeGroupPodCap(vcpus: number): number {
  return vcpus < 30 ? 110 : 250;
}

/**
 * Pods a node of `type` runs in a managed node group: the VPC CNI's limit (addresses, or /28 prefixes with prefix
 * delegation: 16 addresses per slot) under EKS's cap. Undefined when the type's network figures are needed and
 * missing.
 */
export function maxPodsPerNode(type: string, prefixDelegation: boolean): number | undefined {
  const spec = EC2_INSTANCE_TYPES[type];
  if (spec === undefined) {
    return undefined;
  }
  const cap = managedNodeGroupPodCap(spec.vcpus);
  const network = NODE_NETWORK[type];
  if (network === undefined) {
    return prefixDelegation ? cap : undefined;
  }
  const perEni = (network.ipv4PerEni - 1) * (prefixDelegation ? 16 : 1);
  return Math.min(network.enis * perEni + 2, cap);
}

/** kube-reserved CPU of EKS AL2023 nodes (nodeadm `getCPUMillicoresToReserve`), millicores. */
export function kubeReservedCpuMillis(vcpus: number): number {
  const total = vcpus * 1000;
  const ranges = [0, 1000, 2000, 4000, total];
  const basisPoints = [600, 100, 50, 25];
  return basisPoints.reduce((sum, points, index) => {
    const [start, end] = [ranges[index], ranges[index + 1]];
    return total <= start ? sum : sum + Math.floor(((Math.min(total, end) - start) * points) / 10000);
  }, 0);
}

/** kube-reserved memory of EKS AL2023 nodes (nodeadm `getMemoryMebibytesToReserve`), MiB. */
export function kubeReservedMemoryMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

/** The kubelet's hard eviction threshold `memory.available`, MiB. */
export const EVICTION_MEMORY_MIB = 100;

/** What one node of a type offers pods. */
export interface NodeAllocatable {
  readonly type: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly cpuMillis: number;
  readonly allocatableMemoryMiB: number;
  readonly pods: number;
}

/** Allocatable CPU, memory and pods of a node of `type`; undefined when a figure is missing. */
export function nodeAllocatable(type: string, prefixDelegation: boolean): NodeAllocatable | undefined {
  const spec = EC2_INSTANCE_TYPES[type];
  const pods = maxPodsPerNode(type, prefixDelegation);
  if (spec === undefined || pods === undefined) {
    return undefined;
  }
  const memoryMiB = spec.memoryGiB * 1024;
  return {
    type,
    vcpus: spec.vcpus,
    memoryMiB,
    cpuMillis: spec.vcpus * 1000 - kubeReservedCpuMillis(spec.vcpus),
    allocatableMemoryMiB: memoryMiB - kubeReservedMemoryMiB(pods) - EVICTION_MEMORY_MIB,
    pods,
  };
}

/** Requests of one pod (all its containers), and where they were read. */
export interface PodRequests {
  readonly name: string;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly source: string;
}

/**
 * The DaemonSets on every node, before any service pod: their requests come off every node's allocatable, and each
 * takes a pod slot. `mesh` ones run only when the environment's mesh is on.
 */
export const NODE_DAEMONSETS: readonly (PodRequests & { readonly mesh?: true })[] = [
  {
    name: "aws-node (vpc-cni)",
    cpuMillis: 25,
    memoryMiB: 0,
    source:
      "aws/amazon-vpc-cni-k8s charts/aws-vpc-cni/values.yaml: resources.requests.cpu 25m; the network policy agent requests nothing",
  },
  {
    name: "kube-proxy",
    cpuMillis: 100,
    memoryMiB: 0,
    source: "EKS kube-proxy add-on DaemonSet: requests cpu 100m (as deployed; no versioned source)",
  },
  {
    name: "ebs-csi-node",
    cpuMillis: 30,
    memoryMiB: 104,
    source:
      "kubernetes-sigs/aws-ebs-csi-driver chart 2.64.0: node 10m/40Mi, node-driver-registrar and liveness-probe 10m/32Mi each (templates/_node.tpl)",
  },
  {
    name: "eks-pod-identity-agent",
    cpuMillis: 0,
    memoryMiB: 0,
    source: "aws/eks-pod-identity-agent chart 1.2.0 values.yaml: resources {}",
  },
  {
    name: "node-exporter",
    cpuMillis: 0,
    memoryMiB: 0,
    source: "prometheus-community prometheus-node-exporter values.yaml: resources {} (kube-prometheus-stack sets none)",
  },
  {
    name: "istio-cni",
    cpuMillis: 100,
    memoryMiB: 100,
    source: "constructs/eks/addons/istio.ts: the CNI agent's requests",
    mesh: true,
  },
];
