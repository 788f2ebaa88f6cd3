import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { platformStacks } from "../synthesized";
import {
  forcesReplacement,
  isStateful,
  NOT_STATEFUL,
  PROVIDER_VERSIONS,
  REPLACEMENT,
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
  `https://github.com/hashicorp/terraform-provider-kubernetes/blob/v${PROVIDER_VERSIONS.kubernetes}/`,
  `https://github.com/hashicorp/terraform-provider-helm/blob/v${PROVIDER_VERSIONS.helm}/`,
];

/** Every resource type the synthesized environments hold. */
function synthesizedTypes(): Set<string> {
  return new Set(Object.values(platformStacks()).flatMap((stack) => Object.keys(stack.resource ?? {})));
}

function declarationOf(type: string): string {
  const [prefix, ...rest] = type.split("_");
  const pkg = PACKAGES[prefix];
  if (!pkg) throw new Error(`no binding package for ${type}`);
  // Large bindings keep their nested structs in more declaration files next to index.d.ts.
  const dir = join(ROOT, "node_modules", pkg, "lib", rest.join("-"));
  return filesUnder(dir, ".d.ts")
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());

function filesUnder(dir: string, suffix = ".ts"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
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

  it("has replacement data for every type the environments synthesize and every type the constructs create", () => {
    const known = new Set(Object.keys(REPLACEMENT));
    expect([...synthesizedTypes()].filter((type) => !known.has(type))).toEqual([]);
    expect([...createdResourceTypes()].filter((type) => !known.has(type))).toEqual([]);
    // Every AWS type replaces on region; every stateful type has more than that.
    for (const type of Object.keys(STATEFUL_RESOURCE_TYPES)) {
      expect({ type, count: REPLACEMENT[type].attributes.length > 1 }).toEqual({ type, count: true });
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
  });
});

describe("replacement attributes", () => {
  const all = Object.entries(REPLACEMENT).flatMap(([type, replacement]) =>
    replacement.attributes.map((entry) => ({ type, ...entry })),
  );

  it("links every entry to the pinned provider's documentation or source", () => {
    const unsourced = all.filter((entry) => !SOURCE_PREFIXES.some((prefix) => entry.source.startsWith(prefix)));
    expect(unsourced).toEqual([]);
  });

  it("writes paths in snake_case, without duplicates, and explains every conditional entry", () => {
    for (const entry of all) {
      const pattern =
        entry.type === "kubernetes_manifest" ? /^manifest(\.[A-Za-z0-9_]+)*$/ : /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
      expect({ attribute: entry.attribute, ok: pattern.test(entry.attribute) }).toEqual({
        attribute: entry.attribute,
        ok: true,
      });
      if (entry.conditional) expect(entry.note).toBeTruthy();
    }
    for (const [type, replacement] of Object.entries(REPLACEMENT)) {
      const names = replacement.attributes.map((entry) => entry.attribute);
      expect({ type, names: new Set(names).size }).toEqual({ type, names: names.length });
    }
  });

  it.each(Object.keys(REPLACEMENT).filter((type) => type !== "kubernetes_manifest"))(
    "names only arguments that the %s binding has",
    (type) => {
      const declaration = declarationOf(type);
      const missing = REPLACEMENT[type].attributes
        .flatMap((entry) => entry.attribute.split(".").map((segment) => `${entry.attribute}: ${camelCase(segment)}`))
        .filter((label) => {
          const property = label.split(": ")[1];
          return !new RegExp(`readonly ${property}\\??:`).test(declaration);
        });
      expect(missing).toEqual([]);
    },
  );

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
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info", "client_subnets"])?.attribute).toBe(
      "broker_node_group_info.client_subnets",
    );
    expect(forcesReplacement("kubernetes_namespace_v1", ["metadata", "name"])?.attribute).toBe("metadata.name");
    expect(forcesReplacement("aws_vpc", ["cidr_block"])?.attribute).toBe("cidr_block");
    expect(forcesReplacement("aws_db_parameter_group", ["family"])?.attribute).toBe("family");
    expect(forcesReplacement("kubernetes_job_v1", ["metadata", "name"])?.attribute).toBe("metadata.name");
  });

  it("matches a change below a listed map or list, but a block only when it is added or removed", () => {
    expect(forcesReplacement("aws_api_gateway_deployment", ["triggers", "routes"])?.attribute).toBe("triggers");
    expect(forcesReplacement("aws_db_instance", ["s3_import", "bucket_name"])?.attribute).toBe("s3_import.bucket_name");
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info"])?.attribute).toBe("broker_node_group_info");
    expect(forcesReplacement("aws_msk_cluster", ["broker_node_group_info", "instance_type"])).toBeUndefined();
    expect(forcesReplacement("aws_eks_cluster", ["encryption_config", "resources"])).toMatchObject({
      attribute: "encryption_config",
      conditional: true,
    });
  });

  it("ignores arguments that update in place, blocks above a listed path, and unknown types", () => {
    expect(forcesReplacement("aws_db_instance", ["tags", "Owner"])).toBeUndefined();
    expect(forcesReplacement("aws_db_instance", ["allocated_storage"])).toBeUndefined();
    expect(
      forcesReplacement("aws_msk_cluster", ["encryption_info", "encryption_in_transit", "client_broker"]),
    ).toBeUndefined();
    expect(forcesReplacement("aws_route53_record", ["type"])).toBeUndefined();
    expect(forcesReplacement("aws_lb_listener_rule", ["priority"])).toBeUndefined();
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
