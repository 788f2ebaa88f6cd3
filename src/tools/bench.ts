import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { PROJECT_ROOT } from "../root";
import { useFastStackTraces } from "../runtime";
import { synthesizePlatform } from "../synth";
import { type OptionValues, runCommand, UsageError } from "./command-line";
import { BENCH } from "./commands";

/**
 * `npm run bench [-- --runs 3] [--skip-cli] [--skip-test] [--scale 10x40]`: times a synth of every environment
 * in-process and as `npm run synth` (a fresh process), side by side with a trivial app made as `cdktf init` makes it
 * through `cdktf synth` (the ratio, target <= 0.4), and `npm test`, each with its trend over earlier runs
 * (bench-results/history.jsonl); peak memory; the size of every stack. `--scale` instead synthesizes that many
 * environments and services per environment in a fresh process (time and peak memory at size). A benchmark, not a
 * test: numbers vary with the machine; nothing here passes or fails. Its temporary files go in one folder, removed.
 */

const ROOT = PROJECT_ROOT;
const TIME_BINARY = "/usr/bin/time";

interface Measurement {
  readonly label: string;
  readonly millis: number;
  /** Peak resident memory in MiB, when it could be measured. */
  readonly peakMiB?: number;
}

interface BenchOptions {
  readonly runs: number;
  readonly skipCli: boolean;
  readonly skipTest: boolean;
  /** Environments and services per environment of the scale run, or none. */
  readonly scale?: { readonly environments: number; readonly services: number };
}

function benchOptions(values: OptionValues): BenchOptions {
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new UsageError(`--runs: ${String(values.runs)} is not allowed; expected a whole number, at least 1`);
  }
  const scale = values.scale === undefined ? undefined : /^(\d+)x(\d+)$/.exec(String(values.scale));
  if (values.scale !== undefined && (!scale || Number(scale[1]) < 1 || Number(scale[2]) < 4)) {
    throw new UsageError(
      `--scale: ${String(values.scale)} is not allowed; expected <environments>x<services>, e.g. 10x40 (services: 4 or more, the catalog's first)`,
    );
  }
  return {
    runs,
    skipCli: values["skip-cli"] === true,
    skipTest: values["skip-test"] === true,
    scale: scale ? { environments: Number(scale[1]), services: Number(scale[2]) } : undefined,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs a command in a fresh process; peak memory comes from GNU time when the machine has it. */
function timeCommand(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string = ROOT,
): Measurement {
  const useTime = fs.existsSync(TIME_BINARY);
  const start = performance.now();
  const result = useTime
    ? spawnSync(TIME_BINARY, ["-f", "peak-kib=%M", command, ...args], { cwd, env, encoding: "utf8" })
    : spawnSync(command, args, { cwd, env, encoding: "utf8" });
  const millis = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status}):\n${result.stderr}`);
  }
  const peak = /peak-kib=(\d+)/.exec(result.stderr ?? "");
  return { label, millis, peakMiB: peak ? Number(peak[1]) / 1024 : undefined };
}

interface StackSize {
  readonly stack: string;
  readonly resources: number;
  readonly dataSources: number;
  readonly outputs: number;
  readonly bytes: number;
}

function stackSizes(outdir: string): StackSize[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const count = (blocks: Record<string, Record<string, unknown>> | undefined) =>
    Object.values(blocks ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  return Object.entries(manifest.stacks).map(([stack, entry]) => {
    const text = fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8");
    const json = JSON.parse(text) as Record<string, Record<string, Record<string, unknown>> | undefined>;
    return {
      stack,
      resources: count(json.resource),
      dataSources: count(json.data),
      outputs: Object.keys(json.output ?? {}).length,
      bytes: Buffer.byteLength(text),
    };
  });
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ");
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

const formatMillis = (millis: number) =>
  millis >= 1000 ? `${(millis / 1000).toFixed(2)} s` : `${Math.round(millis)} ms`;
const formatMiB = (mib: number | undefined) => (mib === undefined ? "n/a" : `${Math.round(mib)} MiB`);

/** A one-resource app as `cdktf init --template=typescript` lays it out: main.ts, cdktf.json (`npx ts-node main.ts`). */
function trivialApp(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(
    path.join(dir, "main.ts"),
    [
      'import { Construct } from "constructs";',
      'import { App, TerraformStack } from "cdktf";',
      'import { AwsProvider } from "@cdktf/provider-aws/lib/provider";',
      'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";',
      "",
      "class MyStack extends TerraformStack {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      '    new AwsProvider(this, "aws", { region: "eu-west-1" });',
      '    new S3Bucket(this, "bucket", { bucket: "trivial-bucket" });',
      "  }",
      "}",
      "",
      "const app = new App();",
      'new MyStack(app, "trivial");',
      "app.synth();",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(dir, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: "npx ts-node main.ts",
      projectId: "trivial",
      sendCrashReports: "false",
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }),
  );
  // cdktf init's tsconfig (the options that matter for ts-node's type-checking compile).
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        alwaysStrict: true,
        declaration: true,
        experimentalDecorators: true,
        inlineSourceMap: true,
        inlineSources: true,
        lib: ["es2018"],
        module: "CommonJS",
        noEmitOnError: true,
        noImplicitAny: true,
        strict: true,
        target: "ES2018",
        incremental: true,
        skipLibCheck: true,
      },
      include: ["**/*.ts"],
      exclude: ["node_modules", "cdktf.out"],
    }),
  );
}

interface History {
  readonly date: string;
  readonly npmTestMillis?: number;
  readonly synthMillis: number;
  readonly trivialMillis: number;
}

const HISTORY = path.join(ROOT, "bench-results", "history.jsonl");

function readHistory(): History[] {
  return fs.existsSync(HISTORY)
    ? fs
        .readFileSync(HISTORY, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as History)
    : [];
}

/** `12.3 s (last 13.1 s, median of 5 before 12.8 s)`. */
function trend(now: number, before: readonly (number | undefined)[]): string {
  const known = before.filter((value): value is number => value !== undefined).slice(-5);
  if (known.length === 0) {
    return formatMillis(now);
  }
  return `${formatMillis(now)} (last ${formatMillis(known[known.length - 1])}, median of ${known.length} before ${formatMillis(median(known))})`;
}

function main(values: OptionValues): number {
  const { runs, skipCli, skipTest, scale } = benchOptions(values);
  useFastStackTraces();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-"));
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    DISABLE_VERSION_CHECK: "1",
    CI: "1",
    // Whatever the tools write to the temp folder lands in the scratch folder, removed at the end.
    TMPDIR: scratch,
  };
  try {
    if (scale) {
      const measurement = timeCommand(
        `synth of ${scale.environments} environments x ${scale.services} services (fresh process)`,
        process.execPath,
        [
          path.join(ROOT, "dist/src/tools/bench-scale.js"),
          String(scale.environments),
          String(scale.services - 4),
          path.join(scratch, "scale"),
        ],
        env,
      );
      const resources = stackSizes(path.join(scratch, "scale")).reduce((sum, size) => sum + size.resources, 0);
      console.log(
        table(
          ["measure", "resources", "wall time", "peak memory"],
          [[measurement.label, String(resources), formatMillis(measurement.millis), formatMiB(measurement.peakMiB)]],
        ),
      );
      return 0;
    }

    // In-process: the first run includes the lazy work of a cold process (JIT, first provider class use); the
    // median of the following runs is the steady cost of defining and synthesizing every stack.
    const timings: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const start = performance.now();
      synthesizePlatform({ outdir: path.join(scratch, `in-process-${run}`) });
      timings.push(performance.now() - start);
    }
    const inProcessPeak = process.resourceUsage().maxRSS / 1024;

    // `npm run synth` (build check, then the compiled app) against a trivial app through `cdktf synth`, side by
    // side: alternating runs, so that both see the same machine.
    trivialApp(path.join(scratch, "trivial"));
    const synthRuns: Measurement[] = [];
    const trivialRuns: Measurement[] = [];
    for (let run = 0; run < runs; run++) {
      synthRuns.push(
        timeCommand("npm run synth", "sh", ["-c", synthScript()], {
          ...env,
          CDKTF_OUTDIR: path.join(scratch, `process-${run}`),
        }),
      );
      trivialRuns.push(
        timeCommand(
          "trivial app: cdktf synth",
          path.join(ROOT, "node_modules/.bin/cdktf"),
          ["synth"],
          env,
          path.join(scratch, "trivial"),
        ),
      );
    }
    const synthMillis = median(synthRuns.map((m) => m.millis));
    const trivialMillis = median(trivialRuns.map((m) => m.millis));
    const measurements: Measurement[] = [
      { label: "in-process synth, first run", millis: timings[0], peakMiB: inProcessPeak },
      { label: `in-process synth, median of ${runs} more`, millis: median(timings.slice(1)) },
      {
        label: `npm run synth, median of ${runs}`,
        millis: synthMillis,
        peakMiB: Math.max(...synthRuns.map((m) => m.peakMiB ?? 0)),
      },
      {
        label: `trivial cdktf app: cdktf synth, median of ${runs}`,
        millis: trivialMillis,
        peakMiB: trivialRuns[0].peakMiB,
      },
    ];
    if (!skipCli) {
      measurements.push(
        timeCommand(
          "this app through the cdktf CLI (cdktf synth)",
          path.join(ROOT, "node_modules/.bin/cdktf"),
          ["synth", "--output", path.join(scratch, "cli")],
          env,
        ),
      );
    }
    let npmTestMillis: number | undefined;
    if (!skipTest) {
      npmTestMillis = timeCommand("npm test", "npm", ["test", "--silent"], env).millis;
    }

    const sizes = stackSizes(path.join(scratch, "in-process-0"));
    const history = readHistory();
    console.log(
      `Synth benchmark: ${sizes.length} stacks, ${sizes.reduce((sum, size) => sum + size.resources, 0)} resources, Node ${process.version}, ${os.cpus().length} cores, ${os.platform()}-${os.arch()}\n`,
    );
    console.log(
      table(
        ["measure", "wall time", "peak memory"],
        measurements.map((m) => [m.label, formatMillis(m.millis), formatMiB(m.peakMiB)]),
      ),
    );
    console.log("");
    const ratio = synthMillis / trivialMillis;
    console.log(
      `synth ratio: npm run synth / trivial cdktf synth = ${ratio.toFixed(2)} (target <= 0.40: ${ratio <= 0.4 ? "met" : "not met"})`,
    );
    console.log(
      `npm run synth: ${trend(
        synthMillis,
        history.map((entry) => entry.synthMillis),
      )}`,
    );
    if (npmTestMillis !== undefined) {
      console.log(
        `npm test: ${trend(
          npmTestMillis,
          history.map((entry) => entry.npmTestMillis),
        )} (target <= 30 s: ${npmTestMillis <= 30_000 ? "met" : "not met"})`,
      );
    }
    console.log("");
    console.log(
      table(
        ["stack", "resources", "data sources", "outputs", "JSON size"],
        [
          ...sizes.map((s) => [
            s.stack,
            String(s.resources),
            String(s.dataSources),
            String(s.outputs),
            `${Math.round(s.bytes / 1024)} KiB`,
          ]),
          [
            "total",
            String(sizes.reduce((sum, s) => sum + s.resources, 0)),
            String(sizes.reduce((sum, s) => sum + s.dataSources, 0)),
            String(sizes.reduce((sum, s) => sum + s.outputs, 0)),
            `${Math.round(sizes.reduce((sum, s) => sum + s.bytes, 0) / 1024)} KiB`,
          ],
        ],
      ),
    );
    fs.mkdirSync(path.dirname(HISTORY), { recursive: true });
    fs.appendFileSync(
      HISTORY,
      `${JSON.stringify({ date: new Date().toISOString(), npmTestMillis, synthMillis, trivialMillis } satisfies History)}\n`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

export function benchCommand(argv: readonly string[]): number {
  return runCommand(BENCH, argv, main);
}

if (require.main === module) {
  process.exitCode = benchCommand(process.argv.slice(2));
}

/** The `synth` script of package.json, run as npm runs it (without npm's own start-up). */
function synthScript(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return manifest.scripts.synth;
}
