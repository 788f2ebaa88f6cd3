import type { EnvironmentConfig } from "../config/schema";
import { ConfigError } from "../config/load";
import { databaseRows } from "./database";
import { headroomRows } from "./headroom";
import { kafkaRows } from "./kafka";
import type { CapacityRow } from "./rows";
import { schedulingRows } from "./scheduling";
import { failedOverStandby } from "./standby";

/**
 * Capacity of an environment, from its config alone: database connections, scheduling, Kafka connections and
 * headroom, one row per measurement (`npm run capacity` prints them), and the problems among them.
 */
export function capacityReport(config: EnvironmentConfig): CapacityRow[] {
  return [...databaseRows(config), ...schedulingRows(config), ...kafkaRows(config), ...headroomRows(config)];
}

/** What fails: one message per problem, naming the services, the resource and both numbers. */
export function capacityProblems(config: EnvironmentConfig): string[] {
  return capacityReport(config).flatMap((row) => (row.problem === undefined ? [] : [row.problem]));
}

/** The environments whose capacity is checked for `config`: itself, then its standby after a failover (`dr`). */
export function capacityScopes(
  config: EnvironmentConfig,
): { readonly name: string; readonly config: EnvironmentConfig }[] {
  const standby = failedOverStandby(config);
  return [
    { name: config.environment, config },
    ...(standby
      ? [{ name: `${standby.environment} (standby of ${config.environment}, after a failover)`, config: standby }]
      : []),
  ];
}

/**
 * The synth gate: the capacity problems of every production environment (and of its standby after a failover) stop synth (as bad configuration does,
 * with a `ConfigError`, before anything is written; like config errors, a production environment's problems stop
 * the synth of any selection); the problems of the selected other environments come back as warnings.
 */
export function checkCapacity(configs: readonly EnvironmentConfig[], selected: readonly string[]): string[] {
  const problems = (config: EnvironmentConfig) =>
    capacityProblems(config).map((problem) => `[${config.environment}] ${problem}`);
  const errors = configs
    .filter((config) => config.production)
    .flatMap((config) => capacityScopes(config).flatMap((scope) => problems(scope.config)));
  if (errors.length > 0) {
    throw new ConfigError(errors);
  }
  return configs.filter((config) => !config.production && selected.includes(config.environment)).flatMap(problems);
}
