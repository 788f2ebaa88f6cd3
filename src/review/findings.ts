import { ignoredAttributes } from "./attributes";
import { dangerRulesFor, DANGER_RULES, FAILOVER_RESOURCES, PROTECTIVE_RESOURCES, type Severity } from "./dangers";
import { isStateful, statefulReason } from "./replacement-attributes";
import type { ResourceBody } from "./synthesized";

/** The review's verdicts, from harmless to refused (see diff.ts). */
export type Verdict = "safe" | "replaced" | "dangerous" | "impossible";

/** One reason a change is not safe. */
export interface Finding {
  readonly verdict: Exclude<Verdict, "safe">;
  /**
   * What happens: `destroy`, `replace`, `rename` (real resource), a lost `protection`, `capacity`, `version` or
   * `storage`, or a change to what carries a standby's data or traffic (`failover`).
   */
  readonly action: "destroy" | "replace" | "rename" | "protection" | "capacity" | "version" | "storage" | "failover";
  readonly reason: string;
}

/** What removing a resource loses: state, a protection, a failover path, or nothing but the resource. */
export function removalFindings(resource: ResourceBody): Finding[] {
  if (isStateful(resource.type)) {
    return [{ verdict: "dangerous", action: "destroy", reason: `removed: ${statefulReason(resource.type)}` }];
  }
  const failover = FAILOVER_RESOURCES[resource.type];
  if (failover) {
    return [{ verdict: "dangerous", action: "failover", reason: `removed: ${failover}` }];
  }
  const protective = PROTECTIVE_RESOURCES[resource.type];
  return protective
    ? [{ verdict: "dangerous", action: "protection", reason: protective }]
    : [{ verdict: "replaced", action: "destroy", reason: "removed" }];
}

/** What the danger rules say of one resource's before and after. */
export function ruleFindings(
  type: string,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Finding[] {
  const attributes = new Set(DANGER_RULES.map((rule) => rule.attribute));
  const ignored = ignoredAttributes(after);
  return [...attributes].flatMap((attribute) =>
    dangerRulesFor(type, attribute).flatMap((rule): Finding[] => {
      const verdict = rule.judge(valueAt(before, attribute), valueAt(after, attribute));
      if (!verdict) {
        return [];
      }
      // Under ignore_changes Terraform leaves the real value alone: the apply cannot fail on it, but the code now
      // says something that is not true of what runs.
      const segments = attribute.split(".");
      const isIgnored =
        ignored === "all" || ignored.some((prefix) => prefix.every((name, index) => segments[index] === name));
      return [
        isIgnored
          ? {
              verdict: "dangerous",
              action: actionOf(attribute),
              reason: `${attribute}: ${verdict.reason} Terraform ignores it (lifecycle.ignore_changes), so it has no effect and the code no longer says what runs.`,
            }
          : {
              verdict: verdict.severity as Severity,
              action: actionOf(attribute),
              reason: `${attribute}: ${verdict.reason}`,
            },
      ];
    }),
  );
}

function actionOf(attribute: string): Finding["action"] {
  if (/version/.test(attribute)) return "version";
  if (/allocated_storage|volume_size/.test(attribute)) return "storage";
  if (/number_of|num_node_groups|replicas_per|subnet/.test(attribute)) return "capacity";
  return "protection";
}

/** The value at a dotted attribute path, through one-element block lists. */
function valueAt(config: Readonly<Record<string, unknown>>, attribute: string): unknown {
  return attribute.split(".").reduce<unknown>((value, key) => {
    const object = Array.isArray(value) && value.length === 1 ? value[0] : value;
    return typeof object === "object" && object !== null && !Array.isArray(object)
      ? (object as Record<string, unknown>)[key]
      : undefined;
  }, config);
}
