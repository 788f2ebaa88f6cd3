import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, ENVIRONMENT_SELECTOR, loadEnvironments } from "../config/load";
import { changed, costChanges, type EnvironmentCostChange } from "../cost/change";
import { signedUsd } from "../cost/report";
import { type CostUsage, DEFAULT_USAGE, usageOf } from "../cost/usage";
import { reviewTrees } from "../review/diff";
import { renderReport, summaryLine } from "../review/report";
import { readSynthesizedTree } from "../review/synthesized";
import { helpText, parseCommandLine, UsageError, usageLine } from "./command-line";
import { REVIEW } from "./commands";

export { UsageError } from "./command-line";

/**
 * The offline plan preview for reviewers:
 *
 *   npm run review [-- --base <git ref>] [--out <file>] [--fail-on-destroy]
 *   npm run review -- --base-dir <cdktf.out of the base> [--head-dir <cdktf.out>] ...
 *
 * Synthesizes the working tree and the base ref (default: the merge base with main) in a temporary git worktree,
 * compares the two trees and writes a Markdown report (default `review-out/review.md`); prints the summary line and
 * the dangerous changes. With `--fail-on-destroy` it exits 1 when a stateful resource would be destroyed, renamed or
 * replaced. PLATFORM_ENVS limits both synths to some environments. Needs no network, credentials or Terraform.
 */

/** The exit code of a review with a change AWS refuses, whatever the flags: no label or flag lets it through. */
export const IMPOSSIBLE_EXIT_CODE = 3;

interface Options {
  readonly base?: string;
  readonly baseDir?: string;
  readonly headDir?: string;
  readonly out: string;
  readonly failOnDestroy: boolean;
  readonly failOnDangerous: boolean;
}

/** The review's options from its command line (`commands.ts` REVIEW); throws a UsageError. */
export function parseArguments(argv: readonly string[]): Options | undefined {
  const parsed = parseCommandLine(REVIEW, argv);
  if (parsed.help) {
    return undefined;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.base !== undefined && values["base-dir"] !== undefined) {
    throw new UsageError(`--base and --base-dir exclude each other; ${usageLine(REVIEW)}`);
  }
  return {
    base: values.base as string | undefined,
    baseDir: values["base-dir"] as string | undefined,
    headDir: values["head-dir"] as string | undefined,
    out: (values.out as string | undefined) ?? path.join("review-out", "review.md"),
    failOnDestroy: values["fail-on-destroy"] === true,
    failOnDangerous: values["fail-on-dangerous"] === true,
  };
}

function git(args: readonly string[], cwd: string): string {
  const run = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (run.status !== 0) {
    throw new UsageError(`git ${args.join(" ")} failed: ${(run.stderr || run.stdout).trim()}`);
  }
  return run.stdout.trim();
}

/**
 * The base when none is given: the merge base of HEAD with main (or origin/main), what a pull request would merge
 * into. On main itself that is HEAD: then the uncommitted changes are reviewed against HEAD, or, with none, HEAD's
 * own change against its parent (a review of HEAD against itself would show nothing).
 */
export function defaultBase(root: string, dirty: boolean): { sha: string; label: string } {
  const head = git(["rev-parse", "HEAD"], root);
  for (const candidate of ["main", "origin/main"]) {
    const run = spawnSync("git", ["merge-base", "HEAD", candidate], { cwd: root, encoding: "utf8" });
    if (run.status !== 0) {
      continue;
    }
    const sha = run.stdout.trim();
    if (sha !== head || dirty) {
      return { sha, label: `the merge base with ${candidate} (${sha.slice(0, 7)})` };
    }
    const parent = spawnSync("git", ["rev-parse", "--verify", "HEAD^"], { cwd: root, encoding: "utf8" });
    if (parent.status !== 0) {
      throw new UsageError("HEAD is main's first commit and nothing is uncommitted: there is nothing to compare with");
    }
    const before = parent.stdout.trim();
    return { sha: before, label: `HEAD's parent (${before.slice(0, 7)}): HEAD is on ${candidate}, so its own change` };
  }
  throw new UsageError("no merge base with main or origin/main; pass --base <git ref>");
}

/** Runs the app (`src/main.ts`) of the tree at `cwd` into `outdir`. */
function synthesize(cwd: string, outdir: string, label: string): void {
  const run = spawnSync(process.execPath, ["--require", "ts-node/register/transpile-only", "src/main.ts"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (run.status !== 0) {
    throw new UsageError(`synth of ${label} failed:\n${run.stdout}${run.stderr}`);
  }
}

/** Synthesizes `ref` in a temporary worktree that borrows this checkout's node_modules. */
function synthesizeRef(root: string, sha: string, workdir: string): string {
  const tree = path.join(workdir, "base-tree");
  const outdir = path.join(workdir, "base-out");
  git(["worktree", "add", "--detach", "--quiet", tree, sha], root);
  try {
    fs.symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"), "dir");
    synthesize(tree, outdir, `base ${sha.slice(0, 7)}`);
  } finally {
    git(["worktree", "remove", "--force", tree], root);
  }
  return outdir;
}

/**
 * Runs the review; returns the exit code: 3 on an impossible change; 1 on a dangerous one with --fail-on-dangerous,
 * or a stateful destroy, replacement or rename with --fail-on-destroy; else 0. Progress goes to stderr. Throws a
 * UsageError.
 */
export function runReview(
  argv: readonly string[],
  progress: (line: string) => void = (line) => console.error(line),
): number {
  const options = parseArguments(argv);
  if (options === undefined) {
    console.log(helpText(REVIEW));
    return 0;
  }
  const root = process.cwd();
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-review-"));
  try {
    const inGit = !options.baseDir || !options.headDir;
    const dirty = inGit && git(["status", "--porcelain"], root) !== "";
    let baseDir = options.baseDir;
    let baseLabel = options.baseDir ? `the synthesized tree in ${options.baseDir}` : "";
    if (!baseDir) {
      const ref = options.base;
      const chosen = ref === undefined ? defaultBase(root, dirty) : undefined;
      const sha = git(["rev-parse", "--verify", `${ref ?? chosen!.sha}^{commit}`], root);
      baseLabel = chosen?.label ?? (sha.startsWith(ref!) ? sha.slice(0, 7) : `${ref} (${sha.slice(0, 7)})`);
      progress(`review: synthesizing the base, ${baseLabel} …`);
      baseDir = synthesizeRef(root, sha, workdir);
    }
    let headDir = options.headDir;
    let headLabel = options.headDir ? `the synthesized tree in ${options.headDir}` : "";
    if (!headDir) {
      headDir = path.join(workdir, "head-out");
      const head = git(["rev-parse", "--short=7", "HEAD"], root);
      headLabel = `the working tree (HEAD ${head}${dirty ? " with uncommitted changes" : ""})`;
      progress(`review: synthesizing ${headLabel} …`);
      synthesize(root, headDir, "the working tree");
    }
    const selection = process.env[ENVIRONMENT_SELECTOR];
    if (selection) {
      headLabel += `, ${ENVIRONMENT_SELECTOR}=${selection}`;
    }

    progress("review: comparing …");
    const baseTree = readSynthesizedTree(baseDir);
    const headTree = readSynthesizedTree(headDir);
    const review = reviewTrees(baseTree, headTree);
    const costs = costChanges(baseTree.stacks, headTree.stacks, { usage: workingTreeUsage() });
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, renderReport(review, { base: baseLabel, head: headLabel }, costs));

    console.log(summaryLine(review));
    console.log(costLine(costs));
    for (const change of review.dangerous) {
      for (const finding of change.findings.filter((candidate) => candidate.verdict === change.verdict)) {
        console.log(`  ${change.verdict} ${finding.action} ${change.stackId} ${change.address}: ${finding.reason}`);
      }
    }
    console.log(`report: ${options.out}`);
    if (review.impossible.length > 0) {
      console.error(
        `${review.impossible.length} change(s) AWS refuses: the apply would stop half-way (see the report)`,
      );
      return IMPOSSIBLE_EXIT_CODE;
    }
    if (options.failOnDangerous && review.dangerous.length > 0) {
      console.error(`--fail-on-dangerous: ${review.dangerous.length} dangerous change(s)`);
      return 1;
    }
    const stateful = review.dangerous.filter((change) =>
      change.findings.some(
        (finding) => finding.verdict === "dangerous" && ["destroy", "replace", "rename"].includes(finding.action),
      ),
    );
    if (options.failOnDestroy && stateful.length > 0) {
      console.error(
        `--fail-on-destroy: ${stateful.length} stateful resource(s) would be destroyed, replaced or renamed`,
      );
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
}

/**
 * The usage volumes of the working tree's config for both sides of the cost comparison (so that only what the
 * stacks deploy moves the figures); the defaults when the config does not load.
 */
function workingTreeUsage(): (environment: string) => CostUsage {
  try {
    const configs = loadEnvironments();
    return (environment) => usageOf(configs.find((config) => config.environment === environment));
  } catch (error) {
    if (error instanceof ConfigError) {
      return () => DEFAULT_USAGE;
    }
    throw error;
  }
}

/** `cost: prod +$183.96 a month at baseline, +$183.96 at max; staging no change`. */
export function costLine(costs: readonly EnvironmentCostChange[]): string {
  const parts = costs.map((cost) =>
    changed(cost.delta)
      ? `${cost.environment} ${signedUsd(cost.delta.baseline)} a month at baseline, ${signedUsd(cost.delta.max)} at max`
      : `${cost.environment} no change`,
  );
  return `cost: ${parts.length > 0 ? parts.join("; ") : "no environment"}`;
}

/** `npm run review`: the exit code; bad arguments or a failed git or synth step print why and return 2. */
export function reviewCommand(argv: readonly string[]): number {
  try {
    return runReview(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = reviewCommand(process.argv.slice(2));
}
