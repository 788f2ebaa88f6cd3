import { createHash } from "node:crypto";
import diff, { type Difference } from "microdiff";
import { parse as parseYaml } from "yaml";
import {
  forcesReplacement,
  isStateful,
  renamesInPlace,
  replacementAttributesUnder,
  statefulReason,
} from "./replacement-attributes";
import { providersOf, type ResourceBody, resourcesOf, type SynthesizedTree } from "./synthesized";

/**
 * The offline plan preview: what changes between two synthesized trees, per environment, stack and resource, and
 * which changes would destroy or replace a stateful resource. Pure: the same trees give the same review.
 */

/** What happens to a resource. */
export type ResourceChangeKind = "added" | "removed" | "renamed" | "changed";

/** One attribute that differs, with printable values. */
export interface AttributeChange {
  /** `tags.Owner`, `statement[1].actions`, `dashboard_body (JSON).widgets[3].properties.title`. */
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: string;
  readonly after?: string;
  /** Set when the provider replaces the resource for this change (`conditional`: only in some cases). */
  readonly forcesReplacement?: { readonly attribute: string; readonly source: string; readonly conditional?: boolean };
  /** Set when the change renames the real resource in place (its endpoint changes). */
  readonly renames?: { readonly attribute: string; readonly source: string; readonly note?: string };
}

export interface ResourceChange {
  readonly environment: string;
  readonly stackId: string;
  readonly address: string;
  readonly type: string;
  /** Construct path of the resource (head side; base side for a removal). */
  readonly path: string;
  readonly kind: ResourceChangeKind;
  /** For `renamed`: the address (and stack) it had. */
  readonly previous?: { readonly stackId: string; readonly address: string };
  /** For `changed` and `renamed`: the attributes that differ. */
  readonly attributes: readonly AttributeChange[];
  /** Why the change destroys or replaces state; undefined for a harmless change. */
  readonly danger?: Danger;
}

export interface Danger {
  /** `rename`: the real resource keeps its data but gets a new name and endpoint. */
  readonly action: "destroy" | "replace" | "rename";
  readonly reason: string;
}

export interface StackReview {
  readonly environment: string;
  readonly stackId: string;
  /** `added`/`removed`: the whole stack is new or gone. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: readonly ResourceChange[];
  /**
   * Changes of the stack's provider blocks (`aws`, `aws.us_east_1`), e.g. default tags: applied in place to every
   * resource of that provider that takes them.
   */
  readonly providers: readonly { readonly provider: string; readonly attributes: readonly AttributeChange[] }[];
}

export interface Review {
  readonly stacks: readonly StackReview[];
  /** Every change that destroys or replaces a stateful resource. */
  readonly dangerous: readonly ResourceChange[];
}

/** Attributes whose literal value names the real resource: equal names on a removed and an added resource are a rename. */
const IDENTITY_ATTRIBUTES = [
  "identifier",
  "replication_group_id",
  "cluster_name",
  "bucket",
  "name",
  "alarm_name",
  "dashboard_name",
] as const;

/** Values longer than this are shortened in the report. */
const MAX_VALUE_LENGTH = 80;
const SENSITIVE_KEY = /(password|secret|token|private_key|credential)/i;

/** The environment of a stack id, `<env>-<layer>`. */
export function environmentOf(stackId: string): string {
  const dash = stackId.indexOf("-");
  return dash < 0 ? stackId : stackId.slice(0, dash);
}

/** Compares two synthesized trees. */
export function reviewTrees(base: SynthesizedTree, head: SynthesizedTree): Review {
  const stackIds = [...head.stacks.keys(), ...[...base.stacks.keys()].filter((id) => !head.stacks.has(id))];
  const perStack = stackIds.map((stackId) => {
    const before = resourcesOf(base.stacks.get(stackId));
    const after = resourcesOf(head.stacks.get(stackId));
    return { stackId, before, after };
  });

  // Renames are matched per environment: a resource may move between stacks of the same environment.
  const removedByEnvironment = new Map<string, { stackId: string; resource: ResourceBody }[]>();
  for (const { stackId, before, after } of perStack) {
    for (const resource of before.values()) {
      if (!after.has(resource.address)) {
        const environment = environmentOf(stackId);
        removedByEnvironment.set(environment, [
          ...(removedByEnvironment.get(environment) ?? []),
          { stackId, resource },
        ]);
      }
    }
  }
  const renamedFrom = new Map<string, { stackId: string; resource: ResourceBody }>();
  const consumed = new Set<string>();
  for (const { stackId, before, after } of perStack) {
    for (const resource of after.values()) {
      if (before.has(resource.address)) {
        continue;
      }
      const identity = identityOf(resource);
      const match = (removedByEnvironment.get(environmentOf(stackId)) ?? []).find(
        (candidate) =>
          !consumed.has(`${candidate.stackId}/${candidate.resource.address}`) &&
          candidate.resource.type === resource.type &&
          identity !== undefined &&
          identityOf(candidate.resource) === identity,
      );
      if (match) {
        consumed.add(`${match.stackId}/${match.resource.address}`);
        renamedFrom.set(`${stackId}/${resource.address}`, match);
      }
    }
  }

  const stacks: StackReview[] = perStack.map(({ stackId, before, after }) => {
    const environment = environmentOf(stackId);
    const changes: ResourceChange[] = [];
    for (const resource of after.values()) {
      const old = before.get(resource.address);
      const previous = renamedFrom.get(`${stackId}/${resource.address}`);
      if (old) {
        const attributes = attributeChanges(resource.type, old.config, resource.config);
        if (attributes.length > 0) {
          changes.push(changed(environment, stackId, resource, "changed", attributes));
        }
      } else if (previous) {
        const attributes = attributeChanges(resource.type, previous.resource.config, resource.config);
        changes.push({
          ...changed(environment, stackId, resource, "renamed", attributes),
          previous: { stackId: previous.stackId, address: previous.resource.address },
          danger: isStateful(resource.type)
            ? {
                action: "replace",
                reason: `address changed from ${previous.stackId === stackId ? "" : `${previous.stackId}: `}${previous.resource.address}: Terraform destroys it and creates a new one unless the move is declared (cdktf moveTo/moveFromId, or terraform state mv across stacks). ${statefulReason(resource.type)}`,
              }
            : undefined,
        });
      } else {
        changes.push({ ...identify(environment, stackId, resource), kind: "added", attributes: [] });
      }
    }
    for (const resource of before.values()) {
      if (after.has(resource.address) || consumed.has(`${stackId}/${resource.address}`)) {
        continue;
      }
      changes.push({
        ...identify(environment, stackId, resource),
        kind: "removed",
        attributes: [],
        danger: isStateful(resource.type)
          ? { action: "destroy", reason: `removed: ${statefulReason(resource.type)}` }
          : undefined,
      });
    }
    changes.sort((a, b) => a.address.localeCompare(b.address));
    const providers = providerChanges(base.stacks.has(stackId) && head.stacks.has(stackId), stackId, base, head);
    const status = !base.stacks.has(stackId)
      ? "added"
      : !head.stacks.has(stackId)
        ? "removed"
        : changes.length > 0 || providers.length > 0
          ? "changed"
          : "unchanged";
    return { environment, stackId, status, changes, providers };
  });

  return { stacks, dangerous: stacks.flatMap((stack) => stack.changes.filter((change) => change.danger)) };
}

/** Provider blocks that differ, for a stack on both sides (a new stack's providers are new anyway). */
function providerChanges(
  onBothSides: boolean,
  stackId: string,
  base: SynthesizedTree,
  head: SynthesizedTree,
): StackReview["providers"] {
  if (!onBothSides) {
    return [];
  }
  const before = providersOf(base.stacks.get(stackId));
  const after = providersOf(head.stacks.get(stackId));
  return [...new Set([...after.keys(), ...before.keys()])]
    .sort()
    .map((provider) => ({
      provider,
      attributes: attributeChanges(`provider.${provider}`, before.get(provider) ?? {}, after.get(provider) ?? {}),
    }))
    .filter((change) => change.attributes.length > 0);
}

/** The fields that say which resource a change is about. */
function identify(
  environment: string,
  stackId: string,
  resource: ResourceBody,
): Pick<ResourceChange, "environment" | "stackId" | "address" | "type" | "path"> {
  return { environment, stackId, address: resource.address, type: resource.type, path: resource.path };
}

function changed(
  environment: string,
  stackId: string,
  resource: ResourceBody,
  kind: "changed" | "renamed",
  attributes: AttributeChange[],
): ResourceChange {
  const replacing = attributes.filter((attribute) => attribute.forcesReplacement);
  const renaming = attributes.filter((attribute) => attribute.renames);
  const conditional = replacing.every((attribute) => attribute.forcesReplacement?.conditional);
  return {
    ...identify(environment, stackId, resource),
    kind,
    attributes,
    danger:
      replacing.length > 0
        ? {
            action: "replace",
            reason: `${replacing.map((attribute) => attribute.path).join(", ")} ${conditional ? "may force" : replacing.length === 1 ? "forces" : "force"} replacement: ${statefulReason(resource.type)}`,
          }
        : renaming.length > 0
          ? {
              action: "rename",
              reason: `${renaming.map((attribute) => `${attribute.path} ${attribute.renames?.note ?? "renames it in place"}`).join("; ")}`,
            }
          : undefined,
  };
}

/** The literal name of the real resource, when it has one. */
function identityOf(resource: ResourceBody): string | undefined {
  for (const key of IDENTITY_ATTRIBUTES) {
    const value = resource.config[key];
    if (typeof value === "string" && value !== "" && !value.includes("${")) {
      return `${key}=${value}`;
    }
  }
  return undefined;
}

/** The attribute differences of one resource; embedded JSON and YAML documents are compared inside. */
export function attributeChanges(
  type: string,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const difference of diff(before as Record<string, unknown>, after as Record<string, unknown>)) {
    const embedded =
      difference.type === "CHANGE" ? embeddedDocuments(difference.oldValue, difference.value) : undefined;
    if (embedded) {
      for (const inner of diff(embedded.before, embedded.after)) {
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
  outerPath: readonly (string | number)[],
  difference: Difference,
  format?: "JSON" | "YAML",
): AttributeChange {
  const fullPath = [...outerPath, ...difference.path];
  const sensitive = fullPath.some((segment) => typeof segment === "string" && SENSITIVE_KEY.test(segment));
  const show = (value: unknown) => (sensitive ? "(sensitive)" : printable(value));
  const path = format
    ? `${formatPath(outerPath)} (${format})${difference.path.length > 0 ? formatPath(difference.path, true) : ""}`
    : formatPath(difference.path);
  // Only the resource's own attributes can force replacement, not a key inside an embedded document. A block added
  // or removed as a whole carries the attributes listed below it.
  const replacement = format
    ? undefined
    : (forcesReplacement(type, difference.path) ??
      (difference.type === "CHANGE" ? undefined : replacementAttributesUnder(type, difference.path)[0]));
  const rename = format ? undefined : renamesInPlace(type, difference.path);
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
  switch (difference.type) {
    case "CREATE":
      return { ...base, kind: "added", after: show(difference.value) };
    case "REMOVE":
      return { ...base, kind: "removed", before: show(difference.oldValue) };
    default:
      return { ...base, kind: "changed", before: show(difference.oldValue), after: show(difference.value) };
  }
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
    const parse = (text: string): unknown => {
      if (format === "YAML" && !text.includes("\n")) {
        return undefined;
      }
      try {
        return format === "JSON" ? JSON.parse(text) : parseYaml(text);
      } catch {
        return undefined;
      }
    };
    const parsedBefore = parse(before);
    const parsedAfter = parse(after);
    if (isDocument(parsedBefore) && isDocument(parsedAfter)) {
      return { before: parsedBefore, after: parsedAfter, format };
    }
  }
  return undefined;
}

function isDocument(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** `tags.Owner`, `statement[1].actions`; `continued` starts with a separator. */
export function formatPath(path: readonly (string | number)[], continued = false): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") {
        return `[${segment}]`;
      }
      const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? segment : JSON.stringify(segment);
      return index === 0 && !continued ? key : `.${key}`;
    })
    .join("");
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
