import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { type TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { awsContext } from "../core/aws-context";

/** An IAM condition of a key policy statement. */
export interface KeyPolicyCondition {
  /** Condition operator, e.g. `ArnLike`. */
  readonly test: string;
  /** Condition key, e.g. `kms:EncryptionContext:aws:logs:arn`. */
  readonly variable: string;
  readonly values: readonly string[];
}

/** Lets an AWS service use the key on the account's behalf. */
export interface ServiceGrant {
  /** Statement id in the key policy, e.g. `AllowCloudWatchLogs`. */
  readonly sid: string;
  /** Service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
  readonly service: string;
  /**
   * KMS actions the service may call.
   *
   * @default - kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*
   */
  readonly actions?: readonly string[];
  /**
   * Conditions that narrow the grant to this platform's resources (always give one: a bare service grant lets any
   * resource of that service in the account use the key).
   */
  readonly conditions: readonly KeyPolicyCondition[];
}

/** Lets IAM principals of the account (service-linked roles, which IAM policies cannot extend) use the key. */
export interface PrincipalGrant {
  /** Statement id in the key policy, e.g. `AllowAutoScalingVolumes`. */
  readonly sid: string;
  /** Role ARNs. */
  readonly principalArns: readonly string[];
  readonly actions: readonly string[];
  /** @default - none */
  readonly conditions?: readonly KeyPolicyCondition[];
}

export interface EncryptionKeyProps {
  /** Alias name without the `alias/` prefix, e.g. `acme-prod-flow-logs`. */
  readonly aliasName: string;
  /** What the key protects; shown in the KMS console. */
  readonly description: string;
  /**
   * Waiting period before a scheduled deletion completes, 7 to 30 days.
   *
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * Services allowed to use the key, in addition to the account's IAM policies.
   *
   * @default - none
   */
  readonly serviceGrants?: readonly ServiceGrant[];
  /**
   * Roles allowed to use the key through the key policy (for service-linked roles).
   *
   * @default - none
   */
  readonly principalGrants?: readonly PrincipalGrant[];
  /**
   * Adds `lifecycle.prevent_destroy`, so that a plan that would delete the key fails. Use it for keys that protect
   * state that must outlive a refactoring (Terraform state, databases).
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The AWS provider whose region holds the key: an aliased provider for a key outside the stack's region (the
   * us-east-1 key of CloudFront's logs).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

const DEFAULT_SERVICE_ACTIONS = [
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:Describe*",
];

/**
 * A customer-managed KMS key with yearly rotation, an alias, and a key policy that delegates to IAM in the owning
 * account plus narrowly conditioned service grants.
 */
export class EncryptionKey extends Construct {
  /** The `aws_kms_key`. */
  public readonly key: KmsKey;
  public readonly keyArn: string;
  public readonly keyId: string;
  /** `alias/<aliasName>`. */
  public readonly aliasName: string;
  public readonly aliasArn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);

    // Defaults: the longest deletion window AWS allows, so an accidental deletion can be cancelled for 30 days.
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    const serviceGrants = props.serviceGrants ?? [];
    const preventDestroy = props.preventDestroy ?? false;

    if (!Token.isUnresolved(deletionWindowDays) && (deletionWindowDays < 7 || deletionWindowDays > 30)) {
      throw new ValidationError(`deletionWindowDays: ${deletionWindowDays} is outside the allowed range 7 to 30`, this);
    }
    if (!/^[A-Za-z0-9/_-]{1,250}$/.test(props.aliasName) || /^(alias|aws)\//.test(props.aliasName)) {
      throw new ValidationError(
        `aliasName: ${show(props.aliasName)} is not allowed; expected letters, digits, / _ - (without the alias/ prefix, not starting with aws/)`,
        this,
      );
    }
    for (const grant of serviceGrants) {
      if (grant.conditions.length === 0) {
        throw new ValidationError(
          `serviceGrants: grant ${show(grant.sid)} for ${grant.service} has no conditions; expected at least one that names this platform's resources`,
          this,
        );
      }
    }

    const context = awsContext(this);
    const policy = new DataAwsIamPolicyDocument(this, "Policy", {
      statement: [
        {
          sid: "EnableIamPolicies",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${context.partition}:iam::${context.accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        ...serviceGrants.map((grant) => ({
          sid: grant.sid,
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [grant.service] }],
          actions: [...(grant.actions ?? DEFAULT_SERVICE_ACTIONS)],
          resources: ["*"],
          condition: policyConditions(grant.conditions),
        })),
        ...(props.principalGrants ?? []).map((grant) => ({
          sid: grant.sid,
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [...grant.principalArns] }],
          actions: [...grant.actions],
          resources: ["*"],
          condition: grant.conditions ? policyConditions(grant.conditions) : undefined,
        })),
      ],
    });

    this.key = new KmsKey(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: deletionWindowDays,
      policy: policy.json,
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      provider: props.provider,
    });
    const alias = new KmsAlias(this, "Alias", {
      name: `alias/${props.aliasName}`,
      targetKeyId: this.key.keyId,
      provider: props.provider,
    });

    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
    this.aliasName = `alias/${props.aliasName}`;
    this.aliasArn = alias.arn;
  }
}

/** Conditions in the shape of an `aws_iam_policy_document` statement. */
export function policyConditions(
  conditions: readonly KeyPolicyCondition[],
): Array<{ test: string; variable: string; values: string[] }> {
  return conditions.map((condition) => ({
    test: condition.test,
    variable: condition.variable,
    values: [...condition.values],
  }));
}

/**
 * The grant CloudWatch Logs needs to encrypt the given log groups with a key: the service principal of the region,
 * limited by the encryption context to exactly these log group ARNs. A name may end in `*` to cover the log groups
 * of a family of resources (`/aws/rds/instance/acme-prod-db-*`); the condition then uses ArnLike.
 */
export function cloudWatchLogsGrant(scope: Construct, region: string, logGroupNames: readonly string[]): ServiceGrant {
  const context = awsContext(scope);
  return {
    sid: "AllowCloudWatchLogs",
    service: `logs.${region}.amazonaws.com`,
    conditions: [
      {
        test: logGroupNames.some((name) => name.includes("*")) ? "ArnLike" : "ArnEquals",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: logGroupNames.map(
          (name) => `arn:${context.partition}:logs:${region}:${context.accountId}:log-group:${name}`,
        ),
      },
    ],
  };
}

/**
 * The grants that let EC2 Auto Scaling encrypt instance volumes with a key: it launches instances (of a managed node
 * group or any auto-scaling group) through its service-linked role, which IAM policies cannot extend, so the key
 * policy itself must let that role use the key and create grants for the volumes. `autoScalingRole` is the ARN of
 * AWSServiceRoleForAutoScaling as a reference to its `ServiceLinkedRole` (constructs/core), so that the role exists
 * before the policy names it.
 */
export function autoScalingVolumeGrants(autoScalingRole: string): PrincipalGrant[] {
  return [
    {
      sid: "AllowAutoScalingVolumes",
      principalArns: [autoScalingRole],
      actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    },
    {
      sid: "AllowAutoScalingGrants",
      principalArns: [autoScalingRole],
      actions: ["kms:CreateGrant"],
      conditions: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    },
  ];
}
