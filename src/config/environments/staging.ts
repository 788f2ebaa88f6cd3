import type { EnvironmentOverrides } from "../load";

/** Staging: the production shape (three AZs, endpoints, remote state) with one shared NAT gateway to save cost. */
export const staging: EnvironmentOverrides = {
  environment: "staging",
  network: {
    vpcCidr: "10.20.0.0/16",
    natGateways: "single",
    flowLogs: {
      retentionDays: 90,
      aggregationIntervalSeconds: 600,
    },
  },
  stateBackend: {
    bucket: "acme-staging-terraform-state",
    keyPrefix: "platform",
  },
};
