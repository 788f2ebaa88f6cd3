import "cdktf/lib/testing/adapters/jest";
import * as fs from "node:fs";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { type App, Testing, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { mergeConfig } from "../src/config/merge";
import { sharedDefaults } from "../src/config/defaults";
import { resolveEnvironment, type EnvironmentOverrides } from "../src/config/load";
import type { EnvironmentConfig } from "../src/config/schema";

/** Synthesized Terraform JSON of one stack. */
export interface StackJson {
  readonly terraform?: Record<string, any>;
  readonly provider?: Record<string, any[]>;
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, any>;
}

/** A stack with an AWS provider, as constructs expect to live in. */
export function testStack(id = "test"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

/** A cluster for workload roles (`WorkloadIdentityTarget`) in construct tests. */
export const TEST_CLUSTER = {
  clusterName: "acme-test-eks",
  clusterArn: "arn:aws:eks:eu-west-1:123456789012:cluster/acme-test-eks",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  oidcIssuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
} as const;

/** A stack with AWS and Kubernetes providers, for constructs that create Kubernetes objects. */
export function kubernetesTestStack(id = "test"): TerraformStack {
  const stack = testStack(id);
  new KubernetesProvider(stack, "kubernetes", { host: "https://kubernetes.test" });
  return stack;
}

/** Synthesizes one stack with validations on, parsed. */
export function synth(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack, true)) as StackJson;
}

/**
 * Synthesizes every stack of an app (or only the stacks with the `only` ids), after `prepareStack()` on each so
 * that its cross-stack references are wired (Testing.synth alone does not), keyed by stack id. A stack's references
 * to others are complete after its own `prepareStack()`: the stacks it reads need not be synthesized.
 */
export function synthApp(app: App | Construct, only?: readonly string[]): Record<string, StackJson> {
  const stacks = app.node
    .findAll()
    .filter(TerraformStack.isStack)
    .filter((stack) => only === undefined || only.includes(stack.node.id));
  stacks.forEach((stack) => stack.prepareStack());
  return Object.fromEntries(
    stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack, true)) as StackJson]),
  );
}

/**
 * What construct attributes (tokens) become in Terraform: each value is written to an output of the stack, and the
 * stack synthesized. Returns the synthesized stack and the values, keyed like the input.
 */
export function synthWithValues<Keys extends string>(
  stack: TerraformStack,
  values: Readonly<Record<Keys, unknown>>,
): { json: StackJson; values: Record<Keys, any> } {
  for (const [key, value] of Object.entries(values)) {
    new TerraformOutput(stack, `probe_${key}`, { value });
  }
  const json = synth(stack);
  const resolved = Object.fromEntries(
    Object.keys(values).map((key) => [key, json.output?.[`probe_${key}`]?.value]),
  ) as Record<Keys, any>;
  return { json, values: resolved };
}

/**
 * Writes stacks into `dir` as `cdktf synth` lays them out (`manifest.json`, `stacks/<id>/cdk.tf.json`), for the
 * tools that read a synthesized directory (review, cost). Returns `dir`.
 */
export function writeSynthesizedTree(dir: string, stacks: Iterable<readonly [string, unknown]>): string {
  const entries = [...stacks];
  const manifest = {
    stacks: Object.fromEntries(entries.map(([id]) => [id, { synthesizedStackPath: `stacks/${id}/cdk.tf.json` }])),
  };
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  for (const [id, json] of entries) {
    fs.mkdirSync(path.join(dir, "stacks", id), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", id, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

/** Resources of one type, keyed by logical id (empty when there are none). */
export function resourcesOf(json: StackJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The resources of one type as a list. */
export function listOf(json: StackJson, type: string): any[] {
  return Object.values(resourcesOf(json, type));
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyOf(json: StackJson, type: string): any {
  const all = listOf(json, type);
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${all.length}`);
  }
  return all[0];
}

/** `${aws_vpc.X.id}`-style reference to a resource of the given type and logical id. */
export function ref(type: string, logicalId: string, attribute = "id"): string {
  return `\${${type}.${logicalId}.${attribute}}`;
}

/**
 * The resource of `type` created with construct id `constructId`, or a path such as `Key_Policy` (its logical id
 * starts with or contains `<constructId>_`), as `[logicalId, config]`. Fails unless exactly one matches.
 */
export function named(json: StackJson, type: string, constructId: string): [string, any] {
  return only(resourcesOf(json, type), type, constructId);
}

/** Like `named`, for data sources (`aws_iam_policy_document`, ...). */
export function dataNamed(json: StackJson, type: string, constructId: string): [string, any] {
  return only(json.data?.[type] ?? {}, type, constructId);
}

function only(blocks: Record<string, any>, type: string, constructId: string): [string, any] {
  const matches = Object.entries(blocks).filter(
    ([id]) => id.startsWith(`${constructId}_`) || id.includes(`_${constructId}_`),
  );
  if (matches.length !== 1) {
    throw new Error(`expected exactly one ${type} with construct id ${constructId}, found ${matches.length}`);
  }
  return matches[0];
}

/** The environments the snapshots and the environment-specific tests describe; other files may come and go. */
export const REFERENCE_ENVIRONMENTS = ["dev", "staging", "prod"];

/** The public hosted zone of the test environments' domains. */
export const TEST_HOSTED_ZONE = "Z0123456789TEST";

/** The cluster admin every test environment names (the shared defaults name none: each environment must). */
export const TEST_ADMIN = "arn:aws:iam::123456789012:role/platform-deployer";

/**
 * The shared defaults plus what every environment file must say for itself: who administers the cluster, who
 * reaches its API, and (production) who is paged and the site's and the API's domains.
 */
export const TEST_DEFAULTS = mergeConfig(sharedDefaults, {
  eks: { access: { admins: [TEST_ADMIN] }, endpoint: { privateAccess: { cidrs: ["10.100.0.0/16"] } } },
  observability: { notifications: { paging: { emails: ["oncall@example.com"] } } },
  edge: {
    api: { domain: { name: "api.example.com", hostedZoneId: TEST_HOSTED_ZONE } },
    cdn: { domain: { names: ["www.example.com"], hostedZoneId: TEST_HOSTED_ZONE } },
  },
}).value as typeof sharedDefaults;

/** A valid environment config from the test defaults plus overrides, for stack tests. */
export function testConfig(overrides: Partial<EnvironmentOverrides> = {}): EnvironmentConfig {
  const name = overrides.environment ?? "test";
  return resolveEnvironment(name, { ...overrides, environment: name }, TEST_DEFAULTS);
}
