import { createHash } from "node:crypto";

/**
 * Physical names for AWS resources: `${project}-${environment}-${component}`, lower-case, joined by hyphens.
 * Every construct builds names from the prefix the stack hands it, so all names of an environment share one shape.
 */

/** The name prefix of one environment, e.g. `shop-prod`. */
export function namePrefix(project: string, environment: string): string {
  return `${project}-${environment}`.toLowerCase();
}

export interface NameOptions {
  /**
   * Maximum length AWS accepts for this kind of name (IAM roles 64, ALBs 32, ...). A longer name is cut and ends in
   * an 8-character hash of the full name, so it stays unique and stable.
   *
   * @default 63
   */
  readonly maxLength?: number;
}

/** Joins a prefix and components into one name: `joinName("shop-prod", "flow-logs")` is `shop-prod-flow-logs`. */
export function joinName(prefix: string, ...parts: Array<string | NameOptions>): string {
  const options = parts.find((part): part is NameOptions => typeof part === "object") ?? {};
  const words = [prefix, ...parts.filter((part): part is string => typeof part === "string")];
  const name = words
    .filter((word) => word.length > 0)
    .join("-")
    .toLowerCase();
  const maxLength = options.maxLength ?? 63;
  if (name.length <= maxLength) {
    return name;
  }
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
