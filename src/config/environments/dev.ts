import type { EnvironmentOverrides } from "../load";

/** Development: small and cheap. Two AZs, one shared NAT gateway, short log retention, local Terraform state. */
export const dev: EnvironmentOverrides = {
  environment: "dev",
  network: {
    vpcCidr: "10.10.0.0/16",
    azCount: 2,
    natGateways: "single",
    interfaceEndpoints: false,
    flowLogs: {
      retentionDays: 14,
      aggregationIntervalSeconds: 600,
    },
  },
};
