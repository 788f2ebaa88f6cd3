import type { Model, Stack } from "../model";
import { referencesIn, remoteStateReads } from "../references";
import type { PreflightFinding, PreflightRule } from "../rule";

/** Whether `ancestor` is among the stacks `stack` depends on in the manifest, directly or through others. */
export function dependsOnStack(model: Model, stack: Stack, ancestor: string): boolean {
  const seen = new Set<string>();
  const pending = [...stack.dependencies];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === ancestor) {
      return true;
    }
    if (!seen.has(id)) {
      seen.add(id);
      pending.push(...(model.byId.get(id)?.dependencies ?? []));
    }
  }
  return false;
}

export const crossStackReferences: PreflightRule = {
  id: "PF_STACK_ORDER",
  title: "A cross-stack read names a state, stack or output that is not there before it is planned",
  why: "terraform_remote_state is read at plan time: the producing stack must be applied first (an earlier stack in the deploy order, listed as a dependency so that cdktf orders it), its backend settings must match, and the output must exist, or the plan fails with 'Unsupported attribute'.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      const report = (address: string, message: string) =>
        findings.push({ rule: this.id, stack: stack.id, address, message });
      for (const missing of stack.dependencies.filter((id) => !model.byId.has(id))) {
        report("stack", `the manifest lists dependency ${missing}, which is not in this output`);
      }
      if (dependsOnStack(model, stack, stack.id)) {
        report("stack", "depends on itself through other stacks (a cycle): no stack of the cycle can be planned first");
      }
      // The outputs each remote state is read for, from every block and output of the stack.
      const used = new Map<string, Set<string>>();
      const bodies = [...stack.resources, ...stack.dataSources].map((block) => block.config);
      for (const reference of referencesIn([...bodies, ...Object.values(stack.outputs)])) {
        const output = /^\.outputs\.([\w-]+)/.exec(reference.attribute);
        if (reference.address.startsWith("data.terraform_remote_state.") && output) {
          used.set(reference.address, (used.get(reference.address) ?? new Set()).add(output[1]));
        }
      }
      for (const read of remoteStateReads(model, stack)) {
        const producer = read.producer;
        if (!producer) {
          report(
            read.block.address,
            `reads ${read.backend.type} state ${JSON.stringify(read.backend.config.key ?? read.backend.config.path)}, which no stack of this output writes`,
          );
          continue;
        }
        if (!dependsOnStack(model, stack, producer.id)) {
          report(
            read.block.address,
            `reads ${producer.id}, which the manifest does not list as a dependency: cdktf would not apply it first`,
          );
        } else if ((model.position.get(producer.id) ?? 0) >= (model.position.get(stack.id) ?? 0)) {
          report(read.block.address, `reads ${producer.id}, which deploys later`);
        }
        for (const output of used.get(read.block.address) ?? []) {
          if (!Object.hasOwn(producer.outputs, output)) {
            report(read.block.address, `reads output ${output}, which ${producer.id} does not have`);
          }
        }
      }
    }
    return findings;
  },
};

/**
 * API groups of custom resources the platform creates with `kubernetes_manifest`, and the Helm chart that installs
 * each group's CRDs. Built-in groups need no entry.
 */
export const CRD_CHARTS: Readonly<Record<string, string>> = {
  "elbv2.k8s.aws": "aws-load-balancer-controller",
  "keda.sh": "keda",
  "monitoring.coreos.com": "kube-prometheus-stack",
  // Istio's CRDs come with its `base` chart (istio/istio manifests/charts/base, templates/crds.yaml).
  "networking.istio.io": "base",
  "security.istio.io": "base",
  "telemetry.istio.io": "base",
};

/** Groups served by the Kubernetes API server itself. */
const BUILT_IN_GROUP =
  /^(|v1|apps|batch|policy|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|scheduling\.k8s\.io|coordination\.k8s\.io|admissionregistration\.k8s\.io|apiextensions\.k8s\.io|node\.k8s\.io|discovery\.k8s\.io)$/;

/** `keda.sh` of `keda.sh/v1alpha1`; `""` for the core group (`v1`). */
function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

export const crdsAtPlanTime: PreflightRule = {
  id: "PF_CRD_AT_PLAN",
  title: "A kubernetes_manifest of a custom resource is planned before its CRD exists",
  why: "The kubernetes provider reads a manifest's schema from the API server at plan time; without the CRD the plan fails ('no matches for kind'), so the chart that installs it must be applied by an earlier stack, never the same one.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      for (const block of stack.resources.filter((candidate) => candidate.type === "kubernetes_manifest")) {
        const manifest = (block.config.manifest ?? {}) as { apiVersion?: string; kind?: string };
        const group = groupOf(String(manifest.apiVersion ?? ""));
        if (BUILT_IN_GROUP.test(group)) {
          continue;
        }
        const report = (message: string) =>
          findings.push({ rule: this.id, stack: stack.id, address: block.address, message });
        const chart = CRD_CHARTS[group];
        if (!chart) {
          report(
            `${manifest.kind} (${group}) is a custom resource no known chart installs; add its chart to CRD_CHARTS`,
          );
          continue;
        }
        const installers = model.stacks.filter(
          (other) =>
            other.environment === stack.environment &&
            other.resources.some((candidate) => candidate.type === "helm_release" && candidate.config.chart === chart),
        );
        if (installers.length === 0) {
          report(`${manifest.kind} needs the ${chart} chart's CRDs, which no stack of ${stack.environment} installs`);
        } else if (
          !installers.some((installer) => installer.id !== stack.id && dependsOnStack(model, stack, installer.id))
        ) {
          report(
            `${manifest.kind} needs the CRDs of ${chart}, installed by ${installers.map((installer) => installer.id).join(", ")}: that stack must be applied first (a manifest dependency, not the same stack)`,
          );
        }
      }
    }
    return findings;
  },
};
