import type { EnvironmentInput } from "./schema";

/**
 * Settings every environment shares unless its own file overrides them. Defaults are the production-grade choice;
 * an environment that wants less (dev) says so explicitly in its file.
 */
export const sharedDefaults: Omit<EnvironmentInput, "environment"> = {
  project: "acme",
  aws: {
    region: "eu-west-1",
  },
  network: {
    vpcCidr: "10.0.0.0/16",
    azCount: 3,
    natGateways: "one-per-az",
    interfaceEndpoints: true,
    flowLogs: {
      retentionDays: 365,
      aggregationIntervalSeconds: 60,
    },
  },
  tags: {
    owner: "platform-team",
    costCenter: "platform",
    extra: {},
  },
  stateBackend: {},
};
