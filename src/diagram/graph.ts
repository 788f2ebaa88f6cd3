import {
  CONNECTORS,
  CONNECTOR_WALK_DEPTH,
  DEFAULT_COLLAPSE_ABOVE,
  INGRESS_RULE_TYPES,
  type KeyResourceType,
  MAX_WALK_DEPTH,
  OPAQUE_TYPES,
  REFERENCE_LABELS,
  keyResourceType,
  keyTypeRank,
  resourceName,
} from "./key-resources";
import { type Entry, type Reference, StackCatalog, literalAt, terraformAddress } from "./references";
import type { Diagram, DiagramEdge, DiagramNode, DiagramSubgraph, ResourceConfig, SynthesizedStack } from "./types";

/**
 * Builds the diagram model of one environment from its synthesized stacks: key resources become nodes (collapsed
 * per stack when there are many of a kind), grouped in one subgraph per stack; edges come from references between
 * key resources (through non-key resources and across stacks), from connector resources, and from security-group
 * ingress rules between the groups key resources use.
 */

/** A key resource reached by a reference walk. */
interface Hit {
  readonly entry: Entry;
  /** The attribute of the hit resource that was referred to. */
  readonly attribute: string;
  /** The top-level attribute of the walk's start the path began with. */
  readonly via: string;
}

/** What a reference walk from one resource found. */
interface Walk {
  readonly hits: readonly Hit[];
  /** Non-key resources and data sources the walk went to (opaque ones included, not walked through). */
  readonly reached: readonly Entry[];
}

/** A port range a security-group rule opens. */
interface PortRange {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
}

/** Edges gathered between two nodes before they are merged into one. */
interface PendingEdge {
  readonly referenceLabels: Set<string>;
  readonly ports: PortRange[];
}

/** Suffix of the id of a security group that is an attribute of a key resource (the EKS cluster security group). */
const OWN_GROUP = "#security-group";

const keyTypeOf = (entry: Entry): KeyResourceType | undefined =>
  entry.address.mode === "resource" ? keyResourceType(entry.address.type) : undefined;

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Mermaid-safe id fragment: letters, digits and underscores only. */
export function sanitizeId(value: string): string {
  return value.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * Follows references from `start` breadth-first: a key resource ends a path (it is a hit), a non-key resource is
 * walked through unless it is opaque, up to MAX_WALK_DEPTH non-key resources deep; each resource is visited once
 * per top-level attribute of `start`, so cycles end.
 *
 * @param only - top-level attributes of `start` to begin with (all when unset)
 * @param maxDepth - how many non-key resources deep to go
 */
function walk(catalog: StackCatalog, start: Entry, only?: readonly string[], maxDepth = MAX_WALK_DEPTH): Walk {
  const hits: Hit[] = [];
  const reached = new Map<string, Entry>();
  // Visited per starting attribute, so that which labels a path gets does not depend on the order of keys.
  const visited = new Set<string>();
  let frontier: { entry: Entry; via?: string }[] = [{ entry: start }];
  for (let depth = 0; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: { entry: Entry; via: string }[] = [];
    for (const { entry, via } of frontier) {
      const references = catalog.referencesIn(entry.address.stack, entry.config, entry === start ? only : undefined);
      for (const reference of references) {
        const target = catalog.get(reference.target);
        if (target === undefined || target.key === start.key) {
          continue;
        }
        const path = via ?? reference.via;
        if (keyTypeOf(target) !== undefined) {
          hits.push({ entry: target, attribute: reference.attribute, via: path });
        } else if (!visited.has(`${path}\u0000${target.key}`)) {
          visited.add(`${path}\u0000${target.key}`);
          reached.set(target.key, target);
          if (!OPAQUE_TYPES.has(target.address.type)) {
            next.push({ entry: target, via: path });
          }
        }
      }
    }
    frontier = next;
  }
  return { hits, reached: [...reached.values()] };
}

/** The protocol and ports of a rule (or an inline rule block). */
function portRange(config: ResourceConfig): PortRange {
  const protocol = literalAt(config, "ip_protocol") ?? literalAt(config, "protocol") ?? "tcp";
  const from = Number(literalAt(config, "from_port"));
  const to = Number(literalAt(config, "to_port"));
  if (protocol === "-1" || protocol === "all") {
    return { protocol: "all traffic" };
  }
  return Number.isFinite(from) && literalAt(config, "from_port") !== undefined
    ? { protocol, from, to: Number.isFinite(to) && literalAt(config, "to_port") !== undefined ? to : from }
    : { protocol };
}

/** `tcp 5432`, `tcp 9098, 11001, 11002`, `tcp 1024-65535`, `all traffic`: one label for every rule between two nodes. */
export function formatPorts(ports: readonly PortRange[]): string {
  const byProtocol = new Map<string, Set<string>>();
  const sorted = [...ports].sort(
    (a, b) => compareStrings(a.protocol, b.protocol) || (a.from ?? -1) - (b.from ?? -1) || (a.to ?? -1) - (b.to ?? -1),
  );
  for (const { protocol, from, to } of sorted) {
    const ranges = byProtocol.get(protocol) ?? new Set<string>();
    byProtocol.set(protocol, ranges);
    if (from !== undefined) {
      ranges.add(from === to ? String(from) : `${from}-${to}`);
    }
  }
  return [...byProtocol.entries()]
    .map(([protocol, ranges]) => (ranges.size > 0 ? `${protocol} ${[...ranges].join(", ")}` : protocol))
    .join("; ");
}

/** Splits names over lines of at most about 40 characters, comma-separated. */
function nameLines(names: readonly string[]): string[] {
  const lines: string[] = [];
  for (const name of names) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + name.length + 2 <= 40) {
      lines[last] = `${lines[last]}, ${name}`;
    } else {
      lines.push(name);
    }
  }
  return lines;
}

/** Nodes of one stack, and which node each of its key resources maps to. */
function stackNodes(stack: string, entries: readonly Entry[], nodeOf: Map<string, string>): DiagramNode[] {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const keyType = keyTypeOf(entry)!;
    const group = keyType.group ?? keyType.type;
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const nodes: { node: DiagramNode; rank: number }[] = [];
  for (const [group, members] of groups) {
    const keyTypes = members.map((entry) => keyTypeOf(entry)!);
    const rank = Math.min(...keyTypes.map((keyType) => keyTypeRank(keyType.type)));
    const first = keyTypes.find((keyType) => keyTypeRank(keyType.type) === rank)!;
    const shape = first.shape ?? "box";
    if (members.length > (first.collapseAbove ?? DEFAULT_COLLAPSE_ABOVE)) {
      const id = `${sanitizeId(stack)}__all_${sanitizeId(group)}`;
      const names = [
        ...new Set(members.map((entry) => resourceName(keyTypeOf(entry)!, entry.config) ?? entry.address.name)),
      ].sort(compareStrings);
      const lines = [`${first.label} ×${members.length}`, ...(first.listNames ? nameLines(names) : [])];
      const resources = members.map((entry) => terraformAddress(entry.address)).sort(compareStrings);
      members.forEach((entry) => nodeOf.set(entry.key, id));
      nodes.push({ node: { id, stack, lines, shape, resources }, rank });
    } else {
      for (const entry of members) {
        const keyType = keyTypeOf(entry)!;
        const id = `${sanitizeId(stack)}__${sanitizeId(entry.address.name)}`;
        const lines = [keyType.label, resourceName(keyType, entry.config), keyType.detail?.(entry.config)].filter(
          (line): line is string => line !== undefined,
        );
        nodeOf.set(entry.key, id);
        nodes.push({
          node: { id, stack, lines, shape: keyType.shape ?? "box", resources: [terraformAddress(entry.address)] },
          rank: keyTypeRank(keyType.type),
        });
      }
    }
  }
  return nodes.sort((a, b) => a.rank - b.rank || compareStrings(a.node.id, b.node.id)).map(({ node }) => node);
}

/** Builds the diagram of one environment from its stacks, given in deploy order. */
export function buildDiagram(stacks: readonly SynthesizedStack[]): Diagram {
  const catalog = new StackCatalog(stacks);
  const keyEntries = [...catalog.entries()].filter((entry) => keyTypeOf(entry) !== undefined);

  // Nodes: one subgraph per stack that has key resources.
  const nodeOf = new Map<string, string>();
  const subgraphs: DiagramSubgraph[] = stacks
    .map((stack) => ({
      id: sanitizeId(stack.id),
      stack: stack.id,
      nodes: stackNodes(
        stack.id,
        keyEntries.filter((entry) => entry.address.stack === stack.id),
        nodeOf,
      ),
    }))
    .filter((subgraph) => subgraph.nodes.length > 0);

  const walks = new Map(keyEntries.map((entry) => [entry.key, walk(catalog, entry)]));

  // Security groups and the key resources that use them: the groups a key resource's walk reaches, and groups
  // that are attributes of key resources (carried by the resources that refer to their owner, else the owner).
  const groupUsers = new Map<string, Set<string>>();
  const addUser = (group: string, user: string) =>
    groupUsers.set(group, (groupUsers.get(group) ?? new Set()).add(user));
  for (const entry of keyEntries) {
    const { hits, reached } = walks.get(entry.key)!;
    reached
      .filter((other) => other.address.type === "aws_security_group")
      .forEach((group) => addUser(group.key, entry.key));
    for (const hit of hits) {
      const own = keyTypeOf(hit.entry)!.ownSecurityGroup;
      if (own !== undefined && own.attribute.test(hit.attribute)) {
        addUser(hit.entry.key + OWN_GROUP, entry.key);
      }
    }
  }
  for (const owner of keyEntries) {
    const own = keyTypeOf(owner)!.ownSecurityGroup;
    if (own === undefined) {
      continue;
    }
    const carriers = keyEntries.filter(
      (entry) =>
        own.carriedBy.includes(entry.address.type) &&
        walks.get(entry.key)!.hits.some((hit) => hit.entry.key === owner.key),
    );
    (carriers.length > 0 ? carriers : [owner]).forEach((carrier) => addUser(owner.key + OWN_GROUP, carrier.key));
  }
  const groupOf = (reference: Reference): string | undefined => {
    const target = catalog.get(reference.target);
    if (target === undefined) {
      return undefined;
    }
    if (target.address.mode === "resource" && target.address.type === "aws_security_group") {
      return target.key;
    }
    const own = keyTypeOf(target)?.ownSecurityGroup;
    return own !== undefined && own.attribute.test(reference.attribute) ? target.key + OWN_GROUP : undefined;
  };
  const usersOf = (references: readonly Reference[]): string[] =>
    references
      .map(groupOf)
      .filter((group): group is string => group !== undefined)
      .flatMap((group) => [...(groupUsers.get(group) ?? [])]);

  // Edges, keyed by node pair; merged below.
  const pending = new Map<string, PendingEdge>();
  const edgeAt = (fromKey: string, toKey: string): PendingEdge | undefined => {
    const from = nodeOf.get(fromKey);
    const to = nodeOf.get(toKey);
    if (from === undefined || to === undefined || from === to) {
      return undefined;
    }
    const pair = `${from}\u0000${to}`;
    const edge = pending.get(pair) ?? { referenceLabels: new Set<string>(), ports: [] };
    pending.set(pair, edge);
    return edge;
  };
  const addReference = (fromKey: string, to: Entry, label: string | undefined) => {
    if (keyTypeOf(to)?.noIncomingReferences === true) {
      return;
    }
    const edge = edgeAt(fromKey, to.key);
    if (edge !== undefined && label !== undefined) {
      edge.referenceLabels.add(label);
    }
  };

  // (a) references from key resources.
  for (const entry of keyEntries) {
    for (const hit of walks.get(entry.key)!.hits) {
      addReference(entry.key, hit.entry, REFERENCE_LABELS[hit.via]);
    }
  }

  // (a'') origins by name: a CloudFront origin that is an API's custom domain (whose DNS record may fail over between
  // regions) names the domain, it does not refer to it; the base path mapping joins the domain to its API.
  const mappings = [...catalog.entries()].filter(
    (entry) => entry.address.mode === "resource" && entry.address.type === "aws_api_gateway_base_path_mapping",
  );
  for (const cdn of keyEntries.filter((entry) => entry.address.type === "aws_cloudfront_distribution")) {
    const origins = cdn.config.origin;
    const names = new Set(
      (Array.isArray(origins) ? origins : [origins])
        .map((origin) => literalAt((origin ?? {}) as ResourceConfig, "domain_name"))
        .filter((name): name is string => name !== undefined),
    );
    for (const mapping of mappings) {
      const named = walk(catalog, mapping, ["domain_name"]).reached.some(
        (entry) =>
          entry.address.type === "aws_api_gateway_domain_name" &&
          names.has(literalAt(entry.config, "domain_name") ?? ""),
      );
      if (named) {
        walk(catalog, mapping, ["api_id"]).hits.forEach((hit) =>
          addReference(cdn.key, hit.entry, REFERENCE_LABELS.origin),
        );
      }
    }
  }

  // (a') connectors: non-key resources that join key resources, step to step.
  for (const connector of CONNECTORS) {
    for (const entry of catalog.entries()) {
      if (entry.address.mode !== "resource" || entry.address.type !== connector.type) {
        continue;
      }
      const steps = connector.steps
        .map((attributes) =>
          walk(catalog, entry, attributes, CONNECTOR_WALK_DEPTH).hits.filter(
            (hit) => keyTypeOf(hit.entry)?.noIncomingReferences !== true,
          ),
        )
        .filter((hits) => hits.length > 0);
      for (let step = 0; step + 1 < steps.length; step++) {
        for (const from of steps[step]) {
          for (const to of steps[step + 1]) {
            addReference(from.entry.key, to.entry, connector.label);
          }
        }
      }
    }
  }

  // (b) security-group ingress rules: users of the source group reach users of the target group.
  const addGrant = (sources: readonly string[], targets: readonly string[], ports: PortRange) => {
    for (const source of sources) {
      for (const target of targets) {
        edgeAt(source, target)?.ports.push(ports);
      }
    }
  };
  for (const entry of catalog.entries()) {
    const { stack, mode, type } = entry.address;
    if (mode !== "resource") {
      continue;
    }
    for (const rule of INGRESS_RULE_TYPES.filter((candidate) => candidate.type === type)) {
      if (rule.onlyType !== undefined && literalAt(entry.config, "type") !== rule.onlyType) {
        continue;
      }
      addGrant(
        usersOf(catalog.referencesIn(stack, entry.config, [rule.source])),
        usersOf(catalog.referencesIn(stack, entry.config, [rule.target])),
        portRange(entry.config),
      );
    }
    // Inline ingress blocks of a security group.
    if (type === "aws_security_group") {
      const blocks = entry.config.ingress;
      for (const block of Array.isArray(blocks) ? blocks : blocks === undefined ? [] : [blocks]) {
        const config = block as ResourceConfig;
        addGrant(
          usersOf(catalog.referencesInValue(stack, config.security_groups)),
          [...(groupUsers.get(entry.key) ?? [])],
          portRange(config),
        );
      }
    }
  }

  const edges: DiagramEdge[] = [...pending.entries()]
    .map(([pair, edge]): DiagramEdge => {
      const [from, to] = pair.split("\u0000");
      if (edge.ports.length > 0) {
        return { from, to, kind: "network", label: formatPorts(edge.ports) };
      }
      const labels = [...edge.referenceLabels].sort(compareStrings);
      return labels.length > 0
        ? { from, to, kind: "reference", label: labels.join(", ") }
        : { from, to, kind: "reference" };
    })
    .sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
  return { subgraphs, edges };
}
