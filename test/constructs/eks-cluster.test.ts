import { EksCluster, type EksClusterProps } from "../../constructs/eks/eks-cluster";
import { ManagedNodeGroup, type NodeGroupProps } from "../../constructs/eks/node-group";
import { architectureOf } from "../../constructs/eks/options";
import { EKS_DEFAULT, KUBERNETES_RELEASES } from "../../constructs/eks/versions";
import { WorkloadRole } from "../../constructs/eks/workload-identity";
import { dataNamed, listOf, named, onlyOf, ref, synth, testStack, type StackJson } from "../helpers";

const ADMIN = "arn:aws:iam::123456789012:role/platform-admins";
const VIEWER = "arn:aws:iam::123456789012:role/developers";

const BASE: EksClusterProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  kubernetesVersion: "1.35",
  nodeGroups: {
    system: {
      instanceTypes: ["m7g.large"],
      minSize: 3,
      maxSize: 6,
      taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
    },
    services: {
      instanceTypes: ["m7g.xlarge", "m6g.xlarge"],
      capacityType: "SPOT",
      minSize: 2,
      desiredSize: 4,
      maxSize: 20,
      diskSizeGiB: 100,
      labels: { workload: "services" },
    },
  },
  systemNodeGroup: "system",
  admins: [ADMIN],
  viewers: [VIEWER],
};

function build(props: Partial<EksClusterProps> = {}): { json: StackJson; cluster: EksCluster } {
  const stack = testStack();
  const cluster = new EksCluster(stack, "Cluster", { ...BASE, ...props });
  return { json: synth(stack), cluster };
}

/** Statements of the policy document a role's trust or permissions come from. */
function documentOf(json: StackJson, constructPath: string): any[] {
  return dataNamed(json, "aws_iam_policy_document", constructPath)[1].statement;
}

/** The node group created for a short name, and its launch template. */
function groupOf(json: StackJson, name: string): { group: any; template: any } {
  const group = listOf(json, "aws_eks_node_group").find((g) => g.node_group_name_prefix === `${name}-`);
  const template = listOf(json, "aws_launch_template").find((t) => t.name === `acme-test-eks-${name}`);
  return { group, template };
}

function addonOf(json: StackJson, name: string): any {
  return listOf(json, "aws_eks_addon").find((addon) => addon.addon_name === name);
}

describe("EksCluster", () => {
  const { json } = build({ admins: [ADMIN], viewers: [VIEWER] });
  const cluster = onlyOf(json, "aws_eks_cluster");

  describe("control plane", () => {
    test("a pinned version in the private subnets, private endpoint only", () => {
      expect(cluster).toMatchObject({
        name: "acme-test-eks",
        version: "1.35",
        vpc_config: {
          subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
          endpoint_private_access: true,
          endpoint_public_access: false,
        },
        bootstrap_self_managed_addons: false,
        upgrade_policy: { support_type: "STANDARD" },
        deletion_protection: true,
        lifecycle: { prevent_destroy: true },
      });
      expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
    });

    test("the public endpoint, when on, is limited to the listed CIDRs", () => {
      const { json: open } = build({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });

      expect(onlyOf(open, "aws_eks_cluster").vpc_config).toMatchObject({
        endpoint_private_access: true,
        endpoint_public_access: true,
        public_access_cidrs: ["203.0.113.0/24"],
      });
    });

    test("secrets are envelope-encrypted with the cluster's own rotating key", () => {
      const [keyId, key] = named(json, "aws_kms_key", "SecretsKey");

      expect(cluster.encryption_config).toEqual({
        resources: ["secrets"],
        provider: { key_arn: ref("aws_kms_key", keyId, "arn") },
      });
      expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    });

    test("every control-plane log type goes to a KMS log group created first", () => {
      const [groupId, group] = named(json, "aws_cloudwatch_log_group", "ControlPlaneLogGroup");
      const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");

      expect(cluster.enabled_cluster_log_types).toEqual([
        "api",
        "audit",
        "authenticator",
        "controllerManager",
        "scheduler",
      ]);
      expect(group).toMatchObject({
        name: "/aws/eks/acme-test-eks/cluster",
        retention_in_days: 365,
        kms_key_id: ref("aws_kms_key", logsKeyId, "arn"),
        deletion_protection_enabled: true,
      });
      expect(cluster.depends_on).toContain(`aws_cloudwatch_log_group.${groupId}`);
    });

    test("the cluster role has the EKS cluster policy and nothing else", () => {
      const [roleId, role] = named(json, "aws_iam_role", "ClusterRole");
      const attachments = listOf(json, "aws_iam_role_policy_attachment").filter(
        (attachment) => attachment.role === ref("aws_iam_role", roleId, "name"),
      );

      expect(cluster.role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
      expect(role.name).toBe("acme-test-eks-cluster");
      expect(attachments.map((attachment) => attachment.policy_arn)).toEqual([
        "arn:${data.aws_partition.Partition.partition}:iam::aws:policy/AmazonEKSClusterPolicy",
      ]);
      expect(documentOf(json, "Cluster_ClusterRoleTrust")).toEqual([
        expect.objectContaining({
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["eks.amazonaws.com"] }],
        }),
      ]);
    });

    test("an API security group with no rules until a grant", () => {
      const stack = testStack();
      const eks = new EksCluster(stack, "Cluster", BASE);
      const before = synth(stack);
      const [sgId, sg] = named(before, "aws_security_group", "ApiSecurityGroup");

      expect(sg.ingress).toBeUndefined();
      expect(listOf(before, "aws_vpc_security_group_ingress_rule")).toEqual([]);
      expect(onlyOf(before, "aws_eks_cluster").vpc_config.security_group_ids).toEqual([
        ref("aws_security_group", sgId),
      ]);

      eks.allowApiAccessFrom("CiRunner", "sg-runner");
      expect(onlyOf(synth(stack), "aws_vpc_security_group_ingress_rule")).toMatchObject({
        security_group_id: ref("aws_security_group", sgId),
        referenced_security_group_id: "sg-runner",
        from_port: 443,
        to_port: 443,
        ip_protocol: "tcp",
      });
    });

    test("without protection: no deletion protection and no prevent_destroy", () => {
      const { json: loose } = build({ protection: { deletionProtection: false, preventDestroy: false } });

      expect(onlyOf(loose, "aws_eks_cluster").deletion_protection).toBe(false);
      expect(onlyOf(loose, "aws_eks_cluster").lifecycle).toBeUndefined();
      expect(listOf(loose, "aws_kms_key").map((key) => key.lifecycle)).toEqual([undefined, undefined, undefined]);
    });
  });

  describe("access", () => {
    test("authentication mode API, and no implicit admin for the creator", () => {
      expect(cluster.access_config).toEqual({
        authentication_mode: "API",
        bootstrap_cluster_creator_admin_permissions: false,
      });
    });

    test("admins and viewers from props get access entries with cluster-wide policies, nobody else", () => {
      const policies = Object.fromEntries(
        listOf(json, "aws_eks_access_policy_association").map((association) => [
          association.principal_arn,
          association,
        ]),
      );
      const entries = listOf(json, "aws_eks_access_entry");
      const policyArn = (name: string) =>
        `arn:\${data.aws_partition.Partition.partition}:eks::aws:cluster-access-policy/${name}`;

      expect(entries.map((entry) => entry.principal_arn).sort()).toEqual([ADMIN, VIEWER].sort());
      expect(entries.every((entry) => entry.type === "STANDARD")).toBe(true);
      const [adminEntryId] = named(json, "aws_eks_access_entry", "AdminAccess1");
      const [viewerEntryId] = named(json, "aws_eks_access_entry", "ViewerAccess1");
      expect(policies[ref("aws_eks_access_entry", adminEntryId, "principal_arn")]).toMatchObject({
        policy_arn: policyArn("AmazonEKSClusterAdminPolicy"),
        access_scope: { type: "cluster" },
      });
      expect(policies[ref("aws_eks_access_entry", viewerEntryId, "principal_arn")]).toMatchObject({
        policy_arn: policyArn("AmazonEKSViewPolicy"),
      });
    });

    test("the identity running Terraform gets no entry of its own (it would flip between CI and a person)", () => {
      expect(json.data?.aws_iam_session_context).toBeUndefined();
      expect(listOf(json, "aws_eks_access_entry")).toHaveLength(2);
    });

    test("the private endpoint admits HTTPS from the listed security groups and CIDRs only", () => {
      const { json: reachable } = build({
        apiAccess: { securityGroupIds: ["sg-0123456789abcdef0"], cidrs: ["10.100.0.0/16"] },
      });
      const [apiGroupId] = named(reachable, "aws_security_group", "ApiSecurityGroup");

      const apiRules = listOf(reachable, "aws_vpc_security_group_ingress_rule").filter(
        (rule) => rule.security_group_id === ref("aws_security_group", apiGroupId),
      );
      expect(apiRules).toHaveLength(2);
      expect(apiRules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ip_protocol: "tcp",
            from_port: 443,
            to_port: 443,
            referenced_security_group_id: "sg-0123456789abcdef0",
          }),
          expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.100.0.0/16" }),
        ]),
      );
    });

    test("without apiAccess the API security group has no ingress", () => {
      const [apiGroupId] = named(json, "aws_security_group", "ApiSecurityGroup");

      expect(
        listOf(json, "aws_vpc_security_group_ingress_rule").filter(
          (rule) => rule.security_group_id === ref("aws_security_group", apiGroupId),
        ),
      ).toEqual([]);
    });
  });

  describe("workload identity", () => {
    test("an IAM OIDC provider for the cluster's issuer, for IRSA", () => {
      const [clusterId] = named(json, "aws_eks_cluster", "Cluster");

      expect(onlyOf(json, "aws_iam_openid_connect_provider")).toMatchObject({
        url: `\${aws_eks_cluster.${clusterId}.identity[0].oidc[0].issuer}`,
        client_id_list: ["sts.amazonaws.com"],
      });
    });

    test("a Pod Identity role trusts only its service account of this cluster, and is associated with it", () => {
      const stack = testStack();
      const eks = new EksCluster(stack, "Cluster", BASE);
      new WorkloadRole(stack, "Reports", {
        cluster: eks.identity,
        namespace: "reports",
        serviceAccount: "reports",
        roleName: "acme-test-reports",
        description: "reports service",
        statements: [{ sid: "ReadBucket", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/*"] }],
      });
      const out = synth(stack);
      const [clusterId] = named(out, "aws_eks_cluster", "Cluster");
      const [roleId] = named(out, "aws_iam_role", "Reports");

      expect(documentOf(out, "Reports_TrustPolicy")).toEqual([
        {
          sid: "EksPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
          condition: [
            {
              test: "StringEquals",
              variable: "aws:SourceAccount",
              values: ["${data.aws_caller_identity.CallerIdentity.account_id}"],
            },
            {
              test: "StringEquals",
              variable: "aws:RequestTag/eks-cluster-arn",
              values: [ref("aws_eks_cluster", clusterId, "arn")],
            },
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["reports"] },
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: ["reports"] },
          ],
        },
      ]);
      expect(onlyOf(out, "aws_eks_pod_identity_association")).toEqual(
        expect.objectContaining({
          cluster_name: ref("aws_eks_cluster", clusterId, "name"),
          namespace: "reports",
          service_account: "reports",
          role_arn: ref("aws_iam_role", roleId, "arn"),
        }),
      );
      expect(documentOf(out, "Reports_PermissionsDocument")).toEqual([
        expect.objectContaining({ sid: "ReadBucket", actions: ["s3:GetObject"] }),
      ]);
    });

    test("an IRSA role trusts the OIDC provider for exactly system:serviceaccount:<namespace>:<name>", () => {
      const [providerId] = named(json, "aws_iam_openid_connect_provider", "OidcProvider");
      const [clusterId] = named(json, "aws_eks_cluster", "Cluster");
      const issuer = `\${replace(aws_eks_cluster.${clusterId}.identity[0].oidc[0].issuer, "https://", "")}`;

      expect(documentOf(json, "VpcCniRole_TrustPolicy")).toEqual([
        expect.objectContaining({
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [ref("aws_iam_openid_connect_provider", providerId, "arn")] }],
          condition: [
            { test: "StringEquals", variable: `${issuer}:sub`, values: ["system:serviceaccount:kube-system:aws-node"] },
            { test: "StringEquals", variable: `${issuer}:aud`, values: ["sts.amazonaws.com"] },
          ],
        }),
      ]);
    });

    test.each([
      [{ namespace: "Reports" }, 'namespace: "Reports" is not a namespace name'],
      [{ serviceAccount: "reports_sa" }, 'serviceAccount: "reports_sa" is not a service account name'],
      [{ roleName: "r".repeat(65) }, "has 65 characters; expected at most 64"],
    ])("a workload role refuses %j", (bad, message) => {
      const stack = testStack();
      const eks = new EksCluster(stack, "Cluster", BASE);

      expect(
        () =>
          new WorkloadRole(stack, "Bad", {
            cluster: eks.identity,
            namespace: "reports",
            serviceAccount: "reports",
            roleName: "acme-test-reports",
            description: "bad",
            ...bad,
          }),
      ).toThrow(message);
    });
  });

  describe("managed add-ons", () => {
    test.each(Object.entries(KUBERNETES_RELEASES["1.35"].addons).filter(([, version]) => version !== EKS_DEFAULT))(
      "%s at its pinned version %s",
      (name, version) => {
        expect(addonOf(json, name)).toMatchObject({
          addon_version: version,
          resolve_conflicts_on_create: "OVERWRITE",
          resolve_conflicts_on_update: "OVERWRITE",
          preserve: true,
        });
      },
    );

    test.each(Object.entries(KUBERNETES_RELEASES["1.35"].addons).filter(([, version]) => version === EKS_DEFAULT))(
      "%s at the build EKS marks default for the cluster's version, read at plan time (no AWS table lists one)",
      (name) => {
        const lookups = Object.entries(json.data?.aws_eks_addon_version ?? {}) as [string, any][];
        const [lookupId, lookup] = lookups.find(([, candidate]) => candidate.addon_name === name)!;
        // The configured version, known at plan time: the plan shows the build it will install.
        expect(lookup).toEqual({ addon_name: name, kubernetes_version: "1.35", most_recent: false });
        expect(addonOf(json, name).addon_version).toBe(`\${data.aws_eks_addon_version.${lookupId}.version}`);
      },
    );

    test("the VPC CNI uses its own IRSA role with the CNI policy, network policies and prefix delegation", () => {
      const [roleId] = named(json, "aws_iam_role", "VpcCniRole");
      const cni = addonOf(json, "vpc-cni");

      expect(cni.service_account_role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
      expect(JSON.parse(cni.configuration_values)).toEqual({
        enableNetworkPolicy: "true",
        env: { ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1" },
      });
      expect(named(json, "aws_iam_role_policy_attachment", "VpcCniRole_AmazonEKS_CNI_Policy")[1].policy_arn).toBe(
        "arn:${data.aws_partition.Partition.partition}:iam::aws:policy/AmazonEKS_CNI_Policy",
      );
    });

    test("the EBS CSI driver gets a Pod Identity role for its controller that may use the volume key", () => {
      const [roleId] = named(json, "aws_iam_role", "EbsCsiRole");
      const [keyId] = named(json, "aws_kms_key", "VolumeKey");
      const csi = addonOf(json, "aws-ebs-csi-driver");

      expect(csi.pod_identity_association).toEqual([
        { role_arn: ref("aws_iam_role", roleId, "arn"), service_account: "ebs-csi-controller-sa" },
      ]);
      expect(documentOf(json, "EbsCsiRole_TrustPolicy")[0].condition).toContainEqual({
        test: "StringEquals",
        variable: "aws:RequestTag/kubernetes-service-account",
        values: ["ebs-csi-controller-sa"],
      });
      expect(documentOf(json, "EbsCsiRole_PermissionsDocument").map((s) => s.resources)).toEqual([
        [ref("aws_kms_key", keyId, "arn")],
        [ref("aws_kms_key", keyId, "arn")],
      ]);
      // The add-on binds the service account itself: no separate association.
      expect(json.resource?.aws_eks_pod_identity_association).toBeUndefined();
    });

    test("networking add-ons and the node role's policies come before the nodes; CoreDNS and the EBS CSI driver after every node group", () => {
      const ids = (name: string) =>
        Object.entries(json.resource!.aws_eks_addon).find(([, addon]) => addon.addon_name === name)![0];
      const groups = Object.keys(json.resource!.aws_eks_node_group).map((id) => `aws_eks_node_group.${id}`);
      const [roleId] = named(json, "aws_iam_role", "NodeRole");
      const nodePolicies = Object.entries(json.resource!.aws_iam_role_policy_attachment)
        .filter(([, attachment]) => (attachment as any).role === ref("aws_iam_role", roleId, "name"))
        .map(([id]) => `aws_iam_role_policy_attachment.${id}`);

      expect(nodePolicies).toHaveLength(2);
      for (const [, group] of Object.entries(json.resource!.aws_eks_node_group)) {
        const dependsOn: string[] = (group as any).depends_on;
        expect(dependsOn.slice(0, 3)).toEqual(
          ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map((name) => `aws_eks_addon.${ids(name)}`),
        );
        expect([...dependsOn.slice(3)].sort()).toEqual([...nodePolicies].sort());
      }
      expect([...addonOf(json, "coredns").depends_on].sort()).toEqual([...groups].sort());
      expect([...addonOf(json, "aws-ebs-csi-driver").depends_on].sort()).toEqual(
        [`aws_eks_addon.${ids("eks-pod-identity-agent")}`, ...groups].sort(),
      );
    });

    test("CoreDNS scales with the cluster and runs on the system group, tolerating its taint", () => {
      expect(JSON.parse(addonOf(json, "coredns").configuration_values)).toEqual({
        autoScaling: { enabled: true, minReplicas: 2, maxReplicas: 10 },
        nodeSelector: { "node-group": "system" },
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }],
      });
    });

    test("without a system group, platform components run anywhere", () => {
      const { json: anywhere } = build({ systemNodeGroup: undefined });

      expect(JSON.parse(addonOf(anywhere, "coredns").configuration_values)).toEqual({
        autoScaling: { enabled: true, minReplicas: 2, maxReplicas: 10 },
      });
    });
  });

  describe("node groups", () => {
    test("scaling bounds from props, and the autoscaler owns the desired size", () => {
      const { group: system } = groupOf(json, "system");
      const { group: services } = groupOf(json, "services");

      expect(system).toMatchObject({
        scaling_config: { min_size: 3, desired_size: 3, max_size: 6 },
        capacity_type: "ON_DEMAND",
        instance_types: ["m7g.large"],
        lifecycle: { create_before_destroy: true, ignore_changes: ["scaling_config[0].desired_size"] },
      });
      expect(services).toMatchObject({
        scaling_config: { min_size: 2, desired_size: 4, max_size: 20 },
        capacity_type: "SPOT",
        instance_types: ["m7g.xlarge", "m6g.xlarge"],
      });
    });

    test("nodes run Amazon Linux 2023 for their architecture, follow the control plane and spread over every subnet", () => {
      const [clusterId] = named(json, "aws_eks_cluster", "Cluster");
      const { json: x86 } = build({
        nodeGroups: { general: { instanceTypes: ["m7i.large", "m6i.large"] } },
        systemNodeGroup: undefined,
      });

      expect(groupOf(json, "system").group).toMatchObject({
        ami_type: "AL2023_ARM_64_STANDARD",
        version: ref("aws_eks_cluster", clusterId, "version"),
        subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
        node_repair_config: { enabled: true },
        update_config: { max_unavailable_percentage: 33 },
      });
      expect(onlyOf(x86, "aws_eks_node_group").ami_type).toBe("AL2023_x86_64_STANDARD");
      expect(architectureOf("c7gn.xlarge")).toBe("arm64");
      expect(architectureOf("g5.xlarge")).toBe("x86_64");
    });

    test("labels (with node-group), taints in the EKS API's spelling", () => {
      expect(groupOf(json, "system").group).toMatchObject({
        labels: { "node-group": "system" },
        taint: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
      });
      expect(groupOf(json, "services").group.labels).toEqual({ workload: "services", "node-group": "services" });
    });

    test("the launch template enforces IMDSv2 and encrypts a gp3 root volume with the volume key", () => {
      const { group, template } = groupOf(json, "services");
      const [templateId] = Object.entries(json.resource!.aws_launch_template).find(([, t]) => t === template)!;
      const [keyId] = named(json, "aws_kms_key", "VolumeKey");

      expect(template.metadata_options).toEqual({
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      });
      expect(template.block_device_mappings).toEqual([
        {
          device_name: "/dev/xvda",
          ebs: {
            volume_size: 100,
            volume_type: "gp3",
            encrypted: "true",
            kms_key_id: ref("aws_kms_key", keyId, "arn"),
            delete_on_termination: "true",
          },
        },
      ]);
      expect(group.launch_template).toEqual({
        id: ref("aws_launch_template", templateId),
        version: ref("aws_launch_template", templateId, "latest_version"),
      });
    });

    test("the volume key lets the Auto Scaling service-linked role encrypt node volumes, named by a lookup", () => {
      const grants = documentOf(json, "VolumeKey_Policy").filter((s) => s.sid?.startsWith("AllowAutoScaling"));
      const [lookupId, lookup] = dataNamed(json, "aws_iam_role", "AutoScalingRole_Lookup");

      expect(lookup).toEqual({ name: "AWSServiceRoleForAutoScaling" });
      expect(grants).toEqual([
        expect.objectContaining({
          principals: [{ type: "AWS", identifiers: [`\${data.aws_iam_role.${lookupId}.arn}`] }],
        }),
        expect.objectContaining({
          actions: ["kms:CreateGrant"],
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        }),
      ]);
    });

    test("the node role has the worker and ECR pull policies only (network permissions are the CNI's)", () => {
      const [roleId] = named(json, "aws_iam_role", "NodeRole");
      const policies = listOf(json, "aws_iam_role_policy_attachment")
        .filter((attachment) => attachment.role === ref("aws_iam_role", roleId, "name"))
        .map((attachment) => attachment.policy_arn.replace(/^.*\//, ""));

      expect(policies.sort()).toEqual(["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy"]);
      expect(groupOf(json, "system").group.node_role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
    });

    test("io2 root volumes, hop limit 2 and a smaller update batch when asked", () => {
      const { json: custom } = build({
        nodeGroups: {
          db: {
            instanceTypes: ["r7g.large"],
            diskType: "io2",
            diskIops: 4000,
            imdsHopLimit: 2,
            maxUnavailablePercent: 10,
          },
        },
        systemNodeGroup: undefined,
      });

      expect(onlyOf(custom, "aws_launch_template")).toMatchObject({
        metadata_options: { http_put_response_hop_limit: 2, http_tokens: "required" },
        block_device_mappings: [{ ebs: { volume_type: "io2", iops: 4000 } }],
      });
      expect(onlyOf(custom, "aws_eks_node_group").update_config).toEqual({ max_unavailable_percentage: 10 });
    });
  });

  describe("bad input", () => {
    const nodeGroup = (overrides: Partial<NodeGroupProps>): NodeGroupProps => ({
      groupName: "workers",
      clusterName: "acme-test-eks",
      kubernetesVersion: "1.35",
      nodeRoleArn: "arn:aws:iam::123456789012:role/node",
      subnetIds: ["subnet-a", "subnet-b"],
      volumeKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1",
      instanceTypes: ["m7g.large"],
      ...overrides,
    });

    test.each<[string, Partial<EksClusterProps>, string]>([
      [
        "an unsupported Kubernetes version",
        { kubernetesVersion: "1.29" as never },
        'kubernetesVersion: "1.29" is not allowed; expected one of "1.34", "1.35"',
      ],
      [
        "a public endpoint without CIDRs",
        { endpointPublicAccess: true },
        "publicAccessCidrs: [] is empty while the public endpoint is on; expected the CIDRs allowed to reach it (EKS would otherwise open it to 0.0.0.0/0)",
      ],
      [
        "a malformed CIDR",
        { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0"] },
        'publicAccessCidrs: "203.0.113.0" is not an IPv4 CIDR block; expected one such as 203.0.113.0/24',
      ],
      ["one subnet", { subnetIds: ["subnet-a"] }, "subnetIds: 1 subnets; expected at least 2"],
      [
        "no admins",
        { admins: [] },
        "admins: [] is empty; expected at least the IAM role that installs into the cluster (the CI deploy role), or nobody can use it",
      ],
      [
        "an API client that is not a security group id",
        { apiAccess: { securityGroupIds: ["runner-sg"] } },
        'apiAccess.securityGroupIds: "runner-sg" is not a security group id; expected one such as sg-0123456789abcdef0',
      ],
      [
        "an API client CIDR that is not a CIDR",
        { apiAccess: { cidrs: ["10.100.0.0"] } },
        'apiAccess.cidrs: "10.100.0.0" is not an IPv4 CIDR block; expected one such as 10.100.0.0/16',
      ],
      [
        "an assumed-role session as an admin",
        { admins: ["arn:aws:sts::123456789012:assumed-role/admins/alice"] },
        "is an assumed-role session; expected the role's own ARN",
      ],
      [
        "a system node group that is not defined",
        { systemNodeGroup: "platform" },
        'systemNodeGroup: "platform" is not one of the node groups; expected one of system, services',
      ],
      [
        "a log retention CloudWatch does not offer",
        { logRetentionDays: 10 },
        "logRetentionDays: 10 is not allowed; expected one of the CloudWatch Logs retention periods",
      ],
    ])("refuses %s", (_case, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test.each<[string, Partial<NodeGroupProps>, string]>([
      ["no instance types", { instanceTypes: [] }, "instanceTypes: [] is empty; expected at least one instance type"],
      [
        "spot with one instance type",
        { capacityType: "SPOT" },
        'instanceTypes: ["m7g.large"] has a single instance type for SPOT capacity',
      ],
      [
        "mixed architectures",
        { instanceTypes: ["m7g.large", "m7i.large"] },
        "mixes Graviton (m7g.large) and x86 (m7i.large) instance types",
      ],
      [
        "min above desired",
        { minSize: 3, desiredSize: 2, maxSize: 5 },
        "desiredSize: 2 is below minSize (3); expected from 3 to 5",
      ],
      [
        "desired above max",
        { minSize: 1, desiredSize: 6, maxSize: 5 },
        "desiredSize: 6 is above maxSize (5); expected from 1 to 5",
      ],
      ["min above max", { minSize: 6, maxSize: 5 }, "minSize: 6 is above maxSize (5); expected at most that"],
      ["a hop limit of 3", { imdsHopLimit: 3 }, "imdsHopLimit: 3 is not allowed; expected one of 1, 2"],
      [
        "io2 without IOPS",
        { diskType: "io2" },
        "diskIops: nothing is set for an io2 root volume; expected 100 to 256000",
      ],
      [
        "the platform's own label",
        { labels: { "node-group": "x" } },
        'labels: "node-group" is set by the platform to the node group\'s name',
      ],
      [
        "a taint effect in the EKS API's spelling",
        { taints: [{ key: "dedicated", effect: "NO_SCHEDULE" as never }] },
        'taints: effect of dedicated: "NO_SCHEDULE" is not allowed; expected one of "NoSchedule", "NoExecute", "PreferNoSchedule"',
      ],
    ])("a node group refuses %s", (_case, overrides, message) => {
      expect(() => new ManagedNodeGroup(testStack(), "Group", nodeGroup(overrides))).toThrow(message);
    });

    test("a second node group with a taken name", () => {
      const stack = testStack();
      const eks = new EksCluster(stack, "Cluster", BASE);

      expect(() => eks.addNodeGroup("system", { instanceTypes: ["m7g.large"] })).toThrow(
        'addNodeGroup: "system" already exists; expected a new group name',
      );
    });
  });
});
