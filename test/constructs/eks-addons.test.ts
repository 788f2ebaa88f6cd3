import { parse } from "yaml";
import { CLUSTER_AUTOSCALER_CHART, ClusterAutoscaler } from "../../constructs/eks/addons/cluster-autoscaler";
import { ClusterConnection } from "../../constructs/eks/addons/cluster-connection";
import type { AddonContext } from "../../constructs/eks/addons/context";
import { HelmAddon, type HelmAddonProps } from "../../constructs/eks/addons/helm-addon";
import { Keda } from "../../constructs/eks/addons/keda";
import { KubePrometheusStack, type KubePrometheusStackProps } from "../../constructs/eks/addons/kube-prometheus-stack";
import { LoadBalancerController } from "../../constructs/eks/addons/load-balancer-controller";
import { MetricsServer } from "../../constructs/eks/addons/metrics-server";
import { PlatformNamespace } from "../../constructs/eks/addons/namespace";
import { Gp3StorageClass } from "../../constructs/eks/addons/storage-class";
import { placementOn } from "../../constructs/eks/placement";
import { KUBERNETES_RELEASES } from "../../constructs/eks/versions";
import { dataNamed, listOf, named, onlyOf, ref, synth, testStack, type StackJson, TEST_CLUSTER } from "../helpers";

const CONTEXT: AddonContext = {
  cluster: TEST_CLUSTER,
  region: "eu-west-1",
  roleNamePrefix: "acme-test-eks",
  placement: placementOn("system", [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]),
};

/** An MSK bootstrap string names at most three brokers, in any order. */
const BOOTSTRAP_BROKERS = [2, 1, 3]
  .map((id) => `b-${id}.acme-test-kafka.abc123.c2.kafka.eu-west-1.amazonaws.com:9098`)
  .join(",");

/** The monitoring stack's props, as the add-ons stack sets them, without its namespace and storage class. */
const MONITORING: Omit<KubePrometheusStackProps, "namespace" | "storageClassName"> = {
  ...CONTEXT,
  prometheus: {
    retentionDays: 15,
    storageGiB: 100,
    replicas: 2,
    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
  },
  grafana: { storageGiB: 10, adminPasswordVersion: 3 },
  secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/secrets",
  adminSecretName: "acme-test/grafana/admin",
  msk: { bootstrapBrokers: BOOTSTRAP_BROKERS, brokerCount: 4 },
};

/** Every add-on in one stack, as the add-ons stack composes them. */
function buildAll(): { json: StackJson; keda: Keda } {
  const stack = testStack();
  new ClusterConnection(stack, "Connection", {
    clusterName: "acme-test-eks",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "Y2VydA==",
  });
  const storageClass = new Gp3StorageClass(stack, "StorageClass", {
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/volumes",
  });
  new LoadBalancerController(stack, "LoadBalancerController", { ...CONTEXT, vpcId: "vpc-123" });
  new MetricsServer(stack, "MetricsServer", CONTEXT);
  new ClusterAutoscaler(stack, "ClusterAutoscaler", { ...CONTEXT, imageTag: "v1.35.2" });
  const monitoring = new KubePrometheusStack(stack, "Monitoring", {
    ...MONITORING,
    namespace: new PlatformNamespace(stack, "MonitoringNamespace", { name: "monitoring", enforce: "privileged" }),
    storageClassName: storageClass.name,
  });
  const keda = new Keda(stack, "Keda", {
    ...CONTEXT,
    namespace: new PlatformNamespace(stack, "KedaNamespace", { name: "keda", enforce: "restricted" }),
    dependsOn: [monitoring.addon.release],
  });
  return { json: synth(stack), keda };
}

/** A release by name, with its values parsed back from YAML. */
function releaseOf(json: StackJson, name: string): { release: any; values: any } {
  const release = listOf(json, "helm_release").find((r) => r.name === name);
  return { release, values: parse(release.values[0]) };
}

/** The trust policy statement of a role built under a construct path. */
function trustOf(json: StackJson, constructPath: string): any {
  return dataNamed(json, "aws_iam_policy_document", `${constructPath}_TrustPolicy`)[1].statement[0];
}

function conditionValue(statement: any, variable: string): string[] | undefined {
  return statement.condition.find((condition: any) => condition.variable === variable)?.values;
}

describe("cluster add-ons", () => {
  const { json } = buildAll();

  test.each([
    [
      "aws-load-balancer-controller",
      "https://aws.github.io/eks-charts",
      "aws-load-balancer-controller",
      "1.16.0",
      "kube-system",
    ],
    ["metrics-server", "https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.0", "kube-system"],
    ["cluster-autoscaler", "https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.56.0", "kube-system"],
    [
      "kube-prometheus-stack",
      "https://prometheus-community.github.io/helm-charts",
      "kube-prometheus-stack",
      "80.4.1",
      "monitoring",
    ],
    ["keda", "https://kedacore.github.io/charts", "keda", "2.21.1", "keda"],
  ])("%s: chart %s %s at %s in %s, atomic, waiting, bounded", (name, repository, chart, version, namespace) => {
    const { release } = releaseOf(json, name);
    const created = listOf(json, "kubernetes_namespace_v1").some((ns) => ns.metadata.name === namespace);
    const namespaceId = created
      ? Object.entries(json.resource!.kubernetes_namespace_v1).find(([, ns]) => ns.metadata.name === namespace)![0]
      : undefined;

    expect(release).toMatchObject({
      repository,
      chart,
      version,
      namespace: namespaceId ? ref("kubernetes_namespace_v1", namespaceId, "metadata[0].name") : namespace,
      create_namespace: false,
      atomic: true,
      wait: true,
      wait_for_jobs: true,
      cleanup_on_fail: true,
      max_history: 10,
    });
    expect(release.timeout).toBeGreaterThanOrEqual(600);
  });

  test("every add-on runs on the system group and tolerates its taint", () => {
    const placement = {
      nodeSelector: { "node-group": "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }],
    };

    for (const name of ["aws-load-balancer-controller", "metrics-server", "cluster-autoscaler", "keda"]) {
      expect(releaseOf(json, name).values).toMatchObject(placement);
    }
    const stackValues = releaseOf(json, "kube-prometheus-stack").values;
    expect(stackValues.prometheus.prometheusSpec).toMatchObject(placement);
    expect(stackValues.grafana).toMatchObject(placement);
  });

  describe("AWS Load Balancer Controller", () => {
    const { release, values } = releaseOf(json, "aws-load-balancer-controller");

    test("knows its cluster, region and VPC (no instance metadata needed) and leaves other Services alone", () => {
      expect(values).toMatchObject({
        clusterName: "acme-test-eks",
        region: "eu-west-1",
        vpcId: "vpc-123",
        serviceAccount: { create: true, name: "aws-load-balancer-controller" },
        replicaCount: 2,
        enableServiceMutatorWebhook: false,
      });
    });

    test("its Pod Identity role trusts kube-system/aws-load-balancer-controller of this cluster only", () => {
      const trust = trustOf(json, "LoadBalancerController_Role");
      const [associationId, association] = named(json, "aws_eks_pod_identity_association", "LoadBalancerController");

      expect(trust.principals).toEqual([{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }]);
      expect(conditionValue(trust, "aws:RequestTag/kubernetes-namespace")).toEqual(["kube-system"]);
      expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual([
        "aws-load-balancer-controller",
      ]);
      expect(conditionValue(trust, "aws:RequestTag/eks-cluster-arn")).toEqual([CONTEXT.cluster.clusterArn]);
      expect(association).toMatchObject({
        cluster_name: "acme-test-eks",
        namespace: "kube-system",
        service_account: "aws-load-balancer-controller",
      });
      expect(release.depends_on).toEqual([`aws_eks_pod_identity_association.${associationId}`]);
    });

    test("its mutating permissions only touch resources tagged for a cluster", () => {
      const statements: any[] = dataNamed(
        json,
        "aws_iam_policy_document",
        "LoadBalancerController_Role_PermissionsDocument",
      )[1].statement;
      const modify = statements.find((statement) => statement.sid === "ModifyOwnLoadBalancers");
      const create = statements.find((statement) => statement.sid === "CreateTaggedLoadBalancers");

      expect(modify.actions).toContain("elasticloadbalancing:DeleteLoadBalancer");
      expect(modify.condition).toEqual([
        { test: "Null", variable: "aws:ResourceTag/elbv2.k8s.aws/cluster", values: ["false"] },
      ]);
      expect(create.condition).toEqual([
        { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["false"] },
      ]);
      expect(statements.flatMap((statement) => statement.actions)).not.toContain("*");
    });
  });

  test("metrics-server: two replicas behind a disruption budget", () => {
    expect(releaseOf(json, "metrics-server").values).toMatchObject({
      replicas: 2,
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    });
  });

  describe("Cluster Autoscaler", () => {
    const { values } = releaseOf(json, "cluster-autoscaler");

    test("discovers the cluster's node groups, with the image of the cluster's Kubernetes minor", () => {
      expect(values).toMatchObject({
        cloudProvider: "aws",
        awsRegion: "eu-west-1",
        autoDiscovery: { clusterName: "acme-test-eks" },
        image: { tag: "v1.35.2" },
        rbac: { serviceAccount: { create: true, name: "cluster-autoscaler" } },
        extraArgs: { "balance-similar-node-groups": true, expander: "least-waste" },
      });
    });

    test("may resize only auto-scaling groups tagged as this cluster's", () => {
      const trust = trustOf(json, "ClusterAutoscaler_Role");
      const statements: any[] = dataNamed(
        json,
        "aws_iam_policy_document",
        "ClusterAutoscaler_Role_PermissionsDocument",
      )[1].statement;
      const resize = statements.find((statement) => statement.sid === "ResizeOwnNodeGroups");

      expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual(["cluster-autoscaler"]);
      expect(resize.actions).toEqual([
        "autoscaling:SetDesiredCapacity",
        "autoscaling:TerminateInstanceInAutoScalingGroup",
      ]);
      expect(resize.condition).toEqual([
        { test: "StringEquals", variable: "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled", values: ["true"] },
        {
          test: "StringEquals",
          variable: "aws:ResourceTag/k8s.io/cluster-autoscaler/acme-test-eks",
          values: ["owned"],
        },
      ]);
      const describe = statements.find((statement) => statement.sid === "DescribeScalingState");
      expect(describe.actions.every((action: string) => /:(Describe|Get)/.test(action))).toBe(true);
    });
  });

  describe("kube-prometheus-stack", () => {
    const { release, values } = releaseOf(json, "kube-prometheus-stack");

    test("Prometheus keeps the configured days on gp3 volumes with the configured resources", () => {
      expect(values.prometheus.prometheusSpec).toMatchObject({
        replicas: 2,
        retention: "15d",
        retentionSize: "85GiB",
        resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: "gp3",
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: "100Gi" } },
            },
          },
        },
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
      });
      expect(values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName).toBe("gp3");
      expect(values.grafana.persistence).toEqual({ enabled: true, storageClassName: "gp3", size: "10Gi" });
    });

    test("Grafana's ReadWriteOnce volume is handed over by a Recreate rollout (a rolling update would wait forever)", () => {
      expect(values.grafana.persistence.accessModes ?? ["ReadWriteOnce"]).toEqual(["ReadWriteOnce"]);
      expect(values.grafana.deploymentStrategy).toEqual({ type: "Recreate" });
    });

    test("does not scrape what EKS runs for us", () => {
      expect(values).toMatchObject({
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
      });
    });

    test("Grafana's admin password comes from a secret Terraform writes without holding it", () => {
      const [secretId, secret] = named(json, "kubernetes_secret_v1", "Monitoring_GrafanaAdmin");
      const password = "${ephemeral.aws_secretsmanager_random_password.Monitoring_GrafanaAdmin_Password_";

      expect(values.grafana.admin).toEqual({
        existingSecret: "grafana-admin",
        userKey: "admin-user",
        passwordKey: "admin-password",
      });
      expect(values.grafana.adminPassword).toBeUndefined();
      expect(secret.data).toBeUndefined();
      expect(secret.data_wo["admin-password"]).toContain(password);
      expect(secret.data_wo_revision).toBe(3);
      expect(onlyOf(json, "aws_secretsmanager_secret_version")).toMatchObject({
        secret_string_wo_version: 3,
      });
      expect(onlyOf(json, "aws_secretsmanager_secret_version").secret_string_wo).toContain(password.slice(2));
      expect(onlyOf(json, "aws_secretsmanager_secret").kms_key_id).toBe(
        "arn:aws:kms:eu-west-1:123456789012:key/secrets",
      );
      expect(release.depends_on).toContain(`kubernetes_secret_v1.${secretId}`);
      expect(JSON.stringify(json)).not.toMatch(/"(admin)?[pP]assword":\s*"[^$]/);
    });

    describe("additional scrape configs", () => {
      const [secretId, secret] = named(json, "kubernetes_secret_v1", "Monitoring_ScrapeConfigs");
      const jobs: any[] = parse(secret.data["additional-scrape-configs.yaml"]);
      const job = (name: string) => jobs.find((candidate) => candidate.job_name === name);
      const [localName, domain] = Object.entries((json as any).locals)[0] as [string, string];

      test("a Secret Terraform writes in the monitoring namespace, named in the Prometheus spec, before the release", () => {
        const namespaceId = named(json, "kubernetes_namespace_v1", "MonitoringNamespace")[0];

        expect(secret.metadata).toMatchObject({
          name: "prometheus-additional-scrape-configs",
          namespace: ref("kubernetes_namespace_v1", namespaceId, "metadata[0].name"),
        });
        expect(Object.keys(secret.data)).toEqual(["additional-scrape-configs.yaml"]);
        expect(values.prometheus.prometheusSpec.additionalScrapeConfigsSecret).toEqual({
          enabled: true,
          name: "prometheus-additional-scrape-configs",
          key: "additional-scrape-configs.yaml",
        });
        expect(release.depends_on).toContain(`kubernetes_secret_v1.${secretId}`);
        expect(jobs.map((candidate) => candidate.job_name)).toEqual(["msk-jmx", "msk-node", "kubernetes-pods"]);
      });

      test("the brokers' domain is read from the bootstrap string at apply, once", () => {
        expect(localName).toMatch(/^Monitoring_MskBrokerDomain_/);
        expect(domain).toBe(`\${element(regex("^b-[0-9]+[.]([^:,]+)", "${BOOTSTRAP_BROKERS}"), 0)}`);
      });

      test.each([
        ["msk-jmx", 11001],
        ["msk-node", 11002],
      ])("%s: every broker (b-1 to b-<count>) on port %d over HTTP, labelled with its broker id", (name, port) => {
        expect(job(name)).toEqual({
          job_name: name,
          scheme: "http",
          metrics_path: "/metrics",
          static_configs: [{ targets: [1, 2, 3, 4].map((id) => `b-${id}.\${local.${localName}}:${port}`) }],
          relabel_configs: [
            { source_labels: ["__address__"], regex: "b-([0-9]+)[.].*", target_label: "broker", replacement: "$1" },
          ],
        });
      });

      test("kubernetes-pods: annotated running pods, on their port and path, with namespace, pod and service labels", () => {
        const pods = job("kubernetes-pods");

        expect(pods.kubernetes_sd_configs).toEqual([{ role: "pod" }]);
        expect(pods.relabel_configs).toEqual([
          {
            source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"],
            regex: "true",
            action: "keep",
          },
          {
            source_labels: ["__meta_kubernetes_pod_phase"],
            regex: "Pending|Succeeded|Failed|Unknown",
            action: "drop",
          },
          {
            source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_path"],
            regex: "(.+)",
            target_label: "__metrics_path__",
            replacement: "$1",
          },
          {
            source_labels: ["__meta_kubernetes_pod_ip", "__meta_kubernetes_pod_annotation_prometheus_io_port"],
            regex: "(.+);([0-9]+)",
            target_label: "__address__",
            replacement: "$1:$2",
          },
          { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
          { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
          { source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"], target_label: "service" },
        ]);
      });

      test("without an MSK cluster, only the pods job", () => {
        const stack = testStack();
        new ClusterConnection(stack, "Connection", {
          clusterName: "acme-test-eks",
          endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
          certificateAuthorityData: "Y2VydA==",
        });
        new KubePrometheusStack(stack, "Monitoring", {
          ...MONITORING,
          msk: undefined,
          namespace: new PlatformNamespace(stack, "MonitoringNamespace", { name: "monitoring", enforce: "privileged" }),
          storageClassName: "gp3",
        });
        const out = synth(stack);
        const data = named(out, "kubernetes_secret_v1", "Monitoring_ScrapeConfigs")[1].data;

        expect(parse(data["additional-scrape-configs.yaml"]).map((candidate: any) => candidate.job_name)).toEqual([
          "kubernetes-pods",
        ]);
        expect((out as any).locals).toBeUndefined();
      });

      test("refuses a broker count MSK does not run", () => {
        const stack = testStack();
        expect(
          () =>
            new KubePrometheusStack(stack, "Monitoring", {
              ...MONITORING,
              msk: { bootstrapBrokers: BOOTSTRAP_BROKERS, brokerCount: 0 },
              namespace: new PlatformNamespace(stack, "MonitoringNamespace", {
                name: "monitoring",
                enforce: "privileged",
              }),
              storageClassName: "gp3",
            }),
        ).toThrow("msk.brokerCount: 0 is outside the allowed range; expected a whole number from 2 to 30");
      });
    });

    describe("Grafana", () => {
      test("data sources: the chart's Prometheus at uid prometheus, CloudWatch and X-Ray with the pod's credentials", () => {
        expect(values.grafana.sidecar.datasources).toEqual({
          enabled: true,
          defaultDatasourceEnabled: true,
          isDefaultDatasource: true,
          name: "Prometheus",
          uid: "prometheus",
        });
        expect(values.grafana.additionalDataSources).toEqual([
          {
            name: "CloudWatch",
            type: "cloudwatch",
            uid: "cloudwatch",
            access: "proxy",
            editable: false,
            jsonData: { authType: "default", defaultRegion: "eu-west-1" },
          },
          {
            name: "X-Ray",
            type: "grafana-x-ray-datasource",
            uid: "xray",
            access: "proxy",
            editable: false,
            jsonData: { authType: "default", defaultRegion: "eu-west-1" },
          },
        ]);
        // The X-Ray data source's plugin, at a pinned version.
        expect(values.grafana.plugins).toEqual(["grafana-x-ray-datasource 2.17.1"]);
      });

      test('the dashboard sidecar loads ConfigMaps labelled grafana_dashboard: "1" in the monitoring namespace', () => {
        expect(values.grafana.sidecar.dashboards).toEqual({
          enabled: true,
          label: "grafana_dashboard",
          labelValue: "1",
          searchNamespace: "monitoring",
        });
      });

      test("its service account has a Pod Identity role that reads CloudWatch metrics and X-Ray traces, and nothing else", () => {
        const trust = trustOf(json, "Monitoring_GrafanaRole");
        const [associationId, association] = named(json, "aws_eks_pod_identity_association", "Monitoring_GrafanaRole");
        const statements: any[] = dataNamed(
          json,
          "aws_iam_policy_document",
          "Monitoring_GrafanaRole_PermissionsDocument",
        )[1].statement;

        expect(values.grafana.serviceAccount).toEqual({
          create: true,
          name: "kube-prometheus-stack-grafana",
          autoMount: true,
        });
        expect(conditionValue(trust, "aws:RequestTag/kubernetes-namespace")).toEqual(["monitoring"]);
        expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual([
          "kube-prometheus-stack-grafana",
        ]);
        expect(association).toMatchObject({
          namespace: "monitoring",
          service_account: "kube-prometheus-stack-grafana",
        });
        expect(named(json, "aws_iam_role", "Monitoring_GrafanaRole")[1].name).toBe("acme-test-eks-grafana");
        expect(
          statements.map((statement) => [statement.sid, statement.effect, statement.actions, statement.resources]),
        ).toEqual([
          [
            "ReadCloudWatchMetrics",
            "Allow",
            [
              "cloudwatch:GetMetricData",
              "cloudwatch:ListMetrics",
              "cloudwatch:DescribeAlarms",
              "cloudwatch:DescribeAlarmsForMetric",
              "cloudwatch:DescribeAlarmHistory",
            ],
            ["*"],
          ],
          ["ReadEc2Dimensions", "Allow", ["ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeTags"], ["*"]],
          ["ReadResourceTags", "Allow", ["tag:GetResources"], ["*"]],
          [
            "ReadXRayTraces",
            "Allow",
            [
              "xray:BatchGetTraces",
              "xray:GetTraceSummaries",
              "xray:GetTraceGraph",
              "xray:GetServiceGraph",
              "xray:GetTimeSeriesServiceStatistics",
              "xray:GetInsightSummaries",
              "xray:GetInsight",
              "xray:GetGroups",
            ],
            ["*"],
          ],
        ]);
        expect(release.depends_on).toContain(`aws_eks_pod_identity_association.${associationId}`);
      });
    });
  });

  describe("KEDA", () => {
    test("an operator role for keda/keda-operator that starts with no permissions, and grants per scaler", () => {
      const { json: granted, keda } = buildAll();
      const trust = trustOf(granted, "Keda_OperatorRole");

      expect(conditionValue(trust, "aws:RequestTag/kubernetes-namespace")).toEqual(["keda"]);
      expect(conditionValue(trust, "aws:RequestTag/kubernetes-service-account")).toEqual(["keda-operator"]);
      expect(
        listOf(granted, "aws_iam_role_policy").filter((policy) => policy.role.includes("Keda_OperatorRole")),
      ).toEqual([]);
      expect(keda.operatorRole.roleArn).toBeDefined();
    });

    test("grantOperator adds exactly the scaler's statements", () => {
      const { keda } = buildAll();
      const stack = keda.node.scope as any;
      keda.grantOperator("ReportsLag", [
        { sid: "DescribeGroup", actions: ["kafka-cluster:DescribeGroup"], resources: ["arn:aws:kafka:group/reports"] },
      ]);
      const out = synth(stack);

      expect(named(out, "aws_iam_role_policy", "ReportsLagPolicy")[1].name).toBe("ReportsLag");
      expect(dataNamed(out, "aws_iam_policy_document", "ReportsLagDocument")[1].statement).toEqual([
        expect.objectContaining({ sid: "DescribeGroup", resources: ["arn:aws:kafka:group/reports"] }),
      ]);
    });

    test("two replicas of each part, scraped by Prometheus, after the Prometheus operator's CRDs", () => {
      const { release, values } = releaseOf(json, "keda");

      expect(values).toMatchObject({
        serviceAccount: { operator: { create: true, name: "keda-operator" } },
        operator: { replicaCount: 2 },
        metricsServer: { replicaCount: 2 },
        prometheus: { operator: { enabled: true, serviceMonitor: { enabled: true } } },
      });
      expect(release.depends_on).toContain(`helm_release.${named(json, "helm_release", "Monitoring_Chart")[0]}`);
    });
  });

  test("the default storage class: encrypted gp3 on the volume key, bound where the pod lands", () => {
    expect(onlyOf(json, "kubernetes_storage_class_v1")).toMatchObject({
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storage_provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/volumes" },
      volume_binding_mode: "WaitForFirstConsumer",
      allow_volume_expansion: true,
    });
  });

  test("namespaces carry Pod Security labels", () => {
    expect(named(json, "kubernetes_namespace_v1", "KedaNamespace")[1].metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  test("the providers authenticate with a short-lived token that is never stored", () => {
    const token = "${ephemeral.aws_eks_cluster_auth.Connection_Token_";
    const kubernetes = json.provider!.kubernetes[0];

    expect(kubernetes.host).toBe("https://ABC.gr7.eu-west-1.eks.amazonaws.com");
    expect(kubernetes.cluster_ca_certificate).toBe('${base64decode("Y2VydA==")}');
    expect(kubernetes.token).toContain(token);
    expect(json.provider!.helm[0].kubernetes.token).toContain(token);
    expect(json.data?.aws_eks_cluster_auth).toBeUndefined();
  });
});

describe("Cluster Autoscaler chart and image", () => {
  test("every pinned image from 1.35 on runs with a chart whose RBAC grants the DRA objects it watches (>= 9.54.0)", () => {
    const [major, minor] = CLUSTER_AUTOSCALER_CHART.version.split(".").map(Number);
    for (const release of Object.values(KUBERNETES_RELEASES)) {
      const imageMinor = Number(release.clusterAutoscalerImageTag.split(".")[1]);
      if (imageMinor >= 35) {
        expect(major > 9 || (major === 9 && minor >= 54)).toBe(true);
      }
    }
  });
});

describe("HelmAddon", () => {
  const props: HelmAddonProps = {
    chart: { repository: "https://charts.example.com", chart: "example", version: "1.2.3" },
    releaseName: "example",
    namespace: "default",
    values: { image: { tag: "v1" }, long: "x".repeat(120) },
  };

  test("renders values as YAML in the order written, without folding long lines", () => {
    const addon = new HelmAddon(testStack(), "Example", props);

    expect(addon.valuesYaml).toBe(`image:\n  tag: v1\nlong: ${"x".repeat(120)}\n`);
  });

  test.each<[string, Partial<HelmAddonProps>, string]>([
    [
      "a missing chart version",
      { chart: { ...props.chart, version: "" } },
      'chart.version: nothing is set for the "example" chart; expected an exact version such as 1.2.3',
    ],
    [
      "a version range",
      { chart: { ...props.chart, version: "^1.2.0" } },
      'chart.version: "^1.2.0" of the "example" chart is not an exact version; expected one such as 1.2.3 (no ranges, no "latest")',
    ],
    [
      "a plain-HTTP repository",
      { chart: { ...props.chart, repository: "http://charts.example.com" } },
      'chart.repository: "http://charts.example.com" is not an HTTPS URL',
    ],
    ["a release name over 53 characters", { releaseName: "r".repeat(54) }, "releaseName:"],
    [
      "a timeout over an hour",
      { timeoutSeconds: 7200 },
      "timeoutSeconds: 7200 is outside the allowed range; expected a whole number from 60 to 3600",
    ],
  ])("refuses %s", (_case, overrides, message) => {
    expect(() => new HelmAddon(testStack(), "Example", { ...props, ...overrides })).toThrow(message);
  });
});
