import type { EnvironmentOverrides } from "../schema";

/**
 * Production: three AZs, a NAT gateway per AZ (an AZ outage does not cut the others' egress), interface endpoints,
 * a year of flow logs and remote state in S3; a Multi-AZ memory-optimised database with two replicas behind an RDS
 * Proxy, two weeks of backups and every protection on (the shared defaults, required by `production: true`); a
 * Valkey cache of two shards with a replica each in another zone, the primary of a global datastore; three Kafka
 * brokers, one per zone, replicating every partition three times, storage growing to 1 TB; a
 * private EKS cluster with an on-demand system group (three nodes, one per zone, up to 30) and an on-demand services
 * group growing from 3 to 30 nodes, two Prometheus replicas keeping 15 days; every tier may grow tenfold from its
 * baseline (`npm run capacity`); at the edge, a 0.5 GB API cache for the
 * reports route and CloudFront in every price class with an origin shield (the shared defaults). A warm standby
 * in eu-central-1 (`dr`) follows the data and serves the API when the failover switch is flipped.
 * Raise `database.shards` when one primary no longer takes the writes.
 *
 * The site is www.acme.example (and the apex), the API acme's clients call api.acme.example; their certificates are
 * requested and DNS-validated in the hosted zone.
 *
 * The account id, the IAM roles, the domain names and the hosted zone are placeholders: set your own (README, "First
 * deploy"). The cluster API is private; the CI runners and the operators' VPN reach it from the tooling network
 * peered with this VPC.
 */
export const prod: EnvironmentOverrides = {
  environment: "prod",
  aws: { region: "eu-west-1", accountId: "333333333333" },
  // Production sizing and protections (the shared defaults), and the checks production must pass.
  production: true,
  network: {
    vpcCidr: "10.30.0.0/16",
  },
  // Tenfold headroom on every tier (capacity.minHeadroom; npm run capacity): upper bounds cost nothing until used.
  // A consumer never outnumbers its topic's partitions, so the topics it reads get 24 (the topic job adds them).
  services: {
    auth: { replicas: { max: 30 } },
    ingestion: { replicas: { max: 30 } },
    analytics: { replicas: { max: 20 } },
    reports: { replicas: { max: 20 } },
  },
  kafka: { topics: { events_ingested: { partitions: 24 }, report_requested: { partitions: 24 } } },
  monolith: { maxSize: 20 },
  // A member of a global datastore does not auto scale (ElastiCache User Guide): shards change here, through the
  // global datastore, up to ElastiCache's limit (the capacity check counts that as the headroom).
  cache: { autoscaling: { shards: { enabled: false }, replicas: { enabled: false } } },
  // A warm standby in Frankfurt (README, "Disaster recovery" and "Failover runbook"): the data follows within
  // seconds to minutes; a failover is promoted and switched by hand within the hour.
  dr: {
    region: "eu-central-1",
    vpcCidr: "10.31.0.0/16",
    rpoMinutes: 15,
    rtoMinutes: 60,
    standby: { nodeGroupMinSize: 1, monolithMinSize: 1, kafkaBrokerCount: 3 },
  },
  eks: {
    endpoint: { privateAccess: { securityGroupIds: [], cidrs: ["10.100.0.0/16"] } },
    access: {
      admins: ["arn:aws:iam::333333333333:role/platform-deployer", "arn:aws:iam::333333333333:role/platform-admin"],
      viewers: ["arn:aws:iam::333333333333:role/developer"],
      planners: ["arn:aws:iam::333333333333:role/platform-planner"],
    },
    // The add-ons' group may grow tenfold too, from 3 to 30 nodes.
    nodeGroups: [{ name: "system", maxSize: 30 }],
  },
  // A layer in trouble pages the on-call rotation once; the individual alarms go to the team (placeholders).
  observability: {
    notifications: {
      paging: { emails: ["oncall@acme.example"], httpsEndpoints: [] },
      warnings: { emails: ["platform-team@acme.example"], httpsEndpoints: [] },
    },
  },
  edge: {
    // This environment owns its account's API Gateway logging role.
    api: { domain: { name: "api.acme.example", hostedZoneId: "Z0000000000EXAMPLE" }, manageAccountSettings: true },
    cdn: { domain: { names: ["www.acme.example", "acme.example"], hostedZoneId: "Z0000000000EXAMPLE" } },
  },
  stateBackend: {
    bucket: "acme-prod-tfstate-333333333333",
    keyPrefix: "platform",
  },
};
