import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { AutoScalingGroup } from "../constructs/compute/auto-scaling-group";
import { containerUserData } from "../constructs/compute/container-user-data";
import { allowIngress, allowTcpFrom } from "../constructs/core/security-group-rules";
import { ClusterConnection } from "../constructs/eks/addons/cluster-connection";
import { PlatformNamespace } from "../constructs/eks/addons/namespace";
import type { EksCluster } from "../constructs/eks/eks-cluster";
import { DatabaseRoles, type DatabaseRolesShard } from "../constructs/jobs/database-roles";
import { KafkaTopics } from "../constructs/jobs/kafka-topics";
import type { KafkaCluster } from "../constructs/kafka/kafka-cluster";
import { topicSpecs } from "../constructs/kafka/topic-options";
import { InternalLoadBalancer } from "../constructs/load-balancer/internal-load-balancer";
import type { Network } from "../constructs/network/network";
import type { IngressPoint } from "../constructs/core/security-group-rules";
import {
  type CacheTarget,
  cacheEnvironment,
  cacheStatements,
  type DatabaseTarget,
  databaseEnvironment,
  databaseStatements,
  databaseUser,
  kafkaEnvironment,
  kafkaStatements,
  lagReaderStatements,
} from "../constructs/services/access";
import { MESH_ROOT_NAMESPACE } from "../constructs/eks/addons/istio";
import { Microservice } from "../constructs/services/microservice";
import { addMeshWideMtls } from "../constructs/services/microservice-mesh";
import { otelEnvironment } from "../constructs/services/tracing-env";
import type { EnvironmentConfig } from "../src/config/schema";
import { databasePoolSize } from "../src/config/services-schema";
import { joinName } from "../constructs/core/naming";
import { defaultTags } from "../constructs/core/tags";
import type { AddonsStack } from "./addons-stack";
import { PlatformStack } from "./platform-stack";

/** Where the platform's own workloads run (the topic job): not a service namespace. */
const KAFKA_ADMIN_NAMESPACE = "kafka-admin";
/** Where the database roles job runs. */
const DATABASE_ADMIN_NAMESPACE = "database-admin";

/**
 * The data stores the workloads use, whichever stack holds them: the primary's data stack (`workloadsData`), or a
 * standby's replicas (`standbyWorkloadsData`).
 */
export interface WorkloadsData {
  readonly database: DatabaseTarget & { readonly ingressPoints: readonly IngressPoint[] };
  readonly cache: CacheTarget & { readonly ingressPoints: readonly IngressPoint[] };
  readonly kafka: KafkaCluster;
  /**
   * The shards whose database users the roles job creates (with their master secrets); none where the users arrive
   * with replicated data (a standby's replicas are read-only).
   */
  readonly adminShards: readonly DatabaseRolesShard[];
  /** The topic job creates the topics; false where MSK Replicator creates them (a standby). */
  readonly createsTopics: boolean;
}

/** What the workloads stack builds on, from earlier stacks. */
export interface WorkloadsLayers {
  readonly network: Network;
  /** AWSServiceRoleForAutoScaling (network stack), named by the monolith's volume key policy. */
  readonly autoScalingRoleArn: string;
  readonly data: WorkloadsData;
  /**
   * Kafka consumers consume. False in a waiting standby: MSK Replicator writes a consumer group's offsets to the
   * standby only while no consumer of the group is active there (MSK Developer Guide, MSK Replicator).
   *
   * @default true
   */
  readonly consumersActive?: boolean;
  readonly cluster: EksCluster;
  readonly addons: AddonsStack;
}

/**
 * `<env>-workloads`: what serves requests. The internal Application Load Balancer (owned by Terraform) with one rule
 * per catalog service and the legacy monolith behind its default rule; the monolith's auto-scaling group; each
 * catalog service on the cluster (namespace, role, Deployment, Service, autoscaler, disruption budget, target group
 * binding); the Kafka topic job; and the security-group grants that let the cluster and the monolith reach the data
 * stores (kept here, with their clients, so that the data stack never depends on them). Applied after
 * `<env>-addons`, whose controllers (load balancer controller, KEDA) own the custom resources used here.
 */
export class WorkloadsStack extends PlatformStack {
  public readonly connection: ClusterConnection;
  public readonly loadBalancer: InternalLoadBalancer;
  public readonly monolith: AutoScalingGroup;
  public readonly topics?: KafkaTopics;
  /** The job that creates the services' database users, when any service uses the database. */
  public readonly databaseRoles?: DatabaseRoles;
  public readonly services: Readonly<Record<string, Microservice>>;

  constructor(scope: Construct, config: EnvironmentConfig, layers: WorkloadsLayers) {
    const { network, data, cluster, addons } = layers;
    super(scope, config, "workloads");
    // The TargetGroupBindings and ScaledObjects here are custom resources: the kubernetes provider reads their CRDs
    // at plan time, so the add-ons stack that installs them is applied first whatever else this stack reads.
    this.addDependency(addons);

    this.connection = new ClusterConnection(this, "Connection", {
      clusterName: cluster.clusterName,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
    });

    // Pods (on the nodes, in the cluster security group) reach every data store; their IAM roles decide what they
    // may do there.
    const nodes = cluster.clusterSecurityGroupId;
    const clusterToDatabase = allowIngress(
      this,
      "ClusterToDatabase",
      data.database.ingressPoints,
      nodes,
      "PostgreSQL from the EKS cluster",
    );
    allowIngress(this, "ClusterToCache", data.cache.ingressPoints, nodes, "Cache from the EKS cluster");
    allowIngress(this, "ClusterToKafka", data.kafka.ingressPoints, nodes, "Kafka from the EKS cluster");

    const lb = config.loadBalancer;
    const monolithSettings = config.monolith;
    this.loadBalancer = new InternalLoadBalancer(this, "LoadBalancer", {
      name: joinName(this.namePrefix, "internal", { maxLength: 32 }),
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      certificateArn: lb.certificateArn,
      idleTimeoutSeconds: lb.idleTimeoutSeconds,
      deregistrationDelaySeconds: lb.deregistrationDelaySeconds,
      deletionProtection: config.protection.deletionProtection,
      // API Gateway sends every request with its stage in front of the path (private integrations).
      stripPathPrefix: `/${config.edge.api.stageName}`,
      defaultTarget: {
        name: "monolith",
        port: monolithSettings.port,
        healthCheck: { path: monolithSettings.healthCheckPath },
      },
    });
    // Its only client is the API gateway's VPC link, which `<env>-edge` lets in.

    this.monolith = new AutoScalingGroup(this, "Monolith", {
      name: joinName(this.namePrefix, "monolith"),
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      instanceTypes: monolithSettings.instanceTypes,
      minSize: monolithSettings.minSize,
      maxSize: monolithSettings.maxSize,
      desiredCapacity: monolithSettings.desiredCapacity,
      onDemandBaseCapacity: monolithSettings.onDemandBaseCapacity,
      onDemandPercentageAboveBase: monolithSettings.onDemandPercentageAboveBase,
      port: monolithSettings.port,
      userData: containerUserData({ image: monolithSettings.image, name: "monolith", port: monolithSettings.port }),
      rootVolume: { sizeGiB: monolithSettings.rootVolumeGiB, autoScalingRoleArn: layers.autoScalingRoleArn },
      // Default tags do not reach instances launched by the group: the launch template tags them.
      instanceTags: defaultTags(config, this.layer),
      targetGroupArns: [this.loadBalancer.defaultTargetGroup.arn],
      scaling: {
        cpuTargetPercent: monolithSettings.scaling.cpuTargetPercent,
        requestsPerTarget: {
          targetValue: monolithSettings.scaling.requestsPerTarget,
          resourceLabel: this.loadBalancer.requestCountLabel(this.loadBalancer.defaultTargetGroup.arnSuffix),
        },
        predictive:
          monolithSettings.scaling.predictive === "off"
            ? undefined
            : {
                mode: monolithSettings.scaling.predictive,
                cpuTargetPercent: monolithSettings.scaling.cpuTargetPercent,
              },
        scheduled: monolithSettings.schedule,
      },
    });
    this.monolith.allowFrom(
      "LoadBalancer",
      this.loadBalancer.securityGroupId,
      "Monolith from the internal load balancer",
    );
    this.loadBalancer.allowTrafficTo("Monolith", this.monolith.securityGroupId, monolithSettings.port);
    allowIngress(
      this,
      "MonolithToDatabase",
      data.database.ingressPoints,
      this.monolith.securityGroupId,
      "PostgreSQL from the monolith",
    );
    allowIngress(
      this,
      "MonolithToCache",
      data.cache.ingressPoints,
      this.monolith.securityGroupId,
      "Cache from the monolith",
    );
    // The monolith's security group only lets out what is granted (and HTTPS): its way to the stores.
    this.monolith.allowToEach("Database", data.database.ingressPoints, "PostgreSQL");
    this.monolith.allowToEach("Cache", data.cache.ingressPoints, "Cache");

    const kafkaSettings = config.kafka;
    const specs = topicSpecs(kafkaSettings.topics, kafkaSettings.replicationFactor);
    if (specs.length > 0 && data.createsTopics) {
      const namespace = new PlatformNamespace(this, "KafkaAdminNamespace", {
        name: KAFKA_ADMIN_NAMESPACE,
        enforce: "restricted",
      });
      this.topics = new KafkaTopics(this, "KafkaTopics", {
        topics: specs,
        kafka: data.kafka,
        namespace,
        cluster: cluster.identity,
        roleName: joinName(cluster.clusterName, "kafka-topics", { maxLength: 64 }),
        iamAuthSha256: kafkaSettings.iamAuthJarSha256,
        placement: cluster.systemPlacement,
      });
    }

    // Only the load balancer reaches the pods on the service ports (and the cluster itself, as always): one rule
    // per port, since services share ports and EC2 refuses a second identical rule (InvalidPermission.Duplicate).
    for (const port of servicePorts(config)) {
      allowTcpFrom(this, `ServicePodsFromLoadBalancer-${port}`, {
        securityGroupId: nodes,
        sourceSecurityGroupId: this.loadBalancer.securityGroupId,
        port,
        description: `Service pods on ${port} from the internal load balancer`,
      });
      this.loadBalancer.allowTrafficTo(`ServicePods-${port}`, nodes, port, `To the service pods on ${port}`);
    }

    // The services' PostgreSQL users (IAM authentication) on every shard, created by a one-shot job with the master
    // secrets, once the cluster may reach the shards.
    const users = Object.keys(config.services)
      .sort()
      .flatMap((name) => {
        const access = config.services[name].database;
        return access === "none" ? [] : [{ name: databaseUser(name), access }];
      });
    if (users.length > 0 && data.adminShards.length > 0) {
      this.databaseRoles = new DatabaseRoles(this, "DatabaseRoles", {
        shards: data.adminShards,
        users,
        namespace: new PlatformNamespace(this, "DatabaseAdminNamespace", {
          name: DATABASE_ADMIN_NAMESPACE,
          enforce: "restricted",
        }),
        cluster: cluster.identity,
        roleName: joinName(cluster.clusterName, "database-roles", { maxLength: 64 }),
        region: this.region,
        placement: cluster.systemPlacement,
        dependsOn: clusterToDatabase,
      });
    }

    const services: Record<string, Microservice> = {};
    const routes: Record<string, { path_prefix: string; target_group_arn: string }> = {};
    for (const name of Object.keys(config.services).sort()) {
      const service = config.services[name];
      const id = serviceId(name);
      const route = this.loadBalancer.addService(name, {
        name,
        port: service.port,
        pathPrefix: service.pathPrefix,
        healthCheck: { path: service.healthCheckPath },
      });
      routes[name] = { path_prefix: route.pathPrefix, target_group_arn: route.targetGroupArn };

      const user = databaseUser(name);
      // A waiting standby's consumers stay out of their groups (only producing: dead letters are not written either).
      const kafka = layers.consumersActive === false ? { ...service.kafka, consumes: [] } : service.kafka;
      const consumer = kafka.consumes.length > 0 && kafka.consumerGroup !== undefined ? kafka.consumerGroup : undefined;
      services[name] = new Microservice(this, id, {
        name,
        image: service.image,
        port: service.port,
        healthCheckPath: service.healthCheckPath,
        resources: service.resources,
        replicas: service.replicas,
        scaling: service.scaling,
        env: service.env,
        platformEnv: {
          SERVICE_NAME: name,
          AWS_REGION: this.region,
          ...databaseEnvironment(data.database, service.database, user, databasePoolSize(service)),
          ...cacheEnvironment(data.cache, service.cacheUser),
          ...kafkaEnvironment(data.kafka, kafka),
          ...otelEnvironment({
            serviceName: name,
            environment: config.environment,
            samplingPercent: config.observability.tracing.samplingPercent,
          }),
        },
        statements: [
          ...kafkaStatements(data.kafka, kafka),
          ...databaseStatements(data.database, service.database, user),
          ...cacheStatements(data.cache, service.cacheUser),
        ],
        cluster: cluster.identity,
        roleName: joinName(cluster.clusterName, "svc", name, { maxLength: 64 }),
        targetGroupArn: route.targetGroupArn,
        mesh: config.eks.mesh.enabled
          ? { mtlsMode: config.eks.mesh.mtlsMode, resilience: service.resilience }
          : undefined,
        lagScaling: consumer
          ? {
              bootstrapServers: data.kafka.bootstrapBrokersIam,
              region: this.region,
              consumerGroup: consumer,
              topics: kafka.consumes,
              lagThreshold: kafka.lagThreshold,
              operatorRoleName: addons.keda.operatorRole.roleName,
              operatorStatements: lagReaderStatements(data.kafka, consumer, kafka.consumes),
            }
          : undefined,
      });
    }
    this.services = services;
    if (config.eks.mesh.enabled) {
      // Every meshed workload without a policy of its own follows this one.
      addMeshWideMtls(this, "MeshMtls", { rootNamespace: MESH_ROOT_NAMESPACE, mode: config.eks.mesh.mtlsMode });
    }

    new TerraformOutput(this, "load_balancer_arn", {
      value: this.loadBalancer.arn,
      description: "Internal Application Load Balancer in front of the services and the monolith",
    });
    new TerraformOutput(this, "load_balancer_dns_name", {
      value: this.loadBalancer.dnsName,
      description: "DNS name of the internal load balancer (resolvable inside the VPC)",
    });
    new TerraformOutput(this, "load_balancer_listener_arn", {
      value: this.loadBalancer.listenerArn,
      description: "The listener whose rules route path prefixes to services (API Gateway VPC link target)",
    });
    new TerraformOutput(this, "service_routes", {
      value: routes,
      description: "Each service's path prefix and target group",
    });
    new TerraformOutput(this, "monolith_asg_name", {
      value: this.monolith.groupName,
      description: "Auto-scaling group of the legacy monolith",
    });
  }
}

/** The distinct ports of the catalog's services, ascending. */
export function servicePorts(config: EnvironmentConfig): number[] {
  return [...new Set(Object.values(config.services).map((service) => service.port))].sort((a, b) => a - b);
}

/** Construct id of a service: `Service-<name>`, stable while the name is. */
function serviceId(name: string): string {
  return `Service-${name}`;
}
