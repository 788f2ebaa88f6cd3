import { Construct } from "constructs";
import { joinName } from "../../core/naming";
import { awsContext } from "../../core/aws-context";
import { placementValues } from "../placement";
import { WorkloadRole } from "../workload-identity";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon } from "./helm-addon";
import { loadBalancerControllerStatements } from "./load-balancer-controller-policy";

/**
 * Chart 1.16.0 runs controller v2.16.0 (aws/eks-charts stable/aws-load-balancer-controller/Chart.yaml at aeb3b52,
 * 2025-11-20; "v2.5.0+ requires Kubernetes 1.22+", docs/deploy/installation.md at v2.16.0); its IAM policy is in
 * load-balancer-controller-policy.ts.
 */
export const LOAD_BALANCER_CONTROLLER_CHART: HelmChart = {
  repository: "https://aws.github.io/eks-charts",
  chart: "aws-load-balancer-controller",
  version: "1.16.0",
};

export const LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = "aws-load-balancer-controller";

export interface LoadBalancerControllerProps extends AddonContext {
  /** VPC of the cluster: set explicitly so that the controller never needs the node's instance metadata. */
  readonly vpcId: string;
}

/**
 * The AWS Load Balancer Controller in kube-system: turns Ingresses, Services of type LoadBalancer and
 * TargetGroupBindings into ALBs, NLBs and target registrations. Its Pod Identity role has the upstream policy,
 * whose mutating actions only touch resources tagged for a cluster. Region and VPC are set, so IMDS hop limit 1
 * does not break it; the Service mutating webhook is off, so that it does not take over every Service of type
 * LoadBalancer (and does not block Service creation while the controller is down).
 */
export class LoadBalancerController extends Construct {
  public readonly role: WorkloadRole;
  public readonly addon: HelmAddon;

  constructor(scope: Construct, id: string, props: LoadBalancerControllerProps) {
    super(scope, id);

    const namespace = "kube-system";
    this.role = new WorkloadRole(this, "Role", {
      cluster: props.cluster,
      namespace,
      serviceAccount: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
      roleName: joinName(props.roleNamePrefix, "lb-controller", { maxLength: 64 }),
      description: "AWS Load Balancer Controller: manages the cluster's load balancers and target groups",
      statements: loadBalancerControllerStatements(awsContext(this).partition),
    });
    this.addon = new HelmAddon(this, "Chart", {
      chart: LOAD_BALANCER_CONTROLLER_CHART,
      releaseName: "aws-load-balancer-controller",
      namespace,
      values: {
        clusterName: props.cluster.clusterName,
        region: props.region,
        vpcId: props.vpcId,
        serviceAccount: { create: true, name: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT },
        replicaCount: props.replicas ?? 2,
        podDisruptionBudget: { maxUnavailable: 1 },
        enableServiceMutatorWebhook: false,
        priorityClassName: "system-cluster-critical",
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        ...placementValues(props.placement),
      },
      dependsOn: [this.role.binding],
    });
  }
}
