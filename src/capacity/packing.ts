/**
 * First-fit decreasing: whole pods onto whole nodes, largest first, each onto the first open node with room, a new
 * node opened when none has. Not the scheduler (which spreads pods), but what the cluster autoscaler can reach at
 * best: when this needs more nodes than the groups' max sizes, so does any placement close to it.
 */

export interface PodSet {
  readonly replicas: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

export interface NodePool {
  readonly maxSize: number;
  /** What one node has for these pods. */
  readonly free: { readonly cpuMillis: number; readonly memoryMiB: number; readonly pods: number };
}

export interface Packing {
  /** Nodes opened. */
  readonly nodes: number;
  /** Pods that fit on no node within the pools' max sizes. */
  readonly unplaced: number;
}

export function packNodes(podSets: readonly PodSet[], pools: readonly NodePool[]): Packing {
  const pods = podSets
    .flatMap((set) => Array.from({ length: set.replicas }, () => set))
    .sort((a, b) => b.cpuMillis - a.cpuMillis || b.memoryMiB - a.memoryMiB);
  const open: { cpu: number; memory: number; pods: number }[] = [];
  const opened = pools.map(() => 0);
  let unplaced = 0;
  for (const pod of pods) {
    const fits = (node: { cpu: number; memory: number; pods: number }) =>
      node.cpu >= pod.cpuMillis && node.memory >= pod.memoryMiB && node.pods >= 1;
    let node = open.find(fits);
    if (node === undefined) {
      const pool = pools.findIndex(
        (candidate, index) =>
          opened[index] < candidate.maxSize &&
          fits({ cpu: candidate.free.cpuMillis, memory: candidate.free.memoryMiB, pods: candidate.free.pods }),
      );
      if (pool < 0) {
        unplaced += 1;
        continue;
      }
      opened[pool] += 1;
      node = { cpu: pools[pool].free.cpuMillis, memory: pools[pool].free.memoryMiB, pods: pools[pool].free.pods };
      open.push(node);
    }
    node.cpu -= pod.cpuMillis;
    node.memory -= pod.memoryMiB;
    node.pods -= 1;
  }
  return { nodes: open.length, unplaced };
}
