import { type AttributeChange, attributeChanges } from "./attributes";
import { DISRUPTIVE_REPLACEMENTS, FAILOVER_RESOURCES } from "./dangers";
import { type Finding, removalFindings, ruleFindings, type Verdict } from "./findings";
import { affectedStacks, type AffectedStack } from "./downstream";
import { describeResource } from "./describe";
import { isStateful, statefulReason } from "./replacement-attributes";
import { dataSourcesOf, providersOf, type ResourceBody, resourcesOf, type SynthesizedTree } from "./synthesized";

export { printable } from "./attributes";
export type { AttributeChange } from "./attributes";

/**
 * The offline plan preview: what changes between two synthesized trees, per environment, stack and resource, with a
 * verdict for each change. Pure: the same trees give the same review.
 *
 * - safe: updated in place, nothing lost;
 * - replaced: destroyed and created again (an attribute that forces replacement, or a moved address) but holding no
 *   state;
 * - dangerous: a stateful resource destroyed, replaced or renamed, or a protection, capacity or version lost;
 * - impossible: a change the AWS API refuses (the apply would stop half-way).
 */

export type ResourceChangeKind = "added" | "removed" | "renamed" | "changed";
export type { Finding, Verdict } from "./findings";

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
  /** For `changed` and `renamed`: the attributes that differ; for `added` and `removed`: what it is. */
  readonly attributes: readonly AttributeChange[];
  readonly findings: readonly Finding[];
  /** The most serious finding's verdict; `safe` without findings. */
  readonly verdict: Verdict;
  /** Data sources (`data.aws_iam_policy_document...`) are listed with the resources that use them. */
  readonly data?: boolean;
}

export interface StackReview {
  readonly environment: string;
  readonly stackId: string;
  /** `added`/`removed`: the whole stack is new or gone. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: readonly ResourceChange[];
  /** Changes of the stack's provider blocks (default tags): applied in place to every resource that takes them. */
  readonly providers: readonly { readonly provider: string; readonly attributes: readonly AttributeChange[] }[];
}

export interface Review {
  readonly stacks: readonly StackReview[];
  /** Every change whose verdict is dangerous or impossible. */
  readonly dangerous: readonly ResourceChange[];
  /** The impossible ones among them. */
  readonly impossible: readonly ResourceChange[];
  /** Every replaced or destroyed resource, stateful or not. */
  readonly replaced: readonly ResourceChange[];
  /** Stacks whose remote-state reads of a replaced or destroyed resource will change. */
  readonly affected: readonly AffectedStack[];
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

const SEVERITY: Readonly<Record<Verdict, number>> = { safe: 0, replaced: 1, dangerous: 2, impossible: 3 };

export function worstVerdict(findings: readonly Finding[]): Verdict {
  return findings.reduce<Verdict>(
    (worst, finding) => (SEVERITY[finding.verdict] > SEVERITY[worst] ? finding.verdict : worst),
    "safe",
  );
}

/** The environment of a stack id, `<env>-<layer>`. */
export function environmentOf(stackId: string): string {
  const dash = stackId.indexOf("-");
  return dash < 0 ? stackId : stackId.slice(0, dash);
}

/** Compares two synthesized trees. */
export function reviewTrees(base: SynthesizedTree, head: SynthesizedTree): Review {
  const stackIds = [...head.stacks.keys(), ...[...base.stacks.keys()].filter((id) => !head.stacks.has(id))];
  const perStack = stackIds.map((stackId) => ({
    stackId,
    before: resourcesOf(base.stacks.get(stackId)),
    after: resourcesOf(head.stacks.get(stackId)),
  }));
  const renamedFrom = matchRenames(perStack);
  const consumed = new Set([...renamedFrom.values()].map((match) => `${match.stackId}/${match.resource.address}`));

  const stacks: StackReview[] = perStack.map(({ stackId, before, after }) => {
    const environment = environmentOf(stackId);
    const document = (resource: ResourceBody, side: "base" | "head") =>
      describeResource(
        resource,
        (side === "base" ? base : head).stacks.get(stackId),
        side === "base" ? "removed" : "added",
      );
    const changes: ResourceChange[] = [];
    for (const resource of after.values()) {
      const old = before.get(resource.address);
      const previous = renamedFrom.get(`${stackId}/${resource.address}`);
      if (old) {
        const attributes = attributeChanges(resource.type, old.config, resource.config);
        const item = change(environment, stackId, resource, "changed", attributes, old.config);
        // A change Terraform ignores (ignore_changes) can still be worth a finding: it no longer says what runs.
        if (attributes.length > 0 || item.findings.length > 0) {
          changes.push(item);
        }
      } else if (previous) {
        const attributes = attributeChanges(resource.type, previous.resource.config, resource.config);
        const moved: Finding = {
          verdict: isStateful(resource.type) ? "dangerous" : "replaced",
          action: "replace",
          reason: `address changed from ${previous.stackId === stackId ? "" : `${previous.stackId}: `}${previous.resource.address}: Terraform destroys it and creates a new one unless the move is declared (cdktf moveTo/moveFromId, or terraform state mv across stacks)${isStateful(resource.type) ? `. ${statefulReason(resource.type)}` : ""}`,
        };
        const base = change(environment, stackId, resource, "renamed", attributes, previous.resource.config, [moved]);
        changes.push({ ...base, previous: { stackId: previous.stackId, address: previous.resource.address } });
      } else {
        changes.push(
          withVerdict({
            ...identify(environment, stackId, resource),
            kind: "added",
            attributes: document(resource, "head"),
            findings: [],
          }),
        );
      }
    }
    for (const resource of before.values()) {
      if (after.has(resource.address) || consumed.has(`${stackId}/${resource.address}`)) {
        continue;
      }
      changes.push(
        withVerdict({
          ...identify(environment, stackId, resource),
          kind: "removed",
          attributes: document(resource, "base"),
          findings: removalFindings(resource),
        }),
      );
    }
    changes.push(...dataSourceChanges(environment, stackId, base, head));
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

  const all = stacks.flatMap((stack) => stack.changes);
  const replaced = all.filter((item) =>
    item.findings.some((finding) => finding.action === "replace" || finding.action === "destroy"),
  );
  return {
    stacks,
    dangerous: all.filter((item) => item.verdict === "dangerous" || item.verdict === "impossible"),
    impossible: all.filter((item) => item.verdict === "impossible"),
    replaced,
    affected: affectedStacks(replaced, base, head),
  };
}

type Side = { stackId: string; resource: ResourceBody };

/** Renames are matched per environment: a removed and an added resource of one type with the same literal name. */
function matchRenames(
  perStack: readonly { stackId: string; before: Map<string, ResourceBody>; after: Map<string, ResourceBody> }[],
): Map<string, Side> {
  const removed = new Map<string, Side[]>();
  for (const { stackId, before, after } of perStack) {
    for (const resource of before.values()) {
      if (!after.has(resource.address)) {
        removed.set(environmentOf(stackId), [...(removed.get(environmentOf(stackId)) ?? []), { stackId, resource }]);
      }
    }
  }
  const renamedFrom = new Map<string, Side>();
  const consumed = new Set<string>();
  for (const { stackId, before, after } of perStack) {
    for (const resource of after.values()) {
      const identity = identityOf(resource);
      if (before.has(resource.address) || identity === undefined) {
        continue;
      }
      const match = (removed.get(environmentOf(stackId)) ?? []).find(
        (candidate) =>
          !consumed.has(`${candidate.stackId}/${candidate.resource.address}`) &&
          candidate.resource.type === resource.type &&
          identityOf(candidate.resource) === identity,
      );
      if (match) {
        consumed.add(`${match.stackId}/${match.resource.address}`);
        renamedFrom.set(`${stackId}/${resource.address}`, match);
      }
    }
  }
  return renamedFrom;
}

/** Data sources whose content changed (policy documents above all): listed, never dangerous by themselves. */
function dataSourceChanges(environment: string, stackId: string, base: SynthesizedTree, head: SynthesizedTree) {
  const before = dataSourcesOf(base.stacks.get(stackId));
  const after = dataSourcesOf(head.stacks.get(stackId));
  const changes: ResourceChange[] = [];
  for (const source of after.values()) {
    const old = before.get(source.address);
    const attributes = old ? attributeChanges(source.type, old.config, source.config) : [];
    if (old && attributes.length > 0) {
      changes.push({
        ...identify(environment, stackId, source),
        kind: "changed",
        attributes,
        findings: [],
        verdict: "safe",
        data: true,
      });
    }
  }
  return changes;
}

/**
 * A replica being promoted (`replicate_source_db` removed) that now states its engine: a replica's engine is its
 * source's, which the provider reads back into the state, so stating the same engine plans no change. The promotion
 * itself is judged by its own danger rule.
 */
function statedOnPromotion(resource: ResourceBody, before: Readonly<Record<string, unknown>>, path: string): boolean {
  return (
    resource.type === "aws_db_instance" &&
    path === "engine" &&
    before.engine === undefined &&
    before.replicate_source_db !== undefined &&
    resource.config.replicate_source_db === undefined
  );
}

/** A change of an existing (or moved) resource, with its findings. */
function change(
  environment: string,
  stackId: string,
  resource: ResourceBody,
  kind: "changed" | "renamed",
  attributes: AttributeChange[],
  before: Readonly<Record<string, unknown>>,
  extra: readonly Finding[] = [],
): ResourceChange {
  const findings: Finding[] = [...extra];
  const replacing = attributes.filter(
    (attribute) => attribute.forcesReplacement && !statedOnPromotion(resource, before, attribute.path),
  );
  if (replacing.length > 0 && kind === "changed") {
    const conditional = replacing.every((attribute) => attribute.forcesReplacement?.conditional);
    const verb = conditional ? "may force" : replacing.length === 1 ? "forces" : "force";
    const paths = [...new Set(replacing.map((attribute) => attribute.path))].join(", ");
    const disruptive =
      DISRUPTIVE_REPLACEMENTS[resource.type] !== undefined &&
      (resource.config.lifecycle as { create_before_destroy?: boolean } | undefined)?.create_before_destroy !== true;
    findings.push({
      verdict: isStateful(resource.type) || disruptive ? "dangerous" : "replaced",
      action: "replace",
      reason: `${paths} ${verb} replacement${isStateful(resource.type) ? `: ${statefulReason(resource.type)}` : disruptive ? `: ${DISRUPTIVE_REPLACEMENTS[resource.type]}` : ""}`,
    });
  }
  const renaming = attributes.filter((attribute) => attribute.renames);
  if (renaming.length > 0) {
    findings.push({
      verdict: "dangerous",
      action: "rename",
      reason: renaming
        .map((attribute) => `${attribute.path} ${attribute.renames?.note ?? "renames it in place"}`)
        .join("; "),
    });
  }
  findings.push(...ruleFindings(resource.type, before, resource.config));
  // Tags say who owns it, not how it fails over.
  const failoverChanges = attributes.filter((attribute) => !/^tags(_all)?\b/.test(attribute.path));
  const failover = FAILOVER_RESOURCES[resource.type];
  if (failover && failoverChanges.length > 0) {
    findings.push({
      verdict: "dangerous",
      action: "failover",
      reason: `${failoverChanges.map((attribute) => attribute.path).join(", ")} changed: ${failover}`,
    });
  }
  return withVerdict({ ...identify(environment, stackId, resource), kind, attributes, findings });
}

function withVerdict(change: Omit<ResourceChange, "verdict">): ResourceChange {
  return { ...change, verdict: worstVerdict(change.findings) };
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
    .filter((item) => item.attributes.length > 0);
}

/** The fields that say which resource a change is about. */
function identify(
  environment: string,
  stackId: string,
  resource: ResourceBody,
): Pick<ResourceChange, "environment" | "stackId" | "address" | "type" | "path"> {
  return { environment, stackId, address: resource.address, type: resource.type, path: resource.path };
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
