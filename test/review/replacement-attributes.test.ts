import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  forcesReplacement,
  isStateful,
  NOT_STATEFUL,
  PROVIDER_VERSIONS,
  REPLACEMENT_ATTRIBUTES,
  replacementAttributesUnder,
  STATEFUL_RESOURCE_TYPES,
  statefulReason,
} from "../../src/review/replacement-attributes";

const ROOT = join(__dirname, "..", "..");

/** Binding packages by resource type prefix (read as text: importing a provider root costs seconds). */
const PACKAGES: Readonly<Record<string, string>> = {
  aws: "@cdktf/provider-aws",
  kubernetes: "@cdktf/provider-kubernetes",
  helm: "@cdktf/provider-helm",
};

const SOURCE_PREFIXES = [
  `https://registry.terraform.io/providers/hashicorp/aws/${PROVIDER_VERSIONS.aws}/`,
  `https://github.com/hashicorp/terraform-provider-aws/blob/v${PROVIDER_VERSIONS.aws}/`,
  `https://registry.terraform.io/providers/hashicorp/kubernetes/${PROVIDER_VERSIONS.kubernetes}/`,
  `https://github.com/hashicorp/terraform-provider-kubernetes/blob/v${PROVIDER_VERSIONS.kubernetes}/`,
];

function declarationOf(type: string): string {
  const [prefix, ...rest] = type.split("_");
  const pkg = PACKAGES[prefix];
  if (!pkg) throw new Error(`no binding package for ${type}`);
  return readFileSync(join(ROOT, "node_modules", pkg, "lib", rest.join("-"), "index.d.ts"), "utf8");
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Resource types the constructs create, from their deep imports of the bindings. */
function createdResourceTypes(): Set<string> {
  const types = new Set<string>();
  const pattern = /from "@cdktf\/provider-(aws|kubernetes|helm)\/lib\/([a-z0-9-]+)"/g;
  for (const file of filesUnder(join(ROOT, "constructs"))) {
    for (const [, provider, dir] of readFileSync(file, "utf8").matchAll(pattern)) {
      if (dir === "provider" || dir.startsWith("data-")) continue;
      types.add(`${provider}_${dir.replace(/-/g, "_")}`);
    }
  }
  return types;
}

describe("stateful resource types", () => {
  it("gives every stateful type a reason", () => {
    for (const [type, reason] of Object.entries(STATEFUL_RESOURCE_TYPES)) {
      expect({ type, reason: reason.length > 20 }).toEqual({ type, reason: true });
    }
  });

  it("lists only stateful types in REPLACEMENT_ATTRIBUTES, each with at least one attribute", () => {
    for (const [type, entries] of Object.entries(REPLACEMENT_ATTRIBUTES)) {
      expect({ type, stateful: isStateful(type) }).toEqual({ type, stateful: true });
      expect({ type, count: entries.length > 0 }).toEqual({ type, count: true });
    }
  });

  it("does not call a type both stateful and not stateful", () => {
    expect(Object.keys(NOT_STATEFUL).filter((type) => isStateful(type))).toEqual([]);
  });

  it("includes the data stores, keys and clusters the platform creates", () => {
    for (const type of [
      "aws_db_instance",
      "aws_elasticache_replication_group",
      "aws_msk_cluster",
      "aws_kms_key",
      "aws_eks_cluster",
      "aws_s3_bucket",
      "aws_cloudwatch_log_group",
      "aws_cognito_user_pool",
      "aws_secretsmanager_secret",
    ]) {
      expect({ type, stateful: isStateful(type) }).toEqual({ type, stateful: true });
    }
    for (const type of ["aws_db_proxy", "aws_sns_topic", "aws_msk_configuration", "aws_ssm_parameter"]) {
      expect({ type, stateful: isStateful(type) }).toEqual({ type, stateful: false });
    }
    expect(isStateful("constructor")).toBe(false);
    expect(statefulReason("aws_s3_bucket")).toBe(STATEFUL_RESOURCE_TYPES.aws_s3_bucket);
    expect(statefulReason("aws_sns_topic")).toBeUndefined();
  });

  it("decides every type the constructs create that this file names, and names only types they create", () => {
    const created = createdResourceTypes();
    const decided = [...Object.keys(STATEFUL_RESOURCE_TYPES), ...Object.keys(NOT_STATEFUL)];
    expect(decided.filter((type) => !created.has(type))).toEqual([]);
    // Every created stateful type has replacement knowledge (the compiler enforces the keys; this checks content).
    for (const type of [...created].filter(isStateful)) {
      expect({ type, count: REPLACEMENT_ATTRIBUTES[type].length > 0 }).toEqual({ type, count: true });
    }
  });
});

describe("replacement attributes", () => {
  const all = Object.entries(REPLACEMENT_ATTRIBUTES).flatMap(([type, entries]) =>
    entries.map((entry) => ({ type, ...entry })),
  );

  it("links every entry to the pinned provider's documentation or source", () => {
    const unsourced = all.filter((entry) => !SOURCE_PREFIXES.some((prefix) => entry.source.startsWith(prefix)));
    expect(unsourced).toEqual([]);
  });

  it("writes paths in snake_case, without duplicates, and explains every conditional entry", () => {
    for (const entry of all) {
      expect({ attribute: entry.attribute, ok: /^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(entry.attribute) }).toEqual({
        attribute: entry.attribute,
        ok: true,
      });
      if (entry.conditional) expect(entry.note).toBeTruthy();
    }
    for (const [type, entries] of Object.entries(REPLACEMENT_ATTRIBUTES)) {
      const names = entries.map((entry) => entry.attribute);
      expect({ type, names: new Set(names).size }).toEqual({ type, names: names.length });
    }
  });

  it.each(Object.keys(REPLACEMENT_ATTRIBUTES))("names only arguments that the %s binding has", (type) => {
    const declaration = declarationOf(type);
    const missing = REPLACEMENT_ATTRIBUTES[type as keyof typeof REPLACEMENT_ATTRIBUTES]
      .flatMap((entry) => entry.attribute.split(".").map((segment) => `${entry.attribute}: ${camelCase(segment)}`))
      .filter((label) => {
        const property = label.split(": ")[1];
        return !new RegExp(`readonly ${property}\\??:`).test(declaration);
      });
    expect(missing).toEqual([]);
  });

  it("does not list aws_db_instance.identifier, which aws 5.0.0 made updatable in place", () => {
    expect(forcesReplacement("aws_db_instance", ["identifier"])).toBeUndefined();
  });
});

describe("forcesReplacement", () => {
  it("matches a top-level argument", () => {
    expect(forcesReplacement("aws_db_instance", ["storage_encrypted"])).toMatchObject({
      attribute: "storage_encrypted",
      source: expect.stringContaining("/rds/instance.go"),
    });
    expect(forcesReplacement("aws_elasticache_replication_group", ["replication_group_id"])?.attribute).toBe(
      "replication_group_id",
    );
    expect(forcesReplacement("aws_kms_key", ["region"])?.source).toContain("/guides/enhanced-region-support");
  });

  it("matches nested paths with and without list indices", () => {
    expect(forcesReplacement("aws_msk_cluster", ["encryption_info", "encryption_at_rest_kms_key_arn"])?.attribute).toBe(
      "encryption_info.encryption_at_rest_kms_key_arn",
    );
    expect(
      forcesReplacement("aws_msk_cluster", ["encryption_info", 0, "encryption_at_rest_kms_key_arn"])?.attribute,
    ).toBe("encryption_info.encryption_at_rest_kms_key_arn");
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info", 0, "client_subnets", 1])?.attribute).toBe(
      "broker_node_group_info.client_subnets",
    );
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info", "0", "security_groups"])?.attribute).toBe(
      "broker_node_group_info.security_groups",
    );
    expect(forcesReplacement("kubernetes_namespace_v1", ["metadata", 0, "name"])?.attribute).toBe("metadata.name");
  });

  it("matches a change below a listed path", () => {
    expect(
      forcesReplacement("aws_eks_cluster", ["remote_network_config", "remote_node_networks", 0, "cidrs", 0])?.attribute,
    ).toBe("remote_network_config");
    expect(forcesReplacement("aws_db_instance", ["s3_import", 0, "bucket_name"])?.attribute).toBe("s3_import");
    expect(forcesReplacement("aws_eks_cluster", ["encryption_config", 0, "resources", 0])).toMatchObject({
      attribute: "encryption_config",
      conditional: true,
    });
  });

  it("ignores arguments that update in place, blocks above a listed path, and unknown types", () => {
    expect(forcesReplacement("aws_db_instance", ["tags", "Owner"])).toBeUndefined();
    expect(forcesReplacement("aws_db_instance", ["allocated_storage"])).toBeUndefined();
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info", 0, "instance_type"])).toBeUndefined();
    expect(
      forcesReplacement("aws_msk_cluster", ["encryption_info", "encryption_in_transit", 0, "client_broker"]),
    ).toBeUndefined();
    expect(forcesReplacement("aws_msk_cluster", ["encryption_info"])).toBeUndefined();
    expect(forcesReplacement("aws_sns_topic", ["name"])).toBeUndefined();
    expect(forcesReplacement("aws_unknown_thing", ["name"])).toBeUndefined();
    expect(forcesReplacement("constructor", ["name"])).toBeUndefined();
  });
});

describe("replacementAttributesUnder", () => {
  it("lists what a whole added or removed block carries", () => {
    expect(replacementAttributesUnder("aws_msk_cluster", ["encryption_info"]).map((entry) => entry.attribute)).toEqual(
      expect.arrayContaining([
        "encryption_info.encryption_at_rest_kms_key_arn",
        "encryption_info.encryption_in_transit.in_cluster",
      ]),
    );
    expect(replacementAttributesUnder("aws_msk_cluster", ["logging_info"])).toEqual([]);
    expect(replacementAttributesUnder("aws_unknown_thing", [])).toEqual([]);
  });
});
