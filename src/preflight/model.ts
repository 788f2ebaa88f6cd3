import { deployOrder, stackEnvironment } from "../diagram/outdir";
import { readSynthesizedOutput } from "../synthesized-output";

/**
 * The preflight's view of a synthesized output directory: every stack with its resources, data sources, outputs,
 * backend and providers, the deploy order the manifest implies, and the references between them. Plain data, so
 * that rules can be tested on hand-written stacks.
 */

/** A JSON object of the synthesized Terraform (snake_case keys). */
export type JsonObject = { readonly [key: string]: unknown };

/** The parts of a synthesized `cdk.tf.json` the preflight reads. */
export interface StackJson {
  readonly terraform?: JsonObject;
  readonly provider?: Readonly<Record<string, readonly JsonObject[]>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly output?: Readonly<Record<string, { readonly value?: unknown }>>;
}

/** One resource or data source (`type` prefixed with `data.`), as rules see it. */
export interface Block {
  readonly stack: string;
  /** `aws_lb`, or `data.aws_iam_role` for a data source. */
  readonly type: string;
  readonly name: string;
  /** `<type>.<logical id>`, as Terraform and every finding names it. */
  readonly address: string;
  /** The construct path, e.g. `prod-workloads/LoadBalancer/Resource`. */
  readonly path: string;
  /** The body without cdktf's `//` metadata; `lifecycle` and `depends_on` included. */
  readonly config: JsonObject;
}

/** Where a remote state read points: a backend type and its settings. */
export interface BackendRef {
  readonly type: string;
  readonly config: JsonObject;
}

export interface Stack {
  readonly id: string;
  readonly environment: string;
  /** The stacks the manifest says this one reads (cdktf deploys them first). */
  readonly dependencies: readonly string[];
  readonly resources: readonly Block[];
  readonly dataSources: readonly Block[];
  /** Output name → its value expression. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The stack's own state backend. */
  readonly backend?: BackendRef;
  /** Provider blocks by `<name>` or `<name>.<alias>` (`aws`, `aws.us_east_1`). */
  readonly providers: ReadonlyMap<string, JsonObject>;
  /** Resources and data sources by address. */
  readonly blocks: ReadonlyMap<string, Block>;
}

export interface Model {
  /** Every stack, in deploy order (each after the stacks it reads; the rest by id). */
  readonly stacks: readonly Stack[];
  readonly byId: ReadonlyMap<string, Stack>;
  /** Position of each stack in the deploy order. */
  readonly position: ReadonlyMap<string, number>;
}

/** A stack as the manifest lists it: its id, the stacks it depends on and its parsed JSON. */
export interface StackInput {
  readonly id: string;
  readonly dependencies?: readonly string[];
  readonly json: StackJson;
}

/** Reads `<outdir>/manifest.json` and every stack file it lists. */
export function readModel(outdir: string): Model {
  return buildModel(
    readSynthesizedOutput(outdir, "synthesize first (npm run synth) or pass --out <dir>").map((stack) => ({
      id: stack.id,
      dependencies: stack.dependencies,
      json: stack.json as StackJson,
    })),
  );
}

/** The model of some stacks (a whole output directory, or test fixtures). */
export function buildModel(inputs: readonly StackInput[]): Model {
  const order = safeDeployOrder(new Map(inputs.map((input) => [input.id, input.dependencies ?? []])));
  const byInput = new Map(inputs.map((input) => [input.id, input]));
  const stacks = order.map((id) => stackOf(byInput.get(id)!));
  return {
    stacks,
    byId: new Map(stacks.map((stack) => [stack.id, stack])),
    position: new Map(order.map((id, index) => [id, index])),
  };
}

/** The deploy order, or (for a cycle, which a rule reports) the stacks in the manifest's order. */
function safeDeployOrder(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const known = new Map([...dependencies].map(([id, deps]) => [id, deps.filter((dep) => dependencies.has(dep))]));
  try {
    return deployOrder(known);
  } catch {
    return [...dependencies.keys()];
  }
}

function stackOf(input: StackInput): Stack {
  const json = input.json;
  const resources = blocksOf(input.id, json.resource, "");
  const dataSources = blocksOf(input.id, json.data, "data.");
  const providers = new Map<string, JsonObject>();
  for (const [name, blocks] of Object.entries(json.provider ?? {})) {
    for (const block of blocks) {
      providers.set(typeof block.alias === "string" ? `${name}.${block.alias}` : name, block);
    }
  }
  const backends = Object.entries((json.terraform?.backend ?? {}) as Record<string, JsonObject>);
  return {
    id: input.id,
    environment: stackEnvironment(input.id, json as never),
    dependencies: input.dependencies ?? [],
    resources,
    dataSources,
    outputs: Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value])),
    backend: backends.length > 0 ? { type: backends[0][0], config: backends[0][1] } : undefined,
    providers,
    blocks: new Map([...resources, ...dataSources].map((block) => [block.address, block])),
  };
}

function blocksOf(stack: string, section: StackJson["resource"], prefix: string): Block[] {
  const blocks: Block[] = [];
  for (const [type, byName] of Object.entries(section ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": metadata, ...config } = body;
      const path = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? `${stack}/${name}`;
      blocks.push({ stack, type: `${prefix}${type}`, name, address: `${prefix}${type}.${name}`, path, config });
    }
  }
  return blocks;
}

/** Where a resource lives: the account (or `unknown`) and the region of the AWS provider it uses. */
export interface Location {
  /** The provider's `allowed_account_ids[0]`, or undefined when the stack does not pin its account. */
  readonly account?: string;
  readonly region: string;
}

/** The account and region of an AWS resource, from the provider it names (`aws.us_east_1`) or the default one. */
export function locationOf(stack: Stack, block: Block): Location {
  const providerName = typeof block.config.provider === "string" ? block.config.provider : "aws";
  const provider = stack.providers.get(providerName) ?? stack.providers.get("aws") ?? {};
  const accounts = provider.allowed_account_ids;
  return {
    account: Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined,
    region: typeof provider.region === "string" ? provider.region : "unknown-region",
  };
}
