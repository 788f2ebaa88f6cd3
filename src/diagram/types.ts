/**
 * Shapes shared by the diagram library: the synthesized stacks it reads and the diagram model it builds. Everything
 * here is plain data, so a diagram can be built from `cdktf.out` (or hand-written JSON) without a cdktf App.
 */

/** A resource's or data source's configuration block, as synthesized. */
export type ResourceConfig = Readonly<Record<string, unknown>>;

/** The parts of a synthesized `cdk.tf.json` the diagram reads. */
export interface StackJson {
  /** `resource.<type>.<logical id>`: each block carries `"//": {"metadata": {"path": ...}}`. */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceConfig>>>>;
  /** `data.<type>.<logical id>`, including the `terraform_remote_state` reads of cross-stack references. */
  readonly data?: Readonly<Record<string, Readonly<Record<string, ResourceConfig>>>>;
  /** `output.<name>.value`: a producer stack's side of a cross-stack reference. */
  readonly output?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly provider?: Readonly<Record<string, unknown>>;
}

/** One synthesized stack: its id (`prod-data`) and its parsed `cdk.tf.json`. */
export interface SynthesizedStack {
  readonly id: string;
  readonly json: StackJson;
}

/** The stacks of one environment, in deploy order. */
export interface SynthesizedEnvironment {
  readonly environment: string;
  readonly stacks: readonly SynthesizedStack[];
}

/** How a node is drawn: a box, or a cylinder for a data store. */
export type NodeShape = "box" | "store";

/** One node of the diagram: a key resource, or several of one kind in one stack collapsed into one. */
export interface DiagramNode {
  /** Mermaid id, stable: derived from the stack id and the logical id (or the collapsed group). */
  readonly id: string;
  /** Id of the stack the node's resources belong to. */
  readonly stack: string;
  /** Label lines: what it is (with `×N` when collapsed), then its name(s) and a detail when known. */
  readonly lines: readonly string[];
  readonly shape: NodeShape;
  /** Terraform addresses of the resources it stands for (`aws_db_instance.Database_Shard0_F566A5EE`), sorted. */
  readonly resources: readonly string[];
}

/** One stack's box: its title is the stack id. */
export interface DiagramSubgraph {
  /** Mermaid id of the subgraph (the sanitized stack id). */
  readonly id: string;
  /** The stack id, shown as the title. */
  readonly stack: string;
  /** Its nodes, in key-type table order, then by id. */
  readonly nodes: readonly DiagramNode[];
}

/**
 * `reference`: the source's configuration refers to the target (directly, through non-key resources, or across
 * stacks through remote-state outputs). `network`: a security-group ingress rule lets the source reach the target.
 */
export type EdgeKind = "reference" | "network";

/** One edge between two nodes. At most one edge per ordered pair of nodes. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Edge label (`tcp 5432`, `replica of`), if any. */
  readonly label?: string;
}

/** The diagram of one environment. */
export interface Diagram {
  /** One subgraph per stack that has key resources, in the input (deploy) order. */
  readonly subgraphs: readonly DiagramSubgraph[];
  /** Sorted by source, then target. */
  readonly edges: readonly DiagramEdge[];
}
