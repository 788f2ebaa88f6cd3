import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { useFastStackTraces } from "../runtime";
import { synthesizePlatform } from "../synth";
import { type OptionValues, runCommand, UsageError } from "./command-line";
import { BENCH } from "./commands";

/**
 * `npm run bench [-- --runs 5] [-- --skip-cli]`: times a full synth of every environment in-process, as a fresh
 * process (what `npm run synth` costs) and through the cdktf CLI, reports peak memory and the size of every stack.
 * A benchmark, not a test: numbers vary with the machine; nothing here passes or fails.
 */

const ROOT = path.resolve(__dirname, "../..");
const TIME_BINARY = "/usr/bin/time";

interface Measurement {
  readonly label: string;
  readonly millis: number;
  /** Peak resident memory in MiB, when it could be measured. */
  readonly peakMiB?: number;
}

function benchOptions(values: OptionValues): { runs: number; skipCli: boolean } {
  const runs = values.runs === undefined ? 5 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new UsageError(`--runs: ${String(values.runs)} is not allowed; expected a whole number, at least 1`);
  }
  return { runs, skipCli: values["skip-cli"] === true };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs a command in a fresh process; peak memory comes from GNU time when the machine has it. */
function timeCommand(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv): Measurement {
  const useTime = fs.existsSync(TIME_BINARY);
  const start = performance.now();
  const result = useTime
    ? spawnSync(TIME_BINARY, ["-f", "peak-kib=%M", command, ...args], { cwd: ROOT, env, encoding: "utf8" })
    : spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8" });
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

function main(values: OptionValues): number {
  const { runs, skipCli } = benchOptions(values);
  useFastStackTraces();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-"));
  try {
    // In-process: the first run includes the lazy work of a cold process (JIT, first provider class use); the
    // median of the following runs is the steady cost of defining and synthesizing every stack.
    const timings: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const start = performance.now();
      synthesizePlatform({ outdir: path.join(scratch, `in-process-${run}`) });
      timings.push(performance.now() - start);
    }
    const inProcessPeak = process.resourceUsage().maxRSS / 1024;
    const measurements: Measurement[] = [
      { label: "in-process synth, first run", millis: timings[0], peakMiB: inProcessPeak },
      { label: `in-process synth, median of ${runs} more`, millis: median(timings.slice(1)) },
    ];

    const env = { ...process.env, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1", CI: "1" };
    measurements.push(
      timeCommand(
        "fresh process (npm run synth)",
        process.execPath,
        ["--require", "ts-node/register/transpile-only", "src/main.ts"],
        { ...env, CDKTF_OUTDIR: path.join(scratch, "process") },
      ),
    );
    if (!skipCli) {
      measurements.push(
        timeCommand(
          "cdktf CLI (cdktf synth)",
          path.join(ROOT, "node_modules/.bin/cdktf"),
          ["synth", "--output", path.join(scratch, "cli")],
          env,
        ),
      );
    }

    const sizes = stackSizes(path.join(scratch, "in-process-0"));
    console.log(
      `Synth benchmark: ${sizes.length} stacks, Node ${process.version}, ${os.cpus().length} cores, ${os.platform()}-${os.arch()}\n`,
    );
    console.log(
      table(
        ["measure", "wall time", "peak memory"],
        measurements.map((m) => [m.label, formatMillis(m.millis), formatMiB(m.peakMiB)]),
      ),
    );
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
