/**
 * A diff of two synthesized resource bodies that reads as a reviewer thinks: lists of keyed things (rules,
 * statements, widgets, node groups) are matched by their key, not their position, so that inserting one item reports
 * one item; lists of strings (`depends_on`, subnet ids) report the strings added and removed; a reordered list with
 * the same items reports nothing but the order.
 */

/** A list item matched by its key: `{ key: "name", value: "RateLimitPerIp" }`, printed `[name=RateLimitPerIp]`. */
export interface KeyedSegment {
  readonly key: string;
  readonly value: string;
}

export type PathSegment = string | number | KeyedSegment;

export interface Difference {
  readonly path: readonly PathSegment[];
  readonly kind: "added" | "removed" | "changed";
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Keys that identify an item of a list, tried in order; a dotted key reads a nested value (a dashboard widget's
 * `properties.title`). A key is used when every item of both lists has a distinct primitive value for it.
 */
export const ITEM_KEYS = [
  "name",
  "sid",
  "alarm_name",
  "key",
  "path_pattern",
  "origin_id",
  "metric_name",
  "id",
  "properties.title",
  "metadata.name",
  "priority",
  "port",
  "container_port",
] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isPrimitive = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);

/** The value at a dotted key of an item (`properties.title`). */
export function read(item: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((value, part) => (isObject(value) ? value[part] : undefined), item);
}

/** The key every item of both lists has, with distinct values on each side; undefined when there is none. */
function itemKey(before: readonly unknown[], after: readonly unknown[]): string | undefined {
  const items = [...before, ...after];
  if (items.length === 0 || !items.every(isObject)) {
    return undefined;
  }
  return ITEM_KEYS.find((key) =>
    [before, after].every((list) => {
      const values = list.map((item) => read(item, key));
      return values.every((value) => isPrimitive(value) && value !== null) && new Set(values).size === values.length;
    }),
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function structuralDiff(before: unknown, after: unknown, path: readonly PathSegment[] = []): Difference[] {
  if (sameValue(before, after)) {
    return [];
  }
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((key) => {
      if (!(key in after)) {
        return [{ path: [...path, key], kind: "removed" as const, before: before[key] }];
      }
      if (!(key in before)) {
        return [{ path: [...path, key], kind: "added" as const, after: after[key] }];
      }
      return structuralDiff(before[key], after[key], [...path, key]);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return listDiff(before, after, path);
  }
  return [{ path, kind: "changed", before, after }];
}

function listDiff(before: readonly unknown[], after: readonly unknown[], path: readonly PathSegment[]): Difference[] {
  // A block that is one object on each side (Terraform JSON writes blocks as one-element lists): compare inside.
  if (before.length === 1 && after.length === 1 && isObject(before[0]) && isObject(after[0])) {
    return structuralDiff(before[0], after[0], [...path, 0]);
  }
  if ([...before, ...after].every((item) => isPrimitive(item))) {
    const removed = before.filter((item) => !after.some((other) => sameValue(other, item)));
    const added = after.filter((item) => !before.some((other) => sameValue(other, item)));
    if (removed.length === 0 && added.length === 0) {
      return [{ path, kind: "changed", before, after }];
    }
    return [
      ...removed.map((item) => ({ path, kind: "removed" as const, before: item })),
      ...added.map((item) => ({ path, kind: "added" as const, after: item })),
    ];
  }
  const key = itemKey(before, after);
  if (key === undefined) {
    // No identity: by position, as Terraform itself compares a list.
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => index).flatMap((index) =>
      index >= after.length
        ? [{ path: [...path, index], kind: "removed" as const, before: before[index] }]
        : index >= before.length
          ? [{ path: [...path, index], kind: "added" as const, after: after[index] }]
          : structuralDiff(before[index], after[index], [...path, index]),
    );
  }
  const byKey = (list: readonly unknown[]) => new Map(list.map((item) => [String(read(item, key)), item]));
  const old = byKey(before);
  const now = byKey(after);
  const segment = (value: string): KeyedSegment => ({ key, value });
  return [
    ...[...old]
      .filter(([value]) => !now.has(value))
      .map(([value, item]) => ({
        path: [...path, segment(value)],
        kind: "removed" as const,
        before: item,
      })),
    ...[...now].flatMap(([value, item]) =>
      old.has(value)
        ? structuralDiff(old.get(value), item, [...path, segment(value)])
        : [{ path: [...path, segment(value)], kind: "added" as const, after: item }],
    ),
  ];
}

/** `rule[name=RateLimitPerIp].action`, `statement[1].actions`; `continued` starts with a separator. */
export function formatPath(path: readonly PathSegment[], continued = false): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") {
        return `[${segment}]`;
      }
      if (typeof segment === "object") {
        return `[${segment.key}=${segment.value}]`;
      }
      const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? segment : JSON.stringify(segment);
      return index === 0 && !continued ? key : `.${key}`;
    })
    .join("");
}
