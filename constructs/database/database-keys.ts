import type { Construct } from "constructs";
import { EncryptionKey } from "../kms/encryption-key";
import { StoreKeys } from "../kms/store-keys";

export interface DatabaseKeysProps {
  /** Prefix of the key aliases, e.g. `acme-prod-db`: aliases are `<prefix>-storage`, `-secrets` and `-logs`. */
  readonly aliasPrefix: string;
  /** Region of the stack's provider (the CloudWatch Logs service principal is regional). */
  readonly region: string;
  /**
   * Log group names (or name patterns ending in `*`) the logs key may encrypt.
   */
  readonly logGroupNames: readonly string[];
  /**
   * `lifecycle.prevent_destroy` on the keys: losing the storage key loses every snapshot encrypted with it.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The customer-managed keys of a PostgreSQL tier, one per purpose so that each can be granted on its own:
 * - storage: instance storage, automated backups, snapshots and Performance Insights data;
 * - secrets: the Secrets Manager secret holding the master credentials (readable by the proxy role only);
 * - logs: the CloudWatch log groups of exported PostgreSQL logs and proxy logs.
 *
 * RDS and Secrets Manager use the storage and secrets keys through grants made with the caller's IAM permissions,
 * so their key policies only delegate to IAM; CloudWatch Logs gets a grant conditioned on the log group ARNs.
 */
export class DatabaseKeys extends StoreKeys {
  public readonly secrets: EncryptionKey;

  constructor(scope: Construct, id: string, props: DatabaseKeysProps) {
    super(scope, id, {
      ...props,
      storageDescription: `Encrypts the storage, backups and Performance Insights data of ${props.aliasPrefix}`,
      logsDescription: `Encrypts the PostgreSQL and proxy log groups of ${props.aliasPrefix}`,
    });
    this.secrets = new EncryptionKey(this, "SecretsKey", {
      aliasName: `${props.aliasPrefix}-secrets`,
      description: `Encrypts the master credentials secrets of ${props.aliasPrefix}`,
      preventDestroy: props.preventDestroy ?? true,
    });
  }
}
