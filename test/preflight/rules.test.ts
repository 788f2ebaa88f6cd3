import * as fs from "node:fs";
import { replacementSuffix } from "../../constructs/core/replacement-name";
import { PREFLIGHT_RULES } from "../../src/preflight";
import { findings, output, remoteRead, where } from "./fixtures";

const SG = "${aws_security_group.Nodes.id}";
const LB = "${aws_security_group.Lb.id}";

describe("PF_SG_DUPLICATE_RULE", () => {
  const rule = (port: number, description: string) => ({
    security_group_id: SG,
    referenced_security_group_id: LB,
    ip_protocol: "tcp",
    from_port: port,
    to_port: port,
    description,
  });

  test("two rules with one permission in one stack: the second is refused by EC2", () => {
    const result = findings("PF_SG_DUPLICATE_RULE", {
      id: "prod-workloads",
      blocks: {
        "aws_vpc_security_group_ingress_rule.Auth": rule(8080, "auth pods"),
        "aws_vpc_security_group_ingress_rule.Reports": rule(8080, "reports pods"),
      },
    });

    expect(where(result)).toEqual(["PF_SG_DUPLICATE_RULE prod-workloads aws_vpc_security_group_ingress_rule.Reports"]);
    expect(result[0].message).toBe(
      "ingress tcp 8080-8080 with security group prod-workloads:${aws_security_group.Lb.id} is already granted by aws_vpc_security_group_ingress_rule.Auth; EC2 rejects it as InvalidPermission.Duplicate. Write one rule per distinct permission (for example one per port, not one per service)",
    );
  });

  test("the same permission written in two stacks, through a cross-stack reference, is a duplicate too", () => {
    const read = remoteRead("prod-cluster");
    const result = findings(
      "PF_SG_DUPLICATE_RULE",
      {
        id: "prod-cluster",
        blocks: {
          "aws_security_group.Nodes": { name: "nodes" },
          "aws_vpc_security_group_egress_rule.Out": {
            security_group_id: SG,
            cidr_ipv4: "0.0.0.0/0",
            ip_protocol: "-1",
          },
        },
        outputs: { nodes: SG },
      },
      {
        id: "prod-workloads",
        dependencies: ["prod-cluster"],
        blocks: {
          [read.address]: read.block,
          "aws_vpc_security_group_egress_rule.AllOut": {
            security_group_id: output("prod-cluster", "nodes"),
            cidr_ipv4: "0.0.0.0/0",
            ip_protocol: "all",
          },
        },
      },
    );

    expect(where(result)).toEqual(["PF_SG_DUPLICATE_RULE prod-workloads aws_vpc_security_group_egress_rule.AllOut"]);
    expect(result[0].message).toContain("already granted by prod-cluster aws_vpc_security_group_egress_rule.Out");
  });

  test("rules that differ in port, direction or peer are not duplicates", () => {
    expect(
      findings("PF_SG_DUPLICATE_RULE", {
        id: "prod-workloads",
        blocks: {
          "aws_vpc_security_group_ingress_rule.A": rule(8080, "a"),
          "aws_vpc_security_group_ingress_rule.B": rule(8081, "b"),
          "aws_vpc_security_group_egress_rule.C": { ...rule(8080, "c") },
          "aws_vpc_security_group_ingress_rule.D": { ...rule(8080, "d"), referenced_security_group_id: "sg-0abc" },
        },
      }),
    ).toEqual([]);
  });
});

describe("PF_SG_INLINE_AND_STANDALONE", () => {
  test("inline rules and a rule resource on one group fight on every apply", () => {
    const blocks = {
      "aws_security_group.Nodes": { name: "nodes", ingress: [{ protocol: "tcp", from_port: 443, to_port: 443 }] },
      "aws_vpc_security_group_ingress_rule.Extra": { security_group_id: SG, ip_protocol: "tcp", from_port: 80 },
    };
    expect(where(findings("PF_SG_INLINE_AND_STANDALONE", { id: "prod-network", blocks }))).toEqual([
      "PF_SG_INLINE_AND_STANDALONE prod-network aws_security_group.Nodes",
    ]);
    const standaloneOnly = { ...blocks, "aws_security_group.Nodes": { name: "nodes" } };
    expect(findings("PF_SG_INLINE_AND_STANDALONE", { id: "prod-network", blocks: standaloneOnly })).toEqual([]);
  });
});

describe("PF_NAME_LIMIT", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "aws_lb_target_group.Tg",
      { name: "acme-production-internal-reports-8080" },
      'name "acme-production-internal-reports-8080" has 37 characters; expected at most 32 letters, digits and hyphens',
    ],
    [
      "aws_lb_target_group.Prefixed",
      { name_prefix: "reports-" },
      'name_prefix "reports-" has 8 characters; expected at most 6 (Terraform adds 26 to reach the 32-character name)',
    ],
    [
      "aws_elasticache_replication_group.Cache",
      { replication_group_id: "acme-production-cache-for-the-monolith-01" },
      'replication_group_id "acme-production-cache-for-the-monolith-01" has 41 characters; expected 1 to 40 lower-case letters, digits and hyphens, starting with a letter',
    ],
    [
      "aws_db_instance.Db",
      { identifier: "acme-prod--db" },
      'identifier "acme-prod--db" has two hyphens in a row; expected 1 to 63 lower-case letters, digits and hyphens, starting with a letter',
    ],
    [
      "aws_kms_alias.Alias",
      { name: "alias/aws/acme" },
      'name "alias/aws/acme" begins with the reserved alias/aws/; expected alias/ then letters, digits and _/-, at most 256 characters',
    ],
    [
      "aws_iam_role.Role",
      { name_prefix: "acme-production-platform-cluster-autoscaler-" },
      'name_prefix "acme-production-platform-cluster-autoscaler-" has 44 characters; expected at most 38 (Terraform adds 26 to reach the 64-character name)',
    ],
  ])("%s %j", (address, body, message) => {
    const result = findings("PF_NAME_LIMIT", { id: "prod-data", blocks: { [address]: body } });
    expect(result.map((finding) => finding.message)).toEqual([message]);
  });

  test("names within the limits, and names known only at apply, pass", () => {
    expect(
      findings("PF_NAME_LIMIT", {
        id: "prod-data",
        blocks: {
          "aws_lb.Lb": { name: "acme-prod-internal" },
          "aws_lb_target_group.Tg": { name_prefix: "auth-" },
          "aws_s3_bucket.B": { bucket: "acme-prod-static-${data.aws_caller_identity.Id.account_id}" },
          "aws_db_instance.Db": { identifier: "acme-prod-db-shard-0" },
        },
      }),
    ).toEqual([]);
  });
});

describe("PF_NAME_COLLISION", () => {
  const role = (name: string) => ({ "aws_iam_role.Role": { name } });

  test("IAM role names are unique per account, across regions and stacks", () => {
    const result = findings(
      "PF_NAME_COLLISION",
      { id: "prod-cluster", blocks: role("acme-prod-eks-node") },
      { id: "prod-edge", region: "us-east-1", blocks: role("acme-prod-eks-node") },
    );
    expect(result.map((finding) => `${finding.stack} ${finding.message}`)).toEqual([
      'prod-edge name "acme-prod-eks-node" is also the name of prod-cluster aws_iam_role.Role, and must be unique in the account',
    ]);
  });

  test("the same name in two pinned accounts is fine; in two unpinned ones it may collide", () => {
    expect(
      findings(
        "PF_NAME_COLLISION",
        { id: "dev-cluster", account: "111111111111", blocks: role("platform") },
        { id: "staging-cluster", account: "222222222222", blocks: role("platform") },
      ),
    ).toEqual([]);
    expect(
      findings(
        "PF_NAME_COLLISION",
        { id: "dev-cluster", account: null, blocks: role("platform") },
        { id: "staging-cluster", account: null, blocks: role("platform") },
      ),
    ).toHaveLength(1);
  });

  test("account-wide settings and service-linked roles may be managed by one stack of an account only", () => {
    const settings = { "aws_api_gateway_account.Settings": { cloudwatch_role_arn: "arn" } };
    const linked = { "aws_iam_service_linked_role.Asg": { aws_service_name: "autoscaling.amazonaws.com" } };
    const result = findings(
      "PF_NAME_COLLISION",
      { id: "dev-edge", account: null, blocks: settings },
      { id: "staging-edge", account: null, blocks: settings },
      { id: "dev-network", blocks: linked },
      { id: "staging-network", blocks: linked },
    );
    expect(where(result)).toEqual([
      "PF_NAME_COLLISION staging-edge aws_api_gateway_account.Settings",
      "PF_NAME_COLLISION staging-network aws_iam_service_linked_role.Asg",
    ]);
    expect(result[1].message).toBe(
      "The service-linked role of autoscaling.amazonaws.com exists once per account, and dev-network aws_iam_service_linked_role.Asg manages it too; let one environment manage it",
    );
  });

  test("metric and composite alarms share one namespace of names", () => {
    const result = findings("PF_NAME_COLLISION", {
      id: "prod-observability",
      blocks: {
        "aws_cloudwatch_metric_alarm.A": { alarm_name: "acme-prod-db-cpu" },
        "aws_cloudwatch_composite_alarm.B": { alarm_name: "acme-prod-db-cpu" },
      },
    });
    expect(where(result)).toEqual(["PF_NAME_COLLISION prod-observability aws_cloudwatch_composite_alarm.B"]);
  });
});

describe("PF_GLOBAL_NAME", () => {
  test("a bucket name without the account id is refused; with the id, or the caller's account, it passes", () => {
    const result = findings("PF_GLOBAL_NAME", {
      id: "prod-bootstrap",
      account: "333333333333",
      blocks: {
        "aws_s3_bucket.Plain": { bucket: "acme-prod-terraform-state" },
        "aws_s3_bucket.Literal": { bucket: "acme-prod-tfstate-333333333333" },
        "aws_s3_bucket.Reference": { bucket: "acme-prod-static-${data.aws_caller_identity.Id.account_id}-eu-west-1" },
      },
    });
    expect(where(result)).toEqual(["PF_GLOBAL_NAME prod-bootstrap aws_s3_bucket.Plain"]);
    expect(result[0].message).toBe(
      'bucket "acme-prod-terraform-state" is global across all AWS accounts but holds no account id (333333333333); add the account id to the name',
    );
  });
});

describe("PF_CBD_FIXED_NAME", () => {
  const family = "valkey8";
  const description = "Cluster-mode valkey8 parameters of acme-prod-cache";

  test("a fixed name that stays when a replacing argument changes collides with its own replacement", () => {
    const result = findings("PF_CBD_FIXED_NAME", {
      id: "prod-data",
      blocks: {
        "aws_elasticache_parameter_group.Params": {
          name: "acme-prod-cache-valkey8",
          family,
          description,
          lifecycle: { create_before_destroy: true },
        },
        "aws_lb_target_group.Tg": {
          name: "acme-prod-auth",
          port: 8080,
          vpc_id: "${aws_vpc.Vpc.id}",
          lifecycle: { create_before_destroy: true },
        },
      },
    });
    expect(result.map((finding) => finding.message)).toEqual([
      `name "acme-prod-cache-valkey8" stays the same when family or description change, and the replacement is created first; end the name with -${replacementSuffix({ family, description })} (replacementSuffix of those arguments)`,
      "name is fixed but vpc_id (which force replacement) are known only at apply; use name_prefix instead",
    ]);
  });

  test("a name carrying the hash of the replacing arguments, a prefix, or no create-before-destroy pass", () => {
    expect(
      findings("PF_CBD_FIXED_NAME", {
        id: "prod-data",
        blocks: {
          "aws_elasticache_parameter_group.Params": {
            name: `acme-prod-cache-valkey8-${replacementSuffix({ family, description })}`,
            family,
            description,
            lifecycle: { create_before_destroy: true },
          },
          "aws_lb_target_group.Tg": { name_prefix: "auth-", port: 8080, lifecycle: { create_before_destroy: true } },
          "aws_msk_configuration.Plain": { name: "acme-prod-kafka", kafka_versions: ["3.9.x"] },
        },
      }),
    ).toEqual([]);
  });
});

describe("PF_OWNED_ATTRIBUTE", () => {
  const group = (ignore: string[]) => ({
    "aws_autoscaling_group.Asg": {
      name: "monolith",
      min_size: 2,
      max_size: 6,
      desired_capacity: 2,
      lifecycle: { ignore_changes: ignore },
    },
    "aws_autoscaling_policy.Cpu": { autoscaling_group_name: "${aws_autoscaling_group.Asg.name}" },
    "aws_autoscaling_schedule.Night": {
      autoscaling_group_name: "${aws_autoscaling_group.Asg.name}",
      min_size: 1,
      max_size: -1,
      desired_capacity: -1,
    },
  });

  test("a schedule's bounds and a policy's desired capacity must be ignored", () => {
    const result = findings("PF_OWNED_ATTRIBUTE", { id: "prod-workloads", blocks: group(["desired_capacity"]) });
    expect(result.map((finding) => finding.message)).toEqual([
      "min_size is changed by scheduled action aws_autoscaling_schedule.Night but not in lifecycle.ignore_changes: every apply resets it",
    ]);
    expect(
      findings("PF_OWNED_ATTRIBUTE", { id: "prod-workloads", blocks: group(["desired_capacity", "min_size"]) }),
    ).toEqual([]);
  });

  test("node groups with a range, Application Auto Scaling targets, and HPA/KEDA-scaled deployments", () => {
    const result = findings("PF_OWNED_ATTRIBUTE", {
      id: "prod-data",
      blocks: {
        "aws_eks_node_group.Nodes": { scaling_config: { min_size: 2, max_size: 10, desired_size: 2 } },
        "aws_elasticache_replication_group.Cache": { replication_group_id: "c", num_node_groups: 2 },
        "aws_appautoscaling_target.Shards": {
          resource_id: "replication-group/${aws_elasticache_replication_group.Cache.replication_group_id}",
          scalable_dimension: "elasticache:replication-group:NodeGroups",
        },
        "kubernetes_namespace_v1.Ns": { metadata: { name: "reports" } },
        "kubernetes_deployment_v1.Reports": {
          metadata: { name: "reports", namespace: "${kubernetes_namespace_v1.Ns.metadata[0].name}" },
          spec: { replicas: "2" },
        },
        "kubernetes_manifest.Scaled": {
          manifest: {
            kind: "ScaledObject",
            metadata: { namespace: "reports" },
            spec: { scaleTargetRef: { name: "reports" } },
          },
        },
      },
    });
    expect(result.map((finding) => `${finding.address}: ${finding.message.split(" is changed")[0]}`)).toEqual([
      "aws_eks_node_group.Nodes: scaling_config[0].desired_size",
      "aws_elasticache_replication_group.Cache: num_node_groups",
      "kubernetes_deployment_v1.Reports: spec[0].replicas",
    ]);
  });
});

describe("PF_STACK_ORDER", () => {
  const read = remoteRead("prod-network");
  const consumer = (dependencies: string[], outputName = "vpc_id") => ({
    id: "prod-data",
    dependencies,
    blocks: {
      [read.address]: read.block,
      "aws_security_group.Db": { name: "db", vpc_id: output("prod-network", outputName) },
    },
  });
  const producer = { id: "prod-network", outputs: { vpc_id: "${aws_vpc.Vpc.id}" } };

  test("a read of an earlier stack it depends on, of an output it has, passes", () => {
    expect(findings("PF_STACK_ORDER", producer, consumer(["prod-network"]))).toEqual([]);
  });

  test("a read of a stack the manifest does not order first, a missing output, and a state nobody writes", () => {
    expect(findings("PF_STACK_ORDER", producer, consumer([])).map((finding) => finding.message)).toEqual([
      "reads prod-network, which the manifest does not list as a dependency: cdktf would not apply it first",
    ]);
    expect(
      findings("PF_STACK_ORDER", producer, consumer(["prod-network"], "vpc")).map((finding) => finding.message),
    ).toEqual(["reads output vpc, which prod-network does not have"]);
    expect(findings("PF_STACK_ORDER", consumer([])).map((finding) => finding.message)).toEqual([
      'reads local state "../../../.tfstate/prod-network.tfstate", which no stack of this output writes',
    ]);
  });
});

describe("PF_CRD_AT_PLAN", () => {
  const binding = {
    "kubernetes_manifest.Binding": { manifest: { apiVersion: "elbv2.k8s.aws/v1beta1", kind: "TargetGroupBinding" } },
  };
  const controller = { "helm_release.Lbc": { chart: "aws-load-balancer-controller" } };

  test("a custom resource planned in the stack that installs its CRD fails at plan", () => {
    const result = findings("PF_CRD_AT_PLAN", { id: "prod-addons", blocks: { ...binding, ...controller } });
    expect(result.map((finding) => finding.message)).toEqual([
      "TargetGroupBinding needs the CRDs of aws-load-balancer-controller, installed by prod-addons: that stack must be applied first (a manifest dependency, not the same stack)",
    ]);
  });

  test("a custom resource in a stack that depends on the installer passes; an unknown group is reported", () => {
    expect(
      findings(
        "PF_CRD_AT_PLAN",
        { id: "prod-addons", blocks: controller },
        { id: "prod-workloads", dependencies: ["prod-addons"], blocks: binding },
      ),
    ).toEqual([]);
    const unknown = { "kubernetes_manifest.X": { manifest: { apiVersion: "example.com/v1", kind: "Widget" } } };
    expect(findings("PF_CRD_AT_PLAN", { id: "prod-workloads", blocks: unknown })[0].message).toBe(
      "Widget (example.com) is a custom resource no known chart installs; add its chart to CRD_CHARTS",
    );
  });
});

describe("PF_ROLE_BEFORE_POLICY", () => {
  const blocks = (dependsOn?: string[]) => ({
    "aws_iam_role.Monitoring": { name: "monitoring" },
    "aws_iam_role_policy_attachment.Policy": { role: "${aws_iam_role.Monitoring.name}", policy_arn: "arn" },
    "aws_db_instance.Db": { monitoring_role_arn: "${aws_iam_role.Monitoring.arn}", depends_on: dependsOn },
  });

  test("an instance handed the monitoring role must wait for its policy", () => {
    expect(findings("PF_ROLE_BEFORE_POLICY", { id: "prod-data", blocks: blocks() })[0].message).toBe(
      "monitoring_role_arn hands aws_iam_role.Monitoring to the service without depending on aws_iam_role_policy_attachment.Policy; add them to depends_on",
    );
    expect(
      findings("PF_ROLE_BEFORE_POLICY", { id: "prod-data", blocks: blocks(["aws_iam_role_policy_attachment.Policy"]) }),
    ).toEqual([]);
  });
});

describe("PF_SERVICE_LINKED_ROLE", () => {
  const statement = (identifiers: string[]) => ({
    "data.aws_iam_policy_document.KeyPolicy": { statement: [{ principals: [{ type: "AWS", identifiers }] }] },
  });

  test("a key policy naming the Auto Scaling role by a literal ARN fails in a fresh account", () => {
    const arn =
      "arn:${data.aws_partition.P.partition}:iam::${data.aws_caller_identity.I.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    expect(where(findings("PF_SERVICE_LINKED_ROLE", { id: "prod-cluster", blocks: statement([arn]) }))).toEqual([
      "PF_SERVICE_LINKED_ROLE prod-cluster data.aws_iam_policy_document.KeyPolicy",
    ]);
  });

  test("the role's resource or a lookup of it, in this or an earlier stack, passes", () => {
    const read = remoteRead("prod-network");
    expect(
      findings(
        "PF_SERVICE_LINKED_ROLE",
        { id: "prod-network", outputs: { asg_role: "${aws_iam_service_linked_role.Asg.arn}" } },
        {
          id: "prod-cluster",
          dependencies: ["prod-network"],
          blocks: {
            [read.address]: read.block,
            ...statement([output("prod-network", "asg_role"), "${data.aws_iam_role.Lookup.arn}"]),
          },
        },
      ),
    ).toEqual([]);
  });
});

test("every rule has an id, a title and a reason, and is tested here", () => {
  const source = fs.readFileSync(__filename, "utf8");
  for (const rule of PREFLIGHT_RULES) {
    expect(rule.id).toMatch(/^PF_[A-Z_]+$/);
    expect(rule.title.length).toBeGreaterThan(20);
    expect(rule.why.length).toBeGreaterThan(40);
    expect(source).toContain(`describe("${rule.id}"`);
  }
});
