import { helpText } from "./command-line";
import { SCRIPTS } from "./commands";

/** README's table of the scripts: `npm run <script>` and what it does. */
export function commandsTable(): string {
  return [
    "| command | what it does |",
    "| --- | --- |",
    ...Object.entries(SCRIPTS).map(([name, entry]) => `| \`npm run ${name}\` | ${entry.summary} |`),
  ].join("\n");
}

/**
 * `npm run help [-- <script>]`: every npm script with what it does, or one script's `--help`.
 */
export function helpCommand(argv: readonly string[], out: (text: string) => void = console.log): number {
  const [script, ...rest] = argv;
  if (script === undefined || script === "--help" || script === "-h") {
    const width = Math.max(...Object.keys(SCRIPTS).map((name) => name.length));
    out("npm run <script> [-- <arguments>]; `npm run <script> -- --help` or `npm run help -- <script>` for one.\n");
    for (const [name, entry] of Object.entries(SCRIPTS)) {
      out(`  ${name.padEnd(width)}  ${entry.summary}`);
    }
    return 0;
  }
  const entry = SCRIPTS[script];
  if (entry === undefined || rest.length > 0) {
    out(
      `npm run help: ${entry === undefined ? `no script ${JSON.stringify(script)}` : "one script at a time"}; usage: npm run help -- [<script>]`,
    );
    return 2;
  }
  out(entry.spec ? helpText(entry.spec) : `npm run ${script}: ${entry.summary}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = helpCommand(process.argv.slice(2));
}
