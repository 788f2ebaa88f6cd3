import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { EphemeralResource } from "../../core/ephemeral-resource";

export interface ClusterConnectionProps {
  readonly clusterName: string;
  /** The API server's URL. */
  readonly endpoint: string;
  /** Base64 certificate authority data of the API server. */
  readonly certificateAuthorityData: string;
  /**
   * Also configure the helm provider (a stack that creates no releases leaves it out, so init does not download it).
   *
   * @default true
   */
  readonly helm?: boolean;
}

/**
 * The kubernetes and helm providers of a stack, authenticated to an EKS cluster with a short-lived token: the
 * `aws_eks_cluster_auth` ephemeral resource signs one with the AWS provider's credentials for each plan and apply,
 * so it is never in the plan or the state and no AWS CLI is needed. The cluster must grant that role access (the
 * cluster's `deployerAdmin` access entry). This belongs in a stack other than the cluster's: the providers are
 * configured from the cluster's outputs, which must exist before they can connect.
 */
export class ClusterConnection extends Construct {
  public readonly kubernetes: KubernetesProvider;
  /** Undefined when `helm: false`. */
  public readonly helm?: HelmProvider;

  constructor(scope: Construct, id: string, props: ClusterConnectionProps) {
    super(scope, id);

    const token = new EphemeralResource(this, "Token", "aws_eks_cluster_auth", { name: props.clusterName });
    const connection = {
      host: props.endpoint,
      clusterCaCertificate: Fn.base64decode(props.certificateAuthorityData),
      token: token.getStringAttribute("token"),
    };
    this.kubernetes = new KubernetesProvider(this, "Kubernetes", connection);
    if (props.helm ?? true) {
      this.helm = new HelmProvider(this, "Helm", { kubernetes: connection });
    }
  }
}
