import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import type { IngressPoint } from "../core/security-group-rules";
import type { CrossRegionReplica } from "./cross-region-replica";
import { SHARD_MAP_FORMAT_VERSION, type ShardMap, shardName } from "./shard-map";

export interface ReplicaShardMapProps {
  /** The SSM parameter the standby's services read, e.g. `/acme/prod-euc1/database/shard-map`. */
  readonly parameterName: string;
  /** One cross-region replica per shard, in shard order. */
  readonly replicas: readonly CrossRegionReplica[];
  /** The database the replicas carry (the primary's). */
  readonly databaseName: string;
}

/**
 * The shard map of a standby: each shard's cross-region replica as its writer (read-only until promoted, the only
 * instance of the shard afterwards), no readers and no proxy, published in the standby region in the format of
 * `ShardedPostgres`'s map, so the same services read it unchanged. It is also what the standby's workloads use of
 * the database: the replicas' security groups and their `rds-db:connect` resources. The services' database users
 * arrive with the replicated data (PostgreSQL roles are part of it), with `rds_iam` granted.
 */
export class ReplicaShardMap extends Construct {
  public readonly shardMap: ShardMap;
  public readonly shardMapParameter: SsmParameter;
  public readonly shardMapParameterName: string;
  private readonly replicas: readonly CrossRegionReplica[];

  constructor(scope: Construct, id: string, props: ReplicaShardMapProps) {
    super(scope, id);
    if (!/^\/[A-Za-z0-9_.\-/]+$/.test(props.parameterName)) {
      throw new ValidationError(
        `parameterName: ${show(props.parameterName)} is not allowed; expected a path such as /acme/prod-euc1/database/shard-map`,
        this,
      );
    }
    if (props.replicas.length === 0) {
      throw new ValidationError("replicas: none given; expected one cross-region replica per shard", this);
    }
    this.replicas = props.replicas;
    this.shardMap = {
      version: SHARD_MAP_FORMAT_VERSION,
      engine: "postgres",
      iamAuthentication: true,
      shardCount: props.replicas.length,
      shards: props.replicas.map((replica, index) => ({
        id: index,
        name: shardName(index),
        writerEndpoint: replica.address,
        readerEndpoints: [],
        port: replica.port,
        databaseName: props.databaseName,
      })),
    };
    this.shardMapParameterName = props.parameterName;
    this.shardMapParameter = new SsmParameter(this, "ShardMap", {
      name: props.parameterName,
      description: `Shard map of the standby: each shard's cross-region replica (format version ${SHARD_MAP_FORMAT_VERSION})`,
      type: "String",
      // A map of replicas only is far below the 4 KB of a standard parameter (16 shards: about 2 KB).
      tier: "Standard",
      // Not a secret: `insecure_value` keeps the endpoints readable in plans.
      insecureValue: Fn.jsonencode(this.shardMap),
    });
  }

  /** Where clients connect: each replica's security group on the PostgreSQL port. */
  public get ingressPoints(): IngressPoint[] {
    return this.replicas.flatMap((replica, index) =>
      replica.ingressPoints.map((point) => ({ ...point, name: `Shard${index}${point.name}` })),
    );
  }

  /** `rds-db:connect` resources for `user` on every replica. */
  public iamConnectArns(user: string): string[] {
    return this.replicas.flatMap((replica) => replica.iamConnectArns(user));
  }

  /** The same: each shard has one instance, which readers and writers share. */
  public readerConnectArns(user: string): string[] {
    return this.iamConnectArns(user);
  }
}
