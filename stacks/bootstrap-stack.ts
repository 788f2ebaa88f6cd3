import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "../constructs/state/state-bucket";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack, stateKeyAliasName } from "./platform-stack";

/**
 * `<env>-bootstrap`: the S3 bucket (and KMS key) that holds the environment's Terraform state. Its own state is
 * local, because the bucket does not exist before it is applied; apply it once per environment, before any other
 * stack (see README, "State").
 */
export class BootstrapStack extends PlatformStack {
  public readonly stateBucket: StateBucket;

  constructor(scope: Construct, config: EnvironmentConfig, bucketName: string) {
    super(scope, config, "bootstrap", {
      localState: true,
      region: config.stateBackend.region ?? config.aws.region,
    });

    this.stateBucket = new StateBucket(this, "StateBucket", {
      bucketName,
      keyAliasName: stateKeyAliasName(config),
    });

    new TerraformOutput(this, "state_bucket", {
      value: this.stateBucket.bucketName,
      description: "Terraform state bucket",
    });
    new TerraformOutput(this, "state_kms_key_arn", {
      value: this.stateBucket.key.keyArn,
      description: "KMS key that encrypts the state",
    });
  }
}
