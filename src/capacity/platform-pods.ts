import type { EnvironmentConfig } from "../config/schema";
import { millicores, bytes } from "../../constructs/services/options";
import type { PodRequests } from "./instance-data";
import { meshEnabled } from "./settings";

/**
 * The platform's own Deployments, which run on the system node group (`eks.systemNodeGroup`, or anywhere without
 * one): when services share that group, these take their requests from it first. Counted at their usual replicas
 * (what they run without load), as the add-on constructs set them; charts that set no requests count as pods only.
 */
export interface PlatformPods extends PodRequests {
  readonly replicas: number;
}

const MIB = 1024 * 1024;

export function platformPods(config: EnvironmentConfig): PlatformPods[] {
  const replicas = config.eks.addons.replicas;
  const prometheus = config.eks.monitoring.prometheus;
  const pods: PlatformPods[] = [
    {
      name: "coredns",
      replicas: 2,
      cpuMillis: 100,
      memoryMiB: 70,
      source: "EKS CoreDNS add-on: requests 100m/70Mi as deployed; 2 replicas (constructs/eks/managed-addons.ts)",
    },
    {
      name: "ebs-csi-controller",
      replicas: 2,
      cpuMillis: 60,
      memoryMiB: 232,
      source: "aws-ebs-csi-driver chart 2.64.0: plugin and four sidecars 10m/40Mi each, liveness probe 10m/32Mi",
    },
    {
      name: "aws-load-balancer-controller",
      replicas,
      cpuMillis: 100,
      memoryMiB: 128,
      source: "constructs/eks/addons/load-balancer-controller.ts",
    },
    {
      name: "metrics-server",
      replicas,
      cpuMillis: 100,
      memoryMiB: 200,
      source: "constructs/eks/addons/metrics-server.ts",
    },
    {
      name: "cluster-autoscaler",
      replicas: 1,
      cpuMillis: 100,
      memoryMiB: 300,
      source: "constructs/eks/addons/cluster-autoscaler.ts",
    },
    { name: "keda-operator", replicas, cpuMillis: 100, memoryMiB: 128, source: "constructs/eks/addons/keda.ts" },
    { name: "keda-metrics-server", replicas, cpuMillis: 100, memoryMiB: 128, source: "constructs/eks/addons/keda.ts" },
    { name: "keda-webhooks", replicas, cpuMillis: 50, memoryMiB: 64, source: "constructs/eks/addons/keda.ts" },
    {
      name: "prometheus",
      replicas: prometheus.replicas,
      cpuMillis: millicores(prometheus.resources.requests.cpu),
      memoryMiB: bytes(prometheus.resources.requests.memory) / MIB,
      source: "eks.monitoring.prometheus.resources",
    },
    {
      name: "otel-collector",
      replicas: config.observability.tracing.collectorReplicas,
      cpuMillis: 200,
      memoryMiB: 256,
      source: "constructs/eks/addons/otel-collector.ts (gateway)",
    },
    {
      name: "otel-collector-metrics",
      replicas: 1,
      cpuMillis: 100,
      memoryMiB: 256,
      source: "constructs/eks/addons/otel-collector.ts (mesh metrics)",
    },
    // Charts whose requests are left to the user (resources: {}): pods only.
    ...["grafana", "alertmanager", "prometheus-operator", "kube-state-metrics"].map((name) => ({
      name,
      replicas: 1,
      cpuMillis: 0,
      memoryMiB: 0,
      source: "kube-prometheus-stack: no requests set",
    })),
  ];
  if (meshEnabled(config)) {
    pods.push({
      name: "istiod",
      replicas: Math.max(replicas, 1),
      cpuMillis: 500,
      memoryMiB: 2048,
      source: "constructs/eks/addons/istio.ts",
    });
  }
  return pods;
}
