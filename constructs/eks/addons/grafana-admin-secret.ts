import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { RandomPassword } from "../../core/ephemeral-resource";
import { requireWholeNumber } from "../../core/validation";

export interface GrafanaAdminSecretProps {
  /** Namespace of Grafana. */
  readonly namespace: string;
  /** Name of the Kubernetes secret. */
  readonly secretName: string;
  /** Name of the Secrets Manager copy, where operators read the password. */
  readonly awsSecretName: string;
  /** Customer-managed key of the Secrets Manager copy. */
  readonly kmsKeyArn: string;
  /** Raise to generate and write a new password on the next apply. */
  readonly passwordVersion: number;
  /**
   * Recovery window of the Secrets Manager copy when it is deleted, days: 7 to 30, or 0 to delete it at once (an
   * environment that is torn down and rebuilt: a secret in its recovery window keeps its name taken).
   *
   * @default 30
   */
  readonly recoveryWindowDays?: number;
}

/** Keys of the Kubernetes secret, as the Grafana chart's `admin.userKey` / `admin.passwordKey` expect them. */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;

/**
 * Grafana's admin credentials, which Terraform never holds: the password is generated during apply by Secrets
 * Manager (an ephemeral resource, in neither plan nor state) and written through write-only arguments to a
 * Kubernetes secret (`data_wo`) that Grafana reads, and to a KMS-encrypted Secrets Manager secret where operators
 * look it up. Both are written once per `passwordVersion`; raising it rotates the password.
 */
export class GrafanaAdminSecret extends Construct {
  public readonly secret: SecretV1;
  public readonly secretName: string;
  public readonly awsSecretArn: string;

  constructor(scope: Construct, id: string, props: GrafanaAdminSecretProps) {
    super(scope, id);

    requireWholeNumber(this, "passwordVersion", props.passwordVersion, 1, 1_000_000);
    const password = new RandomPassword(this, "Password", { length: 32 });

    const awsSecret = new SecretsmanagerSecret(this, "AwsSecret", {
      name: props.awsSecretName,
      description: "Grafana admin credentials (written by Terraform through write-only arguments)",
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowDays ?? 30,
      tags: { Name: props.awsSecretName },
    });
    new SecretsmanagerSecretVersion(this, "AwsSecretValue", {
      secretId: awsSecret.id,
      secretStringWo: Fn.jsonencode({ username: "admin", password: password.value }),
      secretStringWoVersion: props.passwordVersion,
    });
    this.awsSecretArn = awsSecret.arn;

    this.secret = new SecretV1(this, "Resource", {
      metadata: {
        name: props.secretName,
        namespace: props.namespace,
        labels: { "app.kubernetes.io/part-of": "kube-prometheus-stack" },
      },
      type: "Opaque",
      dataWo: { [GRAFANA_ADMIN_KEYS.user]: "admin", [GRAFANA_ADMIN_KEYS.password]: password.value },
      dataWoRevision: props.passwordVersion,
    });
    this.secretName = props.secretName;
  }
}
