import { helm, kubernetes, type TypeReplacement } from "./entry";

/** A namespaced object's identity. */
const METADATA = ["metadata.name", "metadata.namespace", "metadata.generate_name"];

/** A label selector (deployments, jobs, disruption budgets): immutable once created. */
const SELECTOR = [
  { attribute: "spec.selector", block: true },
  { attribute: "spec.selector.match_expressions", block: true },
  "spec.selector.match_expressions.key",
  "spec.selector.match_expressions.operator",
  "spec.selector.match_expressions.values",
  "spec.selector.match_labels",
];

/** Kubernetes and Helm: the arguments whose change forces replacement (see ./entry.ts for how to read and extend). */
export const KUBERNETES: Readonly<Record<string, TypeReplacement>> = {
  helm_release: helm("helm/resource_helm_release.go", ["name", "namespace"]),
  kubernetes_config_map_v1: kubernetes("kubernetes/resource_kubernetes_config_map_v1.go", [
    ...METADATA,
    { attribute: "data", conditional: true, note: "Only if immutable was true in prior state (CustomizeDiff)." },
    { attribute: "binary_data", conditional: true, note: "Only if immutable was true in prior state (CustomizeDiff)." },
    { attribute: "immutable", conditional: true, note: "Only when changing it away from true (CustomizeDiff)." },
  ]),
  kubernetes_deployment_v1: kubernetes("kubernetes/resource_kubernetes_deployment_v1.go", [
    ...METADATA,
    ...SELECTOR,
    "spec.template.metadata.name",
    "spec.template.metadata.namespace",
    "spec.template.metadata.generate_name",
    {
      attribute:
        "spec.template.spec.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term.match_fields",
      block: true,
    },
    "spec.template.spec.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term.match_fields.key",
    "spec.template.spec.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term.match_fields.operator",
    "spec.template.spec.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term.match_fields.values",
    {
      attribute:
        "spec.template.spec.affinity.node_affinity.preferred_during_scheduling_ignored_during_execution.preference.match_fields",
      block: true,
    },
    "spec.template.spec.affinity.node_affinity.preferred_during_scheduling_ignored_during_execution.preference.match_fields.key",
    "spec.template.spec.affinity.node_affinity.preferred_during_scheduling_ignored_during_execution.preference.match_fields.operator",
    "spec.template.spec.affinity.node_affinity.preferred_during_scheduling_ignored_during_execution.preference.match_fields.values",
    "spec.template.spec.volume.azure_file.secret_namespace",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.access_modes",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.resources.limits",
    { attribute: "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector", block: true },
    {
      attribute: "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector.match_expressions",
      block: true,
    },
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector.match_expressions.key",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector.match_expressions.operator",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector.match_expressions.values",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.selector.match_labels",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.volume_name",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.storage_class_name",
    "spec.template.spec.volume.ephemeral.volume_claim_template.spec.volume_mode",
  ]),
  kubernetes_horizontal_pod_autoscaler_v2: kubernetes(
    "kubernetes/resource_kubernetes_horizontal_pod_autoscaler_v2.go",
    ["metadata.name", "metadata.namespace", "metadata.generate_name"],
  ),
  kubernetes_job_v1: kubernetes("kubernetes/resource_kubernetes_job_v1.go", [
    ...METADATA,
    "spec.backoff_limit_per_index",
    "spec.completion_mode",
    "spec.completions",
    "spec.pod_failure_policy",
    ...SELECTOR,
    "spec.template",
    "spec.template.metadata.name",
    "spec.template.metadata.generate_name",
    "spec.template.spec",
  ]),
  kubernetes_manifest: kubernetes("manifest/provider/plan.go", [
    {
      attribute: "manifest.apiVersion",
      conditional: true,
      note: "Not for imported resources (RequiresReplace skipped when the import flag is set).",
    },
    { attribute: "manifest.kind", conditional: true, note: "Not for imported resources." },
    { attribute: "manifest.metadata.name", conditional: true, note: "Not for imported resources." },
    {
      attribute: "manifest.metadata.namespace",
      conditional: true,
      note: "Only for namespaced kinds, and not for imported resources.",
    },
    {
      attribute: "manifest",
      block: true,
      conditional: true,
      note: "Any change, when the kind has no OpenAPI schema (non-structural CRD); also replaces object.",
    },
  ]),
  kubernetes_namespace_v1: kubernetes("kubernetes/resource_kubernetes_namespace_v1.go", [
    "metadata.name",
    "metadata.generate_name",
  ]),
  kubernetes_pod_disruption_budget_v1: kubernetes("kubernetes/resource_kubernetes_pod_disruption_budget_v1.go", [
    ...METADATA,
    { attribute: "spec", block: true },
    "spec.max_unavailable",
    "spec.min_available",
    ...SELECTOR,
  ]),
  kubernetes_secret_v1: kubernetes("kubernetes/resource_kubernetes_secret_v1.go", [
    ...METADATA,
    "type",
    { attribute: "data", conditional: true, note: "Only if immutable was true in prior state (CustomizeDiff)." },
    { attribute: "binary_data", conditional: true, note: "Only if immutable was true in prior state (CustomizeDiff)." },
    { attribute: "immutable", conditional: true, note: "Only when changing it away from true (CustomizeDiff)." },
  ]),
  kubernetes_service_account_v1: kubernetes("kubernetes/resource_kubernetes_service_account_v1.go", [...METADATA]),
  kubernetes_service_v1: kubernetes("kubernetes/resource_kubernetes_service_v1.go", [
    ...METADATA,
    "spec.cluster_ip",
    "spec.cluster_ips",
    "spec.health_check_node_port",
    "spec.load_balancer_class",
  ]),
  kubernetes_storage_class_v1: kubernetes("kubernetes/resource_kubernetes_storage_class_v1.go", [
    "metadata.name",
    "metadata.generate_name",
    "allowed_topologies",
    "mount_options",
    "parameters",
    "storage_provisioner",
    "volume_binding_mode",
  ]),
};
