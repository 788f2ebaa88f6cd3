import { Construct } from "constructs";
import { cloudWatchLogsGrant, EncryptionKey } from "./encryption-key";

export interface StoreKeysProps {
  /** Prefix of the key aliases, e.g. `acme-prod-cache`: the aliases are `<prefix>-storage` and `<prefix>-logs`. */
  readonly aliasPrefix: string;
  /** Region of the stack's provider (the CloudWatch Logs service principal is regional). */
  readonly region: string;
  /** Log group names (or name patterns ending in `*`) the logs key may encrypt. */
  readonly logGroupNames: readonly string[];
  /** What the storage key encrypts, for its description. */
  readonly storageDescription: string;
  /** What the logs key encrypts, for its description. */
  readonly logsDescription: string;
  /**
   * `lifecycle.prevent_destroy` on the keys: losing the storage key loses every snapshot encrypted with it.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The two customer-managed keys every data store has, one per purpose so that each can be granted on its own:
 * - storage: data at rest, backups and snapshots. The store's service uses it through grants made with the
 *   caller's IAM permissions, so the key policy only delegates to IAM;
 * - logs: the store's CloudWatch log groups; CloudWatch Logs gets a grant conditioned on those log group ARNs.
 */
export class StoreKeys extends Construct {
  public readonly storage: EncryptionKey;
  public readonly logs: EncryptionKey;

  constructor(scope: Construct, id: string, props: StoreKeysProps) {
    super(scope, id);

    const preventDestroy = props.preventDestroy ?? true;
    this.storage = new EncryptionKey(this, "StorageKey", {
      aliasName: `${props.aliasPrefix}-storage`,
      description: props.storageDescription,
      preventDestroy,
    });
    this.logs = new EncryptionKey(this, "LogsKey", {
      aliasName: `${props.aliasPrefix}-logs`,
      description: props.logsDescription,
      serviceGrants: [cloudWatchLogsGrant(this, props.region, props.logGroupNames)],
      preventDestroy,
    });
  }
}
