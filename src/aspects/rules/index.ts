import type { Rule } from "../rule";
import { COMPUTE_RULES } from "./compute";
import { EDGE_RULES } from "./edge";
import { ENCRYPTION_RULES } from "./encryption";
import { IAM_RULES } from "./iam";
import { LOGGING_RULES } from "./logging";
import { NETWORK_RULES } from "./network";
import { PROTECTION_RULES } from "./protection";
import { STORAGE_RULES } from "./storage";
import { TRANSIT_RULES } from "./transit";
import { VERSION_RULES } from "./versions";

export { PUBLIC_EDGE_TAG, isPublicEdge } from "./network";
export { STATEFUL_TYPES } from "./protection";

/** Every guardrail, grouped by concern; ids are unique. */
export const RULES: readonly Rule[] = [
  ...ENCRYPTION_RULES,
  ...TRANSIT_RULES,
  ...NETWORK_RULES,
  ...COMPUTE_RULES,
  ...STORAGE_RULES,
  ...PROTECTION_RULES,
  ...LOGGING_RULES,
  ...EDGE_RULES,
  ...IAM_RULES,
  ...VERSION_RULES,
];

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, or `undefined`. */
export function findRule(id: string): Rule | undefined {
  return RULES_BY_ID.get(id);
}
