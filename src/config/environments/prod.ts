import type { EnvironmentOverrides } from "../load";

/**
 * Production: three AZs, a NAT gateway per AZ (an AZ outage does not cut the others' egress), interface endpoints,
 * a year of flow logs and remote state in S3; a Multi-AZ memory-optimised database with two replicas behind an RDS
 * Proxy, two weeks of backups and every protection on (the shared defaults, required by `production: true`).
 * Raise `database.shards` when one primary no longer takes the writes.
 *
 * Set `aws.accountId` to the production account id to make the provider refuse any other account:
 *   aws: { accountId: "123456789012" },
 */
export const prod: EnvironmentOverrides = {
  environment: "prod",
  network: {
    vpcCidr: "10.30.0.0/16",
  },
  stateBackend: {
    bucket: "acme-prod-terraform-state",
    keyPrefix: "platform",
  },
};
