import { section, wholeNumber } from "./schema-helpers";

/**
 * What the capacity check (`npm run capacity`, and synth: a production environment's problems fail it) requires
 * beyond the AWS limits themselves.
 */
export const capacitySchema = section({
  /**
   * The least ratio of max to baseline of every tier: pods per service (replicas.max / replicas.min), nodes per
   * node group, the monolith's group, cache shards, broker storage, database storage and read replicas. A tier whose
   * max is already the AWS limit passes at that limit. 10 in production.
   */
  minHeadroom: wholeNumber(1, 100),
});
