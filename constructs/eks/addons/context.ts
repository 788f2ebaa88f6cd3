import type { Placement } from "../placement";
import type { WorkloadIdentityTarget } from "../workload-identity";

/** What every add-on needs to know about its cluster. */
export interface AddonContext {
  readonly cluster: WorkloadIdentityTarget;
  /** Region of the cluster. */
  readonly region: string;
  /** Prefix of the add-on roles' names, e.g. the cluster name. */
  readonly roleNamePrefix: string;
  /** Where the add-on's pods run. */
  readonly placement: Placement;
  /**
   * Replicas of the add-ons that run more than one (controllers with leader election, metrics-server).
   *
   * @default 2
   */
  readonly replicas?: number;
}
