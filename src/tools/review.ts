import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENVIRONMENT_SELECTOR } from "../config/load";
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

/** The merge base of HEAD with main (or origin/main): what a pull request would merge into. */
function defaultBase(root: string): string {
  for (const candidate of ["main", "origin/main"]) {
    const run = spawnSync("git", ["merge-base", "HEAD", candidate], { cwd: root, encoding: "utf8" });
    if (run.status === 0) {
      return run.stdout.trim();
    }
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

/** Runs the review; returns the exit code (1: dangerous changes with --fail-on-destroy). Throws a UsageError. */
export function runReview(argv: readonly string[]): number {
  const options = parseArguments(argv);
  if (options === undefined) {
    console.log(helpText(REVIEW));
    return 0;
  }
  const root = process.cwd();
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-review-"));
  try {
    let baseDir = options.baseDir;
    let baseLabel = options.baseDir ? `the synthesized tree in ${options.baseDir}` : "";
    if (!baseDir) {
      const ref = options.base;
      const sha = git(["rev-parse", "--verify", `${ref ?? defaultBase(root)}^{commit}`], root);
      baseLabel =
        ref && sha.startsWith(ref) ? sha.slice(0, 7) : `${ref ?? "the merge base with main"} (${sha.slice(0, 7)})`;
      baseDir = synthesizeRef(root, sha, workdir);
    }
    let headDir = options.headDir;
    let headLabel = options.headDir ? `the synthesized tree in ${options.headDir}` : "";
    if (!headDir) {
      headDir = path.join(workdir, "head-out");
      synthesize(root, headDir, "the working tree");
      const head = git(["rev-parse", "--short=7", "HEAD"], root);
      const dirty = git(["status", "--porcelain"], root) !== "";
      headLabel = `the working tree (HEAD ${head}${dirty ? " with uncommitted changes" : ""})`;
    }
    const selection = process.env[ENVIRONMENT_SELECTOR];
    if (selection) {
      headLabel += `, ${ENVIRONMENT_SELECTOR}=${selection}`;
    }

    const review = reviewTrees(readSynthesizedTree(baseDir), readSynthesizedTree(headDir));
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, renderReport(review, { base: baseLabel, head: headLabel }));

    console.log(summaryLine(review));
    for (const change of review.dangerous) {
      console.log(`  ${change.danger?.action} ${change.stackId} ${change.address}: ${change.danger?.reason}`);
    }
    console.log(`report: ${options.out}`);
    if (options.failOnDestroy && review.dangerous.length > 0) {
      console.error(
        `--fail-on-destroy: ${review.dangerous.length} stateful resource(s) would be destroyed, replaced or renamed`,
      );
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
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
