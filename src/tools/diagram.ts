import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, ENVIRONMENT_SELECTOR, selectEnvironments } from "../config/load";
import { environments as knownEnvironments } from "../config/environments";
import { type DocumentFile, INDEX_PAGE, architectureDocs, environmentPage } from "../diagram/docs";
import { readSynthesizedEnvironments } from "../diagram/outdir";
import type { SynthesizedEnvironment } from "../diagram/types";
import { GuardrailError, PreflightError } from "../errors";
import { PROJECT_ROOT } from "../root";
import { useFastStackTraces } from "../runtime";
import { synthesizePlatform } from "../synth";
import { runCommand, UsageError } from "./command-line";
import { DIAGRAM } from "./commands";

/**
 * `npm run diagram [-- --from <dir>] [-- --check]`: a Mermaid architecture diagram per environment, generated from the
 * synthesized stacks, written to docs/architecture/<env>.md with an index (docs/architecture/README.md).
 *
 * - By default it synthesizes into a temporary directory (PLATFORM_ENVS selects environments, as for synth);
 *   `--from <dir>` reads an existing output directory instead (`--from cdktf.out` after `npm run synth`).
 * - `--check` writes nothing and exits 1 naming every page that differs from what would be generated (and pages
 *   of environments that no longer exist): CI runs it so that the committed diagrams cannot drift from the code.
 */

const ROOT = PROJECT_ROOT;
const DOCS_DIR = path.join(ROOT, "docs", "architecture");

/** A standby's stacks carry `<env>-<region code>` (stacks/standby.ts): drawn on a page of their own after `<env>`'s. */
const isStandbyOf = (candidate: string, environment: string): boolean =>
  new RegExp(`^${environment}-[a-z]+\\d+$`).test(candidate);

/** The environments to draw: read from `from`, or synthesized into a temporary directory. */
function loadEnvironments(from: string | undefined, selected: readonly string[]): SynthesizedEnvironment[] {
  const inSelectionOrder = (environments: readonly SynthesizedEnvironment[]) =>
    selected.flatMap((name) =>
      environments.filter(({ environment }) => environment === name || isStandbyOf(environment, name)),
    );
  if (from !== undefined) {
    if (!fs.existsSync(path.join(from, "manifest.json"))) {
      throw new UsageError(
        `--from ${from}: no manifest.json there; run \`npm run synth\` first or name another directory`,
      );
    }
    return inSelectionOrder(readSynthesizedEnvironments(path.resolve(from)));
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-diagram-"));
  try {
    synthesizePlatform({ outdir: scratch, selection: selected.join(",") });
    return inSelectionOrder(readSynthesizedEnvironments(scratch));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Where two texts first differ, for the check's message. */
function firstDifferentLine(expected: string, actual: string): number {
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const index = expectedLines.findIndex((line, position) => line !== actualLines[position]);
  return (index >= 0 ? index : expectedLines.length) + 1;
}

/** Pages in the docs folder for environments that no longer exist. */
function orphanedPages(known: readonly string[]): string[] {
  if (!fs.existsSync(DOCS_DIR)) {
    return [];
  }
  return fs
    .readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith(".md") && name !== INDEX_PAGE && !known.includes(name.slice(0, -3)))
    .sort();
}

function check(files: readonly DocumentFile[], orphans: readonly string[]): number {
  const problems: string[] = [];
  for (const file of files) {
    const target = path.join(DOCS_DIR, file.name);
    const shown = path.relative(ROOT, target);
    if (!fs.existsSync(target)) {
      problems.push(`${shown} is missing`);
      continue;
    }
    const current = fs.readFileSync(target, "utf8");
    if (current !== file.content) {
      problems.push(
        `${shown} is stale: it differs from the synthesized stacks from line ${firstDifferentLine(file.content, current)}`,
      );
    } else {
      console.log(`${shown} is up to date (${file.summary})`);
    }
  }
  orphans.forEach((name) => problems.push(`${path.relative(ROOT, path.join(DOCS_DIR, name))} names no environment`));
  if (problems.length === 0) {
    return 0;
  }
  problems.forEach((problem) => console.error(problem));
  console.error("The architecture diagrams are out of date: run `npm run diagram` and commit docs/architecture.");
  return 1;
}

function write(files: readonly DocumentFile[], orphans: readonly string[]): number {
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  for (const file of files) {
    const target = path.join(DOCS_DIR, file.name);
    const unchanged = fs.existsSync(target) && fs.readFileSync(target, "utf8") === file.content;
    if (!unchanged) {
      fs.writeFileSync(target, file.content);
    }
    console.log(`${path.relative(ROOT, target)} ${unchanged ? "unchanged" : "written"} (${file.summary})`);
  }
  for (const name of orphans) {
    fs.rmSync(path.join(DOCS_DIR, name));
    console.log(`${path.relative(ROOT, path.join(DOCS_DIR, name))} removed: it names no environment`);
  }
  return 0;
}

function main(options: { readonly check: boolean; readonly from?: string }): number {
  useFastStackTraces();
  try {
    const selected = selectEnvironments(process.env[ENVIRONMENT_SELECTOR]);
    const environments = loadEnvironments(options.from, selected);
    // The registered environments, each followed by its standby, if it has one.
    const known = Object.keys(knownEnvironments).flatMap((name) => [
      name,
      ...environments.map(({ environment }) => environment).filter((environment) => isStandbyOf(environment, name)),
    ]);
    if (environments.length === 0) {
      console.error(`No environment to draw: ${options.from ?? "the synthesis"} holds none of ${selected.join(", ")}`);
      return 1;
    }
    const orphans = orphanedPages([...known, ...environments.map(({ environment }) => environment)]);
    if (!options.check) {
      return write(architectureDocs(environments, known), orphans);
    }
    // A new environment file has no page yet: the check covers the pages that exist (and the index linking them),
    // and names the environments `npm run diagram` would add.
    const drawn = (name: string) => fs.existsSync(path.join(DOCS_DIR, environmentPage(name)));
    for (const name of known.filter((environment) => !drawn(environment))) {
      console.log(
        `${name} has no diagram yet: \`npm run diagram\` draws it (docs/architecture/${environmentPage(name)})`,
      );
    }
    return check(
      architectureDocs(
        environments.filter(({ environment }) => drawn(environment)),
        known.filter(drawn),
      ),
      orphans,
    );
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof PreflightError) {
      console.error(error.message);
      console.error("Nothing was drawn.");
      return 1;
    }
    throw error;
  }
}

export function diagramCommand(argv: readonly string[]): number {
  return runCommand(DIAGRAM, argv, (values) =>
    main({ check: values.check === true, from: values.from as string | undefined }),
  );
}

if (require.main === module) {
  process.exitCode = diagramCommand(process.argv.slice(2));
}
