import { createHash } from "node:crypto";

/**
 * Names for resources that are replaced create-before-destroy: the replacement exists next to the old resource for
 * a moment, so it needs another name. A name that ends in a short hash of every other argument that forces
 * replacement changes exactly when a replacement happens. The preflight (`PF_CBD_FIXED_NAME`) recomputes the suffix
 * from the synthesized arguments, so pass them exactly as they are synthesized (snake_case keys, list values).
 */

/** Values in a fixed order, so that the hash depends on content only. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Eight hex characters of the SHA-256 of the arguments that force replacement, by their synthesized names. */
export function replacementSuffix(forcing: Readonly<Record<string, unknown>>): string {
  return createHash("sha256").update(canonical(forcing)).digest("hex").slice(0, 8);
}

/** `<base>-<replacementSuffix(forcing)>`: e.g. `acme-prod-cache-valkey8-1a2b3c4d`. */
export function replacementName(base: string, forcing: Readonly<Record<string, unknown>>): string {
  return `${base}-${replacementSuffix(forcing)}`;
}
