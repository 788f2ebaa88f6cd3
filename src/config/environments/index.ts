import * as fs from "node:fs";
import * as path from "node:path";
import type { EnvironmentOverrides } from "../schema";

/**
 * Every environment the app knows: one file per environment in this folder, `<name>.ts` exporting
 * `const <name>: EnvironmentOverrides` (its name is the one PLATFORM_ENVS uses, and its `environment` setting must
 * match). Adding an environment is adding a file; tests, diagrams and CI take the list from here.
 *
 * Deploy order: the environments that are not production first, then production ones, each group by name
 * (dev, staging, uat, then prod).
 */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,15}$/;

function discover(): Record<string, EnvironmentOverrides> {
  const names = fs
    .readdirSync(__dirname)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith(".d.ts") && !/^index\./.test(file))
    .map((file) => file.replace(/\.(ts|js)$/, ""))
    .filter((name, index, all) => all.indexOf(name) === index);
  const loaded = names.map((name) => {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new Error(
        `src/config/environments/${name}: not an environment name; expected up to 16 lower-case letters and digits, starting with a letter`,
      );
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(__dirname, name)) as Record<string, EnvironmentOverrides | undefined>;
    const overrides = module[name];
    if (overrides === undefined) {
      throw new Error(
        `src/config/environments/${name}: exports no \`${name}\`; expected \`export const ${name}: EnvironmentOverrides\``,
      );
    }
    return [name, overrides] as const;
  });
  const production = (overrides: EnvironmentOverrides) => (overrides.production === true ? 1 : 0);
  loaded.sort(([a, first], [b, second]) => production(first) - production(second) || a.localeCompare(b));
  return Object.fromEntries(loaded);
}

export const environments: Readonly<Record<string, EnvironmentOverrides>> = discover();
