import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";

/** Pod Security Standards levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

export interface PlatformNamespaceProps {
  readonly name: string;
  /** Level the namespace enforces: pods that break it are rejected. */
  readonly enforce: PodSecurityLevel;
  /**
   * Level the namespace warns and audits at, to show what a stricter level would reject.
   *
   * @default "restricted"
   */
  readonly warn?: PodSecurityLevel;
  /**
   * More labels of the namespace.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A namespace for a platform component or a service, with Pod Security admission labels. */
export class PlatformNamespace extends Construct {
  public readonly namespace: NamespaceV1;
  /** The namespace's name, as written (for trust policies and values). */
  public readonly name: string;
  /** The namespace's name as a reference to the resource, so that what lives in it waits for it. */
  public readonly ref: string;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);

    const warn = props.warn ?? "restricted";
    this.namespace = new NamespaceV1(this, "Resource", {
      metadata: {
        name: props.name,
        labels: {
          ...props.labels,
          "app.kubernetes.io/managed-by": "terraform",
          "pod-security.kubernetes.io/enforce": props.enforce,
          "pod-security.kubernetes.io/warn": warn,
          "pod-security.kubernetes.io/audit": warn,
        },
      },
    });
    this.name = props.name;
    this.ref = this.namespace.metadata.name;
  }
}
