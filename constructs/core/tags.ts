/** The value of the ManagedBy tag on every resource. */
export const MANAGED_BY = "cdktf";

/** Tags the platform sets on every resource; config's `tags.extra` may not override them. */
export const PLATFORM_TAG_KEYS = ["Project", "Environment", "Layer", "ManagedBy", "Owner", "CostCenter"] as const;
export type PlatformTagKey = (typeof PLATFORM_TAG_KEYS)[number];

/** What the tags are made of: an environment's project, name and tag settings. */
export interface TaggedEnvironment {
  readonly project: string;
  readonly environment: string;
  readonly tags: {
    readonly owner: string;
    readonly costCenter: string;
    readonly extra: Readonly<Record<string, string>>;
  };
}

/**
 * Tags every AWS resource of a stack carries, set once as the provider's `default_tags` (aspects miss resources,
 * provider default tags do not). `layer` is the stack's layer (network, data, ...), so a resource tells which stack
 * owns it.
 */
export function defaultTags(config: TaggedEnvironment, layer: string): Record<string, string> {
  const platform: Record<PlatformTagKey, string> = {
    Project: config.project,
    Environment: config.environment,
    Layer: layer,
    ManagedBy: MANAGED_BY,
    Owner: config.tags.owner,
    CostCenter: config.tags.costCenter,
  };
  return { ...config.tags.extra, ...platform };
}
