import type { EnvironmentConfig } from "../src/config/schema";

/**
 * The layers of an environment's stacks and of its standby's, in deploy order (`<prefix>-<layer>`); bootstrap only
 * with a state bucket.
 */
export const LAYERS = [
  "bootstrap",
  "network",
  "data",
  "cluster",
  "addons",
  "workloads",
  "edge",
  "observability",
] as const;

/** `<prefix>-<layer>` of every layer `config` has, in deploy order. */
export function layerStackIds(prefix: string, config: EnvironmentConfig): string[] {
  return LAYERS.filter((layer) => layer !== "bootstrap" || config.stateBackend.bucket !== undefined).map(
    (layer) => `${prefix}-${layer}`,
  );
}
