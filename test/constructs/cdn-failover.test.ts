import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";
import {
  API_ORIGIN_ID,
  CdnDistribution,
  type CdnDistributionProps,
  FAILOVER_STATUS_CODES,
  STATIC_ORIGIN_GROUP_ID,
  STATIC_ORIGIN_ID,
  STATIC_REPLICA_ORIGIN_ID,
} from "../../constructs/cdn/cdn-distribution";
import { SiteReplica } from "../../constructs/cdn/site-replica";
import { named, ref, resourcesOf, synth, synthWithValues, testStack } from "../helpers";

const REPLICA = {
  bucketName: "acme-test-static-123456789012-eu-central-1",
  bucketRegionalDomainName: "acme-test-static-123456789012-eu-central-1.s3.eu-central-1.amazonaws.com",
};
/** The only methods CloudFront fails over (and so the only ones a behaviour on the origin group may allow). */
const FAILOVER_METHODS = ["GET", "HEAD", "OPTIONS"];

function props(stack: TerraformStack, extra: Partial<CdnDistributionProps> = {}): CdnDistributionProps {
  const provider = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us_east_1" });
  return {
    name: "acme-test-cdn",
    bucketName: "acme-test-static-site",
    api: { domainName: "abc123.execute-api.eu-west-1.amazonaws.com", originPath: "/v1" },
    staticTtl: { minSeconds: 86400, defaultSeconds: 604800, maxSeconds: 31536000 },
    pageTtl: { minSeconds: 0, defaultSeconds: 300, maxSeconds: 3600 },
    priceClass: "PriceClass_100",
    originShieldRegion: "eu-west-1",
    webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/acme-test-cdn/a1b2c3d4-0000-0000-0000-000000000000",
    accessLogs: {
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111",
      retentionDays: 30,
      deletionProtection: true,
      provider,
    },
    ...extra,
  };
}

describe("CdnDistribution with a site failover bucket", () => {
  const stack = testStack();
  const cdn = new CdnDistribution(stack, "Cdn", props(stack, { siteFailoverBucket: REPLICA }));
  const { json, values } = synthWithValues(stack, { bucketVersioning: cdn.bucketVersioning.id });
  const [, distribution] = named(json, "aws_cloudfront_distribution", "Cdn");
  const [replicaAccessId, replicaAccess] = named(
    json,
    "aws_cloudfront_origin_access_control",
    "Cdn_ReplicaOriginAccessControl",
  );
  const originIds = (distribution.origin as any[]).map((origin) => origin.origin_id);

  test("the replica is a third origin, read through its own origin access control (SigV4), without origin shield", () => {
    expect(originIds).toEqual([STATIC_ORIGIN_ID, API_ORIGIN_ID, STATIC_REPLICA_ORIGIN_ID]);
    expect(distribution.origin[2]).toEqual({
      origin_id: "static-site-replica",
      domain_name: REPLICA.bucketRegionalDomainName,
      origin_access_control_id: ref("aws_cloudfront_origin_access_control", replicaAccessId),
    });
    expect(replicaAccess).toEqual({
      name: "acme-test-cdn-static-replica",
      description: `CloudFront acme-test-cdn reads s3://${REPLICA.bucketName}`,
      origin_access_control_origin_type: "s3",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    // The site bucket keeps its origin shield (in its region); the replica is only asked when the site bucket fails.
    expect(distribution.origin[0].origin_shield).toEqual({ enabled: true, origin_shield_region: "eu-west-1" });
  });

  test("an origin group of the site bucket then the replica, failing over on 403, 404 and 5xx", () => {
    expect(FAILOVER_STATUS_CODES).toEqual([403, 404, 500, 502, 503, 504]);
    expect(distribution.origin_group).toEqual([
      {
        origin_id: "static-site-failover",
        failover_criteria: { status_codes: [403, 404, 500, 502, 503, 504] },
        member: [{ origin_id: "static-site" }, { origin_id: "static-site-replica" }],
      },
    ]);
  });

  test("the site's default behaviour and its static assets target the group, with GET, HEAD and OPTIONS only", () => {
    expect(distribution.default_cache_behavior.target_origin_id).toBe(STATIC_ORIGIN_GROUP_ID);
    const staticBehaviour = distribution.ordered_cache_behavior.find((b: any) => b.path_pattern === "/static/*");
    expect(staticBehaviour.target_origin_id).toBe(STATIC_ORIGIN_GROUP_ID);
    const onGroup = [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior].filter(
      (behaviour: any) => behaviour.target_origin_id === STATIC_ORIGIN_GROUP_ID,
    );
    expect(onGroup).toHaveLength(2);
    for (const behaviour of onGroup) {
      expect(behaviour.allowed_methods).toEqual(FAILOVER_METHODS);
    }
  });

  test("the /api behaviour targets the API alone, never the group (it allows POST, which never fails over)", () => {
    const apiBehaviour = distribution.ordered_cache_behavior.find((b: any) => b.path_pattern === "/api/*");
    expect(apiBehaviour.target_origin_id).toBe(API_ORIGIN_ID);
    expect(apiBehaviour.allowed_methods).toContain("POST");
  });

  test("the site bucket's versioning is exposed for the replication's depends_on", () => {
    const [versioningId] = named(json, "aws_s3_bucket_versioning", "Cdn_Versioning");
    expect(values.bucketVersioning).toBe(ref("aws_s3_bucket_versioning", versioningId));
  });
});

describe("CdnDistribution without a site failover bucket (the default)", () => {
  test("no replica origin, no origin group: the site's behaviours target the site bucket", () => {
    const stack = testStack();
    new CdnDistribution(stack, "Cdn", props(stack));
    const json = synth(stack);
    const [, distribution] = named(json, "aws_cloudfront_distribution", "Cdn");
    expect(distribution).not.toHaveProperty("origin_group");
    expect((distribution.origin as any[]).map((origin) => origin.origin_id)).toEqual([STATIC_ORIGIN_ID, API_ORIGIN_ID]);
    expect(Object.keys(resourcesOf(json, "aws_cloudfront_origin_access_control"))).toHaveLength(1);
    expect(distribution.default_cache_behavior.target_origin_id).toBe(STATIC_ORIGIN_ID);
    expect(distribution.ordered_cache_behavior.map((b: any) => b.target_origin_id)).toEqual([
      STATIC_ORIGIN_ID,
      API_ORIGIN_ID,
    ]);
  });
});

describe("CdnDistribution with SiteReplica", () => {
  test("the replica's bucket is the failover origin, by reference: the distribution waits for it", () => {
    const stack = testStack();
    const standby = new AwsProvider(stack, "aws-standby", { region: "eu-central-1", alias: "standby" });
    const replica = new SiteReplica(stack, "SiteReplica", {
      name: "acme-test-cdn",
      bucketName: REPLICA.bucketName,
      replicaProvider: standby,
    });
    const cdn = new CdnDistribution(stack, "Cdn", props(stack, { siteFailoverBucket: replica.failoverBucket }));
    replica.replicateFrom(cdn);
    const json = synth(stack);
    const [replicaId] = named(json, "aws_s3_bucket", "SiteReplica_Bucket");
    const [, distribution] = named(json, "aws_cloudfront_distribution", "Cdn");
    expect(distribution.origin[2].domain_name).toBe(ref("aws_s3_bucket", replicaId, "bucket_regional_domain_name"));
    expect(replica.failoverBucket.bucketName).toBe(REPLICA.bucketName);
  });
});
