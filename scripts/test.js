// @ts-check
/**
 * `npm test`: the type check, the lint, the format check and every test. The three checks run one after another
 * while jest runs beside them (its workers rarely keep both cores busy to the end), so the whole takes about the
 * time of jest alone instead of the sum. Jest prints as it goes; each check prints its output when it finishes.
 * Exits non-zero when any of the four fails. Arguments go to jest (`npm test -- test/config`).
 *
 *   node scripts/test.js [jest arguments]
 */
const { spawn } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** The checks, in the order they run: each caches what it saw unchanged (tsc incremental, eslint and prettier caches). */
const CHECKS = [
  ["type check", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), ["--cache", "--cache-location", "node_modules/.cache/eslint/", "."]],
  [
    "format check",
    bin("prettier"),
    ["--check", "--cache", "--cache-location", "node_modules/.cache/prettier/.cache", "."],
  ],
];

/** Runs a command, its output captured; resolves with the exit code and the output. */
function captured(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.on("error", (error) => resolve({ code: 1, output: `${error.message}\n` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

async function checks() {
  const failed = [];
  for (const [name, command, args] of CHECKS) {
    const { code, output } = await captured(command, args);
    if (code !== 0) {
      failed.push(name);
      process.stderr.write(`\n${name} failed (${path.basename(command)} ${args.join(" ")}):\n${output}`);
    }
  }
  return failed;
}

function jest(args) {
  return new Promise((resolve) => {
    // A larger young generation: synth allocates many short-lived objects (see package.json's synth script).
    const child = spawn(
      process.execPath,
      ["--max-semi-space-size=32", path.join(ROOT, "node_modules/jest/bin/jest.js"), ...args],
      { cwd: ROOT, stdio: "inherit" },
    );
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function main() {
  const [failedChecks, jestCode] = await Promise.all([checks(), jest(process.argv.slice(2))]);
  const failed = [...failedChecks, ...(jestCode === 0 ? [] : ["tests"])];
  if (failed.length > 0) {
    process.stderr.write(`\nnpm test: ${failed.join(", ")} failed\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write("npm test: type check, lint, format check and tests passed\n");
  }
}

main();
