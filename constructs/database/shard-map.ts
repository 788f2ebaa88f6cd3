/**
 * The shard map: how the application's shard-aware data layer finds each shard. Published as JSON in an SSM
 * parameter and exposed as typed data.
 */

import { joinName } from "../core/naming";

/** `shard-<index>`: the name of a shard, also its construct's component in resource names. */
export function shardName(index: number): string {
  return `shard-${index}`;
}

/** The primary identifiers of `count` shards: `<namePrefix>-db-shard-<index>`. */
export function shardIdentifiers(namePrefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => joinName(namePrefix, "db", shardName(index)));
}

/** Version of the shard map's JSON layout; raise it when the layout changes incompatibly. */
export const SHARD_MAP_FORMAT_VERSION = 1;

/** One shard as the application sees it. */
export interface ShardMapEntry {
  /** Position of the shard, 0 to N-1; the application maps keys to it (e.g. hash(key) mod N). */
  readonly id: number;
  /** `shard-<id>`. */
  readonly name: string;
  /** Host name of the primary. */
  readonly writerEndpoint: string;
  /** Host name of the RDS Proxy, where writes should go when present. */
  readonly proxyEndpoint?: string;
  /** Host names of the read replicas. */
  readonly readerEndpoints: readonly string[];
  readonly port: number;
  readonly databaseName: string;
}

/** The whole map, as written to the parameter. */
export interface ShardMap {
  readonly version: number;
  readonly engine: "postgres";
  /** Clients authenticate with IAM database authentication. */
  readonly iamAuthentication: true;
  readonly shardCount: number;
  readonly shards: readonly ShardMapEntry[];
}

/** Standard SSM parameters hold up to 4 KB, advanced ones 8 KB. */
export const SSM_STANDARD_LIMIT = 4096;
export const SSM_ADVANCED_LIMIT = 8192;

/** What the map's size depends on, all known at synth time. */
export interface ShardMapShape {
  /** Primary identifier of each shard. */
  readonly shardIdentifiers: readonly string[];
  readonly replicasPerShard: number;
  readonly proxy: boolean;
  readonly region: string;
  readonly port: number;
  readonly databaseName: string;
}

/**
 * The size in bytes of the map Terraform will write, computed from the identifiers (RDS host names are
 * `<identifier>.<12-character id>.<region>.rds.amazonaws.com`; `.cn` is added for safety). Used to pick the SSM
 * tier and to refuse a map that would not fit.
 */
export function shardMapSize(shape: ShardMapShape): number {
  const host = (identifier: string) => `${identifier}.${"x".repeat(12)}.${shape.region}.rds.amazonaws.com.cn`;
  const map: ShardMap = {
    version: SHARD_MAP_FORMAT_VERSION,
    engine: "postgres",
    iamAuthentication: true,
    shardCount: shape.shardIdentifiers.length,
    shards: shape.shardIdentifiers.map((identifier, id) => ({
      id,
      name: shardName(id),
      writerEndpoint: host(identifier),
      ...(shape.proxy ? { proxyEndpoint: host(`${identifier}-proxy.proxy`) } : {}),
      readerEndpoints: Array.from({ length: shape.replicasPerShard }, (_, index) =>
        host(`${identifier}-replica-${index + 1}`),
      ),
      port: shape.port,
      databaseName: shape.databaseName,
    })),
  };
  return Buffer.byteLength(JSON.stringify(map), "utf8");
}
