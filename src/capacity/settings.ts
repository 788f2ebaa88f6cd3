import type { EnvironmentConfig } from "../config/schema";

/** The settings the capacity checks read beyond the plain config values. */

/**
 * Whether the environment runs the Istio mesh (`eks.mesh.enabled`): its sidecar adds its requests to every service
 * pod, its CNI agent runs on every node and istiod on the system group.
 */
export function meshEnabled(config: EnvironmentConfig): boolean {
  return config.eks.mesh.enabled;
}

/** The least ratio of max to baseline every headroom tier must reach (`capacity.minHeadroom`). */
export function minHeadroom(config: EnvironmentConfig): number {
  return config.capacity.minHeadroom;
}
