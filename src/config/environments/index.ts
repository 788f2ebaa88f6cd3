import type { EnvironmentOverrides } from "../load";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

/**
 * Every environment the app knows, in deploy order. Adding one is adding a file here: its key is the name used in
 * PLATFORM_ENVS and must match the file's `environment` setting.
 */
export const environments: Readonly<Record<string, EnvironmentOverrides>> = { dev, staging, prod };
