import { environments } from "../config/environments";
import type { EnvironmentOverrides } from "../config/schema";
import { loadBindingsWithoutSourceMaps, useFastStackTraces } from "../runtime";

/**
 * `node dist/src/tools/bench-scale.js <environments> <services> <outdir>`: what synth costs at a size the platform
 * may grow to. Builds that many environments from staging's file (each with its own account, VPC CIDR and state
 * bucket) and that many services each (the catalog's, then copies of `analytics` on their own paths), and
 * synthesizes them all into `outdir`. Run by `npm run bench -- --scale <envs>x<services>` in a fresh process, which
 * measures its wall time and peak memory.
 */
export function scaledRegistry(count: number, services: number): Record<string, EnvironmentOverrides> {
  const template = environments.staging;
  const registry: Record<string, EnvironmentOverrides> = {};
  for (let index = 1; index <= count; index++) {
    const name = `e${index}`;
    const account = String(100_000_000_000 + index);
    const catalog: Record<string, unknown> = {};
    for (let service = 0; service < services; service++) {
      catalog[`svc${service}`] = {
        image: `ghcr.io/acme/svc${service}:1.0.0`,
        port: 8080,
        pathPrefix: `/api/svc${service}`,
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        replicas: { min: 2, max: 6 },
      };
    }
    registry[name] = {
      ...template,
      environment: name,
      aws: { ...template.aws, accountId: account },
      network: { ...template.network, vpcCidr: `10.${(index * 2) % 250}.0.0/16` },
      stateBackend: { bucket: `acme-${name}-tfstate-${account}`, keyPrefix: "platform" },
      eks: {
        ...template.eks,
        access: { admins: [`arn:aws:iam::${account}:role/platform-deployer`] },
      },
      services: catalog as EnvironmentOverrides["services"],
    } as EnvironmentOverrides;
  }
  return registry;
}

if (require.main === module) {
  const [count, services, outdir] = process.argv.slice(2);
  useFastStackTraces();
  // As `npm run synth` loads the app (src/main.ts).
  loadBindingsWithoutSourceMaps();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizePlatform } = require("../synth") as typeof import("../synth");
  const result = synthesizePlatform({ outdir, registry: scaledRegistry(Number(count), Number(services)) });
  console.log(`scale: ${result.stackIds.length} stacks`);
}
