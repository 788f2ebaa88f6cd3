import { evaluate } from "../../src/aspects/guardrails";
import type { Finding, JsonObject, ResourceView, StackView } from "../../src/aspects/rule";
import { findRule } from "../../src/aspects/rules";

/** Resources by address: `{ "aws_db_instance.Db": {...}, "data.aws_iam_policy_document.Doc": {...} }`. */
export type Fixtures = Readonly<Record<string, JsonObject>>;

/** A stack view of plain resource bodies; each resource's construct path is `<stackId>/<logical id>`. */
export function stackOf(fixtures: Fixtures, stackId = "test"): StackView {
  const views: ResourceView[] = Object.entries(fixtures).map(([address, config]) => {
    const dot = address.lastIndexOf(".");
    const name = address.slice(dot + 1);
    return { type: address.slice(0, dot), name, address, path: `${stackId}/${name}`, config };
  });
  return {
    stackId,
    resources: views.filter((view) => !view.type.startsWith("data.")),
    dataSources: views.filter((view) => view.type.startsWith("data.")),
  };
}

/** The findings (errors and warnings) of one rule over the fixtures, in a production stack unless told otherwise. */
export function findingsOf(ruleId: string, fixtures: Fixtures, production = true): Finding[] {
  const rule = findRule(ruleId);
  if (!rule) {
    throw new Error(`unknown rule ${ruleId}`);
  }
  const evaluation = evaluate(stackOf(fixtures), { production, stackId: "test" }, [], [rule]);
  return [...evaluation.errors, ...evaluation.warnings];
}

/** `${type.name.attribute}`: a Terraform reference. */
export function ref(address: string, attribute = "id"): string {
  return `\${${address}.${attribute}}`;
}
