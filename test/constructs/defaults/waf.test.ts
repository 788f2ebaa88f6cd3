import { WebAcl, type WebAclProps } from "../../../constructs/waf/web-acl";
import { onlyOf, synth, testStack } from "../../helpers";

/** What a web ACL cannot do without; every other prop is left to its default. */
const REQUIRED: WebAclProps = {
  name: "acme-test-api",
  scope: "REGIONAL",
  rateLimit: 2000,
  logs: {
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000",
    retentionDays: 90,
    deletionProtection: true,
  },
};

function webAclOf(props: Partial<WebAclProps> = {}): any {
  const stack = testStack();
  new WebAcl(stack, "Waf", { ...REQUIRED, ...props });
  return onlyOf(synth(stack), "aws_wafv2_web_acl");
}

describe("WebAcl defaults", () => {
  test("asks the protected resource for no body inspection limit when bodySizeLimits is not given", () => {
    expect(webAclOf()).not.toHaveProperty("association_config");
  });

  test("a header rate limit without paths counts every request (no scope-down statement)", () => {
    const rule = webAclOf({
      headerRateLimits: [{ name: "RateLimitPerUser", header: "authorization", limit: 500 }],
    }).rule.find((item: any) => item.name === "RateLimitPerUser");

    expect(rule.statement).toEqual({
      rate_based_statement: {
        limit: 500,
        aggregate_key_type: "CUSTOM_KEYS",
        custom_key: [{ header: { name: "authorization", text_transformation: [{ priority: 0, type: "NONE" }] } }],
        evaluation_window_sec: 300,
      },
    });
  });
});
