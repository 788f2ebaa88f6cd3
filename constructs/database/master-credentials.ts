import type { DbInstance, DbInstanceConfig } from "@cdktf/provider-aws/lib/db-instance";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import { RandomPassword } from "../core/ephemeral-resource";
import type { DataProtection } from "../core/protection";
import type { MasterPasswordMode } from "./options";

/** Where the master credentials of a primary end up, once it exists. */
export interface MasterSecret {
  /** ARN of the Secrets Manager secret with the credentials. */
  readonly secretArn: string;
  /** The write-only secret value, which the proxy must not start without; none with `rds-managed`. */
  readonly secretValue?: SecretsmanagerSecretVersion;
}

/** The instance arguments of a password mode, and the step that keeps the credentials once the primary exists. */
export interface MasterCredentials {
  readonly instance: Partial<DbInstanceConfig>;
  readonly finish: (primary: DbInstance) => MasterSecret;
}

/**
 * The instance arguments of the chosen password mode for the primary `identifier` of the database `scope`, and a
 * `finish` step that returns the ARN of the secret with the credentials once the primary exists.
 */
export function masterCredentials(
  scope: Construct,
  identifier: string,
  secretsKeyArn: string,
  mode: MasterPasswordMode,
  version: number,
  protection: Required<DataProtection>,
): MasterCredentials {
  if (mode === "rds-managed") {
    return {
      instance: { manageMasterUserPassword: true, masterUserSecretKmsKeyId: secretsKeyArn },
      finish: (primary) => ({ secretArn: primary.masterUserSecret.get(0).secretArn }),
    };
  }
  // Generated during apply by Secrets Manager; reaches the instance and the secret only through write-only
  // arguments, so neither the plan nor the state ever holds it.
  const password = new RandomPassword(scope, "MasterPassword");
  const secret = new SecretsmanagerSecret(scope, "MasterSecret", {
    name: `${identifier}/master`,
    description: `Master credentials of ${identifier} (written by Terraform through write-only arguments)`,
    kmsKeyId: secretsKeyArn,
    // Unprotected databases may be torn down and rebuilt: a secret in its recovery window would keep its name
    // taken and fail the next apply, so it goes at once.
    recoveryWindowInDays: protection.preventDestroy ? 30 : 0,
    lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
    tags: { Name: `${identifier}/master` },
  });
  return {
    instance: { passwordWo: password.value, passwordWoVersion: version },
    finish: (primary) => {
      const secretValue = new SecretsmanagerSecretVersion(scope, "MasterSecretValue", {
        secretId: secret.id,
        secretStringWo: Fn.jsonencode({
          engine: "postgres",
          host: primary.address,
          port: primary.port,
          dbname: primary.dbName,
          dbInstanceIdentifier: primary.identifier,
          username: primary.username,
          password: password.value,
        }),
        secretStringWoVersion: version,
        // A new primary (a replacement) is created with this run's password: write it to the secret in the same
        // run. On the instance's id, not the whole instance: an in-place update sends no password, so it must not
        // rewrite the secret.
        lifecycle: { replaceTriggeredBy: [`${primary.terraformResourceType}.${primary.friendlyUniqueId}.id`] },
      });
      return { secretArn: secret.arn, secretValue };
    },
  };
}
