import { z } from "zod";
import { MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS } from "../../constructs/cache/options";
import { MIN_PRODUCTION_BACKUP_RETENTION_DAYS } from "../../constructs/database/options";
import { MIN_PRODUCTION_REPLICATION } from "../../constructs/kafka/options";
import { show } from "../../constructs/core/errors";
import type { cacheSchema } from "./cache-schema";
import type { databaseSchema } from "./database-schema";
import type { edgeSchema } from "./edge-schema";
import type { eksSchema } from "./eks-schema";
import type { kafkaSchema } from "./kafka-schema";
import { allowed, section } from "./schema-helpers";
import type { ConfigContext } from "./shared-schema";

/**
 * What keeps an environment's stateful resources from being destroyed, and what a production environment must keep
 * on across the sections of its config.
 */

export const protectionSchema = section({
  /** Deletion protection on databases and on the data stores' log groups (ElastiCache and MSK have none). */
  deletionProtection: z.boolean({ error: allowed("true or false") }),
  /** A final snapshot when a database is deleted, and its automated backups kept. */
  finalSnapshots: z.boolean({ error: allowed("true or false") }),
  /** `lifecycle.prevent_destroy` on stateful resources and their keys: a plan that would destroy them fails. */
  preventDestroy: z.boolean({ error: allowed("true or false") }),
});

/** The parts of a parsed environment the production rules read. */
interface ProductionView {
  readonly protection: z.output<typeof protectionSchema>;
  readonly database: z.output<typeof databaseSchema>;
  readonly cache: z.output<typeof cacheSchema>;
  readonly kafka: z.output<typeof kafkaSchema>;
  readonly eks: z.output<typeof eksSchema>;
  readonly edge: z.output<typeof edgeSchema>;
}

/** What a production environment must keep on. */
export function checkProduction(config: ProductionView, ctx: ConfigContext): void {
  const required = (path: PropertyKey[], input: unknown, expectation: string) =>
    ctx.addIssue({
      code: "custom",
      path,
      input,
      message: `${show(input)} is not allowed in a production environment (production: true); expected ${expectation}`,
    });
  for (const setting of ["deletionProtection", "finalSnapshots", "preventDestroy"] as const) {
    if (!config.protection[setting]) {
      required(["protection", setting], false, "true");
    }
  }
  if (!config.database.multiAz) {
    required(["database", "multiAz"], false, "true");
  }
  if (config.database.backupRetentionDays < MIN_PRODUCTION_BACKUP_RETENTION_DAYS) {
    required(
      ["database", "backupRetentionDays"],
      config.database.backupRetentionDays,
      `at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} days`,
    );
  }
  if (config.cache.replicasPerShard < 1) {
    required(
      ["cache", "replicasPerShard"],
      config.cache.replicasPerShard,
      "at least 1, so that a shard fails over to another AZ",
    );
  }
  if (config.cache.snapshotRetentionDays < MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS) {
    required(
      ["cache", "snapshotRetentionDays"],
      config.cache.snapshotRetentionDays,
      `at least ${MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS} days`,
    );
  }
  if (config.kafka.replicationFactor < MIN_PRODUCTION_REPLICATION.replicationFactor) {
    required(
      ["kafka", "replicationFactor"],
      config.kafka.replicationFactor,
      `at least ${MIN_PRODUCTION_REPLICATION.replicationFactor}, so that a message survives two broker failures`,
    );
  }
  if (config.kafka.minInsyncReplicas < MIN_PRODUCTION_REPLICATION.minInsyncReplicas) {
    required(
      ["kafka", "minInsyncReplicas"],
      config.kafka.minInsyncReplicas,
      `at least ${MIN_PRODUCTION_REPLICATION.minInsyncReplicas}, so that an acknowledged write is on two brokers`,
    );
  }
  if (config.eks.endpoint.publicAccess) {
    required(
      ["eks", "endpoint", "publicAccess"],
      true,
      "false: production reaches the Kubernetes API through the private endpoint only (eks.endpoint.privateAccess)",
    );
  }
  if (!config.eks.mesh.enabled) {
    required(
      ["eks", "mesh", "enabled"],
      false,
      "true: production services get a circuit breaker, deadlines, bounded retries and mutual TLS from the mesh",
    );
  }
  if (config.eks.mesh.mtlsMode !== "STRICT") {
    required(
      ["eks", "mesh", "mtlsMode"],
      config.eks.mesh.mtlsMode,
      '"STRICT": services in production talk mutual TLS only',
    );
  }
  // The default *.cloudfront.net certificate accepts TLS 1.0 (guardrail CKV_AWS_174), and API clients should not
  // depend on an execute-api host that changes whenever the API is replaced.
  if (config.edge.cdn.domain === undefined) {
    required(
      ["edge", "cdn", "domain"],
      undefined,
      "the site's own domain: { names, hostedZoneId } (a certificate is requested and validated in the zone) or { names, certificateArn } (us-east-1), so that viewers use TLS 1.2 or newer",
    );
  }
  if (config.edge.api.domain === undefined) {
    required(
      ["edge", "api", "domain"],
      undefined,
      "the API's own domain for API clients: { name, hostedZoneId } or { name, certificateArn }, served with TLS 1.2",
    );
  }
  const system = config.eks.nodeGroups.find((group) => group.name === config.eks.systemNodeGroup);
  if (system && system.capacityType !== "ON_DEMAND") {
    required(
      ["eks", "nodeGroups", config.eks.nodeGroups.indexOf(system), "capacityType"],
      system.capacityType,
      '"ON_DEMAND" for the system node group, so that spot reclaims never take CoreDNS and the add-ons down',
    );
  }
  if (!config.eks.nodeGroups.some((group) => group.capacityType === "ON_DEMAND" && group.minSize >= 2)) {
    required(
      ["eks", "nodeGroups"],
      config.eks.nodeGroups.map((group) => `${group.name}: ${group.capacityType} min ${group.minSize}`),
      "at least one ON_DEMAND node group with minSize 2 or more",
    );
  }
}
