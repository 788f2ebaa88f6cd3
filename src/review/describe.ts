import { type AttributeChange, parseDocument, printable } from "./attributes";
import type { ResourceBody, StackJson } from "./synthesized";
import { formatPath, ITEM_KEYS, type PathSegment, read } from "./structural-diff";

/**
 * What an added or removed resource is, in the attributes a reviewer weighs: every setting down to its leaves
 * (sizes, ports, CIDRs, rule actions), embedded JSON and YAML documents opened, and a policy written as a
 * `data.aws_iam_policy_document` shown by its statements, since the resource itself only references it. Tags,
 * dependencies, the provider and timeouts are left out; long lists are cut at `MAX_LINES`.
 */

const MAX_LINES = 30;
const SKIPPED = new Set(["//", "tags", "tags_all", "depends_on", "provider", "timeouts", "for_each", "count"]);
const DOCUMENT_REFERENCE = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/;

export function describeResource(
  resource: ResourceBody,
  stack: StackJson | undefined,
  kind: "added" | "removed",
): AttributeChange[] {
  const leaves: [PathSegment[], unknown, string?][] = [];
  const visit = (value: unknown, path: PathSegment[], prefix?: string): void => {
    if (Array.isArray(value)) {
      if (value.every((item) => typeof item !== "object" || item === null)) {
        leaves.push([path, value, prefix]);
        return;
      }
      // Items named by the key the diff matches them by, when every item has a distinct one.
      const key = ITEM_KEYS.find((candidate) => {
        const names = value.map((item) => read(item, candidate));
        const named = names.every((name) => typeof name === "string" || typeof name === "number");
        return named && new Set(names).size === names.length;
      });
      // The key is in the path already (`statement[sid=Admin]`): not repeated as a setting.
      value.forEach((item, index) =>
        key
          ? visit(omit(item, key), [...path, { key, value: String(read(item, key)) }], prefix)
          : visit(item, [...path, index], prefix),
      );
      return;
    }
    if (typeof value === "object" && value !== null) {
      for (const [name, inner] of Object.entries(value)) {
        if (path.length === 0 && SKIPPED.has(name)) {
          continue;
        }
        visit(inner, [...path, name], prefix);
      }
      return;
    }
    if (typeof value === "string") {
      const reference = DOCUMENT_REFERENCE.exec(value);
      const document = reference ? stack?.data?.aws_iam_policy_document?.[reference[1]] : undefined;
      if (document) {
        const { "//": _metadata, ...body } = document;
        visit(body, [], `${formatPath(path)} (policy document ${reference![1]})`);
        return;
      }
      const parsed = value.length > 40 ? (parseDocument(value, "JSON") ?? parseDocument(value, "YAML")) : undefined;
      if (parsed) {
        visit(
          parsed,
          [],
          `${formatPath(path)} (${value.trimStart().startsWith("{") || value.trimStart().startsWith("[") ? "JSON" : "YAML"})`,
        );
        return;
      }
    }
    leaves.push([path, value, prefix]);
  };
  visit(resource.config, []);

  const lines = leaves.map(([path, value, prefix]): AttributeChange => {
    const shown = `${prefix ?? ""}${prefix && path.length > 0 ? formatPath(path, true) : formatPath(path)}`;
    return kind === "added"
      ? { path: shown, kind, after: printable(value), setting: true }
      : { path: shown, kind, before: printable(value), setting: true };
  });
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), { path: `… ${lines.length - MAX_LINES} more settings`, kind, setting: true }]
    : lines;
}

/** `item` without its top-level `key` (a dotted key is left as it is). */
function omit(item: unknown, key: string): unknown {
  if (typeof item !== "object" || item === null || key.includes(".")) {
    return item;
  }
  const { [key]: _omitted, ...rest } = item as Record<string, unknown>;
  return rest;
}
