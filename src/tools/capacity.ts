import { capacityReport, capacityScopes, formatCapacityTable, minHeadroom } from "../capacity";
import { ConfigError, loadEnvironments } from "../config/load";
import { runCommand, UsageError } from "./command-line";
import { CAPACITY } from "./commands";

/**
 * `npm run capacity [-- --env <name> ...] [--json]`: each environment's capacity, from its config alone, as a table
 * (database connections per shard, scheduling on the node groups, Kafka connections per broker, headroom per tier)
 * or as JSON rows; an environment with a standby (`dr`) is followed by its standby after a failover. Exit 1 when a production environment has a problem (its synth fails the same way), else 0; 2 on
 * bad arguments.
 */
export function capacityCommand(
  argv: readonly string[],
  out: (text: string) => void = console.log,
  err: (text: string) => void = console.error,
): number {
  return runCommand(
    CAPACITY,
    argv,
    (values) => {
      let configs;
      try {
        configs = loadEnvironments();
      } catch (error) {
        if (error instanceof ConfigError) {
          err(error.message);
          return 1;
        }
        throw error;
      }
      const known = configs.map((config) => config.environment);
      const wanted = (values.env as string[] | undefined) ?? [];
      const unknown = wanted.filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        throw new UsageError(
          `unknown environment ${unknown.map((name) => JSON.stringify(name)).join(", ")}; expected one of ${known.join(", ")}`,
        );
      }
      const selected = configs.filter((config) => wanted.length === 0 || wanted.includes(config.environment));
      // Each environment, then its standby after a failover (dr): what the standby must carry once it serves.
      const reports = selected.flatMap((environment) =>
        capacityScopes(environment).map(({ name, config }) => ({ name, config, rows: capacityReport(config) })),
      );
      if (values.json === true) {
        // JSON has no Infinity: a ratio with nothing used is null.
        const rows = reports.flatMap(({ rows }) =>
          rows.map((r) => ({ ...r, ratio: Number.isFinite(r.ratio) ? r.ratio : null })),
        );
        out(JSON.stringify(rows, null, 2));
      } else {
        const tables = reports.map(({ name, config, rows }) =>
          formatCapacityTable({ name, production: config.production, minHeadroom: minHeadroom(config) }, rows).join(
            "\n",
          ),
        );
        out(tables.join("\n\n"));
        for (const { config, rows } of reports) {
          for (const r of rows.filter((candidate) => candidate.problem !== undefined)) {
            out(`${config.production ? "error" : "warning"}: [${config.environment}] ${r.problem}`);
          }
        }
      }
      const failing = reports.some(({ config, rows }) => config.production && rows.some((r) => r.problem));
      return failing ? 1 : 0;
    },
    { out, err },
  );
}

if (require.main === module) {
  process.exitCode = capacityCommand(process.argv.slice(2));
}
