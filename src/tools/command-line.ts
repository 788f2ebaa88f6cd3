import { parseArgs } from "node:util";

/**
 * The command line of every tool: one description per command (`CommandSpec`) gives its usage line, its `--help`
 * text and a strict parser (Node's `util.parseArgs`) that refuses unknown options with the usage line. `--help` (or
 * `-h`) prints the help and runs nothing.
 */

/** One option: a flag (`boolean`) or an option with a value (`string`, repeatable with `multiple`). */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** The value's placeholder in the usage line: `<git ref>`. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly description: string;
}

export interface CommandSpec {
  /** How people run it: `npm run review`. */
  readonly command: string;
  /** One line: what it does. */
  readonly summary: string;
  /** Positional arguments, as the usage line shows them: `<stack id>...`; none when absent. */
  readonly positionals?: { readonly usage: string; readonly description: string };
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** More paragraphs for `--help`: defaults, exit codes, environment variables. */
  readonly details?: readonly string[];
}

/** Bad arguments: the caller prints the message (which ends with the usage line) and exits 2. */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** The usage line: `usage: npm run review -- [--base <git ref>] [--out <file>] [--fail-on-destroy]`. */
export function usageLine(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, option]) => {
    const text = option.type === "string" ? `--${name} ${option.value ?? "<value>"}` : `--${name}`;
    return option.multiple ? `[${text} ...]` : `[${text}]`;
  });
  const rest = [...(spec.positionals ? [spec.positionals.usage] : []), ...options].join(" ");
  return `usage: ${spec.command}${rest ? ` -- ${rest}` : ""}`;
}

/** The `--help` text: summary, usage, arguments and options, details. */
export function helpText(spec: CommandSpec): string {
  const rows: [string, string][] = [
    ...(spec.positionals ? [[spec.positionals.usage, spec.positionals.description] as [string, string]] : []),
    ...Object.entries(spec.options).map(([name, option]): [string, string] => [
      option.type === "string" ? `--${name} ${option.value ?? "<value>"}` : `--${name}`,
      option.description,
    ]),
    ["--help, -h", "show this help and run nothing"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `${spec.command}: ${spec.summary}`,
    "",
    usageLine(spec),
    "",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    ...(spec.details?.length ? ["", ...spec.details] : []),
  ].join("\n");
}

/** Parses `argv` strictly: unknown options, missing values and unexpected positionals throw a `UsageError`. */
export function parseCommandLine(
  spec: CommandSpec,
  argv: readonly string[],
): { readonly help: true } | { readonly help: false; readonly values: OptionValues; readonly positionals: string[] } {
  if (argv.includes("--help") || argv.includes("-h")) {
    return { help: true };
  }
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [
      name,
      { type: option.type, ...(option.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: spec.positionals !== undefined,
    });
    return { help: false, values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs throws Node's own TypeError (from another realm under jest): read its message, first line only.
    const text =
      typeof (error as { message?: unknown }).message === "string" ? (error as Error).message : String(error);
    const message = text.split(/\n/)[0].replace(/\. To specify a positional.*$/, "");
    throw new UsageError(`${spec.command}: ${message}\n${usageLine(spec)} (--help for more)`);
  }
}

/**
 * Runs a command: `--help` prints the help and returns 0 without running; bad arguments print the problem and the
 * usage line and return 2; otherwise `run` gets the parsed arguments and returns the exit code.
 */
export function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  run: (values: OptionValues, positionals: string[]) => number,
  io: { readonly out: (text: string) => void; readonly err: (text: string) => void } = {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  },
): number {
  let parsed;
  try {
    parsed = parseCommandLine(spec, argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    io.out(helpText(spec));
    return 0;
  }
  try {
    return run(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${spec.command}: ${error.message}\n${usageLine(spec)}`);
      return 2;
    }
    throw error;
  }
}
