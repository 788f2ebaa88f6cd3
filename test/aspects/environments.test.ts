import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { resolveEnvironment } from "../../src/config/load";
import { environments } from "../../src/config/environments";
import { LOGGING_RULES } from "../../src/aspects/rules/logging";
import { TRANSIT_RULES } from "../../src/aspects/rules/transit";
import { GuardrailError } from "../../src/errors";
import { synthesizePlatform } from "../../src/synth";
import { definePlatform } from "../../stacks/environment";
import { REFERENCE_ENVIRONMENTS } from "../helpers";
import { type PlatformOutput, platformOutput } from "../synthesized";

/** The guardrails over the real environments: what `npm run synth` evaluates. */

const tempDirs: string[] = [];
function outdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-guardrails-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const { dev, prod } = environments;
const CACHE = "aws_elasticache_replication_group.Cache_18F6EE16";
const JUSTIFICATION = "Dev clients on the VPN cannot speak TLS until the client library upgrade lands";

describe("every environment", () => {
  let result: PlatformOutput;
  beforeAll(() => {
    result = platformOutput();
  });

  test("synthesizes with no unsuppressed error finding", () => {
    expect(result.guardrails.map(({ environment }) => environment)).toEqual(Object.keys(environments));
    const errors = result.guardrails.flatMap(({ reports }) => reports.flatMap((report) => report.errors));
    expect(errors).toEqual([]);
  });

  test("has a report for every stack", () => {
    const reported = result.guardrails.flatMap(({ reports }) => reports.map((report) => report.stackId));
    expect(reported).toEqual(result.stackIds);
  });

  test("lists what is suppressed, with the justification", () => {
    const suppressed = result.guardrails
      .filter(({ environment }) => REFERENCE_ENVIRONMENTS.includes(environment))
      .flatMap(({ environment, reports }) =>
        reports.flatMap((report) =>
          report.suppressed.map((finding) => ({
            environment,
            rule: finding.ruleId,
            address: finding.address,
            source: finding.source,
            justified: finding.justification.length >= 20,
          })),
        ),
      );
    // Production only: the rule is production-only. The static site, the monolith's root volumes and alarm
    // notifications in flight hold nothing that outlives a rebuild (see constructs/cdn/cdn-distribution.ts,
    // constructs/compute/auto-scaling-group.ts and constructs/observability/alarm-topic.ts).
    // Dev's public API endpoint (one listed network, so that laptops and hosted runners can apply the add-ons) is a
    // config suppression of the private-endpoint warning. Dev and staging serve their sites on *.cloudfront.net
    // names, whose default certificate accepts TLS 1.0: a justified config suppression each; prod has its domain.
    expect(suppressed).toEqual([
      {
        environment: "dev",
        rule: "CKV_AWS_39",
        address: "aws_eks_cluster.Cluster_EB0386A7",
        source: "config",
        justified: true,
      },
      {
        environment: "dev",
        rule: "CKV_AWS_174",
        address: "aws_cloudfront_distribution.Cdn_9963B1AD",
        source: "config",
        justified: true,
      },
      {
        environment: "staging",
        rule: "CKV_AWS_174",
        address: "aws_cloudfront_distribution.Cdn_9963B1AD",
        source: "config",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.Monolith_VolumeKey_5B2D1A70",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.Cdn_BucketKey_253CDBAA",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_s3_bucket.Cdn_Bucket_950E320C",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.PagingTopic_Key_1E964B1B",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.WarningsTopic_Key_B8B584C0",
        source: "code",
        justified: true,
      },
      // Prod's standby (prod-euc1-*): the cache's secondary inherits encryption, version and AUTH from the global
      // datastore, which the provider refuses to restate (constructs/cache/cache-secondary.ts); the RPO topic's key
      // the standby monolith's volume key and its alarm topics' keys hold nothing that outlives a rebuild.
      {
        environment: "prod",
        rule: "CKV_AWS_29",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "CKV_AWS_30",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "CKV_AWS_31",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.RpoTopic_Key_5276F33E",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "AVD-AWS-0050",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_ELASTICACHE_FINAL_SNAPSHOT",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_ELASTICACHE_ENGINE_VERSION_PINNED",
        address: "aws_elasticache_replication_group.Cache_18F6EE16",
        source: "code",
        justified: true,
      },
      {
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: "aws_kms_key.Monolith_VolumeKey_5B2D1A70",
        source: "code",
        justified: true,
      },
      ...["PagingTopic_Key_1E964B1B", "WarningsTopic_Key_B8B584C0"].map((key) => ({
        environment: "prod",
        rule: "PLAT_PREVENT_DESTROY",
        address: `aws_kms_key.${key}`,
        source: "code",
        justified: true,
      })),
    ]);
  });
});

describe("prod's edge and observability", () => {
  test("pass every TLS and logging rule with nothing suppressed", () => {
    const [{ reports: prodReports }] = platformOutput().guardrails.filter(({ environment }) => environment === "prod");
    const reports = prodReports.filter((report) => ["prod-edge", "prod-observability"].includes(report.stackId));
    const tlsAndLogging = new Set([...TRANSIT_RULES, ...LOGGING_RULES].map((rule) => rule.id));

    expect(reports.map((report) => report.stackId)).toEqual(["prod-edge", "prod-observability"]);
    expect(
      reports.flatMap((report) => report.suppressed).filter((finding) => tlsAndLogging.has(finding.ruleId)),
    ).toEqual([]);
    expect(reports.flatMap((report) => [...report.errors, ...report.warnings])).toEqual([]);
    expect(tlsAndLogging.has("CKV_AWS_174")).toBe(true);
    expect(tlsAndLogging.has("CKV_AWS_86")).toBe(true);
  });
});

describe("a prod cache without TLS", () => {
  test("fails synth naming CKV_AWS_30 and the replication group", () => {
    const config = resolveEnvironment("prod", { ...prod, cache: { ...prod.cache, transitEncryption: false } });
    const app = Testing.app();
    const [environment] = definePlatform(app, [config]);
    app.node
      .findAll()
      .filter(TerraformStack.isStack)
      .forEach((stack) => stack.prepareStack());

    // The data stack holds the cache; its synth runs the guardrails aspect.
    const error = (() => {
      try {
        Testing.synth(environment.data);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GuardrailError);
    expect((error as Error).message).toContain(
      `[CKV_AWS_30] ${CACHE} (prod-data/Cache/Resource): transit_encryption_enabled is false, not true. Fix: set transitEncryptionEnabled: true`,
    );
  });
});

describe("config suppressions of a real environment", () => {
  const suppression = { rule: "CKV_AWS_30", resource: CACHE, justification: JUSTIFICATION };

  test("accept the finding they name and are listed with their justification", () => {
    const registry = {
      dev: {
        ...dev,
        cache: { ...dev.cache, transitEncryption: false },
        guardrails: { suppressions: [...dev.guardrails!.suppressions!, suppression] },
      },
    };
    const result = synthesizePlatform({ outdir: outdir(), registry });

    const suppressed = result.guardrails[0].reports.flatMap((report) => report.suppressed);
    expect(suppressed.filter((finding) => finding.ruleId === "CKV_AWS_30")).toEqual([
      expect.objectContaining({ ruleId: "CKV_AWS_30", address: CACHE, justification: JUSTIFICATION, source: "config" }),
    ]);
  });

  test("fail synth when they match no finding in any stack of the environment", () => {
    const registry = { dev: { ...dev, guardrails: { suppressions: [...dev.guardrails!.suppressions!, suppression] } } };

    expect(() => synthesizePlatform({ outdir: outdir(), registry })).toThrow(
      `[dev] guardrails.suppressions: [CKV_AWS_30] ${CACHE} matches no finding in the dev stacks`,
    );
  });
});
