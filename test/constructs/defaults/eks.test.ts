import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { parse } from "yaml";
import { ClusterConnection } from "../../../constructs/eks/addons/cluster-connection";
import { GrafanaAdminSecret } from "../../../constructs/eks/addons/grafana-admin-secret";
import { KubePrometheusStack } from "../../../constructs/eks/addons/kube-prometheus-stack";
import { PlatformNamespace } from "../../../constructs/eks/addons/namespace";
import { EksCluster, type EksClusterProps } from "../../../constructs/eks/eks-cluster";
import { ManagedNodeGroup, type NodeGroupProps } from "../../../constructs/eks/node-group";
import { ANYWHERE } from "../../../constructs/eks/placement";
import { kubernetesTestStack, listOf, named, onlyOf, synth, testStack, TEST_CLUSTER } from "../../helpers";

/** What a node group cannot do without; every other prop is left to its default. */
const NODE_GROUP: NodeGroupProps = {
  groupName: "workers",
  clusterName: "acme-test-eks",
  kubernetesVersion: "1.35",
  nodeRoleArn: "arn:aws:iam::123456789012:role/acme-test-eks-node",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  volumeKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/volumes",
  instanceTypes: ["m7g.large", "m6g.large"],
};

function buildNodeGroup(props: Partial<NodeGroupProps> = {}): { group: any; template: any } {
  const stack = testStack();
  new ManagedNodeGroup(stack, "Workers", { ...NODE_GROUP, ...props });
  const json = synth(stack);
  return { group: onlyOf(json, "aws_eks_node_group"), template: onlyOf(json, "aws_launch_template") };
}

describe("ManagedNodeGroup defaults", () => {
  const { group, template } = buildNodeGroup();

  test("starts the node group at 2 on-demand nodes, 2 to 6, when no sizes or capacity type are given", () => {
    expect(group.scaling_config).toEqual({ min_size: 2, desired_size: 2, max_size: 6 });
    expect(group.capacity_type).toBe("ON_DEMAND");
  });

  test("starts at minSize nodes when only minSize is given", () => {
    expect(buildNodeGroup({ minSize: 3 }).group.scaling_config).toEqual({ min_size: 3, desired_size: 3, max_size: 6 });
  });

  test("gives each node a 50 GiB gp3 root volume at gp3's baseline IOPS when no disk settings are given", () => {
    expect(template.block_device_mappings).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: {
          volume_size: 50,
          volume_type: "gp3",
          encrypted: "true",
          kms_key_id: NODE_GROUP.volumeKeyArn,
          delete_on_termination: "true",
        },
      },
    ]);
  });

  test("replaces at most a third of the nodes at a time when maxUnavailablePercent is not given", () => {
    expect(group.update_config).toEqual({ max_unavailable_percentage: 33 });
  });

  test("keeps pods off the instance metadata (IMDSv2, hop limit 1) when imdsHopLimit is not given", () => {
    expect(template.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
  });

  test("labels the nodes with their group only, and taints none, when no labels or taints are given", () => {
    expect(group.labels).toEqual({ "node-group": "workers" });
    expect(group.taint ?? []).toEqual([]);
  });
});

describe("EksCluster defaults", () => {
  const ADMIN = "arn:aws:iam::123456789012:role/platform-deployer";
  const REQUIRED: EksClusterProps = {
    namePrefix: "acme-test",
    region: "eu-west-1",
    vpcId: "vpc-123",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    kubernetesVersion: "1.35",
    admins: [ADMIN],
  };

  test("grants cluster access to the admins only when viewers and planners are not given", () => {
    const stack = testStack();
    new EksCluster(stack, "Cluster", REQUIRED);
    const json = synth(stack);

    expect(listOf(json, "aws_eks_access_entry").map((entry) => entry.principal_arn)).toEqual([ADMIN]);
    expect(listOf(json, "aws_eks_access_policy_association").map((association) => association.policy_arn)).toEqual([
      "arn:${data.aws_partition.Partition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    ]);
  });
});

describe("KubePrometheusStack defaults", () => {
  const stack = kubernetesTestStack();
  new HelmProvider(stack, "helm", { kubernetes: { host: "https://kubernetes.test" } });
  new KubePrometheusStack(stack, "Monitoring", {
    cluster: TEST_CLUSTER,
    region: "eu-west-1",
    roleNamePrefix: "acme-test-eks",
    placement: ANYWHERE,
    namespace: new PlatformNamespace(stack, "Namespace", { name: "monitoring", enforce: "privileged" }),
    storageClassName: "gp3",
    prometheus: {
      retentionDays: 15,
      storageGiB: 100,
      replicas: 2,
      resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
    },
    grafana: { storageGiB: 10, adminPasswordVersion: 1 },
    secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/secrets",
    adminSecretName: "acme-test/grafana/admin",
  });
  const json = synth(stack);

  test("gives each Alertmanager a 10 GiB volume when alertmanagerStorageGiB is not given", () => {
    const values = parse(onlyOf(json, "helm_release").values[0]);

    expect(values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources).toEqual({
      requests: { storage: "10Gi" },
    });
  });

  test("keeps a deleted Grafana admin secret recoverable for 30 days when adminSecretRecoveryWindowDays is not given", () => {
    expect(onlyOf(json, "aws_secretsmanager_secret").recovery_window_in_days).toBe(30);
  });
});

describe("GrafanaAdminSecret defaults", () => {
  test("keeps a deleted Secrets Manager copy recoverable for 30 days when recoveryWindowDays is not given", () => {
    const stack = kubernetesTestStack();
    new GrafanaAdminSecret(stack, "GrafanaAdmin", {
      namespace: "monitoring",
      secretName: "grafana-admin",
      awsSecretName: "acme-test/grafana/admin",
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/secrets",
      passwordVersion: 1,
    });

    expect(named(synth(stack), "aws_secretsmanager_secret", "AwsSecret")[1].recovery_window_in_days).toBe(30);
  });
});

describe("ClusterConnection defaults", () => {
  test("configures the helm provider with the cluster's token when helm is not given", () => {
    const stack = testStack();
    const connection = new ClusterConnection(stack, "Connection", {
      clusterName: "acme-test-eks",
      endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
      certificateAuthorityData: "Y2VydA==",
    });
    const json = synth(stack);

    expect(connection.helm).toBeDefined();
    expect(json.provider!.helm).toHaveLength(1);
    expect(json.provider!.helm[0].kubernetes).toMatchObject({
      host: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
      token: expect.stringContaining("${ephemeral.aws_eks_cluster_auth.Connection_Token_"),
    });
  });
});
