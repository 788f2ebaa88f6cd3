import type { ResourceConfig, StackJson, SynthesizedStack } from "./types";

/**
 * Reading references out of synthesized Terraform JSON: `${aws_x.Logical_ID.attr}` interpolations, data sources
 * (`${data.aws_x.Name.attr}`) and cdktf's cross-stack references, which read
 * `${data.terraform_remote_state.cross-stack-reference-input-<producer stack>.outputs.<output>}` in the consumer
 * while the producer's `output.<output>.value` holds the producer-side reference.
 */

/** Where a resource or data source lives. */
export interface Address {
  readonly stack: string;
  readonly mode: "resource" | "data";
  readonly type: string;
  /** The logical id. */
  readonly name: string;
}

/** A reference from a configuration to an attribute of a resource or data source. */
export interface Reference {
  readonly target: Address;
  /** The attribute path after the logical id, e.g. `arn` or `vpc_config[0].cluster_security_group_id`. */
  readonly attribute: string;
}

/** A reference found in a configuration, with the top-level attribute it was found under (`vpc_security_group_ids`). */
export interface FoundReference extends Reference {
  readonly via: string;
}

/** A resource or data source of one of the stacks, with its configuration. */
export interface Entry {
  readonly address: Address;
  /** `<stack>/<type>.<name>` for resources, `<stack>/data.<type>.<name>` for data sources: unique in an environment. */
  readonly key: string;
  readonly config: ResourceConfig;
}

/** Name prefix cdktf gives the `terraform_remote_state` data source that reads another stack's outputs. */
export const REMOTE_STATE_PREFIX = "cross-stack-reference-input-";

/** Keys of a configuration that are not configuration: metadata, ordering-only dependencies, meta-arguments. */
const IGNORED_KEYS = new Set(["//", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/** How many remote-state hops a reference may take before it is given up (an output re-exporting an input...). */
const MAX_REMOTE_HOPS = 5;

/** The terraform address of an entry within its stack: `aws_vpc.Network_1C6012B5`, `data.aws_iam_policy_document.X`. */
export function terraformAddress(address: Address): string {
  return `${address.mode === "data" ? "data." : ""}${address.type}.${address.name}`;
}

/** The unique key of an address in a set of stacks. */
export function addressKey(address: Address): string {
  return `${address.stack}/${terraformAddress(address)}`;
}

/**
 * The `${...}` interpolations of a string, without the delimiters. Braces inside an interpolation (object
 * expressions) and inside quoted strings are balanced; `$${` is Terraform's escape for a literal `${`.
 */
export function interpolations(value: string): string[] {
  const found: string[] = [];
  let index = value.indexOf("${");
  while (index >= 0) {
    if (index > 0 && value[index - 1] === "$") {
      index = value.indexOf("${", index + 2);
      continue;
    }
    let depth = 1;
    let position = index + 2;
    let quoted = false;
    while (position < value.length && depth > 0) {
      const char = value[position];
      if (quoted) {
        if (char === "\\") {
          position++;
        } else if (char === '"') {
          quoted = false;
        }
      } else if (char === '"') {
        quoted = true;
      } else if (char === "{") {
        depth++;
      } else if (char === "}") {
        depth--;
      }
      position++;
    }
    found.push(value.slice(index + 2, depth === 0 ? position - 1 : position));
    index = value.indexOf("${", position);
  }
  return found;
}

/**
 * `[data.]type.name[.attr|[n]]...` inside an expression. The type is lower snake case; logical ids may hold hyphens
 * (`Cluster_NodeGroup-services_1B89D843`); the look-behind keeps attribute paths from matching as types.
 */
const REFERENCE =
  /(?<![\w.$-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_][\w-]*)((?:\.[A-Za-z0-9_][\w-]*|\[\d+\]|\[\*\])*)/g;

/** An index of the resources, data sources and outputs of an environment's stacks. */
export class StackCatalog {
  private readonly stacksById = new Map<string, StackJson>();
  private readonly entriesByKey = new Map<string, Entry>();

  constructor(stacks: readonly SynthesizedStack[]) {
    for (const stack of stacks) {
      if (this.stacksById.has(stack.id)) {
        throw new Error(`stack "${stack.id}" appears twice in the diagram's input; expected each stack once`);
      }
      this.stacksById.set(stack.id, stack.json);
      for (const mode of ["resource", "data"] as const) {
        for (const [type, byName] of Object.entries(stack.json[mode] ?? {})) {
          for (const [name, config] of Object.entries(byName)) {
            const address: Address = { stack: stack.id, mode, type, name };
            this.entriesByKey.set(addressKey(address), { address, key: addressKey(address), config });
          }
        }
      }
    }
  }

  /** Every entry, resources and data sources of every stack. */
  entries(): IterableIterator<Entry> {
    return this.entriesByKey.values();
  }

  /** The entry at an address, if the stacks hold it. */
  get(address: Address): Entry | undefined {
    return this.entriesByKey.get(addressKey(address));
  }

  /**
   * The references in a configuration, each with the top-level attribute it sits under, in document order.
   * Cross-stack references are resolved to the producer's resource when the producer stack is in the catalog;
   * references to anything the stacks do not hold (variables, locals, unknown stacks) are dropped.
   *
   * @param only - top-level attributes to read (all but metadata and meta-arguments when unset)
   */
  referencesIn(stack: string, config: ResourceConfig, only?: readonly string[]): FoundReference[] {
    const found: FoundReference[] = [];
    for (const [key, value] of Object.entries(config)) {
      if (IGNORED_KEYS.has(key) || (only !== undefined && !only.includes(key))) {
        continue;
      }
      for (const reference of this.referencesInValue(stack, value)) {
        found.push({ ...reference, via: key });
      }
    }
    return found;
  }

  /** The references in any value (strings, lists, nested blocks), resolved through remote state. */
  referencesInValue(stack: string, value: unknown, hops = 0): Reference[] {
    const found: Reference[] = [];
    const visit = (item: unknown): void => {
      if (typeof item === "string") {
        for (const expression of interpolations(item)) {
          for (const match of expression.matchAll(REFERENCE)) {
            const address: Address = {
              stack,
              mode: match[1] ? "data" : "resource",
              type: match[2],
              name: match[3],
            };
            if (this.get(address) !== undefined) {
              found.push(...this.resolve({ target: address, attribute: match[4].replace(/^\./, "") }, hops));
            }
          }
        }
      } else if (Array.isArray(item)) {
        item.forEach(visit);
      } else if (item !== null && typeof item === "object") {
        Object.entries(item).forEach(([key, nested]) => {
          if (!IGNORED_KEYS.has(key)) {
            visit(nested);
          }
        });
      }
    };
    visit(value);
    return found;
  }

  /**
   * A reference to `data.terraform_remote_state.cross-stack-reference-input-<producer>.outputs.<output>` becomes the
   * references of the producer's output value; any other reference is returned as is. An output of a stack outside
   * the catalog resolves to nothing.
   */
  private resolve(reference: Reference, hops: number): Reference[] {
    const { target, attribute } = reference;
    if (target.mode !== "data" || target.type !== "terraform_remote_state") {
      return [reference];
    }
    const output = /^outputs\.([\w-]+)/.exec(attribute);
    const producer = target.name.startsWith(REMOTE_STATE_PREFIX)
      ? target.name.slice(REMOTE_STATE_PREFIX.length)
      : target.name;
    const producerJson = this.stacksById.get(producer);
    if (output === null || producerJson === undefined || hops >= MAX_REMOTE_HOPS) {
      return [];
    }
    const value = producerJson.output?.[output[1]]?.value;
    return value === undefined ? [] : this.referencesInValue(producer, value, hops + 1);
  }
}

/**
 * A literal string at a dotted path of a configuration (`metadata.name`); blocks synthesized as lists are read
 * through their first element. Interpolated values (`${...}`) are not literals and give undefined.
 */
export function literalAt(config: ResourceConfig, path: string): string | undefined {
  let value: unknown = config;
  for (const segment of path.split(".")) {
    if (Array.isArray(value)) {
      value = value[0];
    }
    if (value === null || typeof value !== "object") {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return typeof value === "string" && value !== "" && !value.includes("${") ? value : undefined;
}
