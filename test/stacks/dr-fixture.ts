/** A standby in eu-central-1 for the test environment (whose primary is in eu-west-1), as the dr tests use it. */
export const DR = {
  region: "eu-central-1",
  vpcCidr: "10.31.0.0/16",
  rpoMinutes: 15,
  rtoMinutes: 60,
  standby: { nodeGroupMinSize: 1, monolithMinSize: 1, kafkaBrokerCount: 3 },
} as const;

/** A global datastore's members do not auto scale: what dr asks of the cache. */
export const NO_CACHE_AUTOSCALING = { autoscaling: { shards: { enabled: false }, replicas: { enabled: false } } };
