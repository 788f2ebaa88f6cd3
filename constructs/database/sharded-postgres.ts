import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { IngressPoint } from "../core/security-group-rules";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { resolveProtection } from "../core/protection";
import { requireWholeNumber } from "../core/validation";
import { DatabaseKeys } from "./database-keys";
import { MonitoringRole } from "./monitoring-role";
import { MAX_SHARDS } from "./options";
import { PostgresDatabase, type PostgresDatabaseProps } from "./postgres-database";
import {
  SHARD_MAP_FORMAT_VERSION,
  SSM_ADVANCED_LIMIT,
  SSM_STANDARD_LIMIT,
  type ShardMap,
  type ShardMapEntry,
  shardIdentifiers,
  shardMapSize,
  shardName,
} from "./shard-map";

export interface ShardedPostgresProps extends Omit<PostgresDatabaseProps, "name" | "keys" | "monitoringRole" | "tags"> {
  /**
   * Number of shards, 1 to 16: each is a primary with its replicas (and proxy), named `shard-0` … `shard-(N-1)`.
   *
   * @default 1
   */
  readonly shards?: number;
  /** Name of the SSM parameter the shard map is published in, e.g. `/acme/prod/database/shard-map`. */
  readonly shardMapParameterName: string;
}

/**
 * The relational tier of an environment: N PostgreSQL shards (each a `PostgresDatabase` with replicas and proxy)
 * sharing one set of KMS keys and one Enhanced Monitoring role, and a shard map for the application's shard-aware
 * data layer, published as JSON in an SSM parameter and exposed as typed data.
 *
 * Shard ids are positions: adding shards adds `shard-N…` and never renames existing ones. Moving data between
 * shards when N changes is the application's job.
 */
export class ShardedPostgres extends Construct {
  public readonly shards: readonly PostgresDatabase[];
  public readonly keys: DatabaseKeys;
  /** The shard map as typed data (host names are tokens until apply). */
  public readonly shardMap: ShardMap;
  /** The shard map as a Terraform `jsonencode` expression, e.g. for an output. */
  public readonly shardMapJson: string;
  public readonly shardMapParameter: SsmParameter;
  public readonly shardMapParameterName: string;

  constructor(scope: Construct, id: string, props: ShardedPostgresProps) {
    super(scope, id);

    // Defaults: one shard; everything else is PostgresDatabase's production default.
    const shardCount = props.shards ?? 1;
    const protection = resolveProtection(props.protection);
    requireWholeNumber(this, "shards", shardCount, 1, MAX_SHARDS);
    if (!/^\/[A-Za-z0-9_.\-/]+$/.test(props.shardMapParameterName)) {
      throw new ValidationError(
        `shardMapParameterName: ${show(props.shardMapParameterName)} is not allowed; expected a path such as /acme/prod/database/shard-map`,
        this,
      );
    }

    const identifiers = shardIdentifiers(props.namePrefix, shardCount);
    const size = shardMapSize({
      shardIdentifiers: identifiers,
      replicasPerShard: props.replicas ?? 0,
      proxy: props.proxy !== undefined,
      region: props.region,
      port: props.port ?? 5432,
      databaseName: props.databaseName ?? "app",
    });
    if (size > SSM_ADVANCED_LIMIT) {
      throw new ValidationError(
        `shards: ${shardCount} shards with ${props.replicas ?? 0} replicas each make a shard map of about ${size} bytes; expected at most ${SSM_ADVANCED_LIMIT} (the SSM parameter limit), so fewer shards or replicas`,
        this,
      );
    }

    const dbPrefix = joinName(props.namePrefix, "db");
    this.keys = new DatabaseKeys(this, "Keys", {
      aliasPrefix: dbPrefix,
      region: props.region,
      logGroupNames: [`/aws/rds/instance/${dbPrefix}-*`, `/aws/rds/proxy/${dbPrefix}-*`],
      preventDestroy: protection.preventDestroy,
    });
    const monitoringRole = new MonitoringRole(this, "MonitoringRole", {
      roleName: joinName(dbPrefix, "monitoring", { maxLength: 64 }),
    });

    const { shards: _shards, shardMapParameterName: _parameter, ...databaseProps } = props;
    this.shards = identifiers.map(
      (_, index) =>
        new PostgresDatabase(this, `Shard${index}`, {
          ...databaseProps,
          name: shardName(index),
          protection,
          keys: this.keys,
          monitoringRole: monitoringRole.grant,
          tags: { Shard: shardName(index) },
        }),
    );

    const entries: ShardMapEntry[] = this.shards.map((shard, index) => ({
      id: index,
      name: shardName(index),
      writerEndpoint: shard.writerAddress,
      ...(shard.proxy ? { proxyEndpoint: shard.proxy.endpoint } : {}),
      readerEndpoints: shard.readerAddresses,
      port: shard.port,
      databaseName: shard.databaseName,
    }));
    this.shardMap = {
      version: SHARD_MAP_FORMAT_VERSION,
      engine: "postgres",
      iamAuthentication: true,
      shardCount,
      shards: entries,
    };
    this.shardMapJson = Fn.jsonencode(this.shardMap);
    this.shardMapParameterName = props.shardMapParameterName;
    this.shardMapParameter = new SsmParameter(this, "ShardMap", {
      name: props.shardMapParameterName,
      description: `Shard map of ${dbPrefix}: endpoints of every PostgreSQL shard (format version ${SHARD_MAP_FORMAT_VERSION})`,
      type: "String",
      tier: size > SSM_STANDARD_LIMIT ? "Advanced" : "Standard",
      // Not a secret: `insecure_value` keeps the endpoints readable in plans.
      insecureValue: this.shardMapJson,
    });
  }

  /** Lets a security group connect to every shard (primaries, replicas and proxies). */
  public allowFrom(id: string, securityGroupId: string, description?: string): void {
    for (const shard of this.shards) {
      shard.allowFrom(id, securityGroupId, description);
    }
  }

  /** `rds-db:connect` resources for `user` on every instance and proxy of every shard. */
  public iamConnectArns(user: string): string[] {
    return this.shards.flatMap((shard) => shard.iamConnectArns(user));
  }

  /** `rds-db:connect` resources of a reader on every shard (its replicas, or its primary when it has none). */
  public readerConnectArns(user: string): string[] {
    return this.shards.flatMap((shard) => shard.readerConnectArns(user));
  }

  /** Where clients connect, on every shard: `Shard0Instances`, `Shard0Proxy`, ... */
  public get ingressPoints(): IngressPoint[] {
    return this.shards.flatMap((shard, index) =>
      shard.ingressPoints.map((point) => ({ ...point, name: `Shard${index}${point.name}` })),
    );
  }
}
