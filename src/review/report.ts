import type { EnvironmentCostChange } from "../cost/change";
import type { AttributeChange } from "./attributes";
import { costSection, environmentCostLines } from "./cost";
import type { ResourceChange, Review, StackReview, Verdict } from "./diff";

/** What the report says it compares: the base ref and what the head is. */
export interface ReviewSubject {
  /** `main (1a2b3c4)`. */
  readonly base: string;
  /** `working tree of HEAD (5d6e7f8)`. */
  readonly head: string;
}

/** Attribute changes listed per resource; the rest are counted. */
const MAX_ATTRIBUTES_PER_RESOURCE = 40;

/** Counts of a review, for the summary line. */
export interface ReviewCounts {
  readonly added: number;
  readonly removed: number;
  readonly renamed: number;
  readonly changed: number;
  readonly replaced: number;
  readonly dangerous: number;
  readonly impossible: number;
  readonly stacks: number;
  readonly affected: number;
}

export function countReview(review: Review): ReviewCounts {
  const changes = review.stacks.flatMap((stack) => stack.changes.filter((change) => !change.data));
  const count = (kind: ResourceChange["kind"]) => changes.filter((change) => change.kind === kind).length;
  return {
    added: count("added"),
    removed: count("removed"),
    renamed: count("renamed"),
    changed: count("changed"),
    replaced: review.replaced.length,
    dangerous: review.dangerous.length - review.impossible.length,
    impossible: review.impossible.length,
    stacks: review.stacks.filter((stack) => stack.status !== "unchanged").length,
    affected: new Set(review.affected.map((stack) => stack.stackId)).size,
  };
}

/**
 * One line a CI job can read: `review: 2 added, 1 removed, 0 renamed, 3 changed in 2 stacks; 1 replaced, 1
 * dangerous, 0 impossible; 1 stack downstream`.
 */
export function summaryLine(review: Review): string {
  const c = countReview(review);
  return `review: ${c.added} added, ${c.removed} removed, ${c.renamed} renamed, ${c.changed} changed in ${c.stacks} stack${c.stacks === 1 ? "" : "s"}; ${c.replaced} replaced, ${c.dangerous} dangerous, ${c.impossible} impossible; ${c.affected} stack${c.affected === 1 ? "" : "s"} downstream`;
}

const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  safe: "in place",
  replaced: "replaced",
  dangerous: "⚠ dangerous",
  impossible: "⛔ impossible",
};

/**
 * The Markdown report: how to read it, the verdicts, the monthly cost change per environment (when `costs` is given),
 * downstream stacks, then every change per stack, each environment's with its cost change.
 */
export function renderReport(review: Review, subject: ReviewSubject, costs?: readonly EnvironmentCostChange[]): string {
  const lines: string[] = [];
  lines.push("# Plan preview (offline)", "");
  lines.push(`Compares the synthesized Terraform of **${subject.head}** with **${subject.base}**.`);
  lines.push(
    "Computed from `cdktf synth` output, not from a Terraform plan: values known only at apply time show as references.",
    "Verdicts: **in place** (updated, nothing lost), **replaced** (destroyed and created again, no state), **dangerous** (state, a protection, capacity or a version lost), **impossible** (AWS refuses it: the apply would stop half-way).",
    "",
  );
  lines.push(`\`${summaryLine(review)}\``, "");
  if (costs !== undefined) {
    lines.push(...costSection(costs));
  }

  lines.push("## Impossible changes", "");
  lines.push(...findingTable(review.impossible, "None: AWS accepts every change."));
  lines.push("## Dangerous changes", "");
  lines.push(
    ...findingTable(
      review.dangerous.filter((change) => change.verdict === "dangerous"),
      "None: no stateful resource is destroyed, replaced or renamed, and no protection, capacity or version is lost.",
    ),
  );
  const replacedOnly = review.replaced.filter((change) => change.verdict === "replaced");
  if (replacedOnly.length > 0) {
    lines.push("## Replaced (no state)", "");
    lines.push(...findingTable(replacedOnly, ""));
  }
  if (review.affected.length > 0) {
    lines.push("## Downstream stacks", "");
    lines.push("These stacks read outputs of replaced or destroyed resources: their next plan changes too.", "");
    lines.push("| stack | reads from | outputs | because of |", "| --- | --- | --- | --- |");
    for (const stack of review.affected) {
      lines.push(
        `| ${stack.stackId} | ${stack.from} | ${stack.outputs.map((output) => `\`${output}\``).join(", ")} | ${stack.resources.map((address) => `\`${address}\``).join(", ")} |`,
      );
    }
    lines.push("");
  }

  const changedStacks = review.stacks.filter((stack) => stack.status !== "unchanged");
  if (changedStacks.length === 0) {
    lines.push("No resource changes.", "");
    return lines.join("\n");
  }
  for (const environment of [...new Set(changedStacks.map((stack) => stack.environment))]) {
    lines.push(`## ${environment}`, "");
    const cost = costs?.find((candidate) => candidate.environment === environment);
    if (cost !== undefined) {
      lines.push(...environmentCostLines(cost));
    }
    for (const stack of changedStacks.filter((candidate) => candidate.environment === environment)) {
      lines.push(...renderStack(stack));
    }
  }
  const unchanged = review.stacks.filter((stack) => stack.status === "unchanged").map((stack) => stack.stackId);
  if (unchanged.length > 0) {
    lines.push(`Unchanged: ${unchanged.join(", ")}.`, "");
  }
  return lines.join("\n");
}

function findingTable(changes: readonly ResourceChange[], none: string): string[] {
  if (changes.length === 0) {
    return [none, ""];
  }
  const lines = ["| environment | stack | resource | action | why |", "| --- | --- | --- | --- | --- |"];
  for (const change of changes) {
    for (const finding of change.findings.filter((candidate) => candidate.verdict === change.verdict)) {
      lines.push(
        `| ${change.environment} | ${change.stackId} | \`${change.address}\` | **${finding.action}** | ${escapeCell(finding.reason)} |`,
      );
    }
  }
  return [...lines, ""];
}

function renderStack(stack: StackReview): string[] {
  const lines: string[] = [];
  const note = stack.status === "added" ? " (new stack)" : stack.status === "removed" ? " (stack removed)" : "";
  lines.push(`### ${stack.stackId}${note}`, "");

  for (const { provider, attributes } of stack.providers) {
    lines.push(`Provider \`${provider}\` changes (in place on every resource it manages that takes them):`, "");
    lines.push(...attributes.map((attribute) => `- ${renderAttribute(attribute)}`), "");
  }
  const resources = stack.changes.filter((change) => !change.data);
  if (resources.length > 0) {
    const types = [...new Set(resources.map((change) => change.type))].sort();
    lines.push("| resource type | added | removed | renamed | changed |", "| --- | ---: | ---: | ---: | ---: |");
    for (const type of types) {
      const ofType = resources.filter((change) => change.type === type);
      const count = (kind: ResourceChange["kind"]) => ofType.filter((change) => change.kind === kind).length;
      lines.push(`| ${type} | ${count("added")} | ${count("removed")} | ${count("renamed")} | ${count("changed")} |`);
    }
    lines.push("");
  }
  for (const [title, changes] of [
    ["Added", resources.filter((change) => change.kind === "added")],
    ["Removed", resources.filter((change) => change.kind === "removed")],
    ["Renamed (address changed)", resources.filter((change) => change.kind === "renamed")],
    ["Changed", resources.filter((change) => change.kind === "changed")],
    ["Policy documents and other data sources", stack.changes.filter((change) => change.data)],
  ] as const) {
    if (changes.length > 0) {
      lines.push(`#### ${title}`, "", ...changes.flatMap(renderChange), "");
    }
  }
  return lines;
}

function renderChange(change: ResourceChange): string[] {
  const marker =
    change.kind === "changed" || change.kind === "renamed" || change.verdict !== "safe"
      ? ` (${VERDICT_LABEL[change.verdict]})`
      : "";
  const previous = change.previous ? ` ← \`${change.previous.address}\`` : "";
  const lines = [`- \`${change.address}\`${previous}${marker} <sub>${change.path}</sub>`];
  for (const finding of change.findings) {
    lines.push(`  - **${finding.action}**: ${finding.reason}`);
  }
  const shown = change.attributes.slice(0, MAX_ATTRIBUTES_PER_RESOURCE);
  for (const attribute of shown) {
    lines.push(...renderAttributeLines(attribute).map((line, index) => `${index === 0 ? "  - " : "    "}${line}`));
  }
  if (change.attributes.length > shown.length) {
    lines.push(`  - … and ${change.attributes.length - shown.length} more attribute changes`);
  }
  return lines;
}

function renderAttributeLines(attribute: AttributeChange): string[] {
  if (!attribute.lines) {
    return [renderAttribute(attribute)];
  }
  return [`${renderAttribute(attribute)}`, "```diff", ...attribute.lines, "```"];
}

function renderAttribute(attribute: AttributeChange): string {
  const values = attribute.setting
    ? (attribute.after ?? attribute.before ?? "") === ""
      ? ""
      : code(attribute.after ?? attribute.before)
    : attribute.lines
      ? "changed lines:"
      : attribute.kind === "added"
        ? `added ${code(attribute.after)}`
        : attribute.kind === "removed"
          ? `removed (was ${code(attribute.before)})`
          : `${code(attribute.before)} → ${code(attribute.after)}`;
  const replacement = attribute.forcesReplacement
    ? ` — **${attribute.forcesReplacement.conditional ? "may force" : "forces"} replacement** ([source](${attribute.forcesReplacement.source}))`
    : attribute.renames
      ? ` — **renames the real resource** ([source](${attribute.renames.source}))`
      : "";
  return `\`${attribute.path}\`${values ? `: ${values}` : ""}${replacement}`;
}

function code(value: string | undefined): string {
  return `\`${(value ?? "").replace(/`/g, "'")}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
