import type { Block, BackendRef, Model, Stack } from "./model";

/**
 * Terraform references in synthesized values: `${aws_lb.Lb_1A2B.arn}`, `${data.aws_iam_role.R.arn}` and the
 * `terraform_remote_state` reads cdktf writes for cross-stack references, and what they resolve to.
 */

/** Names that start a traversal but are not resources. */
const NOT_RESOURCES = new Set(["terraform", "var", "local", "each", "count", "path", "self", "module"]);

/** `aws_x.Name` or `data.aws_x.Name`, then attribute steps. */
const TRAVERSAL = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])*)/g;

/** A reference found in a value: the block it names and the attribute path after it. */
export interface Reference {
  /** `aws_lb.Lb_1A2B` or `data.terraform_remote_state.cross-stack-reference-input-prod-network`. */
  readonly address: string;
  /** What follows the address: `.arn`, `.outputs.cross-stack-output-...`, `[0].id`. */
  readonly attribute: string;
}

/** Every `${...}` expression in a value (strings anywhere in nested objects and arrays). */
export function expressionsIn(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === "string") {
      found.push(...expressionsOf(node));
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === "object") {
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** The `${...}` expressions of one string, braces matched (an expression may hold `{...}` objects). */
function expressionsOf(text: string): string[] {
  const expressions: string[] = [];
  let start = text.indexOf("${");
  while (start !== -1) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end += 1) {
      if (text[end] === "{") {
        depth += 1;
      } else if (text[end] === "}") {
        depth -= 1;
        if (depth === 0) {
          break;
        }
      }
    }
    expressions.push(text.slice(start + 2, end));
    start = text.indexOf("${", end);
  }
  return expressions;
}

/** The references to resources and data sources in a value. */
export function referencesIn(value: unknown): Reference[] {
  const references: Reference[] = [];
  for (const expression of expressionsIn(value)) {
    for (const match of expression.matchAll(TRAVERSAL)) {
      const [, data, type, name, rest] = match;
      if (!data && NOT_RESOURCES.has(type)) {
        continue;
      }
      references.push({ address: `${data ?? ""}${type}.${name}`, attribute: rest });
    }
  }
  return references;
}

/** The addresses a block depends on: every reference in its body plus `depends_on`. */
export function dependenciesOf(block: Block): Set<string> {
  const { depends_on: dependsOn, lifecycle: _lifecycle, ...body } = block.config;
  const addresses = new Set(referencesIn(body).map((reference) => reference.address));
  if (Array.isArray(dependsOn)) {
    for (const entry of dependsOn) {
      if (typeof entry === "string") {
        addresses.add(entry.replace(/^\$\{(.*)\}$/, "$1"));
      }
    }
  }
  return addresses;
}

/** Whether `from` depends on `to` in its stack, directly or through other blocks. */
export function dependsOn(stack: Stack, from: Block, to: string): boolean {
  const seen = new Set<string>();
  const pending = [...dependenciesOf(from)];
  while (pending.length > 0) {
    const address = pending.pop()!;
    if (address === to) {
      return true;
    }
    if (seen.has(address)) {
      continue;
    }
    seen.add(address);
    const block = stack.blocks.get(address);
    if (block) {
      pending.push(...dependenciesOf(block));
    }
  }
  return false;
}

/** A cross-stack read: a `terraform_remote_state` data source and the stack whose state it reads. */
export interface RemoteStateRead {
  readonly block: Block;
  readonly backend: BackendRef;
  /** The stack whose backend matches, or undefined when no stack of the model writes that state. */
  readonly producer?: Stack;
}

/** The settings that identify a state: the backend type, and the bucket/key/region or the local path. */
function stateIdentity(backend: BackendRef): string {
  const config = backend.config;
  return backend.type === "local"
    ? `local:${String(config.path)}`
    : `${backend.type}:${String(config.bucket)}:${String(config.key)}:${String(config.region)}`;
}

/** Every `terraform_remote_state` of a stack, with the producing stack. */
export function remoteStateReads(model: Model, stack: Stack): RemoteStateRead[] {
  return stack.dataSources
    .filter((block) => block.type === "data.terraform_remote_state")
    .map((block) => {
      const backend: BackendRef = {
        type: String(block.config.backend),
        config: (block.config.config ?? {}) as BackendRef["config"],
      };
      // Local paths are relative to the stack's directory, and every stack's directory is at the same depth.
      const wanted = stateIdentity(backend);
      const producer = model.stacks.find(
        (candidate) => candidate.backend && stateIdentity(candidate.backend) === wanted,
      );
      return { block, backend, producer };
    });
}

/**
 * A value as it is known across stacks: an expression that is exactly a cross-stack read is replaced by what the
 * producing stack outputs (recursively), and a reference inside one stack is qualified with its stack id, so that
 * `${data.terraform_remote_state.<cluster>.outputs.x}` in one stack and `${aws_eks_cluster.C.vpc_config[0]...}` in
 * the cluster stack compare equal.
 */
export function canonicalValue(model: Model, stack: Stack, value: unknown, depth = 0): string {
  if (typeof value !== "string") {
    return JSON.stringify(value);
  }
  const whole = /^\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}$/.exec(value);
  if (whole && depth < 10) {
    const read = remoteStateReads(model, stack).find((candidate) => candidate.block.name === whole[1]);
    const producer = read?.producer;
    if (producer && Object.hasOwn(producer.outputs, whole[2])) {
      return canonicalValue(model, producer, producer.outputs[whole[2]], depth + 1);
    }
  }
  return value.includes("${") ? `${stack.id}:${value}` : value;
}
