import { NODE_GROUP_LABEL, type NodeTaint } from "./options";

/** A Kubernetes toleration. */
export interface Toleration {
  readonly key: string;
  readonly operator: "Equal" | "Exists";
  readonly value?: string;
  readonly effect: string;
}

/** Where a component's pods run: a node selector and the tolerations that let them onto those nodes. */
export interface Placement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
}

/** Anywhere: no selector, no tolerations. */
export const ANYWHERE: Placement = { nodeSelector: {}, tolerations: [] };

/** On the nodes of one node group (by its `node-group` label), tolerating exactly that group's taints. */
export function placementOn(groupName: string, taints: readonly NodeTaint[]): Placement {
  return {
    nodeSelector: { [NODE_GROUP_LABEL]: groupName },
    tolerations: taints.map((taint) =>
      taint.value === undefined
        ? { key: taint.key, operator: "Exists", effect: taint.effect }
        : { key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect },
    ),
  };
}

/** The placement as Helm values usually spell it (`nodeSelector`, `tolerations`), empty keys left out. */
export function placementValues(placement: Placement): {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
} {
  return {
    ...(Object.keys(placement.nodeSelector).length > 0 ? { nodeSelector: { ...placement.nodeSelector } } : {}),
    ...(placement.tolerations.length > 0 ? { tolerations: [...placement.tolerations] } : {}),
  };
}

/** The placement as a Kubernetes pod spec of the kubernetes provider spells it (`node_selector`, `toleration`). */
export function podPlacement(placement: Placement): {
  nodeSelector?: Record<string, string>;
  toleration?: Toleration[];
} {
  return {
    nodeSelector: Object.keys(placement.nodeSelector).length > 0 ? { ...placement.nodeSelector } : undefined,
    toleration:
      placement.tolerations.length > 0 ? placement.tolerations.map((toleration) => ({ ...toleration })) : undefined,
  };
}
