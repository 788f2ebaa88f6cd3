import { createHash } from "node:crypto";
import { diffLines } from "diff";
import { parse as parseYaml } from "yaml";
import { forcesReplacement, renamesInPlace, replacementAttributesUnder } from "./replacement-attributes";
import { type Difference, formatPath, type PathSegment, structuralDiff } from "./structural-diff";

/** One attribute that differs, with printable values. */
export interface AttributeChange {
  /** `tags.Owner`, `rule[name=RateLimitPerIp].action`, `dashboard_body (JSON).widgets[...]`. */
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: string;
  readonly after?: string;
  /** A long text's changed lines (`-` old, `+` new), instead of before and after. */
  readonly lines?: readonly string[];
  /** Set when the provider replaces the resource for this change (`conditional`: only in some cases). */
  readonly forcesReplacement?: { readonly attribute: string; readonly source: string; readonly conditional?: boolean };
  /** Set when the change renames the real resource in place (its endpoint changes). */
  readonly renames?: { readonly attribute: string; readonly source: string; readonly note?: string };
  /** A setting of an added or removed resource (what it is), not a change of an existing one. */
  readonly setting?: boolean;
}

/** Values longer than this are shown as line diffs (text) or shortened (other values). */
const MAX_VALUE_LENGTH = 80;
const SENSITIVE_KEY = /(password|secret|token|private_key|credential)/i;

/** The attribute names of a path: list positions and item keys dropped. */
export function attributeSegments(path: readonly PathSegment[]): string[] {
  return path.filter((segment): segment is string => typeof segment === "string");
}

/**
 * The attributes `lifecycle.ignore_changes` lists (`["min_size", "scaling_config[0].desired_size"]`, or `all`), as
 * attribute paths; Terraform does not act on changes under them.
 */
export function ignoredAttributes(config: Readonly<Record<string, unknown>>): readonly string[][] | "all" {
  const lifecycle = config.lifecycle as { ignore_changes?: unknown } | undefined;
  const ignored = lifecycle?.ignore_changes;
  if (ignored === "all") {
    return "all";
  }
  return Array.isArray(ignored)
    ? ignored
        .filter((entry): entry is string => typeof entry === "string")
        .map((entry) => entry.replace(/\[\d+\]/g, "").split("."))
    : [];
}

function isIgnored(ignored: readonly string[][] | "all", path: readonly PathSegment[]): boolean {
  const segments = attributeSegments(path);
  if (segments[0] === "lifecycle") {
    return false;
  }
  return (
    ignored === "all" ||
    ignored.some(
      (prefix) => prefix.length <= segments.length && prefix.every((name, index) => segments[index] === name),
    )
  );
}

/**
 * The attribute differences of one resource: lists matched by their items' keys, embedded JSON and YAML documents
 * compared inside, long texts as changed lines, and nothing under `lifecycle.ignore_changes` (of the new
 * configuration: what Terraform will apply with).
 */
export function attributeChanges(
  type: string,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): AttributeChange[] {
  const ignored = ignoredAttributes(after);
  const changes: AttributeChange[] = [];
  for (const difference of structuralDiff(before, after)) {
    if (isIgnored(ignored, difference.path)) {
      continue;
    }
    const embedded = difference.kind === "changed" ? embeddedDocuments(difference.before, difference.after) : undefined;
    if (embedded) {
      for (const inner of structuralDiff(embedded.before, embedded.after)) {
        changes.push(toAttributeChange(type, difference.path, inner, embedded.format));
      }
      continue;
    }
    changes.push(toAttributeChange(type, [], difference));
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

function toAttributeChange(
  type: string,
  outerPath: readonly PathSegment[],
  difference: Difference,
  format?: "JSON" | "YAML",
): AttributeChange {
  const fullPath = [...outerPath, ...difference.path];
  const sensitive = attributeSegments(fullPath).some((segment) => SENSITIVE_KEY.test(segment));
  const show = (value: unknown) => (sensitive ? "(sensitive)" : printable(value));
  const path = format
    ? `${formatPath(outerPath)} (${format})${difference.path.length > 0 ? formatPath(difference.path, true) : ""}`
    : formatPath(difference.path);
  // Only the resource's own attributes can force replacement, not a key inside an embedded document. A block added
  // or removed as a whole carries the attributes listed below it.
  const segments = attributeSegments(difference.path);
  const replacement = format
    ? undefined
    : (forcesReplacement(type, segments) ??
      (difference.kind === "changed" ? undefined : replacementAttributesUnder(type, segments)[0]));
  const rename = format ? undefined : renamesInPlace(type, segments);
  const base = {
    path,
    ...(replacement
      ? {
          forcesReplacement: {
            attribute: replacement.attribute,
            source: replacement.source,
            ...(replacement.conditional ? { conditional: true } : {}),
          },
        }
      : {}),
    ...(rename ? { renames: { attribute: rename.attribute, source: rename.source, note: rename.note } } : {}),
  };
  if (difference.kind === "added") {
    return { ...base, kind: "added", after: show(difference.after) };
  }
  if (difference.kind === "removed") {
    return { ...base, kind: "removed", before: show(difference.before) };
  }
  const lines = sensitive ? undefined : textLines(difference.before, difference.after);
  return lines
    ? { ...base, kind: "changed", lines }
    : { ...base, kind: "changed", before: show(difference.before), after: show(difference.after) };
}

/** The changed lines of two long texts (user data, scripts, HCL), with a line of context cut to `…`. */
function textLines(before: unknown, after: unknown): string[] | undefined {
  if (typeof before !== "string" || typeof after !== "string") {
    return undefined;
  }
  if (before.length <= MAX_VALUE_LENGTH && after.length <= MAX_VALUE_LENGTH && !before.includes("\n")) {
    return undefined;
  }
  return diffLines(before, after).flatMap((part) =>
    part.added || part.removed
      ? part.value
          .replace(/\n$/, "")
          .split("\n")
          .map((line) => `${part.added ? "+" : "-"} ${line}`)
      : [],
  );
}

/** Both sides of a changed string as parsed documents, when both are JSON (or multi-line YAML) objects or lists. */
function embeddedDocuments(
  before: unknown,
  after: unknown,
): { before: Record<string, unknown>; after: Record<string, unknown>; format: "JSON" | "YAML" } | undefined {
  if (typeof before !== "string" || typeof after !== "string") {
    return undefined;
  }
  for (const format of ["JSON", "YAML"] as const) {
    const parsedBefore = parseDocument(before, format);
    const parsedAfter = parseDocument(after, format);
    if (parsedBefore && parsedAfter) {
      return { before: parsedBefore, after: parsedAfter, format };
    }
  }
  return undefined;
}

/** A JSON (or multi-line YAML) object or list in a string, or undefined. */
export function parseDocument(text: string, format: "JSON" | "YAML"): Record<string, unknown> | undefined {
  if (format === "YAML" && !text.includes("\n")) {
    return undefined;
  }
  try {
    const value: unknown = format === "JSON" ? JSON.parse(text) : parseYaml(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A value as the report shows it: JSON, long values shortened with their length and a hash to tell them apart. */
export function printable(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  if (text.length <= MAX_VALUE_LENGTH) {
    return text;
  }
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 8);
  return `${text.slice(0, MAX_VALUE_LENGTH - 20)}… (${text.length} chars, sha256 ${hash})`;
}
