import type { IConstruct } from "constructs";

/**
 * The one error type for bad construct input. The message says what is wrong, the value received and what is
 * allowed; the construct path says where.
 *
 * @example throw new ValidationError("azCount: 4 is not supported; expected 2 or 3", this);
 */
export class ValidationError extends Error {
  public readonly constructPath: string;

  constructor(message: string, scope: IConstruct) {
    const path = scope.node.path || "<app>";
    super(`${path}: ${message}`);
    this.name = "ValidationError";
    this.constructPath = path;
  }
}

/** Renders a value for an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
