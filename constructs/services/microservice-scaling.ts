import type { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Construct } from "constructs";
import { joinName } from "../core/naming";
import type { PlatformNamespace } from "../eks/addons/namespace";
import { policyDocument } from "../eks/workload-identity";
import type { MicroserviceProps } from "./microservice-props";

/** What scales a microservice: an HPA, or for a consumer that scales on lag, a KEDA ScaledObject. */
export interface MicroserviceScaling {
  /** The HPA, for a service that scales on CPU and memory. */
  readonly autoscaler?: HorizontalPodAutoscalerV2;
  /** The KEDA ScaledObject, for a consumer that scales on lag. */
  readonly scaledObject?: Manifest;
  /** The KEDA operator's permission to read this consumer's lag. */
  readonly lagReaderPolicy?: IamRolePolicy;
}

/** What the autoscaler of a microservice scales and labels itself with. */
export interface ScalingTarget {
  readonly namespace: PlatformNamespace;
  readonly deployment: DeploymentV1;
  readonly metadataLabels: Readonly<Record<string, string>>;
}

/**
 * Autoscaling of the microservice `scope` within `replicas`: an HPA (autoscaling/v2) on CPU and memory, or, for a
 * consumer, a KEDA ScaledObject on consumer-group lag plus CPU and memory (KEDA owns the HPA then), with the KEDA
 * operator's permission to read the lag.
 */
export function addScaling(scope: Construct, props: MicroserviceProps, target: ScalingTarget): MicroserviceScaling {
  const name = props.name;
  const namespace = target.namespace.ref;
  const metadataLabels = target.metadataLabels;
  const utilisation = [
    { resource: "cpu", percent: props.scaling.cpuPercent },
    { resource: "memory", percent: props.scaling.memoryPercent },
  ];
  // Scale up at once, down slowly: five minutes of lower demand before replicas go.
  const behavior = { scaleDown: { stabilizationWindowSeconds: 300 } };

  const lag = props.lagScaling;
  if (lag) {
    const lagReaderPolicy = new IamRolePolicy(scope, "LagReaderPolicy", {
      name: joinName("keda", name, "lag", { maxLength: 128 }),
      role: lag.operatorRoleName,
      policy: policyDocument(scope, "LagReaderDocument", lag.operatorStatements).json,
    });
    const authentication = new Manifest(scope, "TriggerAuthentication", {
      manifest: {
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: { name: "kafka-msk-iam", namespace: name, labels: metadataLabels },
        // The operator's own Pod Identity role signs the MSK IAM tokens.
        spec: { podIdentity: { provider: "aws" } },
      },
      dependsOn: [target.namespace.namespace],
    });
    const scaledObject = new Manifest(scope, "ScaledObject", {
      manifest: {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name, namespace: name, labels: metadataLabels },
        spec: {
          scaleTargetRef: { name },
          minReplicaCount: props.replicas.min,
          maxReplicaCount: props.replicas.max,
          pollingInterval: 15,
          cooldownPeriod: 300,
          advanced: { horizontalPodAutoscalerConfig: { behavior } },
          triggers: [
            ...lag.topics.map((topic) => ({
              type: "kafka",
              name: `lag-${topic.replace(/[^a-z0-9-]/gi, "-").toLowerCase()}`,
              metadata: {
                bootstrapServers: lag.bootstrapServers,
                consumerGroup: lag.consumerGroup,
                topic,
                lagThreshold: String(lag.lagThreshold),
                activationLagThreshold: "0",
                offsetResetPolicy: "earliest",
                allowIdleConsumers: "false",
                sasl: "oauthbearer",
                saslTokenProvider: "aws_msk_iam",
                tls: "enable",
                awsRegion: lag.region,
              },
              authenticationRef: { name: "kafka-msk-iam" },
            })),
            ...utilisation.map((metric) => ({
              type: metric.resource,
              metricType: "Utilization",
              metadata: { value: String(metric.percent) },
            })),
          ],
        },
      },
      dependsOn: [target.deployment, authentication, lagReaderPolicy],
    });
    return { scaledObject, lagReaderPolicy };
  } else {
    const autoscaler = new HorizontalPodAutoscalerV2(scope, "Autoscaler", {
      metadata: { name, namespace, labels: metadataLabels },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target.deployment.metadata.name },
        minReplicas: props.replicas.min,
        maxReplicas: props.replicas.max,
        metric: utilisation.map((metric) => ({
          type: "Resource",
          resource: { name: metric.resource, target: { type: "Utilization", averageUtilization: metric.percent } },
        })),
        // Scale down after five minutes of lower demand, by at most half the replicas a minute.
        behavior: {
          scaleDown: [
            {
              stabilizationWindowSeconds: 300,
              selectPolicy: "Max",
              policy: [{ type: "Percent", value: 50, periodSeconds: 60 }],
            },
          ],
        },
      },
    });
    return { autoscaler };
  }
}
