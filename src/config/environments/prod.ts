import type { EnvironmentOverrides } from "../load";

/**
 * Production: three AZs, a NAT gateway per AZ (an AZ outage does not cut the others' egress), interface endpoints,
 * a year of flow logs and remote state in S3; a Multi-AZ memory-optimised database with two replicas behind an RDS
 * Proxy, two weeks of backups and every protection on (the shared defaults, required by `production: true`); a
 * Valkey cache of two shards with a replica each in another zone, auto scaling from 2 to 6 shards and 1 to 3
 * replicas; three Kafka brokers, one per zone, replicating every partition three times, storage growing to 1 TB; a
 * private EKS cluster with an on-demand system group (three nodes, one per zone) and an on-demand services group
 * growing from 3 to 30 nodes, two Prometheus replicas keeping 15 days; at the edge, a 0.5 GB API cache for the
 * reports route and CloudFront in every price class with an origin shield (the shared defaults).
 * Raise `database.shards` when one primary no longer takes the writes.
 *
 * Set `aws.accountId` to the production account id to make the provider refuse any other account, and give the
 * platform team's roles access to the cluster:
 *   aws: { accountId: "123456789012" },
 *   eks: { access: { admins: ["arn:aws:iam::123456789012:role/platform-admins"], viewers: [...] } },
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
