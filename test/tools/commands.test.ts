import * as fs from "node:fs";
import * as path from "node:path";
import { synthCommand } from "../../src/main";
import { benchCommand } from "../../src/tools/bench";
import { cdktfCommand } from "../../src/tools/cdktf";
import { helpText, usageLine } from "../../src/tools/command-line";
import { SCRIPTS } from "../../src/tools/commands";
import { deployOrderCommand } from "../../src/tools/deploy-order";
import { diagramCommand } from "../../src/tools/diagram";
import { commandsTable, helpCommand } from "../../src/tools/help";
import { normalizeTable } from "../stacks/request-matrix";
import { preflightCommand } from "../../src/tools/preflight";
import { reviewCommand } from "../../src/tools/review";
import { rulesTableCommand } from "../../src/tools/rules-table";
import { terraformCommand } from "../../src/tools/terraform";

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));

/** Each tool's entry point by npm script, with the arguments that select the command. */
const TOOLS: readonly [script: string, run: (argv: string[]) => number, prefix: string[]][] = [
  ["synth", synthCommand, []],
  ["preflight", (argv) => preflightCommand(argv), []],
  ["review", reviewCommand, []],
  ["diagram", diagramCommand, []],
  ["deploy-order", deployOrderCommand, []],
  ["bench", benchCommand, []],
  ["diff", cdktfCommand, ["diff"]],
  ["deploy", cdktfCommand, ["deploy"]],
  ["destroy", cdktfCommand, ["destroy"]],
  ["validate", terraformCommand, ["validate"]],
  ["plan", terraformCommand, ["plan"]],
];

/** Runs `run`, capturing console output. */
function capture(run: () => number): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((text) => void out.push(String(text)));
  const error = jest.spyOn(console, "error").mockImplementation((text) => void err.push(String(text)));
  try {
    return { code: run(), out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("the command line", () => {
  test("every npm script is described, and nothing else", () => {
    expect(Object.keys(SCRIPTS).sort()).toEqual(Object.keys(packageJson.scripts).sort());
    expect(Object.values(SCRIPTS).every((entry) => entry.summary.length > 10)).toBe(true);
  });

  test("npm run help lists every script with what it does, and one script's help on request", () => {
    const lines: string[] = [];
    expect(helpCommand([], (line) => lines.push(line))).toBe(0);
    for (const [name, entry] of Object.entries(SCRIPTS)) {
      expect(lines.some((line) => line.startsWith(`  ${name} `) && line.endsWith(`  ${entry.summary}`))).toBe(true);
    }
    const review: string[] = [];
    expect(helpCommand(["review"], (line) => review.push(line))).toBe(0);
    expect(review.join("\n")).toBe(helpText(SCRIPTS.review.spec!));
    expect(helpCommand(["nope"], () => undefined)).toBe(2);
  });

  test.each(TOOLS)("npm run %s -- --help describes it and runs nothing", (script, run, prefix) => {
    const result = capture(() => run([...prefix, "--help"]));
    expect(result).toEqual({ code: 0, out: helpText(SCRIPTS[script].spec!), err: "" });
  });

  test.each(TOOLS)("npm run %s refuses an unknown option with its usage line", (script, run, prefix) => {
    const result = capture(() => run([...prefix, "--frobnicate"]));
    expect(result.code).toBe(2);
    expect(result.err).toContain("Unknown option '--frobnicate'");
    expect(result.err).toContain(usageLine(SCRIPTS[script].spec!));
    expect(result.out).toBe("");
  });

  test("README's command table is the scripts' descriptions", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(normalizeTable(readme)).toContain(normalizeTable(commandsTable()));
  });

  test("the rules table takes no options", () => {
    expect(capture(() => rulesTableCommand(["--all"])).code).toBe(2);
  });

  test("a deploy needs stack ids; options reach the cdktf CLI as given", () => {
    const result = capture(() => cdktfCommand(["deploy", "--auto-approve"]));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^npm run deploy: name the stacks, e\.g\. prod-network/);
  });
});
