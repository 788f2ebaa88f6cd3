import type { ElasticacheReplicationGroupConfig } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import { encryptedLogGroup } from "../core/log-group";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";

/** The logs every replication group delivers, as JSON, each to its own encrypted log group. */
const LOG_TYPES = ["slow-log", "engine-log"] as const;

/** `/aws/elasticache/<id>/slow-log` and `.../engine-log`: the names a key policy must know before the groups exist. */
export function cacheLogGroupNames(identifier: string): string[] {
  return LOG_TYPES.map((type) => `/aws/elasticache/${identifier}/${type}`);
}

export interface CacheNetworkProps {
  readonly identifier: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly port: number;
}

/**
 * Where a replication group lives, alike for a primary cache (`RedisCluster`) and a global datastore's secondary
 * (`CacheSecondary`): a subnet group on the data subnets and a security group with no rules (clients are granted
 * through `allowFrom`).
 */
export function cacheNetwork(
  scope: Construct,
  props: CacheNetworkProps,
): { readonly subnetGroup: ElasticacheSubnetGroup; readonly securityGroup: SecurityGroup } {
  const { identifier } = props;
  const subnetGroup = new ElasticacheSubnetGroup(scope, "SubnetGroup", {
    name: identifier,
    description: `Data subnets of the ${identifier} cache`,
    subnetIds: [...props.subnetIds],
    tags: { Name: identifier },
  });
  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    name: identifier,
    description: `Cache ${identifier}: port ${props.port} from granted security groups only`,
    vpcId: props.vpcId,
    tags: { Name: identifier },
  });
  return { subnetGroup, securityGroup };
}

export interface CacheLogsProps {
  readonly identifier: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
  readonly deletionProtection: boolean;
}

/** The slow and engine logs of a replication group, delivered as JSON to log groups encrypted with its logs key. */
export function cacheLogs(
  scope: Construct,
  props: CacheLogsProps,
): {
  readonly logGroups: CloudwatchLogGroup[];
  readonly logDeliveryConfiguration: NonNullable<ElasticacheReplicationGroupConfig["logDeliveryConfiguration"]>;
} {
  const names = cacheLogGroupNames(props.identifier);
  const logGroups = LOG_TYPES.map((type, index) =>
    encryptedLogGroup(scope, type === "slow-log" ? "SlowLogGroup" : "EngineLogGroup", {
      name: names[index],
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.retentionDays,
      deletionProtection: props.deletionProtection,
    }),
  );
  const logDeliveryConfiguration = LOG_TYPES.map((type, index) => ({
    destination: logGroups[index].name,
    destinationType: "cloudwatch-logs",
    logFormat: "json",
    logType: type,
  }));
  return { logGroups, logDeliveryConfiguration };
}

/** A cache's nodes as clients reach them: its security group and port. */
interface CacheEndpoint {
  readonly securityGroupId: string;
  readonly port: number;
}

/**
 * Lets a security group connect to a cache's nodes on the cache port, with the rule in `scope` (the cache's own
 * construct): `allowFrom` of `RedisCluster` and `CacheSecondary`. `id` names the grant, e.g. `EksNodes`.
 */
export function allowCacheFrom(
  scope: Construct,
  cache: CacheEndpoint,
  id: string,
  sourceSecurityGroupId: string,
  description: string,
): void {
  allowTcpFrom(scope, `${id}Ingress`, {
    securityGroupId: cache.securityGroupId,
    sourceSecurityGroupId,
    port: cache.port,
    description,
  });
}

/** Where a cache's clients connect: its nodes' security group on the cache port. */
export function cacheIngressPoints(cache: CacheEndpoint): IngressPoint[] {
  return [{ name: "Cache", securityGroupId: cache.securityGroupId, port: cache.port }];
}
