import type { Block, Model, Stack } from "../model";
import { referencesIn } from "../references";
import type { PreflightFinding, PreflightRule } from "../rule";

/**
 * Attributes that something other than Terraform changes after creation (a scaling policy, a scheduled action,
 * Application Auto Scaling, an autoscaler in the cluster). Unless `lifecycle.ignore_changes` lists them, every
 * plan wants to put them back, and every apply undoes the scaler's work.
 */

/** `scaling_config[0].desired_size` and `scaling_config.0.desired_size` both become `scaling_config.desired_size`. */
function normalise(path: string): string {
  return path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, "").replace(/\["?([\w-]+)"?\]/g, ".$1");
}

/** Whether the block's `lifecycle.ignore_changes` covers the attribute (or is `all`). */
export function ignores(block: Block, attribute: string): boolean {
  const lifecycle = (block.config.lifecycle ?? {}) as { ignore_changes?: unknown };
  const ignored = lifecycle.ignore_changes;
  if (ignored === "all") {
    return true;
  }
  const wanted = normalise(attribute);
  return (
    Array.isArray(ignored) &&
    ignored.some((entry) => {
      const path = normalise(String(entry));
      return path === wanted || wanted.startsWith(`${path}.`);
    })
  );
}

/** A value at a dotted path of a block (lists take their first element). */
function valueAt(config: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = config;
  for (const segment of normalise(path).split(".")) {
    node = Array.isArray(node) ? node[0] : node;
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return Array.isArray(node) && node.length === 1 ? node[0] : node;
}

/** An owner of some attributes of a target block. */
interface Ownership {
  readonly target: Block;
  readonly attributes: readonly string[];
  /** What changes them, for the message. */
  readonly owner: string;
}

/** The blocks of a stack that a value of `owner` references, of one type. */
function referencedOfType(stack: Stack, value: unknown, type: string): Block[] {
  return referencesIn(value)
    .map((reference) => stack.blocks.get(reference.address))
    .filter((block): block is Block => block?.type === type);
}

const NUMBER_SET = (value: unknown) => value !== undefined && value !== null && Number(value) >= 0;

/** Application Auto Scaling dimensions and the attribute each one owns. */
const SCALABLE_DIMENSIONS: Readonly<Record<string, { type: string; attribute: string }>> = {
  "elasticache:replication-group:NodeGroups": {
    type: "aws_elasticache_replication_group",
    attribute: "num_node_groups",
  },
  "elasticache:replication-group:Replicas": {
    type: "aws_elasticache_replication_group",
    attribute: "replicas_per_node_group",
  },
  "kafka:broker-storage:VolumeSize": {
    type: "aws_msk_cluster",
    attribute: "broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size",
  },
};

/** Kubernetes workloads a HorizontalPodAutoscaler or KEDA ScaledObject resizes. */
const DEPLOYMENT_TYPES = ["kubernetes_deployment_v1", "kubernetes_deployment"];

function ownershipsOf(stack: Stack): Ownership[] {
  const found: Ownership[] = [];
  for (const block of stack.resources) {
    const config = block.config;
    if (block.type === "aws_autoscaling_policy") {
      for (const group of referencedOfType(stack, config.autoscaling_group_name, "aws_autoscaling_group")) {
        found.push({ target: group, attributes: ["desired_capacity"], owner: `scaling policy ${block.address}` });
      }
    } else if (block.type === "aws_autoscaling_schedule") {
      const attributes = ["min_size", "max_size", "desired_capacity"].filter((attribute) =>
        NUMBER_SET(config[attribute]),
      );
      for (const group of referencedOfType(stack, config.autoscaling_group_name, "aws_autoscaling_group")) {
        found.push({ target: group, attributes, owner: `scheduled action ${block.address}` });
      }
    } else if (block.type === "aws_appautoscaling_target") {
      const dimension = SCALABLE_DIMENSIONS[String(config.scalable_dimension)];
      if (dimension) {
        for (const target of referencedOfType(stack, config.resource_id, dimension.type)) {
          found.push({ target, attributes: [dimension.attribute], owner: `Application Auto Scaling ${block.address}` });
        }
      }
    } else if (block.type === "aws_eks_node_group") {
      const scaling = valueAt(config, "scaling_config") as { min_size?: unknown; max_size?: unknown } | undefined;
      if (scaling && scaling.min_size !== scaling.max_size) {
        found.push({
          target: block,
          attributes: ["scaling_config[0].desired_size"],
          owner: "the cluster autoscaler (its size range allows it to scale)",
        });
      }
    } else if (/^kubernetes_horizontal_pod_autoscaler(_v1|_v2)?$/.test(block.type)) {
      const targets = DEPLOYMENT_TYPES.flatMap((type) =>
        referencedOfType(stack, valueAt(config, "spec.scale_target_ref.name"), type),
      );
      targets.forEach((target) =>
        found.push({ target, attributes: ["spec[0].replicas"], owner: `HorizontalPodAutoscaler ${block.address}` }),
      );
    } else if (block.type === "kubernetes_manifest") {
      const manifest = (config.manifest ?? {}) as {
        kind?: string;
        metadata?: { namespace?: string };
        spec?: { scaleTargetRef?: { name?: string; kind?: string } };
      };
      const ref = manifest.spec?.scaleTargetRef;
      if (manifest.kind === "ScaledObject" && ref?.name && (ref.kind ?? "Deployment") === "Deployment") {
        const targets = stack.resources.filter(
          (candidate) =>
            DEPLOYMENT_TYPES.includes(candidate.type) &&
            valueAt(candidate.config, "metadata.name") === ref.name &&
            sameNamespace(stack, valueAt(candidate.config, "metadata.namespace"), manifest.metadata?.namespace),
        );
        targets.forEach((target) =>
          found.push({ target, attributes: ["spec[0].replicas"], owner: `KEDA ScaledObject ${block.address}` }),
        );
      }
    }
  }
  return found;
}

/** A deployment's namespace (often a reference to the namespace resource) against a manifest's literal one. */
function sameNamespace(stack: Stack, deploymentNamespace: unknown, manifestNamespace: unknown): boolean {
  if (deploymentNamespace === manifestNamespace) {
    return true;
  }
  const [namespace] = referencedOfType(stack, deploymentNamespace, "kubernetes_namespace_v1");
  return namespace !== undefined && valueAt(namespace.config, "metadata.name") === manifestNamespace;
}

export const ownedAttributes: PreflightRule = {
  id: "PF_OWNED_ATTRIBUTE",
  title: "An attribute a scaler or schedule owns is still managed by Terraform",
  why: "Scaling policies, scheduled actions, Application Auto Scaling, the cluster autoscaler, HPAs and KEDA change these after creation; without ignore_changes every plan shows a change and every apply resets them.",
  check(model: Model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      for (const { target, attributes, owner } of ownershipsOf(stack)) {
        for (const attribute of attributes.filter((name) => !ignores(target, name))) {
          if (attribute === "desired_capacity" && target.config.desired_capacity === undefined) {
            continue;
          }
          findings.push({
            rule: this.id,
            stack: stack.id,
            address: target.address,
            message: `${attribute} is changed by ${owner} but not in lifecycle.ignore_changes: every apply resets it`,
          });
        }
      }
    }
    return findings;
  },
};
