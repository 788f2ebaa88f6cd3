import type { EnvironmentOverrides } from "../schema";

/**
 * Staging: the non-production defaults (`nonProductionDefaults` in ../defaults.ts: the production shape at a lower
 * cost, `prevent_destroy` off so that it can be rebuilt) in its own account, with remote state and a private
 * cluster API.
 */
export const staging: EnvironmentOverrides = {
  environment: "staging",
  aws: { region: "eu-west-1", accountId: "222222222222" },
  production: false,
  network: {
    vpcCidr: "10.20.0.0/16",
  },
  stateBackend: {
    bucket: "acme-staging-tfstate-222222222222",
    keyPrefix: "platform",
  },
  eks: {
    // The CI runners and the VPN live in the tooling network, peered with this VPC (README, "First deploy").
    endpoint: { privateAccess: { securityGroupIds: [], cidrs: ["10.100.0.0/16"] } },
    access: {
      admins: ["arn:aws:iam::222222222222:role/platform-deployer", "arn:aws:iam::222222222222:role/platform-admin"],
      viewers: ["arn:aws:iam::222222222222:role/developer"],
      planners: ["arn:aws:iam::222222222222:role/platform-planner"],
    },
  },
  // Staging's own account: it owns the account's API Gateway logging role.
  edge: { api: { manageAccountSettings: true } },
  guardrails: {
    suppressions: [
      {
        rule: "CKV_AWS_174",
        resource: "aws_cloudfront_distribution.Cdn_9963B1AD",
        justification:
          "Staging has no domain of its own: testers and CI reach it on its *.cloudfront.net name, whose default certificate cannot refuse TLS 1.0; it holds no customer data",
      },
    ],
  },
};
