import { buildModel, type Model, PREFLIGHT_RULES, type PreflightFinding, type StackInput } from "../../src/preflight";

/** A resource body by address: `{ "aws_lb.Lb": {...}, "data.aws_iam_role.R": {...} }`. */
export type Blocks = Readonly<Record<string, Record<string, unknown>>>;

export interface FixtureStack {
  readonly id: string;
  readonly blocks?: Blocks;
  readonly dependencies?: readonly string[];
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The AWS provider's region and pinned account. @default eu-west-1, 111111111111 */
  readonly region?: string;
  readonly account?: string | null;
  /** Extra providers, e.g. `{ "aws.us_east_1": { region: "us-east-1" } }`. */
  readonly providers?: Readonly<Record<string, Record<string, unknown>>>;
}

/** A synthesized stack as cdktf writes it: resources and data sources by type, a local backend, an AWS provider. */
export function stackInput(fixture: FixtureStack): StackInput {
  const resource: Record<string, Record<string, unknown>> = {};
  const data: Record<string, Record<string, unknown>> = {};
  for (const [address, body] of Object.entries(fixture.blocks ?? {})) {
    const isData = address.startsWith("data.");
    const [type, name] = (isData ? address.slice(5) : address).split(".");
    const section = isData ? data : resource;
    section[type] = { ...(section[type] as object), [name]: body };
  }
  const provider: Record<string, Record<string, unknown>[]> = {
    aws: [
      {
        region: fixture.region ?? "eu-west-1",
        ...(fixture.account === null ? {} : { allowed_account_ids: [fixture.account ?? "111111111111"] }),
        default_tags: [{ tags: { Environment: fixture.id.split("-")[0] } }],
      },
    ],
  };
  for (const [key, block] of Object.entries(fixture.providers ?? {})) {
    const [name, alias] = key.split(".");
    provider[name] = [...(provider[name] ?? []), { ...block, alias }];
  }
  return {
    id: fixture.id,
    dependencies: fixture.dependencies ?? [],
    json: {
      terraform: { backend: { local: { path: localState(fixture.id) } } },
      provider: provider as never,
      resource: resource as never,
      data: data as never,
      output: Object.fromEntries(Object.entries(fixture.outputs ?? {}).map(([name, value]) => [name, { value }])),
    },
  };
}

/** Where a fixture stack keeps its state, as cdktf's local backend writes it. */
export function localState(stackId: string): string {
  return `../../../.tfstate/${stackId}.tfstate`;
}

/** The `terraform_remote_state` a consumer writes to read `producer`, and a reference to one of its outputs. */
export function remoteRead(producer: string): { address: string; block: Record<string, unknown> } {
  return {
    address: `data.terraform_remote_state.read-${producer}`,
    block: { backend: "local", config: { path: localState(producer) }, workspace: "${terraform.workspace}" },
  };
}

export function output(producer: string, name: string): string {
  return `\${data.terraform_remote_state.read-${producer}.outputs.${name}}`;
}

export function model(...stacks: FixtureStack[]): Model {
  return buildModel(stacks.map(stackInput));
}

/** The findings of one rule over the fixture stacks. */
export function findings(ruleId: string, ...stacks: FixtureStack[]): PreflightFinding[] {
  const rule = PREFLIGHT_RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) {
    throw new Error(`unknown preflight rule ${ruleId}`);
  }
  return [...rule.check(model(...stacks))];
}

/** `RULE stack address` of each finding, for compact assertions. */
export function where(list: readonly PreflightFinding[]): string[] {
  return list.map((finding) => `${finding.rule} ${finding.stack} ${finding.address}`);
}
