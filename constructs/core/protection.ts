/** What keeps a data store and its data from being destroyed by a plan. */
export interface DataProtection {
  /**
   * Deletion protection where the service has it (RDS instances, CloudWatch log groups): the API refuses to delete
   * the resource until it is turned off.
   *
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Take a final snapshot (`<identifier>-final`) when the store is deleted and keep its automated backups.
   *
   * @default true
   */
  readonly finalSnapshot?: boolean;
  /**
   * `lifecycle.prevent_destroy` on the store, its keys and its secrets: a plan that would destroy them fails.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** Protection settings with their defaults: everything on unless turned off. */
export function resolveProtection(protection: DataProtection = {}): Required<DataProtection> {
  return {
    deletionProtection: protection.deletionProtection ?? true,
    finalSnapshot: protection.finalSnapshot ?? true,
    preventDestroy: protection.preventDestroy ?? true,
  };
}
