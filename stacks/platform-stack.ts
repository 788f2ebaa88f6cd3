import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, type TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { Guardrails } from "../src/aspects/guardrails";
import { joinName, namePrefix } from "../constructs/core/naming";
import { defaultTags } from "../constructs/core/tags";

/** The Terraform version every stack requires: S3-native state locking (`use_lockfile`) is GA from 1.11. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.11";

/**
 * Where local state lives when no state bucket is configured, relative to the stack's working directory
 * (`cdktf.out/stacks/<stack id>`): `.tfstate/<env>/<layer>.tfstate` at the project root, outside `cdktf.out`, so
 * that cleaning the synth output never deletes state.
 */
export function localStatePath(environment: string, layer: string): string {
  return `../../../.tfstate/${environment}/${layer}.tfstate`;
}

/** The S3 object key of a layer's state: `[<keyPrefix>/]<env>/<layer>.tfstate`. */
export function stateKey(config: EnvironmentConfig, layer: string): string {
  const prefix = config.stateBackend.keyPrefix;
  return `${prefix ? `${prefix}/` : ""}${config.environment}/${layer}.tfstate`;
}

/** The KMS key the S3 backend encrypts state with: the configured one or the bootstrap stack's alias. */
export function stateKmsKeyId(config: EnvironmentConfig): string {
  return config.stateBackend.kmsKeyId ?? `alias/${stateKeyAliasName(config)}`;
}

/** Alias (without `alias/`) of the key the bootstrap stack creates for the state bucket. */
export function stateKeyAliasName(config: EnvironmentConfig): string {
  return joinName(namePrefix(config.project, config.environment), "terraform-state");
}

export interface PlatformStackOptions {
  /**
   * Keep this stack's state local even when a state bucket is configured: for the stack that creates the bucket.
   *
   * @default false
   */
  readonly localState?: boolean;
  /**
   * Region of the stack's AWS provider.
   *
   * @default - the environment's aws.region
   */
  readonly region?: string;
}

/**
 * Base of every stack: id `<env>-<layer>`, the AWS provider (region, default tags, account guard), the state
 * backend and the required Terraform version. Subclasses only add constructs.
 */
export class PlatformStack extends TerraformStack {
  public readonly config: EnvironmentConfig;
  /** `network`, `data`, ...: the stack's part of the environment. */
  public readonly layer: string;
  /** `<project>-<env>`, the prefix of every resource name in this stack. */
  public readonly namePrefix: string;
  public readonly region: string;
  public readonly provider: AwsProvider;
  private readonly guardrails: Guardrails;

  constructor(scope: Construct, config: EnvironmentConfig, layer: string, options: PlatformStackOptions = {}) {
    super(scope, stackId(config.environment, layer));
    this.config = config;
    this.layer = layer;
    this.namePrefix = namePrefix(config.project, config.environment);
    this.region = options.region ?? config.aws.region;

    this.provider = new AwsProvider(this, "aws", {
      region: this.region,
      allowedAccountIds: config.aws.accountId ? [config.aws.accountId] : undefined,
      defaultTags: [{ tags: defaultTags(config, layer) }],
    });

    const bucket = config.stateBackend.bucket;
    if (bucket && !options.localState) {
      new S3Backend(this, {
        bucket,
        key: stateKey(config, layer),
        region: config.stateBackend.region ?? config.aws.region,
        encrypt: true,
        kmsKeyId: stateKmsKeyId(config),
      });
      // S3-native locking; not in cdktf 0.21's typed backend config. Set as an override so that it does not leak
      // into the terraform_remote_state config of stacks that read this one.
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    } else {
      new LocalBackend(this, { path: localStatePath(config.environment, layer) });
    }
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    this.guardrails = new Guardrails({
      production: config.production,
      suppressions: config.guardrails.suppressions,
    });
  }

  /**
   * The stack's Terraform JSON, checked by the guardrails policy pack: every synth (`app.synth()`, `Testing.synth`)
   * evaluates the rules over exactly what it writes, cross-stack references included, and fails with a
   * `GuardrailError` on unsuppressed error findings. (As an aspect the pack would compute this JSON a second time,
   * before the cross-stack references are wired: a quarter of the synth time.)
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the type TerraformStack declares
  public override toTerraform(): any {
    const terraform = super.toTerraform();
    this.guardrails.check(this, terraform);
    return terraform;
  }

  /**
   * cdktf marks every cross-stack output sensitive, so plans would show `(sensitive value)` for ARNs and endpoints:
   * only the outputs of secret attributes stay so.
   */
  public override registerOutgoingCrossStackReference(identifier: string): TerraformOutput {
    const output = super.registerOutgoingCrossStackReference(identifier);
    output.sensitive = SECRET_ATTRIBUTES.test(identifier) ? true : undefined;
    return output;
  }

  /**
   * A second AWS provider for resources that must live in another region (CloudFront's certificate, WAF and logs
   * in us-east-1), with the same default tags and account guard. Pass it as `provider` to those resources.
   */
  protected regionProvider(alias: string, region: string): AwsProvider {
    return new AwsProvider(this, `aws-${alias}`, {
      alias,
      region,
      allowedAccountIds: this.config.aws.accountId ? [this.config.aws.accountId] : undefined,
      defaultTags: [{ tags: defaultTags(this.config, this.layer) }],
    });
  }
}

/**
 * Provider attributes that hold secrets (the provider marks them Sensitive): an output of one must stay sensitive,
 * or Terraform refuses the plan ("Output refers to sensitive values"). Every other cross-stack output is an id, an
 * ARN or an endpoint, which a reviewer should read in the plan.
 */
export const SECRET_ATTRIBUTES =
  /^((data\.)?[a-z0-9_]+\.[^.]+\.(value|password|master_password|secret|secret_string|secret_binary|token|auth_token|client_secret|private_key|private_key_pem|private_key_openssh|kubeconfig|ses_smtp_password_v4|random_password|data)|random_(password|string)\.[^.]+\.result)\b/;

/** Stack ids say environment and layer: `prod-network`. */
export function stackId(environment: string, layer: string): string {
  return `${environment}-${layer}`;
}
