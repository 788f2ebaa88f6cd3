import type { EnvironmentConfig } from "../config/schema";
import { standbyConfig } from "../../stacks/standby";

/**
 * An environment's standby (`dr`) after a failover, as the capacity check sees it: the primary's sizes (what
 * `dr.failedOver` deploys), in the standby region with the standby's brokers; each database shard a single promoted
 * instance, without RDS Proxy or read replicas (so the readers' pools land on it too); the cache still a member of
 * the global datastore (its shards change through it, up to ElastiCache's limit). Undefined without `dr`.
 */
export function failedOverStandby(config: EnvironmentConfig): EnvironmentConfig | undefined {
  const dr = config.dr;
  if (dr === undefined) {
    return undefined;
  }
  const standby = standbyConfig({ ...config, dr: { ...dr, failedOver: true } });
  return {
    ...standby,
    database: { ...standby.database, replicas: 0, proxy: { ...standby.database.proxy, enabled: false } },
    dr,
  };
}
