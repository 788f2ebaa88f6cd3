import { readSynthesizedOutput } from "../synthesized-output";

/** The parts of a synthesized stack (`cdk.tf.json`) the review reads. */
export interface StackJson {
  readonly provider?: Record<string, readonly Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
}

/** A synthesized tree: every stack of `cdktf.out`, by stack id, in the manifest's order. */
export interface SynthesizedTree {
  readonly stacks: ReadonlyMap<string, StackJson>;
}

/** One resource of a stack as the review compares it: its address and its body without cdktf's `//` metadata. */
export interface ResourceBody {
  /** `<type>.<logical id>`. */
  readonly address: string;
  readonly type: string;
  /** The construct path from the metadata, e.g. `prod-data/Database/Shard0/Resource`. */
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Reads every stack listed in `<outdir>/manifest.json`. */
export function readSynthesizedTree(outdir: string): SynthesizedTree {
  return {
    stacks: new Map(readSynthesizedOutput(outdir).map((stack) => [stack.id, stack.json as StackJson] as const)),
  };
}

/** The resources of a stack, keyed by address, each without its `//` metadata. */
export function resourcesOf(stack: StackJson | undefined): Map<string, ResourceBody> {
  const resources = new Map<string, ResourceBody>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": metadata, ...config } = body;
      const metadataPath = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path;
      resources.set(`${type}.${name}`, { address: `${type}.${name}`, type, path: metadataPath ?? name, config });
    }
  }
  return resources;
}

/** The data sources of a stack, keyed by address (`data.<type>.<name>`), each without its `//` metadata. */
export function dataSourcesOf(stack: StackJson | undefined): Map<string, ResourceBody> {
  const sources = new Map<string, ResourceBody>();
  for (const [type, byName] of Object.entries(stack?.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": metadata, ...config } = body;
      const metadataPath = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path;
      sources.set(`data.${type}.${name}`, {
        address: `data.${type}.${name}`,
        type,
        path: metadataPath ?? name,
        config,
      });
    }
  }
  return sources;
}

/** The provider blocks of a stack by `<name>` or `<name>.<alias>` (`aws`, `aws.us_east_1`). */
export function providersOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  const providers = new Map<string, Record<string, unknown>>();
  for (const [name, blocks] of Object.entries(stack?.provider ?? {})) {
    for (const block of blocks) {
      const alias = typeof block.alias === "string" ? `.${block.alias}` : "";
      providers.set(`${name}${alias}`, { ...block });
    }
  }
  return providers;
}
