import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import type { Construct } from "constructs";

/**
 * The parameter group of the database `scope`, shared by its primary `identifier` and its replicas: `rds.force_ssl=1`
 * and TLS 1.2 at least, `pg_stat_statements` preloaded, statements slower than `slowQueryThresholdMs`, DDL and lock
 * waits logged. Named by prefix and replaced before destroy, so major upgrades work.
 */
export function createParameterGroup(
  scope: Construct,
  identifier: string,
  engineVersion: string,
  slowQueryThresholdMs: number,
): DbParameterGroup {
  return new DbParameterGroup(scope, "ParameterGroup", {
    namePrefix: `${identifier}-postgres${engineVersion}-`,
    family: `postgres${engineVersion}`,
    description: `PostgreSQL ${engineVersion} parameters of ${identifier}`,
    parameter: [
      // In transit: refuse unencrypted connections and anything older than TLS 1.2.
      { name: "rds.force_ssl", value: "1" },
      { name: "ssl_min_protocol_version", value: "TLSv1.2" },
      // Query statistics for finding the statements that load the database.
      { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
      { name: "pg_stat_statements.track", value: "top" },
      // Slow statements, schema changes and lock waits in the exported postgresql log.
      { name: "log_min_duration_statement", value: String(slowQueryThresholdMs) },
      { name: "log_statement", value: "ddl" },
      { name: "log_lock_waits", value: "1" },
    ],
    lifecycle: { createBeforeDestroy: true },
    tags: { Name: identifier },
  });
}
