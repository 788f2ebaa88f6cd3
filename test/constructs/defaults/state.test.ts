import { StateBucket } from "../../../constructs/state/state-bucket";
import { onlyOf, synth, testStack } from "../../helpers";

describe("StateBucket defaults", () => {
  test("keeps replaced state versions 90 days when noncurrentVersionRetentionDays is not given", () => {
    const stack = testStack();
    new StateBucket(stack, "State", { bucketName: "acme-test-state", keyAliasName: "acme-test-terraform-state" });

    expect(onlyOf(synth(stack), "aws_s3_bucket_lifecycle_configuration").rule).toEqual([
      expect.objectContaining({
        id: "expire-old-state-versions",
        status: "Enabled",
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      }),
    ]);
  });
});
