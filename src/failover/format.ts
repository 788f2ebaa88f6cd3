import type { Runbook } from "./runbook";

/** Wraps prose at `width` columns with `indent` in front of every line. */
function wrap(text: string, indent: string, width = 116): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  return line.length > 0 ? [...lines, indent + line] : lines;
}

/** The runbook as an operator reads it: the objectives, then each step with its commands and its check. */
export function formatRunbook(runbook: Runbook): string {
  const title =
    runbook.direction === "failover"
      ? `Failover of ${runbook.environment} from ${runbook.from} to ${runbook.to}`
      : `Failback of ${runbook.environment} from ${runbook.from} to ${runbook.to}, once ${runbook.to} is healthy`;
  const out = [
    `${title} (printed only: nothing here calls AWS)`,
    "",
    ...wrap(
      `Recovery point objective: ${runbook.rpoMinutes} min (dr.rpoMinutes). The database replicas, the cache's global datastore and MSK Replicator copy asynchronously; each replica's RPO alarm pages when it lags longer than this, and the writes of that window are what a failover loses.`,
      "",
    ),
    ...wrap(
      runbook.direction === "failover"
        ? `Recovery time objective: ${runbook.rtoMinutes} min (dr.rtoMinutes); the steps below are budgeted at ${runbook.budgetMinutes} min. Measure them in a drill.`
        : `A failback is planned work, not an emergency: budgeted at ${runbook.budgetMinutes} min, with a short write outage (step 3 to step 6).`,
      "",
    ),
    ...runbook.warnings.map((warning) => `warning: ${warning}`),
  ];
  runbook.steps.forEach((step, index) => {
    let lead = index;
    while (lead > 0 && runbook.steps[lead].alongside) {
      lead--;
    }
    const alongside = step.alongside ? `, alongside step ${lead + 1}` : "";
    out.push("", `${index + 1}. ${step.title} (${step.minutes} min${alongside}; ${step.basis})`);
    out.push(...wrap(step.why, "   "));
    out.push(...step.commands.map((command) => `   $ ${command}`));
    out.push(`   check: $ ${step.check.command}`, ...wrap(`expect: ${step.check.expect}`, "          "));
  });
  return out.join("\n");
}
