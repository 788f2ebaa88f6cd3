/**
 * How the replacement data is written. Each entry lists the arguments of one resource type whose change makes
 * Terraform destroy the resource and create a new one ("# forces replacement" in a plan): `ForceNew: true` in an
 * SDKv2 schema, `RequiresReplace()` (or `RequiresReplaceIf...`) in a plugin-framework one, or a `CustomizeDiff`
 * that forces new in some cases (`conditional`, with a note saying when).
 *
 * The data mirrors the provider versions the bindings are generated from (`PROVIDER_VERSIONS`); the `source` link
 * points at the file at that tag. Where the file was read at another commit (the look-up service keeps several
 * versions), `readAt` says which, and the changelog between the two was checked for changes to these arguments.
 *
 * How to add a type or an argument: find where the provider marks it, at the pinned tag; write the path in
 * Terraform JSON (snake_case, nested blocks joined with dots, no list indices; `kubernetes_manifest` keeps the
 * Kubernetes camelCase under `manifest`); a block marked as a whole is listed with its marked children.
 * `test/review/replacement-attributes.test.ts` checks that every type the platform synthesizes has an entry and
 * that every path exists in the generated bindings.
 */

export const PROVIDER_VERSIONS = { aws: "6.25.0", kubernetes: "2.38.0", helm: "3.1.1" } as const;

const AWS_SOURCE = `https://github.com/hashicorp/terraform-provider-aws/blob/v${PROVIDER_VERSIONS.aws}/internal/service`;
const KUBERNETES_SOURCE = `https://github.com/hashicorp/terraform-provider-kubernetes/blob/v${PROVIDER_VERSIONS.kubernetes}`;
const HELM_SOURCE = `https://github.com/hashicorp/terraform-provider-helm/blob/v${PROVIDER_VERSIONS.helm}`;
export const REGION_GUIDE = `https://registry.terraform.io/providers/hashicorp/aws/${PROVIDER_VERSIONS.aws}/docs/guides/enhanced-region-support`;

/** An argument whose change makes Terraform destroy the resource and create a new one. */
export interface ReplacementAttribute {
  /** Path in Terraform JSON: snake_case, nested blocks joined with dots, no list indices. */
  readonly attribute: string;
  /** Short context: what else to know, or when a conditional replacement happens. */
  readonly note?: string;
  /** Replacement only in some cases (see `note`): reported as "may force replacement". */
  readonly conditional?: boolean;
  /** A nested block marked as a whole: only adding or removing it forces replacement, not a change inside. */
  readonly block?: boolean;
  /** The provider source file at the pinned tag. */
  readonly source: string;
}

/** The replacement arguments of one type, and where they were read. */
export interface TypeReplacement {
  readonly attributes: readonly ReplacementAttribute[];
  /** Where the file was read (`<repository>@<commit>`), when not at the pinned tag. */
  readonly readAt?: string;
}

type Entry =
  | string
  | { readonly attribute: string; readonly note?: string; readonly conditional?: boolean; readonly block?: boolean };

function entries(source: string, list: readonly Entry[]): ReplacementAttribute[] {
  return list.map((entry) => (typeof entry === "string" ? { attribute: entry, source } : { ...entry, source }));
}

/** `region` (new in aws 6.0): changing it replaces every Region-aware resource. */
const REGION: ReplacementAttribute = {
  attribute: "region",
  note: "Region-aware resources are replaced in the new Region.",
  source: REGION_GUIDE,
};

/** An AWS type: `file` under internal/service (`ec2/vpc_.go`); every AWS type also replaces on `region`. */
export function aws(file: string, list: readonly Entry[], readAt?: string): TypeReplacement {
  return { attributes: [...entries(`${AWS_SOURCE}/${file}`, list), REGION], ...(readAt ? { readAt } : {}) };
}

/** A global AWS type (CloudFront, IAM): no `region` argument. */
export function awsGlobal(file: string, list: readonly Entry[], readAt?: string): TypeReplacement {
  return { attributes: entries(`${AWS_SOURCE}/${file}`, list), ...(readAt ? { readAt } : {}) };
}

/** A Kubernetes provider type: `file` from the repository root (`kubernetes/resource_kubernetes_job_v1.go`). */
export function kubernetes(file: string, list: readonly Entry[], readAt?: string): TypeReplacement {
  return { attributes: entries(`${KUBERNETES_SOURCE}/${file}`, list), ...(readAt ? { readAt } : {}) };
}

/** A Helm provider type. */
export function helm(file: string, list: readonly Entry[], readAt?: string): TypeReplacement {
  return { attributes: entries(`${HELM_SOURCE}/${file}`, list), ...(readAt ? { readAt } : {}) };
}
