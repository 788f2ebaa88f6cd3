import type { AttributeChange, ResourceChange, Review, StackReview } from "./diff";

/** What the report says it compares: the base ref and what the head is. */
export interface ReviewSubject {
  /** `main (1a2b3c4)`. */
  readonly base: string;
  /** `working tree of HEAD (5d6e7f8)`. */
  readonly head: string;
}

/** Attribute changes listed per resource; the rest are counted. */
const MAX_ATTRIBUTES_PER_RESOURCE = 25;

/** Counts of a review, for the summary line. */
export interface ReviewCounts {
  readonly added: number;
  readonly removed: number;
  readonly renamed: number;
  readonly changed: number;
  readonly destroy: number;
  readonly replace: number;
  readonly rename: number;
  readonly stacks: number;
}

export function countReview(review: Review): ReviewCounts {
  const changes = review.stacks.flatMap((stack) => stack.changes);
  const count = (kind: ResourceChange["kind"]) => changes.filter((change) => change.kind === kind).length;
  return {
    added: count("added"),
    removed: count("removed"),
    renamed: count("renamed"),
    changed: count("changed"),
    destroy: review.dangerous.filter((change) => change.danger?.action === "destroy").length,
    replace: review.dangerous.filter((change) => change.danger?.action === "replace").length,
    rename: review.dangerous.filter((change) => change.danger?.action === "rename").length,
    stacks: review.stacks.filter((stack) => stack.status !== "unchanged").length,
  };
}

/**
 * One line a CI job can read:
 * `review: 2 added, 1 removed, 0 renamed, 3 changed in 2 stacks; dangerous: 1 destroy, 0 replace, 0 rename`.
 */
export function summaryLine(review: Review): string {
  const counts = countReview(review);
  return `review: ${counts.added} added, ${counts.removed} removed, ${counts.renamed} renamed, ${counts.changed} changed in ${counts.stacks} stack${counts.stacks === 1 ? "" : "s"}; dangerous: ${counts.destroy} destroy, ${counts.replace} replace, ${counts.rename} rename`;
}

/** The Markdown report: summary, dangerous changes, then per environment and stack the counts and every change. */
export function renderReport(review: Review, subject: ReviewSubject): string {
  const lines: string[] = [];
  lines.push("# Plan preview (offline)", "");
  lines.push(`Compares the synthesized Terraform of **${subject.head}** with **${subject.base}**.`);
  lines.push(
    "Computed from `cdktf synth` output, not from a Terraform plan: values known only at apply time show as references.",
    "",
  );
  lines.push(`\`${summaryLine(review)}\``, "");

  lines.push("## Dangerous changes", "");
  if (review.dangerous.length === 0) {
    lines.push("None: no stateful resource is destroyed, replaced or renamed.", "");
  } else {
    lines.push("| environment | stack | resource | action | why |", "| --- | --- | --- | --- | --- |");
    for (const change of review.dangerous) {
      lines.push(
        `| ${change.environment} | ${change.stackId} | \`${change.address}\` | **${change.danger?.action}** | ${escapeCell(change.danger?.reason ?? "")} |`,
      );
    }
    lines.push("");
  }

  const changedStacks = review.stacks.filter((stack) => stack.status !== "unchanged");
  if (changedStacks.length === 0) {
    lines.push("No resource changes.", "");
    return lines.join("\n");
  }
  const environments = [...new Set(changedStacks.map((stack) => stack.environment))];
  for (const environment of environments) {
    lines.push(`## ${environment}`, "");
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

function renderStack(stack: StackReview): string[] {
  const lines: string[] = [];
  const note = stack.status === "added" ? " (new stack)" : stack.status === "removed" ? " (stack removed)" : "";
  lines.push(`### ${stack.stackId}${note}`, "");

  for (const { provider, attributes } of stack.providers) {
    lines.push(`Provider \`${provider}\` changes (in place on every resource it manages that takes them):`, "");
    lines.push(...attributes.map((attribute) => `- ${renderAttribute(attribute)}`), "");
  }
  if (stack.changes.length === 0) {
    return lines;
  }
  const types = [...new Set(stack.changes.map((change) => change.type))].sort();
  lines.push("| resource type | added | removed | renamed | changed |", "| --- | ---: | ---: | ---: | ---: |");
  for (const type of types) {
    const ofType = stack.changes.filter((change) => change.type === type);
    const count = (kind: ResourceChange["kind"]) => ofType.filter((change) => change.kind === kind).length;
    lines.push(`| ${type} | ${count("added")} | ${count("removed")} | ${count("renamed")} | ${count("changed")} |`);
  }
  lines.push("");

  for (const [kind, title] of [
    ["added", "Added"],
    ["removed", "Removed"],
    ["renamed", "Renamed (address changed)"],
    ["changed", "Changed"],
  ] as const) {
    const changes = stack.changes.filter((change) => change.kind === kind);
    if (changes.length === 0) {
      continue;
    }
    lines.push(`#### ${title}`, "");
    for (const change of changes) {
      lines.push(...renderChange(change));
    }
    lines.push("");
  }
  return lines;
}

function renderChange(change: ResourceChange): string[] {
  const marker = change.danger ? ` ⚠ **${change.danger.action}**` : change.kind === "changed" ? " (in place)" : "";
  const previous = change.previous ? ` ← \`${change.previous.address}\`` : "";
  const lines = [`- \`${change.address}\`${previous}${marker} <sub>${change.path}</sub>`];
  const shown = change.attributes.slice(0, MAX_ATTRIBUTES_PER_RESOURCE);
  for (const attribute of shown) {
    lines.push(`  - ${renderAttribute(attribute)}`);
  }
  if (change.attributes.length > shown.length) {
    lines.push(`  - … and ${change.attributes.length - shown.length} more attribute changes`);
  }
  return lines;
}

function renderAttribute(attribute: AttributeChange): string {
  const values =
    attribute.kind === "added"
      ? `added ${code(attribute.after)}`
      : attribute.kind === "removed"
        ? `removed (was ${code(attribute.before)})`
        : `${code(attribute.before)} → ${code(attribute.after)}`;
  const replacement = attribute.forcesReplacement
    ? ` — **${attribute.forcesReplacement.conditional ? "may force" : "forces"} replacement** ([source](${attribute.forcesReplacement.source}))`
    : attribute.renames
      ? ` — **renames the real resource** ([source](${attribute.renames.source}))`
      : "";
  return `\`${attribute.path}\`: ${values}${replacement}`;
}

function code(value: string | undefined): string {
  return `\`${(value ?? "").replace(/`/g, "'")}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
