import { show } from "../../constructs/core/errors";

/**
 * How an environment file changes the shared defaults:
 * - objects merge key by key; a key set to `null` removes the default's entry (a service, a topic) or setting (a
 *   schedule's `minSize`);
 * - lists of named items (objects with a `name`: node groups, tiers, schedules) merge by name: an item changes the
 *   default item of its name (only the settings it gives), a new name is added after the defaults, and
 *   `{ name, remove: true }` removes the default item;
 * - every other list (instance types, CIDRs, e-mail addresses) replaces the default list;
 * - anything else replaces the default value.
 * Problems (removing what the defaults do not have) are returned with the setting's path, not thrown.
 */
export interface MergeResult {
  readonly value: unknown;
  readonly problems: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A list whose items are all objects with a string `name`. */
const isNamedList = (value: unknown): value is Json[] =>
  Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === "string");

export function mergeConfig(defaults: unknown, overrides: unknown): MergeResult {
  const problems: string[] = [];
  const value = merge(defaults, overrides, [], problems);
  return { value, problems };
}

function merge(base: unknown, change: unknown, path: readonly string[], problems: string[]): unknown {
  if (change === undefined) {
    return base;
  }
  if (isObject(base) && isObject(change)) {
    const result: Json = { ...base };
    for (const [key, value] of Object.entries(change)) {
      if (value === null) {
        delete result[key];
      } else {
        result[key] = merge(base[key], value, [...path, key], problems);
      }
    }
    return result;
  }
  if (Array.isArray(change) && change.length > 0 && isNamedList(change) && isNamedList(base)) {
    return mergeNamed(base, change, path, problems);
  }
  return change;
}

function mergeNamed(base: readonly Json[], change: readonly Json[], path: readonly string[], problems: string[]) {
  const result = [...base];
  change.forEach((item, index) => {
    if (change.findIndex((other) => other.name === item.name) !== index) {
      problems.push(`${path.join(".")}[${index}].name: ${show(item.name)} is listed twice; expected each name once`);
    }
  });
  for (const item of change) {
    const at = result.findIndex((candidate) => candidate.name === item.name);
    if (item.remove === true) {
      if (at === -1) {
        problems.push(
          `${path.join(".")}: removes ${show(item.name)}, which the defaults do not have; expected one of ${result.map((candidate) => show(candidate.name)).join(", ") || "nothing"}`,
        );
      } else {
        result.splice(at, 1);
      }
      continue;
    }
    if (at === -1) {
      result.push(item);
    } else {
      result[at] = merge(result[at], item, [...path, String(item.name)], problems) as Json;
    }
  }
  return result;
}
