import { environments as knownEnvironments } from "../config/environments";
import { loadEnvironments, selectEnvironments } from "../config/load";
import { formatFinding, PREFLIGHT_RULES, type PreflightSuppression, readModel, runPreflight } from "../preflight";
import { SynthesizedOutputError } from "../synthesized-output";
import { runCommand } from "./command-line";
import { PREFLIGHT } from "./commands";

/**
 * `npm run preflight [-- --out DIR]`: checks the synthesized stacks (default ./cdktf.out) against what only the AWS
 * APIs enforce at apply time (duplicate security group rules, name limits and collisions, create-before-destroy
 * names, attributes a scaler owns, cross-stack order, CRDs at plan time, roles before their policies,
 * service-linked roles). One line per finding, `RULE stack address: message`; exit 1 on any finding, 0 when
 * clean, 2 when the output cannot be read. Suppressions come from each environment's `preflight.suppressions`.
 */
export function preflightCommand(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): number {
  return runCommand(PREFLIGHT, argv, (values) => preflight(String(values.out ?? "cdktf.out"), out, err), { out, err });
}

function preflight(outdir: string, out: (line: string) => void, err: (line: string) => void): number {
  let model;
  try {
    model = readModel(outdir);
  } catch (error) {
    if (error instanceof SynthesizedOutputError) {
      err(`preflight: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const configs = loadEnvironments(selectEnvironments(undefined, knownEnvironments), knownEnvironments);
  const suppressions: PreflightSuppression[] = configs.flatMap((config) => config.preflight.suppressions);
  const result = runPreflight(model, suppressions);

  for (const { finding, justification } of result.suppressed) {
    out(`suppressed ${formatFinding(finding)} (${justification})`);
  }
  for (const finding of result.findings) {
    out(formatFinding(finding));
  }
  out(
    `preflight: ${model.stacks.length} stacks, ${PREFLIGHT_RULES.length} rules, ${result.findings.length} finding(s), ${result.suppressed.length} suppressed`,
  );
  return result.findings.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = preflightCommand(process.argv.slice(2));
}
