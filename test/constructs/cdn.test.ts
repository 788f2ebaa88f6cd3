import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import {
  API_CACHE_POLICY,
  API_ORIGIN_REQUEST_POLICY,
  CdnDistribution,
  type CdnDistributionProps,
} from "../../constructs/cdn/cdn-distribution";
import {
  checkBucketName,
  checkCertificateArn,
  checkDomainNames,
  checkTtl,
  checkWebAclArn,
  matchesPathPattern,
  MINIMUM_PROTOCOL_VERSION,
} from "../../constructs/cdn/options";
import { SECURITY_HEADERS } from "../../constructs/cdn/security-headers";
import { siteRequestCode } from "../../constructs/cdn/site-function";
import { WebAcl } from "../../constructs/waf/web-acl";
import { dataNamed, listOf, named, onlyOf, ref, synth, synthWithValues, testStack } from "../helpers";

const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
const WEB_ACL_ARN =
  "arn:aws:wafv2:us-east-1:123456789012:global/webacl/acme-test-cdn/a1b2c3d4-0000-0000-0000-000000000000";
const LOGS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111";
const API_DOMAIN = "abc123.execute-api.eu-west-1.amazonaws.com";
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

type Overrides = Partial<Omit<CdnDistributionProps, "accessLogs">>;

/** Props with the seeds of the config; the access logs use the stack's us-east-1 provider. */
function props(stack: TerraformStack, overrides: Overrides = {}): CdnDistributionProps {
  const provider = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us_east_1" });
  return {
    name: "acme-test-cdn",
    bucketName: "acme-test-static-site",
    api: { domainName: API_DOMAIN, originPath: "/v1" },
    staticTtl: { minSeconds: 86400, defaultSeconds: 604800, maxSeconds: 31536000 },
    pageTtl: { minSeconds: 0, defaultSeconds: 300, maxSeconds: 3600 },
    priceClass: "PriceClass_100",
    webAclArn: WEB_ACL_ARN,
    accessLogs: { kmsKeyArn: LOGS_KEY_ARN, retentionDays: 30, deletionProtection: true, provider },
    ...overrides,
  };
}

function build(overrides: Overrides = {}) {
  const stack = testStack();
  const cdn = new CdnDistribution(stack, "Cdn", props(stack, overrides));
  return { stack, cdn, json: synth(stack) };
}

/** The distribution of a synthesized stack, with its logical id. */
function distributionOf(json: ReturnType<typeof synth>): [string, any] {
  return named(json, "aws_cloudfront_distribution", "Cdn");
}

describe("CdnDistribution", () => {
  describe("with the defaults", () => {
    const stack = testStack();
    const cdn = new CdnDistribution(stack, "Cdn", props(stack));
    const { json, values } = synthWithValues(stack, {
      distributionId: cdn.distributionId,
      distributionArn: cdn.distributionArn,
      domainName: cdn.domainName,
      hostedZoneId: cdn.hostedZoneId,
      bucketName: cdn.bucketName,
      bucketArn: cdn.bucketArn,
      bucketKeyArn: cdn.bucketKeyArn,
      responseHeadersPolicyId: cdn.responseHeadersPolicyId,
    });
    const [distributionId, distribution] = distributionOf(json);
    const distributionArn = ref("aws_cloudfront_distribution", distributionId, "arn");
    const [bucketId, bucket] = named(json, "aws_s3_bucket", "Bucket");
    const bucketRef = ref("aws_s3_bucket", bucketId);
    const bucketArn = ref("aws_s3_bucket", bucketId, "arn");
    const [keyId] = named(json, "aws_kms_key", "BucketKey");
    const [headersId, headers] = named(json, "aws_cloudfront_response_headers_policy", "SecurityHeaders");
    const behaviours = [...distribution.ordered_cache_behavior, distribution.default_cache_behavior];

    test("a private bucket: public access blocked, owner-enforced, versioned, kept by Terraform", () => {
      expect(bucket).toEqual({ bucket: "acme-test-static-site", force_destroy: false });
      expect(onlyOf(json, "aws_s3_bucket_public_access_block")).toEqual({
        bucket: bucketRef,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(onlyOf(json, "aws_s3_bucket_ownership_controls")).toEqual({
        bucket: bucketRef,
        rule: { object_ownership: "BucketOwnerEnforced" },
      });
      expect(onlyOf(json, "aws_s3_bucket_versioning")).toEqual({
        bucket: bucketRef,
        versioning_configuration: { status: "Enabled" },
      });
    });

    test("replaced versions expire after 90 days and incomplete uploads are aborted after 7", () => {
      const lifecycle = onlyOf(json, "aws_s3_bucket_lifecycle_configuration");
      expect(lifecycle.bucket).toBe(bucketRef);
      expect(lifecycle.rule).toEqual([
        expect.objectContaining({
          status: "Enabled",
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ]);
    });

    test("encrypted with its own KMS key and S3 bucket keys", () => {
      expect(onlyOf(json, "aws_s3_bucket_server_side_encryption_configuration")).toEqual({
        bucket: bucketRef,
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: "aws:kms",
              kms_master_key_id: ref("aws_kms_key", keyId, "arn"),
            },
            bucket_key_enabled: true,
          },
        ],
      });
      expect(onlyOf(json, "aws_kms_alias").name).toBe("alias/acme-test-cdn-static");
      expect(values.bucketKeyArn).toBe(ref("aws_kms_key", keyId, "arn"));
    });

    test("the key lets CloudFront decrypt for this distribution only", () => {
      const [, keyPolicy] = dataNamed(json, "aws_iam_policy_document", "BucketKey_Policy");
      expect(keyPolicy.statement).toHaveLength(2);
      expect(keyPolicy.statement[1]).toEqual({
        sid: "AllowCloudFrontDecrypt",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
        actions: ["kms:Decrypt"],
        resources: ["*"],
        condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }],
      });
    });

    test("the bucket policy lets only this distribution read and list, over TLS only", () => {
      const [documentId, document] = dataNamed(json, "aws_iam_policy_document", "BucketPolicyDocument");
      const fromDistribution = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }];
      const cloudFront = [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }];
      expect(document.statement).toEqual([
        {
          sid: "AllowCloudFrontRead",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:GetObject"],
          resources: [`${bucketArn}/*`],
          condition: fromDistribution,
        },
        {
          sid: "AllowCloudFrontList",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:ListBucket"],
          resources: [bucketArn],
          condition: fromDistribution,
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [bucketArn, `${bucketArn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ]);
      const [publicAccessBlockId] = named(json, "aws_s3_bucket_public_access_block", "PublicAccessBlock");
      expect(onlyOf(json, "aws_s3_bucket_policy")).toEqual({
        bucket: bucketRef,
        policy: `\${data.aws_iam_policy_document.${documentId}.json}`,
        depends_on: [`aws_s3_bucket_public_access_block.${publicAccessBlockId}`],
      });
    });

    test("an origin access control that signs every request to S3 with SigV4", () => {
      expect(onlyOf(json, "aws_cloudfront_origin_access_control")).toMatchObject({
        name: "acme-test-cdn-static",
        origin_access_control_origin_type: "s3",
        signing_behavior: "always",
        signing_protocol: "sigv4",
      });
    });

    test("the bucket origin through the OAC, without origin shield unless configured", () => {
      const [oacId] = named(json, "aws_cloudfront_origin_access_control", "OriginAccessControl");
      expect(distribution.origin[0]).toEqual({
        origin_id: "static-site",
        domain_name: ref("aws_s3_bucket", bucketId, "bucket_regional_domain_name"),
        origin_access_control_id: ref("aws_cloudfront_origin_access_control", oacId),
      });
    });

    test("the API origin over HTTPS only, TLS 1.2, at the stage's path", () => {
      expect(distribution.origin[1]).toEqual({
        origin_id: "api",
        domain_name: API_DOMAIN,
        origin_path: "/v1",
        custom_origin_config: {
          origin_protocol_policy: "https-only",
          origin_ssl_protocols: ["TLSv1.2"],
          http_port: 80,
          https_port: 443,
        },
      });
    });

    test("static assets first: the bucket, long TTLs, compressed, read-only methods", () => {
      const [staticPolicyId, staticPolicy] = named(json, "aws_cloudfront_cache_policy", "StaticCachePolicy");
      expect(distribution.ordered_cache_behavior.map((b: any) => [b.path_pattern, b.target_origin_id])).toEqual([
        ["/static/*", "static-site"],
        ["/api/*", "api"],
      ]);
      expect(distribution.ordered_cache_behavior[0]).toMatchObject({
        compress: true,
        allowed_methods: ["GET", "HEAD", "OPTIONS"],
        cached_methods: ["GET", "HEAD"],
        cache_policy_id: ref("aws_cloudfront_cache_policy", staticPolicyId),
      });
      expect(distribution.ordered_cache_behavior[0]).not.toHaveProperty("origin_request_policy_id");
      expect(staticPolicy).toEqual({
        name: "acme-test-cdn-static",
        min_ttl: 86400,
        default_ttl: 604800,
        max_ttl: 31536000,
        parameters_in_cache_key_and_forwarded_to_origin: {
          enable_accept_encoding_gzip: true,
          enable_accept_encoding_brotli: true,
          cookies_config: { cookie_behavior: "none" },
          headers_config: { header_behavior: "none" },
          query_strings_config: { query_string_behavior: "none" },
        },
      });
    });

    test("the API: every method, never cached, every viewer header but Host (managed policies, by name)", () => {
      const [cacheId, cache] = dataNamed(json, "aws_cloudfront_cache_policy", "ApiCachePolicy");
      const [requestId, request] = dataNamed(json, "aws_cloudfront_origin_request_policy", "ApiOriginRequestPolicy");
      expect(cache).toEqual({ name: "Managed-CachingDisabled" });
      expect(request).toEqual({ name: "Managed-AllViewerExceptHostHeader" });
      expect([API_CACHE_POLICY, API_ORIGIN_REQUEST_POLICY]).toEqual([cache.name, request.name]);
      expect(distribution.ordered_cache_behavior[1]).toMatchObject({
        allowed_methods: ALL_METHODS,
        cached_methods: ["GET", "HEAD"],
        cache_policy_id: `\${data.aws_cloudfront_cache_policy.${cacheId}.id}`,
        origin_request_policy_id: `\${data.aws_cloudfront_origin_request_policy.${requestId}.id}`,
      });
    });

    test("everything else goes to the bucket with the page TTLs, index.html at the root", () => {
      const [pagePolicyId, pagePolicy] = named(json, "aws_cloudfront_cache_policy", "PageCachePolicy");
      expect(distribution.default_root_object).toBe("index.html");
      expect(distribution.default_cache_behavior).toMatchObject({
        target_origin_id: "static-site",
        compress: true,
        allowed_methods: ["GET", "HEAD", "OPTIONS"],
        cached_methods: ["GET", "HEAD"],
        cache_policy_id: ref("aws_cloudfront_cache_policy", pagePolicyId),
      });
      expect(pagePolicy).toMatchObject({ name: "acme-test-cdn-pages", min_ttl: 0, default_ttl: 300, max_ttl: 3600 });
      expect(pagePolicy.parameters_in_cache_key_and_forwarded_to_origin.enable_accept_encoding_brotli).toBe(true);
    });

    test("every behaviour redirects HTTP to HTTPS and adds the security headers", () => {
      expect(behaviours).toHaveLength(3);
      for (const behaviour of behaviours) {
        expect(behaviour.viewer_protocol_policy).toBe("redirect-to-https");
        expect(behaviour.response_headers_policy_id).toBe(ref("aws_cloudfront_response_headers_policy", headersId));
      }
      expect(values.responseHeadersPolicyId).toBe(ref("aws_cloudfront_response_headers_policy", headersId));
    });

    test("security headers: two-year preloaded HSTS, no framing, nosniff, strict referrer, XSS block", () => {
      expect(SECURITY_HEADERS).toEqual({
        hstsMaxAgeSeconds: 63072000,
        frameOption: "DENY",
        referrerPolicy: "strict-origin-when-cross-origin",
      });
      expect(headers.name).toBe("acme-test-cdn-security-headers");
      expect(headers.security_headers_config).toEqual({
        strict_transport_security: {
          access_control_max_age_sec: 63072000,
          include_subdomains: true,
          preload: true,
          override: true,
        },
        frame_options: { frame_option: "DENY", override: true },
        content_type_options: { override: true },
        referrer_policy: { referrer_policy: "strict-origin-when-cross-origin", override: true },
        xss_protection: { protection: true, mode_block: true, override: true },
      });
    });

    test("enabled, HTTP/2 and HTTP/3, IPv6, the price class, the WAF ACL, no geo restriction", () => {
      expect(distribution).toMatchObject({
        enabled: true,
        http_version: "http2and3",
        is_ipv6_enabled: true,
        price_class: "PriceClass_100",
        web_acl_id: WEB_ACL_ARN,
        comment: "acme-test-cdn: static site and API",
        restrictions: { geo_restriction: { restriction_type: "none" } },
      });
    });

    test("without a domain: the *.cloudfront.net certificate, no aliases, no records", () => {
      expect(distribution.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
      expect(distribution).not.toHaveProperty("aliases");
      expect(json.resource!.aws_route53_record).toBeUndefined();
    });

    test("no error response replaces a body (they apply to the API too); server errors are only never cached", () => {
      expect(distribution.custom_error_response).toEqual([
        { error_code: 500, error_caching_min_ttl: 0 },
        { error_code: 502, error_caching_min_ttl: 0 },
        { error_code: 503, error_caching_min_ttl: 0 },
        { error_code: 504, error_caching_min_ttl: 0 },
      ]);
    });

    test("the site's paths go through the site function (spa), on the site's behaviour only, never the API's", () => {
      const [functionId, fn] = named(json, "aws_cloudfront_function", "SiteFunction");
      expect(fn).toMatchObject({
        name: "acme-test-cdn-site-paths",
        runtime: "cloudfront-js-2.0",
        publish: true,
        code: siteRequestCode("spa"),
      });
      expect(distribution.default_cache_behavior.function_association).toEqual([
        { event_type: "viewer-request", function_arn: ref("aws_cloudfront_function", functionId, "arn") },
      ]);
      for (const behaviour of distribution.ordered_cache_behavior) {
        expect(behaviour).not.toHaveProperty("function_association");
      }
    });

    test("the API origin gets no extra headers unless given", () => {
      expect(distribution.origin[1]).not.toHaveProperty("custom_header");
    });

    test("access logs through standard logging v2 into an encrypted log group, all in us-east-1", () => {
      const [logGroupId, logGroup] = named(json, "aws_cloudwatch_log_group", "AccessLogGroup");
      const [sourceId, source] = named(json, "aws_cloudwatch_log_delivery_source", "AccessLogSource");
      const [destinationId, destination] = named(
        json,
        "aws_cloudwatch_log_delivery_destination",
        "AccessLogDestination",
      );
      expect(logGroup).toEqual({
        name: "/aws/cloudfront/acme-test-cdn",
        kms_key_id: LOGS_KEY_ARN,
        retention_in_days: 30,
        deletion_protection_enabled: true,
        provider: "aws.us_east_1",
      });
      expect(source).toEqual({
        name: "acme-test-cdn-access-logs",
        log_type: "ACCESS_LOGS",
        resource_arn: distributionArn,
        provider: "aws.us_east_1",
      });
      expect(destination).toEqual({
        name: "acme-test-cdn-access-logs",
        output_format: "json",
        delivery_destination_configuration: [
          { destination_resource_arn: ref("aws_cloudwatch_log_group", logGroupId, "arn") },
        ],
        provider: "aws.us_east_1",
      });
      expect(onlyOf(json, "aws_cloudwatch_log_delivery")).toEqual({
        delivery_source_name: ref("aws_cloudwatch_log_delivery_source", sourceId, "name"),
        delivery_destination_arn: ref("aws_cloudwatch_log_delivery_destination", destinationId, "arn"),
        provider: "aws.us_east_1",
      });
      expect(distribution).not.toHaveProperty("logging_config");
    });

    test("only the access-log resources use the us-east-1 provider", () => {
      const eastTypes = Object.entries(json.resource!)
        .filter(([, blocks]) => Object.values(blocks).some((block: any) => block.provider))
        .map(([type]) => type)
        .sort();
      expect(eastTypes).toEqual([
        "aws_cloudwatch_log_delivery",
        "aws_cloudwatch_log_delivery_destination",
        "aws_cloudwatch_log_delivery_source",
        "aws_cloudwatch_log_group",
      ]);
    });

    test("exposes the distribution's and the bucket's attributes", () => {
      expect(values).toMatchObject({
        distributionId: ref("aws_cloudfront_distribution", distributionId),
        distributionArn,
        domainName: ref("aws_cloudfront_distribution", distributionId, "domain_name"),
        hostedZoneId: ref("aws_cloudfront_distribution", distributionId, "hosted_zone_id"),
        bucketName: ref("aws_s3_bucket", bucketId, "bucket"),
        bucketArn,
      });
    });
  });

  test("origin shield on the bucket origin only, when configured", () => {
    const [, distribution] = distributionOf(build({ originShieldRegion: "eu-west-1" }).json);
    expect(distribution.origin[0].origin_shield).toEqual({ enabled: true, origin_shield_region: "eu-west-1" });
    expect(distribution.origin[1]).not.toHaveProperty("origin_shield");
  });

  test("custom patterns, the API's origin headers (replacing the viewer's), pages routing", () => {
    const { json } = build({
      staticPathPattern: "/assets/*",
      api: { domainName: API_DOMAIN, originPath: "/prod", pathPattern: "/v2/*", headers: { "x-api-key": "site-key" } },
      siteRouting: "pages",
    });
    const [, distribution] = distributionOf(json);
    const [, fn] = named(json, "aws_cloudfront_function", "SiteFunction");
    expect(distribution.ordered_cache_behavior.map((b: any) => b.path_pattern)).toEqual(["/assets/*", "/v2/*"]);
    expect(distribution.origin[1].origin_path).toBe("/prod");
    expect(distribution.origin[1].custom_header).toEqual([{ name: "x-api-key", value: "site-key" }]);
    expect(distribution.origin[0]).not.toHaveProperty("custom_header");
    expect(fn.code).toBe(siteRequestCode("pages"));
  });

  describe("the site function", () => {
    /** Runs the generated function on a request for `uri`, as CloudFront would, and returns the object fetched. */
    const fetched = (routing: "spa" | "pages", uri: string): string => {
      const handler = new Function(`${siteRequestCode(routing)}\nreturn handler;`)() as (event: unknown) => {
        uri: string;
      };
      return handler({ request: { uri, method: "GET", querystring: {}, headers: {}, cookies: {} } }).uri;
    };

    test.each([
      ["/", "/index.html"],
      ["/orders", "/index.html"],
      ["/orders/42/", "/index.html"],
      ["/static/app.4f3a.js", "/static/app.4f3a.js"],
      ["/favicon.ico", "/favicon.ico"],
      ["/docs/v1.2/guide", "/index.html"],
    ])("spa: %s → %s", (uri, object) => {
      expect(fetched("spa", uri)).toBe(object);
    });

    test.each([
      ["/", "/index.html"],
      ["/about", "/about/index.html"],
      ["/about/", "/about/index.html"],
      ["/blog/2026/post", "/blog/2026/post/index.html"],
      ["/robots.txt", "/robots.txt"],
      ["/404.html", "/404.html"],
    ])("pages: %s → %s", (uri, object) => {
      expect(fetched("pages", uri)).toBe(object);
    });
  });

  test("pages that are never cached get no compression settings (CloudFront rejects them then)", () => {
    const { json } = build({ pageTtl: { minSeconds: 0, defaultSeconds: 0, maxSeconds: 0 } });
    const [, pagePolicy] = named(json, "aws_cloudfront_cache_policy", "PageCachePolicy");
    expect(pagePolicy.parameters_in_cache_key_and_forwarded_to_origin).toMatchObject({
      enable_accept_encoding_gzip: false,
      enable_accept_encoding_brotli: false,
    });
  });

  describe("with a domain", () => {
    const names = ["www.example.com", "example.com"];

    test("the ACM certificate with SNI and TLS 1.2+, and the names as aliases", () => {
      const { json } = build({ domain: { names, certificateArn: CERTIFICATE_ARN } });
      const [, distribution] = distributionOf(json);
      expect(distribution.aliases).toEqual(names);
      expect(distribution.viewer_certificate).toEqual({
        acm_certificate_arn: CERTIFICATE_ARN,
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2021",
      });
      expect(MINIMUM_PROTOCOL_VERSION).toBe("TLSv1.2_2021");
      expect(json.resource!.aws_route53_record).toBeUndefined();
    });

    test("A and AAAA alias records per name with a hosted zone", () => {
      const { json } = build({ domain: { names, certificateArn: CERTIFICATE_ARN, hostedZoneId: "Z0123456789ABC" } });
      const [distributionId] = distributionOf(json);
      const records = listOf(json, "aws_route53_record");
      expect(records.map((record) => [record.name, record.type]).sort()).toEqual([
        ["example.com", "A"],
        ["example.com", "AAAA"],
        ["www.example.com", "A"],
        ["www.example.com", "AAAA"],
      ]);
      for (const record of records) {
        expect(record).toMatchObject({
          zone_id: "Z0123456789ABC",
          alias: {
            name: ref("aws_cloudfront_distribution", distributionId, "domain_name"),
            zone_id: ref("aws_cloudfront_distribution", distributionId, "hosted_zone_id"),
            evaluate_target_health: false,
          },
        });
      }
    });
  });

  test("preventDestroy protects the bucket and its key; forceDestroy empties the bucket on destroy", () => {
    const { json } = build({ preventDestroy: true, forceDestroy: true });
    expect(named(json, "aws_s3_bucket", "Bucket")[1]).toEqual({
      bucket: "acme-test-static-site",
      force_destroy: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(named(json, "aws_kms_key", "BucketKey")[1].lifecycle).toEqual({ prevent_destroy: true });
  });

  test("takes a WAF ACL's and an API's attributes (tokens) without checking them", () => {
    const stack = testStack();
    const base = props(stack);
    const acl = new WebAcl(stack, "Waf", {
      name: "acme-test-cdn",
      scope: "CLOUDFRONT",
      rateLimit: 2000,
      logs: { kmsKeyArn: LOGS_KEY_ARN, retentionDays: 30, deletionProtection: true },
      provider: base.accessLogs.provider,
    });
    new CdnDistribution(stack, "Cdn", { ...base, webAclArn: acl.arn });
    const json = synth(stack);
    const [aclId] = named(json, "aws_wafv2_web_acl", "Waf");
    expect(distributionOf(json)[1].web_acl_id).toBe(ref("aws_wafv2_web_acl", aclId, "arn"));
  });

  describe("check functions", () => {
    test("checkTtl: whole seconds up to a year, min ≤ default ≤ max", () => {
      expect(checkTtl({ minSeconds: 0, defaultSeconds: 0, maxSeconds: 0 })).toBeUndefined();
      expect(checkTtl({ minSeconds: 86400, defaultSeconds: 604800, maxSeconds: 31536000 })).toBeUndefined();
      expect(checkTtl({ minSeconds: 90000, defaultSeconds: 86400, maxSeconds: 31536000 })).toBe(
        "min 90000 > default 86400; expected minSeconds ≤ defaultSeconds ≤ maxSeconds",
      );
      expect(checkTtl({ minSeconds: 0, defaultSeconds: 600, maxSeconds: 300 })).toBe(
        "default 600 > max 300; expected minSeconds ≤ defaultSeconds ≤ maxSeconds",
      );
      expect(checkTtl({ minSeconds: -1, defaultSeconds: 0, maxSeconds: 0 })).toMatch(/^minSeconds -1 is not allowed/);
    });

    test("checkCertificateArn: an ACM certificate in us-east-1", () => {
      expect(checkCertificateArn(CERTIFICATE_ARN)).toBeUndefined();
      expect(checkCertificateArn(CERTIFICATE_ARN.replace("us-east-1", "eu-west-1"))).toMatch(/^is not in us-east-1/);
      expect(checkCertificateArn("arn:aws:iam::123456789012:server-certificate/x")).toMatch(
        /^is not an ACM certificate ARN/,
      );
    });

    test("checkDomainNames: at least one host name, each once", () => {
      expect(checkDomainNames(["example.com", "*.example.com"])).toBeUndefined();
      expect(checkDomainNames([])).toMatch(/^is empty/);
      expect(checkDomainNames(["https://example.com"])).toMatch(/^has "https:\/\/example.com", which is not a host/);
      expect(checkDomainNames(["a.example.com", "a.example.com"])).toMatch(/^lists a.example.com twice/);
    });

    test("checkWebAclArn, checkBucketName, matchesPathPattern", () => {
      expect(checkWebAclArn(WEB_ACL_ARN)).toBeUndefined();
      expect(checkWebAclArn(WEB_ACL_ARN.replace("global", "regional"))).toMatch(/CLOUDFRONT-scope/);
      expect(checkBucketName("acme-prod-static")).toBeUndefined();
      expect(checkBucketName("acme.prod.static")).toMatch(/no dots/);
      expect(matchesPathPattern("/api/*", "/api/404.html")).toBe(true);
      expect(matchesPathPattern("/api/*", "/404.html")).toBe(false);
      expect(matchesPathPattern("/v?/*", "/v2/x")).toBe(true);
    });
  });

  test.each<[string, Overrides, RegExp]>([
    [
      "a static TTL order that is broken",
      { staticTtl: { minSeconds: 90000, defaultSeconds: 86400, maxSeconds: 31536000 } },
      /Cdn: staticTtl: min 90000 > default 86400; expected minSeconds ≤ defaultSeconds ≤ maxSeconds/,
    ],
    [
      "a page TTL above a year",
      { pageTtl: { minSeconds: 0, defaultSeconds: 300, maxSeconds: 40000000 } },
      /pageTtl: maxSeconds 40000000 is not allowed; expected whole numbers of seconds from 0 to 31536000 \(one year\)/,
    ],
    [
      "a fractional TTL",
      { pageTtl: { minSeconds: 0, defaultSeconds: 1.5, maxSeconds: 3600 } },
      /pageTtl: defaultSeconds 1.5 is not allowed/,
    ],
    [
      "a default above the maximum",
      { pageTtl: { minSeconds: 0, defaultSeconds: 7200, maxSeconds: 3600 } },
      /pageTtl: default 7200 > max 3600; expected minSeconds ≤ defaultSeconds ≤ maxSeconds/,
    ],
    [
      "a domain without a certificate",
      { domain: { names: ["www.example.com"], certificateArn: "" } },
      /domain.certificateArn is required with domain names; expected an ACM certificate in us-east-1/,
    ],
    [
      "a domain without names",
      { domain: { names: [], certificateArn: CERTIFICATE_ARN } },
      /domain.names: \[\] is empty; expected at least one alternate domain name/,
    ],
    [
      "a certificate outside us-east-1",
      {
        domain: {
          names: ["www.example.com"],
          certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
        },
      },
      /certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate\/0{8}-0{4}-0{4}-0{4}-0{12}" is not in us-east-1; expected an ACM certificate in us-east-1, where CloudFront reads certificates/,
    ],
    [
      "a certificate that is not an ACM ARN",
      { domain: { names: ["www.example.com"], certificateArn: "my-certificate" } },
      /domain.certificateArn: "my-certificate" is not an ACM certificate ARN/,
    ],
    [
      "a domain name that is not a host name",
      { domain: { names: ["www.example.com", "Bad_Name.example.com"], certificateArn: CERTIFICATE_ARN } },
      /domain.names: \["www.example.com","Bad_Name.example.com"\] has "Bad_Name.example.com", which is not a host name/,
    ],
    [
      "a hosted zone id that is not one",
      { domain: { names: ["www.example.com"], certificateArn: CERTIFICATE_ARN, hostedZoneId: "example.com" } },
      /domain.hostedZoneId: "example.com" is not a hosted zone id/,
    ],
    [
      "an unknown price class",
      { priceClass: "PriceClass_300" },
      /priceClass: "PriceClass_300" is not allowed; expected one of "PriceClass_100", "PriceClass_200", "PriceClass_All"/,
    ],
    [
      "a site routing the function does not know",
      { siteRouting: "hash" as never },
      /siteRouting: "hash" is not allowed; expected one of "spa", "pages"/,
    ],
    [
      "an origin header that is not a header name",
      { api: { domainName: API_DOMAIN, originPath: "/v1", headers: { "x api key": "k" } } },
      /api.headers: "x api key" is not a header name; expected letters, digits and hyphens/,
    ],
    [
      "a bucket name with upper case",
      { bucketName: "Acme-Static" },
      /bucketName: "Acme-Static" is not allowed; expected 3 to 63 lower-case letters, digits or hyphens \(no dots\)/,
    ],
    [
      "a bucket name with dots",
      { bucketName: "static.example.com" },
      /bucketName: "static.example.com" is not allowed/,
    ],
    [
      "a REGIONAL web ACL",
      { webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acme-test-api/a1b2c3d4" },
      /webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional\/webacl\/acme-test-api\/a1b2c3d4" is not the ARN of a CLOUDFRONT-scope WAF web ACL/,
    ],
    [
      "a WAF classic id",
      { webAclArn: "a1b2c3d4-0000" },
      /webAclArn: "a1b2c3d4-0000" is not the ARN of a CLOUDFRONT-scope/,
    ],
    [
      "a name with upper case",
      { name: "Acme-CDN" },
      /name: "Acme-CDN" is not allowed; expected 2 to 40 lower-case letters, digits or hyphens/,
    ],
    ["a name too long for the delivery names", { name: "a".repeat(41) }, /name: "a{41}" is not allowed/],
    [
      "an API domain with a scheme",
      { api: { domainName: `https://${API_DOMAIN}`, originPath: "/v1" } },
      /api.domainName: "https:\/\/abc123.execute-api.eu-west-1.amazonaws.com" is not a host name/,
    ],
    [
      "an origin path with a trailing slash",
      { api: { domainName: API_DOMAIN, originPath: "/v1/" } },
      /api.originPath: "\/v1\/" is not allowed; expected a path starting with "\/" without a trailing slash/,
    ],
    [
      "an API pattern without a leading slash",
      { api: { domainName: API_DOMAIN, originPath: "/v1", pathPattern: "api/*" } },
      /api.pathPattern: "api\/\*" is not allowed; expected a path pattern starting with "\/"/,
    ],
    [
      "the same pattern for assets and the API",
      { staticPathPattern: "/api/*" },
      /staticPathPattern: "\/api\/\*" is the API's path pattern too; expected different patterns/,
    ],
    [
      "an origin shield region that is not a region",
      { originShieldRegion: "Ireland" },
      /originShieldRegion: "Ireland" is not a region; expected an AWS region code/,
    ],
  ])("rejects %s before creating anything", (_case, overrides, message) => {
    const stack = testStack();
    expect(() => new CdnDistribution(stack, "Cdn", props(stack, overrides))).toThrow(message);
    expect(synth(stack).resource).toBeUndefined();
  });

  test("rejects an access-log retention CloudWatch Logs does not offer", () => {
    const stack = testStack();
    const base = props(stack);
    expect(
      () => new CdnDistribution(stack, "Cdn", { ...base, accessLogs: { ...base.accessLogs, retentionDays: 45 } }),
    ).toThrow(/accessLogs.retentionDays: 45 is not allowed; expected one of the CloudWatch Logs retention periods/);
  });
});
