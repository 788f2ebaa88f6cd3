import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { isFalse, isReadReplica, isReference, isSet } from "./helpers";

/** An exact chart version: `1.16.0`, `80.4.1`, `v2.21.1`, `1.2.3-rc.1` (no `^`, `~`, `>`, `*` or `x`). */
export const EXACT_SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A rule that an attribute pinning a version is set. */
function versionSet(id: string, type: string, attribute: string, fixSetting: string, rationale: string): Rule {
  return {
    id,
    rationale,
    severity: "error",
    resourceTypes: [type],
    fix: `set ${fixSetting}`,
    check: (resource) => (isSet(resource.config[attribute]) ? undefined : `${attribute} is not set`),
  };
}

/** Pinned versions: an apply changes only what the code changes, never whatever is newest that day. */
export const VERSION_RULES: readonly Rule[] = [
  {
    id: "PLAT_HELM_CHART_PINNED",
    rationale: "Helm releases pin an exact chart version, so a plan never upgrades a chart by itself.",
    severity: "error",
    resourceTypes: ["helm_release"],
    fix: "set version to the exact chart version (x.y.z) next to the add-on's default values",
    check: (release) => {
      const version = release.config.version;
      if (isReference(version)) {
        return undefined;
      }
      if (version === undefined) {
        return "version is not set, so every plan may install the chart's latest release";
      }
      return typeof version === "string" && EXACT_SEMVER.test(version.trim())
        ? undefined
        : `version is ${show(version)}, not an exact x.y.z chart version`;
    },
  },
  versionSet(
    "PLAT_EKS_VERSION_PINNED",
    "aws_eks_cluster",
    "version",
    "version to the Kubernetes minor version (eks.kubernetesVersion in config)",
    "Clusters pin their Kubernetes version, so upgrades happen when the code says.",
  ),
  versionSet(
    "PLAT_EKS_ADDON_VERSION_PINNED",
    "aws_eks_addon",
    "addon_version",
    "addonVersion to the exact add-on build (v1.2.3-eksbuild.1)",
    "Managed add-ons pin their version instead of taking the default of the day.",
  ),
  {
    id: "PLAT_EKS_NODE_GROUP_VERSION",
    rationale: "Node groups follow a pinned Kubernetes version (or AMI release) instead of whatever AWS defaults to.",
    severity: "warning",
    resourceTypes: ["aws_eks_node_group"],
    fix: "set version to the cluster's version attribute (or releaseVersion to a pinned AMI release)",
    check: (group) =>
      isSet(group.config.version) || isSet(group.config.release_version)
        ? undefined
        : "neither version nor release_version is set",
  },
  {
    id: "PLAT_RDS_ENGINE_VERSION_PINNED",
    rationale: "Databases pin their engine version (replicas follow their source).",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set engineVersion (database.engineVersion in config)",
    check: (db) => (isReadReplica(db) || isSet(db.config.engine_version) ? undefined : "engine_version is not set"),
  },
  versionSet(
    "PLAT_ELASTICACHE_ENGINE_VERSION_PINNED",
    "aws_elasticache_replication_group",
    "engine_version",
    "engineVersion (cache.engineVersion in config)",
    "Caches pin their engine version.",
  ),
  versionSet(
    "PLAT_MSK_KAFKA_VERSION_PINNED",
    "aws_msk_cluster",
    "kafka_version",
    "kafkaVersion (kafka.kafkaVersion in config)",
    "Kafka clusters pin their Kafka version.",
  ),
  {
    id: "CKV_AWS_226",
    rationale: "Databases take minor engine versions (security fixes) automatically in the maintenance window.",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: "remove autoMinorVersionUpgrade: false",
    check: (db) => (isFalse(db.config.auto_minor_version_upgrade) ? "auto_minor_version_upgrade is false" : undefined),
  },
  {
    id: "CKV_AWS_211",
    rationale: "Databases use a current certificate authority (RSA 2048/4096 or ECC 384, valid to 2061 and beyond).",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: 'set caCertIdentifier: "rds-ca-rsa2048-g1" (or rds-ca-rsa4096-g1, rds-ca-ecc384-g1)',
    check: (db) => {
      const ca = db.config.ca_cert_identifier;
      return ca === undefined ||
        isReference(ca) ||
        ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"].includes(String(ca))
        ? undefined
        : `ca_cert_identifier is ${show(ca)}`;
    },
  },
];
