import {
  JobV1,
  type JobV1SpecTemplateSpecContainer,
  type JobV1SpecTemplateSpecContainerSecurityContext,
  type JobV1SpecTemplateSpecVolume,
} from "@cdktf/provider-kubernetes/lib/job-v1";
import type { ITerraformDependable, TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { type Placement, podPlacement } from "../eks/placement";

/** Every container of a platform job: no privilege escalation, read-only root, non-root, no capabilities. */
export const RESTRICTED_CONTAINER: JobV1SpecTemplateSpecContainerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
};

export interface OneShotJobOptions {
  /** Job name; end it in a hash of what it runs, so that a change replaces the job and it runs again. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  readonly placement: Placement;
  /** uid and gid the pod runs as (the image's own user). */
  readonly user: number;
  /** Containers that run first, in order (`securityContext` is set to `RESTRICTED_CONTAINER`). */
  readonly initContainers: readonly Omit<JobV1SpecTemplateSpecContainer, "securityContext">[];
  readonly containers: readonly Omit<JobV1SpecTemplateSpecContainer, "securityContext">[];
  readonly volumes: readonly JobV1SpecTemplateSpecVolume[];
  readonly lifecycle?: TerraformResourceLifecycle;
  /** The role binding of the service account and anything else the job needs first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A Kubernetes Job that runs to completion during the apply, as the platform's jobs do (topics, database users):
 * restricted Pod Security (non-root, seccomp RuntimeDefault, no Kubernetes API token), never restarted in place,
 * four retries within 15 minutes; Terraform waits for it and fails the apply when it fails.
 */
export function oneShotJob(scope: Construct, id: string, options: OneShotJobOptions): JobV1 {
  const restricted = (container: Omit<JobV1SpecTemplateSpecContainer, "securityContext">) => ({
    ...container,
    securityContext: RESTRICTED_CONTAINER,
  });
  return new JobV1(scope, id, {
    metadata: { name: options.name, namespace: options.namespace, labels: { ...options.labels } },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: { ...options.labels } },
        spec: {
          serviceAccountName: options.serviceAccountName,
          automountServiceAccountToken: false,
          restartPolicy: "Never",
          ...podPlacement(options.placement),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: String(options.user),
            runAsGroup: String(options.user),
            seccompProfile: { type: "RuntimeDefault" },
          },
          initContainer: options.initContainers.map(restricted),
          container: options.containers.map(restricted),
          volume: [...options.volumes],
        },
      },
    },
    waitForCompletion: true,
    timeouts: { create: "15m", update: "15m" },
    lifecycle: options.lifecycle,
    dependsOn: [...options.dependsOn],
  });
}
