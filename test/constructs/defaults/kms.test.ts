import { StoreKeys } from "../../../constructs/kms/store-keys";
import { listOf, synth, testStack } from "../../helpers";

describe("StoreKeys defaults", () => {
  test("protects the storage and logs keys from destruction when preventDestroy is not given", () => {
    const stack = testStack();
    new StoreKeys(stack, "Keys", {
      aliasPrefix: "acme-test-cache",
      region: "eu-west-1",
      logGroupNames: ["/aws/elasticache/acme-test-cache/slow"],
      storageDescription: "Encrypts the cache's data",
      logsDescription: "Encrypts the cache's logs",
    });
    const keys = listOf(synth(stack), "aws_kms_key");

    expect(keys.map((key) => key.description).sort()).toEqual([
      "Encrypts the cache's data",
      "Encrypts the cache's logs",
    ]);
    for (const key of keys) {
      expect(key.lifecycle).toEqual({ prevent_destroy: true });
    }
  });
});
