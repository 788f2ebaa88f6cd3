import type { CommandSpec, OptionSpec } from "./command-line";

/**
 * Every npm script, described once: `npm run help` lists them, each tool parses its arguments with its spec, and a
 * test keeps this list and package.json's scripts in step. Pure data, so that `--help` loads nothing heavy.
 */

const ENVS = "PLATFORM_ENVS=dev,staging picks the environments (default: every environment).";

const directory = (description: string): OptionSpec => ({ type: "string", value: "<dir>", description });

export const SYNTH: CommandSpec = {
  command: "npm run synth",
  summary: "synthesize every environment's stacks into cdktf.out, with the guardrails",
  options: {
    "from-cdktf-cli": {
      type: "boolean",
      description: "set by cdktf.json when the cdktf CLI runs the app (it removes orphaned stack folders itself)",
    },
  },
  details: [
    ENVS,
    "Exit 1 on bad configuration, a production environment's capacity problem (npm run capacity) or an unsuppressed guardrail error; nothing is written then. Other environments' capacity problems are warnings on stderr.",
  ],
};

export const PREFLIGHT: CommandSpec = {
  command: "npm run preflight",
  summary: "check the synthesized stacks for what only the AWS APIs refuse at apply time",
  options: { out: directory("the synthesized output to check (default cdktf.out)") },
  details: ["One line per finding, `RULE stack address: message`. Exit 0 clean, 1 findings, 2 unreadable output."],
};

export const REVIEW: CommandSpec = {
  command: "npm run review",
  summary: "offline plan preview: what a change would replace, destroy or make dangerous, stack by stack",
  options: {
    base: {
      type: "string",
      value: "<git ref>",
      description: "compare with this commit (default: the merge base with main)",
    },
    "base-dir": directory("compare with this synthesized output instead of synthesizing a base"),
    "head-dir": directory("review this synthesized output instead of synthesizing the working tree"),
    out: {
      type: "string",
      value: "<file>",
      description: "where the Markdown report goes (default review-out/review.md)",
    },
    "fail-on-destroy": {
      type: "boolean",
      description: "exit 1 when a stateful resource would be destroyed, replaced or renamed",
    },
    "fail-on-dangerous": {
      type: "boolean",
      description: "exit 1 on any dangerous change (replacements, protections removed, downgrades, shrinks)",
    },
  },
  details: [
    ENVS,
    "Exit 3 on an impossible change (a downgrade or shrink AWS refuses), whatever the flags; 1 on a dangerous change with --fail-on-dangerous (or a stateful destroy with --fail-on-destroy); 2 on bad arguments or a failed synth. Progress goes to stderr.",
  ],
};

export const DIAGRAM: CommandSpec = {
  command: "npm run diagram",
  summary: "write a Mermaid architecture diagram per environment to docs/architecture/",
  options: {
    check: { type: "boolean", description: "write nothing; exit 1 if a committed page differs from the code" },
    from: directory("read this synthesized output instead of synthesizing (e.g. cdktf.out)"),
  },
  details: [ENVS],
};

export const DEPLOY_ORDER: CommandSpec = {
  command: "npm run --silent deploy-order",
  summary: "print the synthesized stack ids, one per line, each after the stacks it reads",
  options: {
    from: directory("the synthesized output (default cdktf.out)"),
    "skip-layer": { type: "string", value: "<layer>", multiple: true, description: "leave out a layer, e.g. addons" },
  },
};

export const BENCH: CommandSpec = {
  command: "npm run bench",
  summary: "synth time against a trivial cdktf app (ratio), npm test time, their trends; peak memory; stack sizes",
  options: {
    runs: { type: "string", value: "<n>", description: "runs to take the median of (default 3)" },
    "skip-cli": { type: "boolean", description: "skip this app's run through the cdktf CLI" },
    "skip-test": { type: "boolean", description: "skip timing npm test (about 30 s)" },
    scale: {
      type: "string",
      value: "<envs>x<services>",
      description: "only synthesize that many environments and services each (e.g. 10x40): time and memory at size",
    },
  },
};

export const ENVIRONMENTS: CommandSpec = {
  command: "npm run --silent environments",
  summary: "the environments from config, one per line; or the stacks they synthesize, or CI's plan matrix",
  options: {
    stacks: { type: "boolean", description: "the stack ids a synth of every environment writes, in deploy order" },
    matrix: { type: "boolean", description: "the CI plan matrix as JSON: environment and runner labels" },
  },
};

export const CAPACITY: CommandSpec = {
  command: "npm run capacity",
  summary: "each environment's capacity table: database connections, scheduling, Kafka connections, headroom",
  options: {
    env: { type: "string", value: "<name>", multiple: true, description: "only this environment (default: every one)" },
    json: { type: "boolean", description: "the rows as JSON instead of tables" },
  },
  details: [
    "Computed from config alone, with the AWS figures of src/capacity/instance-data.ts (sources and dates there).",
    "Exit 1 when a production environment has a capacity problem (its synth fails the same way), 0 otherwise; other environments' problems are warnings. Exit 2 on bad arguments.",
  ],
};

export const COST: CommandSpec = {
  command: "npm run cost",
  summary: "each environment's monthly cost estimate, offline: per stack, at baseline and at max scale, top items",
  options: {
    env: { type: "string", value: "<name>", multiple: true, description: "only this environment (default: every one)" },
    json: { type: "boolean", description: "the estimate as JSON instead of text" },
    from: directory("read this synthesized output instead of synthesizing (e.g. cdktf.out)"),
  },
  details: [
    "Prices from the table in src/cost/prices.ts (source and date per price); traffic volumes from config (`cost`, defaults in src/cost/usage.ts).",
    "What the table cannot price is listed by name and counted in neither figure. Exit 0; 1 on bad configuration or a failed synth; 2 on bad arguments.",
  ],
};

export const FAILOVER: CommandSpec = {
  command: "npm run failover",
  summary:
    "print the failover (or failback) runbook of an environment with a standby: steps, commands, checks, RPO/RTO",
  options: {
    env: { type: "string", value: "<name>", description: "the environment (it must have dr)" },
    to: {
      type: "string",
      value: "<region>",
      description: "the standby region for the failover, the primary region for the failback",
    },
    json: { type: "boolean", description: "the runbook as JSON instead of text" },
    from: directory("read this synthesized output instead of synthesizing (e.g. cdktf.out)"),
  },
  details: [
    "Prints only: nothing calls AWS. The names in the commands come from the environment's synthesized stacks; none needs Terraform state of the lost region.",
    "Exit 0 printed; 1 on bad configuration or a failed synth; 2 on bad arguments, an environment without dr, or another region.",
  ],
};

export const RULES_TABLE: CommandSpec = {
  command: "node --require ts-node/register/transpile-only src/tools/rules-table.ts",
  summary: "print the guardrail rules as the Markdown table README lists",
  options: {},
};

const CDKTF_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "skip-synth": { type: "boolean", description: "use cdktf.out as it is (still preflighted)" },
  "auto-approve": { type: "boolean", description: "apply without asking (cdktf)" },
  parallelism: { type: "string", value: "<n>", description: "stacks at once (cdktf)" },
  "terraform-parallelism": { type: "string", value: "<n>", description: "Terraform's -parallelism (cdktf)" },
  "refresh-only": { type: "boolean", description: "refresh-only planning mode (cdktf)" },
  "outputs-file": { type: "string", value: "<file>", description: "write the stacks' outputs there as JSON (cdktf)" },
  var: { type: "string", value: "<name=value>", multiple: true, description: "an input variable (cdktf)" },
  "var-file": { type: "string", value: "<file>", multiple: true, description: "a variables file (cdktf)" },
  "no-color": { type: "boolean", description: "no terminal colours (cdktf)" },
  "migrate-state": { type: "boolean", description: "approve a state migration after a backend change (cdktf)" },
};

const stackCommand = (verb: "diff" | "deploy" | "destroy", summary: string): CommandSpec => ({
  command: `npm run ${verb}`,
  summary,
  positionals: {
    usage: "<stack id>...",
    description: "the stacks, e.g. prod-network (npm run deploy-order lists them)",
  },
  options: CDKTF_OPTIONS,
  details: [
    "Synthesizes the stacks' environments in-process and runs the preflight first; nothing reaches AWS that the preflight refuses.",
  ],
});

export const DIFF = stackCommand("diff", "cdktf diff of the named stacks, after synth and preflight");
export const DEPLOY = stackCommand("deploy", "cdktf deploy of the named stacks, after synth and preflight");
export const DESTROY = stackCommand("destroy", "cdktf destroy of the named stacks, after synth and preflight");

const terraformCommand = (verb: "validate" | "plan", summary: string): CommandSpec => ({
  command: `npm run ${verb}`,
  summary,
  options: {
    "skip-layer": { type: "string", value: "<layer>", multiple: true, description: "leave out a layer, e.g. addons" },
  },
  details: [ENVS, "Needs a Terraform >= 1.11 binary and the registry; plan also needs AWS credentials."],
});

export const VALIDATE = terraformCommand("validate", "terraform init -backend=false and validate, every stack");
export const PLAN = terraformCommand("plan", "terraform init and a read-only plan, every stack");

/** Every npm script: its description, and the spec of the tools that parse arguments. */
export const SCRIPTS: Readonly<Record<string, { readonly summary: string; readonly spec?: CommandSpec }>> = {
  help: { summary: "list these scripts" },
  build: { summary: "compile src/, constructs/ and stacks/ to dist/ (only what changed); every tool runs it first" },
  synth: { summary: SYNTH.summary, spec: SYNTH },
  test: { summary: "type-check, lint and formatting beside every unit and snapshot test (what CI runs)" },
  "test:update": { summary: "rewrite snapshots after an intended change; review the diff like code" },
  typecheck: { summary: "tsc --noEmit" },
  lint: { summary: "eslint and the Prettier check" },
  format: { summary: "Prettier, writing" },
  bench: { summary: BENCH.summary, spec: BENCH },
  diagram: { summary: DIAGRAM.summary, spec: DIAGRAM },
  review: { summary: REVIEW.summary, spec: REVIEW },
  preflight: { summary: PREFLIGHT.summary, spec: PREFLIGHT },
  "deploy-order": { summary: DEPLOY_ORDER.summary, spec: DEPLOY_ORDER },
  capacity: { summary: CAPACITY.summary, spec: CAPACITY },
  cost: { summary: COST.summary, spec: COST },
  failover: { summary: FAILOVER.summary, spec: FAILOVER },
  environments: { summary: ENVIRONMENTS.summary, spec: ENVIRONMENTS },
  cdktf: { summary: "the project's cdktf CLI, telemetry off; arguments pass through (npm run cdktf -- --help)" },
  "synth:cli": { summary: "cdktf synth through the CLI (what cdktf deploy runs); arguments pass through" },
  diff: { summary: DIFF.summary, spec: DIFF },
  deploy: { summary: DEPLOY.summary, spec: DEPLOY },
  destroy: { summary: DESTROY.summary, spec: DESTROY },
  validate: { summary: VALIDATE.summary, spec: VALIDATE },
  plan: { summary: PLAN.summary, spec: PLAN },
};
