import { EncryptionKey, cloudWatchLogsGrant, type EncryptionKeyProps } from "../../constructs/kms/encryption-key";
import { named, onlyOf, ref, synth, testStack } from "../helpers";

const BASE: EncryptionKeyProps = { aliasName: "acme-test-things", description: "Encrypts things" };

function policyStatements(json: ReturnType<typeof synth>): any[] {
  return Object.values(json.data?.aws_iam_policy_document ?? {})[0].statement;
}

describe("EncryptionKey", () => {
  test("rotates yearly, waits 30 days before deletion and is reachable by its alias", () => {
    const stack = testStack();
    new EncryptionKey(stack, "Key", BASE);
    const json = synth(stack);

    const [keyId, key] = named(json, "aws_kms_key", "Key");
    expect(key).toMatchObject({
      description: "Encrypts things",
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
    });
    expect(key).not.toHaveProperty("lifecycle");
    expect(onlyOf(json, "aws_kms_alias")).toEqual({
      name: "alias/acme-test-things",
      target_key_id: ref("aws_kms_key", keyId, "key_id"),
    });
  });

  test("delegates to IAM in the owning account and grants nothing else by default", () => {
    const stack = testStack();
    new EncryptionKey(stack, "Key", BASE);

    expect(policyStatements(synth(stack))).toEqual([
      {
        sid: "EnableIamPolicies",
        effect: "Allow",
        principals: [
          {
            type: "AWS",
            identifiers: [
              "arn:${data.aws_partition.Partition.partition}:iam::${data.aws_caller_identity.CallerIdentity.account_id}:root",
            ],
          },
        ],
        actions: ["kms:*"],
        resources: ["*"],
      },
    ]);
  });

  test("adds each service grant with its conditions", () => {
    const stack = testStack();
    new EncryptionKey(stack, "Key", {
      ...BASE,
      serviceGrants: [cloudWatchLogsGrant(stack, "eu-west-1", ["/a", "/b"])],
    });

    const grant = policyStatements(synth(stack))[1];
    expect(grant).toMatchObject({
      sid: "AllowCloudWatchLogs",
      principals: [{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }],
      actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    });
    expect(grant.condition[0].values).toHaveLength(2);
    expect(grant.condition[0].values[1]).toMatch(/:log-group:\/b$/);
  });

  test("prevents destruction when asked", () => {
    const stack = testStack();
    new EncryptionKey(stack, "Key", { ...BASE, preventDestroy: true });

    expect(named(synth(stack), "aws_kms_key", "Key")[1].lifecycle).toEqual({ prevent_destroy: true });
  });

  test.each<[string, Partial<EncryptionKeyProps>, RegExp]>([
    [
      "a deletion window below 7 days",
      { deletionWindowDays: 5 },
      /deletionWindowDays: 5 is outside the allowed range 7 to 30/,
    ],
    [
      "a deletion window above 30 days",
      { deletionWindowDays: 31 },
      /deletionWindowDays: 31 is outside the allowed range 7 to 30/,
    ],
    ["an alias with the alias/ prefix", { aliasName: "alias/x" }, /aliasName: "alias\/x" is not allowed/],
    ["an AWS-reserved alias", { aliasName: "aws/s3" }, /aliasName: "aws\/s3" is not allowed/],
    [
      "a service grant without conditions",
      { serviceGrants: [{ sid: "Open", service: "logs.eu-west-1.amazonaws.com", conditions: [] }] },
      /serviceGrants: grant "Open" for logs\.eu-west-1\.amazonaws\.com has no conditions/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => new EncryptionKey(testStack(), "Key", { ...BASE, ...props })).toThrow(message);
  });
});
