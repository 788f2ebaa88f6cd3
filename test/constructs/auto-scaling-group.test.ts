import { TerraformVariable } from "cdktf";
import { AutoScalingGroup, type AutoScalingGroupProps } from "../../constructs/compute/auto-scaling-group";
import {
  AL2023_AMI_PARAMETERS,
  checkCapacity,
  checkCron,
  checkScheduledAction,
  DEFAULT_TERMINATION_POLICIES,
} from "../../constructs/compute/options";
import {
  dataNamed,
  listOf,
  named,
  onlyOf,
  ref,
  resourcesOf,
  synth,
  synthWithValues,
  testStack,
  type StackJson,
} from "../helpers";

const BASE: AutoScalingGroupProps = {
  name: "acme-test-monolith",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  instanceTypes: ["m7g.large", "m6g.large"],
  minSize: 2,
  maxSize: 6,
  port: 8080,
  scaling: { cpuTargetPercent: 70 },
};

const TARGET_GROUP =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-test-monolith/943f017f100becff";
const RESOURCE_LABEL = "app/acme-test-alb/50dc6c495c0c9188/targetgroup/acme-test-monolith/943f017f100becff";
/** By default the key policy names the service-linked role through a lookup, which fails at plan if it is missing. */
const SERVICE_LINKED_ROLE = "${data.aws_iam_role.Group_AutoScalingRole_Lookup_E0475B71.arn}";

function build(props: Partial<AutoScalingGroupProps> = {}): { json: StackJson; asg: AutoScalingGroup } {
  const stack = testStack();
  const asg = new AutoScalingGroup(stack, "Group", { ...BASE, ...props });
  return { json: synth(stack), asg };
}

/** BASE with some scaling settings. */
function scaling(overrides: Partial<AutoScalingGroupProps["scaling"]>): Partial<AutoScalingGroupProps> {
  return { scaling: { ...BASE.scaling, ...overrides } };
}

function groupOf(json: StackJson): any {
  return onlyOf(json, "aws_autoscaling_group");
}

function templateOf(json: StackJson): any {
  return onlyOf(json, "aws_launch_template");
}

function policyOf(json: StackJson, constructId: string): any {
  return named(json, "aws_autoscaling_policy", constructId)[1];
}

describe("AutoScalingGroup", () => {
  const { json, asg } = build();
  const group = groupOf(json);
  const template = templateOf(json);
  const [templateId] = named(json, "aws_launch_template", "LaunchTemplate");
  const [sgId] = named(json, "aws_security_group", "SecurityGroup");

  describe("launch template", () => {
    test("IMDSv2 only, with hop limit 1 and no instance tags in metadata", () => {
      expect(template.metadata_options).toEqual({
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      });
    });

    test("the instance profile, the group's security group, detailed monitoring, no key pair", () => {
      const [profileId] = named(json, "aws_iam_instance_profile", "InstanceProfile");

      expect(template).toMatchObject({
        name_prefix: "acme-test-monolith-",
        iam_instance_profile: { arn: ref("aws_iam_instance_profile", profileId, "arn") },
        vpc_security_group_ids: [ref("aws_security_group", sgId)],
        monitoring: { enabled: true },
        update_default_version: true,
        lifecycle: { create_before_destroy: true },
      });
      expect(template.key_name).toBeUndefined();
      expect(template.user_data).toBeUndefined();
    });

    test("an encrypted gp3 root volume of 30 GiB on the group's own rotating key", () => {
      const [keyId, key] = named(json, "aws_kms_key", "VolumeKey");

      expect(template.block_device_mappings).toEqual([
        {
          device_name: "/dev/xvda",
          ebs: {
            volume_size: 30,
            volume_type: "gp3",
            encrypted: "true",
            kms_key_id: ref("aws_kms_key", keyId, "arn"),
            delete_on_termination: "true",
          },
        },
      ]);
      expect(key.enable_key_rotation).toBe(true);
      expect(onlyOf(json, "aws_kms_alias").name).toBe("alias/acme-test-monolith-volumes");
    });

    test("the key policy lets the Auto Scaling service-linked role encrypt volumes and create grants for them", () => {
      const statements = dataNamed(json, "aws_iam_policy_document", "VolumeKey_Policy")[1].statement;

      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sid: "AllowAutoScalingVolumes",
            principals: [{ type: "AWS", identifiers: [SERVICE_LINKED_ROLE] }],
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          }),
          expect.objectContaining({
            sid: "AllowAutoScalingGrants",
            principals: [{ type: "AWS", identifiers: [SERVICE_LINKED_ROLE] }],
            actions: ["kms:CreateGrant"],
            condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
          }),
        ]),
      );
    });

    test("a given service-linked role ARN is named instead of a lookup", () => {
      const role = "${data.terraform_remote_state.network.outputs.auto_scaling_role_arn}";
      const { json: out } = build({ rootVolume: { autoScalingRoleArn: role } });
      const statements = dataNamed(out, "aws_iam_policy_document", "VolumeKey_Policy")[1].statement;

      expect(out.data?.aws_iam_role).toBeUndefined();
      expect(statements.filter((statement: any) => statement.sid.startsWith("AllowAutoScaling"))).toEqual([
        expect.objectContaining({ principals: [{ type: "AWS", identifiers: [role] }] }),
        expect.objectContaining({ principals: [{ type: "AWS", identifiers: [role] }] }),
      ]);
    });

    test("a given key and size: no key is created", () => {
      const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      const { json: given, asg: withKey } = build({ rootVolume: { sizeGiB: 100, kmsKeyArn: keyArn } });

      expect(templateOf(given).block_device_mappings[0].ebs).toMatchObject({
        volume_size: 100,
        volume_type: "gp3",
        encrypted: "true",
        kms_key_id: keyArn,
      });
      expect(resourcesOf(given, "aws_kms_key")).toEqual({});
      expect(withKey.volumeKey).toBeUndefined();
      expect(withKey.volumeKeyArn).toBe(keyArn);
    });

    test.each<[string, readonly string[], string | undefined, string]>([
      ["Graviton", ["m7g.large", "c7g.large"], undefined, AL2023_AMI_PARAMETERS.arm64],
      ["x86", ["m7i.large", "m6i.large"], undefined, AL2023_AMI_PARAMETERS.x86_64],
      ["a given parameter", ["m7i.large", "m6i.large"], "/acme/monolith/ami", "/acme/monolith/ami"],
    ])("the image of %s instance types comes from its SSM parameter", (_case, instanceTypes, amiParameter, name) => {
      const { json: out } = build({ instanceTypes, amiParameter });
      const [parameterId, parameter] = dataNamed(out, "aws_ssm_parameter", "AmiParameter");

      expect(parameter.name).toBe(name);
      expect(templateOf(out).image_id).toBe(`\${data.aws_ssm_parameter.${parameterId}.insecure_value}`);
    });

    test("the default image parameters are Amazon Linux 2023 of each architecture", () => {
      expect(AL2023_AMI_PARAMETERS).toEqual({
        arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
        x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
      });
    });

    test("Name and the instance tags on instances, volumes and network interfaces; Name cannot be overridden", () => {
      const { json: tagged } = build({ instanceTags: { Project: "acme", Name: "other" } });
      const tags = { Project: "acme", Name: "acme-test-monolith" };

      expect(templateOf(tagged).tag_specifications).toEqual([
        { resource_type: "instance", tags },
        { resource_type: "volume", tags },
        { resource_type: "network-interface", tags },
      ]);
      expect(groupOf(tagged).tag).toEqual([
        { key: "Project", value: "acme", propagate_at_launch: true },
        { key: "Name", value: "acme-test-monolith", propagate_at_launch: true },
      ]);
    });
  });

  describe("user data", () => {
    test("a literal script is base64-encoded at synth, so Terraform never reads it as a template", () => {
      const script = "#!/bin/bash\necho ${HOME} %{not-a-directive}\n";
      const { json: out } = build({ userData: script });
      const encoded = templateOf(out).user_data;

      expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(encoded, "base64").toString("utf8")).toBe(script);
    });

    test("a script with references is encoded by Terraform, with template characters escaped", () => {
      const stack = testStack();
      const endpoint = new TerraformVariable(stack, "endpoint", { type: "string" });
      new AutoScalingGroup(stack, "Group", {
        ...BASE,
        userData: `#!/bin/bash\necho ${endpoint.stringValue} %{x} \${HOME}\n`,
      });

      expect(templateOf(synth(stack)).user_data).toBe(
        '${base64encode("#!/bin/bash\\necho ${var.endpoint} %%{x} $${HOME}\\n")}',
      );
    });
  });

  describe("group", () => {
    test("named, in every subnet, starting at the minimum, with desired capacity left to the scaling policies", () => {
      expect(group).toMatchObject({
        name: "acme-test-monolith",
        vpc_zone_identifier: ["subnet-a", "subnet-b", "subnet-c"],
        min_size: 2,
        max_size: 6,
        desired_capacity: 2,
        protect_from_scale_in: false,
        wait_for_capacity_timeout: "10m",
        lifecycle: { ignore_changes: ["desired_capacity"] },
      });
    });

    test("scheduled actions own the bounds they set: min_size and max_size join ignore_changes", () => {
      const night = { name: "night", recurrence: "0 20 * * *" };
      const both = build(scaling({ scheduled: [{ ...night, minSize: 1, maxSize: 2 }] })).json;
      const minOnly = build(scaling({ scheduled: [{ ...night, minSize: 1 }] })).json;
      const desiredOnly = build(scaling({ scheduled: [{ ...night, desiredCapacity: 3 }] })).json;

      expect(groupOf(both).lifecycle.ignore_changes).toEqual(["desired_capacity", "min_size", "max_size"]);
      expect(groupOf(minOnly).lifecycle.ignore_changes).toEqual(["desired_capacity", "min_size"]);
      expect(groupOf(desiredOnly).lifecycle.ignore_changes).toEqual(["desired_capacity"]);
    });

    test("instance types of different sizes are weighted by vCPUs, in units of the first type", () => {
      const { json: out, asg: weighted } = build({ instanceTypes: ["m7g.large", "c7g.xlarge"], minSize: 4 });

      expect(groupOf(out).mixed_instances_policy.launch_template.override).toEqual([
        { instance_type: "m7g.large", weighted_capacity: "1" },
        { instance_type: "c7g.xlarge", weighted_capacity: "2" },
      ]);
      // Desired capacity is in units then, so the in-service figure compared with it is in units too.
      expect(weighted.metrics.inServiceInstances.metricName).toBe("GroupInServiceCapacity");
      expect(asg.metrics.inServiceInstances.metricName).toBe("GroupInServiceInstances");
    });

    test("instance types of one size carry no weights", () => {
      expect(group.mixed_instances_policy.launch_template.override).toEqual([
        { instance_type: "m7g.large" },
        { instance_type: "m6g.large" },
      ]);
    });

    test("a desired capacity at creation", () => {
      expect(groupOf(build({ desiredCapacity: 4 }).json).desired_capacity).toBe(4);
    });

    test("mixed instances: on-demand up to the minimum, spot above it, one override per instance type", () => {
      expect(group.mixed_instances_policy).toEqual({
        instances_distribution: {
          on_demand_base_capacity: 2,
          on_demand_percentage_above_base_capacity: 0,
          spot_allocation_strategy: "price-capacity-optimized",
        },
        launch_template: {
          launch_template_specification: {
            launch_template_id: ref("aws_launch_template", templateId),
            version: ref("aws_launch_template", templateId, "latest_version"),
          },
          override: [{ instance_type: "m7g.large" }, { instance_type: "m6g.large" }],
        },
      });
      expect(group.capacity_rebalance).toBe(true);
      expect(group.launch_template).toBeUndefined();
    });

    test("a custom distribution", () => {
      const { json: out } = build({
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBase: 50,
        spotAllocationStrategy: "capacity-optimized",
        capacityRebalance: false,
      });

      expect(groupOf(out).mixed_instances_policy.instances_distribution).toEqual({
        on_demand_base_capacity: 1,
        on_demand_percentage_above_base_capacity: 50,
        spot_allocation_strategy: "capacity-optimized",
      });
      expect(groupOf(out).capacity_rebalance).toBe(false);
    });

    test("all on-demand needs only one instance type", () => {
      const { json: out } = build({ instanceTypes: ["m7g.large"], onDemandPercentageAboveBase: 100 });

      expect(groupOf(out).mixed_instances_policy.launch_template.override).toEqual([{ instance_type: "m7g.large" }]);
    });

    test.each<[string, readonly string[] | undefined, string, string[] | undefined]>([
      ["with target groups, the load balancer's", [TARGET_GROUP], "ELB", [TARGET_GROUP]],
      ["without, EC2 status checks", undefined, "EC2", undefined],
    ])("health checks: %s", (_case, targetGroupArns, type, registered) => {
      const out = groupOf(build({ targetGroupArns }).json);

      expect(out.health_check_type).toBe(type);
      expect(out.target_group_arns).toEqual(registered);
      expect(out.health_check_grace_period).toBe(300);
    });

    test("a custom health check grace period", () => {
      expect(groupOf(build({ healthCheckGracePeriodSeconds: 600 }).json).health_check_grace_period).toBe(600);
    });

    test("group metrics for dashboards, at one-minute granularity", () => {
      expect(group.enabled_metrics).toEqual(
        expect.arrayContaining(["GroupInServiceInstances", "GroupDesiredCapacity", "GroupMinSize", "GroupMaxSize"]),
      );
      expect(group.metrics_granularity).toBe("1Minute");
    });

    test("instance refresh: rolling, 90 % healthy, 300 s warmup, matching instances skipped, automatic rollback", () => {
      expect(group.instance_refresh).toEqual({
        strategy: "Rolling",
        preferences: {
          min_healthy_percentage: 90,
          instance_warmup: "300",
          skip_matching: true,
          auto_rollback: true,
        },
      });
      expect(group.default_instance_warmup).toBe(300);
    });

    test("custom instance refresh preferences; the warmup is also the group's default", () => {
      const out = groupOf(build({ instanceRefresh: { minHealthyPercentage: 50, instanceWarmupSeconds: 120 } }).json);

      expect(out.instance_refresh.preferences).toMatchObject({ min_healthy_percentage: 50, instance_warmup: "120" });
      expect(out.default_instance_warmup).toBe(120);
    });

    test.each<[string, readonly string[] | undefined, readonly string[]]>([
      ["stale launch templates first by default", undefined, ["OldestLaunchTemplate", "AllocationStrategy", "Default"]],
      ["as given", ["OldestInstance", "Default"], ["OldestInstance", "Default"]],
    ])("termination policies: %s", (_case, terminationPolicies, expected) => {
      expect(groupOf(build({ terminationPolicies }).json).termination_policies).toEqual(expected);
    });

    test("the default termination policies are exported as such", () => {
      expect(DEFAULT_TERMINATION_POLICIES).toEqual(["OldestLaunchTemplate", "AllocationStrategy", "Default"]);
    });

    test("properties refer to the group's attributes", () => {
      const stack = testStack();
      const probe = new AutoScalingGroup(stack, "Group", BASE);
      const { json: out, values } = synthWithValues(stack, {
        groupName: probe.groupName,
        groupArn: probe.groupArn,
        securityGroupId: probe.securityGroupId,
        volumeKeyArn: probe.volumeKeyArn,
      });
      const [groupId] = named(out, "aws_autoscaling_group", "Group");
      const [keyId] = named(out, "aws_kms_key", "VolumeKey");
      const [securityGroupId] = named(out, "aws_security_group", "SecurityGroup");

      expect(values).toEqual({
        groupName: ref("aws_autoscaling_group", groupId, "name"),
        groupArn: ref("aws_autoscaling_group", groupId, "arn"),
        securityGroupId: ref("aws_security_group", securityGroupId),
        volumeKeyArn: ref("aws_kms_key", keyId, "arn"),
      });
    });

    test("metrics name the group literally, for dashboards in any stack", () => {
      const dimensions = { AutoScalingGroupName: "acme-test-monolith" };

      expect(asg.metrics.inServiceInstances).toMatchObject({
        namespace: "AWS/AutoScaling",
        metricName: "GroupInServiceInstances",
        dimensions,
      });
      expect(asg.metrics.desiredCapacity).toMatchObject({
        namespace: "AWS/AutoScaling",
        metricName: "GroupDesiredCapacity",
        dimensions,
      });
      expect(asg.metrics.cpuUtilization).toMatchObject({
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        unit: "Percent",
        dimensions,
      });
    });
  });

  describe("scaling", () => {
    test("by default, CPU target tracking only", () => {
      const [groupId] = named(json, "aws_autoscaling_group", "Group");

      expect(listOf(json, "aws_autoscaling_policy")).toEqual([
        {
          autoscaling_group_name: ref("aws_autoscaling_group", groupId, "name"),
          name: "cpu-target-tracking",
          policy_type: "TargetTrackingScaling",
          target_tracking_configuration: {
            predefined_metric_specification: { predefined_metric_type: "ASGAverageCPUUtilization" },
            target_value: 70,
          },
        },
      ]);
      expect(resourcesOf(json, "aws_autoscaling_schedule")).toEqual({});
    });

    test("target tracking on ALB requests per target, with its resource label", () => {
      const { json: out } = build(scaling({ requestsPerTarget: { targetValue: 1000, resourceLabel: RESOURCE_LABEL } }));

      expect(policyOf(out, "RequestScaling")).toMatchObject({
        policy_type: "TargetTrackingScaling",
        target_tracking_configuration: {
          predefined_metric_specification: {
            predefined_metric_type: "ALBRequestCountPerTarget",
            resource_label: RESOURCE_LABEL,
          },
          target_value: 1000,
        },
      });
      expect(policyOf(out, "CpuScaling").target_tracking_configuration.target_value).toBe(70);
    });

    test("predictive scaling on CPU: forecast only, the CPU target, a 300 s buffer, never above max", () => {
      const { json: out } = build(scaling({ predictive: {} }));

      expect(policyOf(out, "PredictiveScaling")).toMatchObject({
        name: "cpu-predictive",
        policy_type: "PredictiveScaling",
        predictive_scaling_configuration: {
          mode: "ForecastOnly",
          scheduling_buffer_time: "300",
          max_capacity_breach_behavior: "HonorMaxCapacity",
          metric_specification: {
            target_value: 70,
            predefined_metric_pair_specification: { predefined_metric_type: "ASGCPUUtilization" },
          },
        },
      });
    });

    test("predictive scaling that scales, with its own target and buffer", () => {
      const { json: out } = build(
        scaling({ predictive: { mode: "ForecastAndScale", cpuTargetPercent: 60, schedulingBufferSeconds: 600 } }),
      );

      expect(policyOf(out, "PredictiveScaling").predictive_scaling_configuration).toMatchObject({
        mode: "ForecastAndScale",
        scheduling_buffer_time: "600",
        metric_specification: { target_value: 60 },
      });
    });

    test("scheduled actions send -1 for the sizes they leave unchanged", () => {
      const { json: out } = build(
        scaling({
          scheduled: [
            { name: "night", recurrence: "0 20 * * MON-FRI", timeZone: "Europe/Berlin", minSize: 1, maxSize: 2 },
            { name: "morning", recurrence: "0 6 * * MON-FRI", desiredCapacity: 3 },
          ],
        }),
      );
      const [groupId] = named(out, "aws_autoscaling_group", "Group");

      expect(named(out, "aws_autoscaling_schedule", "Schedule-night")[1]).toEqual({
        autoscaling_group_name: ref("aws_autoscaling_group", groupId, "name"),
        scheduled_action_name: "night",
        recurrence: "0 20 * * MON-FRI",
        time_zone: "Europe/Berlin",
        min_size: 1,
        max_size: 2,
        desired_capacity: -1,
      });
      expect(named(out, "aws_autoscaling_schedule", "Schedule-morning")[1]).toEqual({
        autoscaling_group_name: ref("aws_autoscaling_group", groupId, "name"),
        scheduled_action_name: "morning",
        recurrence: "0 6 * * MON-FRI",
        min_size: -1,
        max_size: -1,
        desired_capacity: 3,
      });
    });
  });

  describe("identity", () => {
    test("an EC2 role with Session Manager and nothing else, in an instance profile", () => {
      const [roleId, role] = named(json, "aws_iam_role", "InstanceRole");
      const attachments = listOf(json, "aws_iam_role_policy_attachment").filter(
        (attachment) => attachment.role === ref("aws_iam_role", roleId, "name"),
      );

      expect(role.name).toBe("acme-test-monolith-instance");
      expect(attachments.map((attachment) => attachment.policy_arn)).toEqual([
        "arn:${data.aws_partition.Partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore",
      ]);
      expect(listOf(json, "aws_iam_role_policy")).toEqual([]);
      expect(onlyOf(json, "aws_iam_instance_profile")).toEqual({
        name: "acme-test-monolith-instance",
        role: ref("aws_iam_role", roleId, "name"),
      });
      expect(dataNamed(json, "aws_iam_policy_document", "InstanceRoleTrust")[1].statement).toEqual([
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
        },
      ]);
    });
  });

  describe("network", () => {
    test("no ingress until allowFrom; HTTPS out only; allowFrom opens the application port to a security group", () => {
      const stack = testStack();
      const monolith = new AutoScalingGroup(stack, "Group", BASE);
      const before = synth(stack);
      const [groupSgId, sg] = named(before, "aws_security_group", "SecurityGroup");

      expect(sg).toMatchObject({ name: "acme-test-monolith", vpc_id: "vpc-123" });
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
      expect(resourcesOf(before, "aws_vpc_security_group_ingress_rule")).toEqual({});
      expect(onlyOf(before, "aws_vpc_security_group_egress_rule")).toEqual({
        security_group_id: ref("aws_security_group", groupSgId),
        description: "HTTPS to SSM, package repositories and AWS APIs",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "0.0.0.0/0",
      });

      monolith.allowFrom("Alb", "sg-alb");
      expect(onlyOf(synth(stack), "aws_vpc_security_group_ingress_rule")).toEqual({
        security_group_id: ref("aws_security_group", groupSgId),
        referenced_security_group_id: "sg-alb",
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
        description: "Application port from Alb",
      });
    });

    test("allowTo opens egress to a security group on a port", () => {
      const stack = testStack();
      const monolith = new AutoScalingGroup(stack, "Group", BASE);
      monolith.allowTo("Database", "sg-db", 5432, "PostgreSQL");
      const out = synth(stack);

      expect(named(out, "aws_vpc_security_group_egress_rule", "DatabaseEgress")[1]).toEqual({
        security_group_id: ref("aws_security_group", named(out, "aws_security_group", "SecurityGroup")[0]),
        referenced_security_group_id: "sg-db",
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        description: "PostgreSQL",
      });
    });

    test("allowToEach opens egress to every destination, e.g. a store's ingress points", () => {
      const stack = testStack();
      const monolith = new AutoScalingGroup(stack, "Group", BASE);
      monolith.allowToEach(
        "Database",
        [
          { name: "Shard0", securityGroupId: "sg-shard0", port: 5432 },
          { name: "Shard0Proxy", securityGroupId: "sg-proxy0", port: 5432 },
        ],
        "PostgreSQL",
      );
      const out = synth(stack);

      expect(named(out, "aws_vpc_security_group_egress_rule", "Database-Shard0Egress")[1]).toMatchObject({
        referenced_security_group_id: "sg-shard0",
        from_port: 5432,
        to_port: 5432,
        description: "PostgreSQL (Shard0)",
      });
      expect(named(out, "aws_vpc_security_group_egress_rule", "Database-Shard0ProxyEgress")[1]).toMatchObject({
        referenced_security_group_id: "sg-proxy0",
        description: "PostgreSQL (Shard0Proxy)",
      });
    });

    test("allowTo refuses a port outside 1-65535", () => {
      const monolith = new AutoScalingGroup(testStack(), "Group", BASE);

      expect(() => monolith.allowTo("Database", "sg-db", 0)).toThrow(
        "test/Group: allowTo(Database): port: 0 is outside the allowed range; expected a whole number from 1 to 65535",
      );
    });
  });

  describe("validation", () => {
    const ASG = "test/Group: ";

    test.each<[string, Partial<AutoScalingGroupProps>, string]>([
      [
        "a name with capitals",
        { name: "Acme-Monolith" },
        'name: "Acme-Monolith" is not allowed; expected 2 to 48 lower-case letters, digits or hyphens, starting with a letter and ending with a letter or digit',
      ],
      [
        "a name of 49 characters",
        { name: `a${"b".repeat(48)}` },
        `name: "a${"b".repeat(48)}" is not allowed; expected 2 to 48`,
      ],
      [
        "no subnets",
        { subnetIds: [] },
        "subnetIds: [] is empty; expected the private subnets, one per availability zone",
      ],
      ["no instance types", { instanceTypes: [] }, "instanceTypes: [] is empty; expected at least one instance type"],
      [
        "a malformed instance type",
        { instanceTypes: ["m7g", "m6g.large"] },
        'instanceTypes: ["m7g","m6g.large"] has "m7g", which is not allowed; expected an EC2 instance type such as m7g.large or c6i.2xlarge',
      ],
      [
        "an instance type listed twice",
        { instanceTypes: ["m7g.large", "m7g.large"] },
        'instanceTypes: ["m7g.large","m7g.large"] lists m7g.large twice; expected each instance type once',
      ],
      [
        "mixed architectures",
        { instanceTypes: ["m7g.large", "m7i.large"] },
        'instanceTypes: ["m7g.large","m7i.large"] mixes Graviton (m7g.large) and x86 (m7i.large) instance types; expected one architecture, since the group runs one image',
      ],
      [
        "instance types of different sizes, largest first",
        { instanceTypes: ["c7g.xlarge", "m7g.large"] },
        'instanceTypes: ["c7g.xlarge","m7g.large"] mixes sizes (c7g.xlarge: 4 vCPU / 8 GiB, m7g.large: 2 vCPU / 8 GiB) that are not whole multiples of the first; expected the smallest type first and the others 2, 4, ... times its vCPUs, so that each counts a whole number of units',
      ],
      [
        "an instance type whose size the platform cannot count, next to another",
        { instanceTypes: ["x2gd.large", "m7g.large"] },
        'instanceTypes: ["x2gd.large","m7g.large"] has x2gd.large, whose vCPUs the platform cannot count to weigh the types against each other; expected types of the c, m, r or t families',
      ],
      [
        "weighted types with a minimum one large instance meets alone",
        { instanceTypes: ["m7g.large", "c7g.xlarge"], minSize: 2 },
        "minSize: 2 is below twice the largest instance weight (2): one c7g.xlarge alone would meet it, in one zone; expected at least 4 (sizes are in units of m7g.large)",
      ],
      [
        "spot capacity with a single instance type",
        { instanceTypes: ["m7g.large"] },
        'instanceTypes: ["m7g.large"] has a single instance type while capacity above onDemandBaseCapacity (2) can be spot (onDemandPercentageAboveBase 0); expected at least two, so that the group still gets instances when one spot pool runs dry, or onDemandPercentageAboveBase 100',
      ],
      [
        "an image parameter that is an image id",
        { amiParameter: "ami-0123456789abcdef0" },
        'amiParameter: "ami-0123456789abcdef0" is not an SSM parameter name; expected an SSM parameter path such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      ],
      ["min above max", { minSize: 7, maxSize: 6 }, "minSize: 7 is above maxSize (6); expected at most that"],
      ["a max of 0", { minSize: 0, maxSize: 0 }, "maxSize: 0 is below 1; expected at least one instance"],
      [
        "a negative min",
        { minSize: -1 },
        "minSize: -1 is outside the allowed range; expected a whole number from 0 to 1000",
      ],
      [
        "desired below min",
        { desiredCapacity: 1 },
        "desiredCapacity: 1 is outside minSize to maxSize; expected from 2 to 6",
      ],
      [
        "desired above max",
        { desiredCapacity: 7 },
        "desiredCapacity: 7 is outside minSize to maxSize; expected from 2 to 6",
      ],
      [
        "an on-demand base above max",
        { onDemandBaseCapacity: 7 },
        "onDemandBaseCapacity: 7 is above maxSize (6); expected at most that",
      ],
      [
        "an on-demand share above 100 %",
        { onDemandPercentageAboveBase: 101 },
        "onDemandPercentageAboveBase: 101 is outside the allowed range; expected a whole number from 0 to 100",
      ],
      [
        "an on-demand share below 0 %",
        { onDemandPercentageAboveBase: -5 },
        "onDemandPercentageAboveBase: -5 is outside the allowed range; expected a whole number from 0 to 100",
      ],
      [
        "an unknown spot allocation strategy",
        { spotAllocationStrategy: "cheapest" as never },
        'spotAllocationStrategy: "cheapest" is not allowed; expected one of "price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"',
      ],
      ["port 0", { port: 0 }, "port: 0 is outside the allowed range; expected a whole number from 1 to 65535"],
      [
        "port 70000",
        { port: 70000 },
        "port: 70000 is outside the allowed range; expected a whole number from 1 to 65535",
      ],
      [
        "a root volume below 8 GiB",
        { rootVolume: { sizeGiB: 4 } },
        "rootVolume.sizeGiB: 4 is outside the allowed range; expected a whole number from 8 to 16384",
      ],
      [
        "a root volume above 16 TiB",
        { rootVolume: { sizeGiB: 16385 } },
        "rootVolume.sizeGiB: 16385 is outside the allowed range; expected a whole number from 8 to 16384",
      ],
      [
        "a negative grace period",
        { healthCheckGracePeriodSeconds: -1 },
        "healthCheckGracePeriodSeconds: -1 is outside the allowed range; expected a whole number from 0 to 7200",
      ],
      [
        "a healthy share above 100 % during refreshes",
        { instanceRefresh: { minHealthyPercentage: 120 } },
        "instanceRefresh.minHealthyPercentage: 120 is outside the allowed range; expected a whole number from 0 to 100",
      ],
      [
        "a warmup above an hour",
        { instanceRefresh: { instanceWarmupSeconds: 4000 } },
        "instanceRefresh.instanceWarmupSeconds: 4000 is outside the allowed range; expected a whole number from 0 to 3600",
      ],
      [
        "no termination policies",
        { terminationPolicies: [] },
        "terminationPolicies: [] is empty; expected at least one policy, e.g. Default",
      ],
      [
        "an unknown termination policy",
        { terminationPolicies: ["Youngest"] },
        'terminationPolicies: "Youngest" is not a termination policy; expected one of OldestLaunchTemplate, AllocationStrategy, OldestInstance, NewestInstance, ClosestToNextInstanceHour, OldestLaunchConfiguration, Default or a Lambda function ARN',
      ],
      [
        "a CPU target of 0",
        scaling({ cpuTargetPercent: 0 }),
        "scaling.cpuTargetPercent: 0 is outside the allowed range; expected a whole number from 1 to 100",
      ],
      [
        "a CPU target above 100",
        scaling({ cpuTargetPercent: 101 }),
        "scaling.cpuTargetPercent: 101 is outside the allowed range; expected a whole number from 1 to 100",
      ],
      [
        "a target group ARN as the request resource label",
        scaling({ requestsPerTarget: { targetValue: 1000, resourceLabel: TARGET_GROUP } }),
        `scaling.requestsPerTarget.resourceLabel: "${TARGET_GROUP}" is not a request-count resource label; expected <load balancer arn_suffix>/<target group arn_suffix>`,
      ],
      [
        "a request target of 0",
        scaling({ requestsPerTarget: { targetValue: 0, resourceLabel: RESOURCE_LABEL } }),
        "scaling.requestsPerTarget.targetValue: 0 is outside the allowed range; expected a whole number from 1 to 1000000",
      ],
      [
        "an unknown predictive mode",
        scaling({ predictive: { mode: "Forecast" as never } }),
        'scaling.predictive.mode: "Forecast" is not allowed; expected one of "ForecastAndScale", "ForecastOnly"',
      ],
      [
        "a predictive CPU target of 0",
        scaling({ predictive: { cpuTargetPercent: 0 } }),
        "scaling.predictive.cpuTargetPercent: 0 is outside the allowed range; expected a whole number from 1 to 100",
      ],
      [
        "a predictive buffer above an hour",
        scaling({ predictive: { schedulingBufferSeconds: 3601 } }),
        "scaling.predictive.schedulingBufferSeconds: 3601 is outside the allowed range; expected a whole number from 0 to 3600",
      ],
      [
        "a scheduled recurrence of 4 fields",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * *", maxSize: 2 }] }),
        'scaling.scheduled[0].recurrence: "0 20 * *" has 4 fields; expected a 5-field cron expression "minute hour day-of-month month day-of-week", such as "0 20 * * MON-FRI"',
      ],
      [
        "a scheduled recurrence with hour 24",
        scaling({ scheduled: [{ name: "night", recurrence: "0 24 * * *", maxSize: 2 }] }),
        'scaling.scheduled[0].recurrence: "0 24 * * *" has hour "24", which is not allowed; expected *, values from 0 to 23, ranges, */steps or lists of these',
      ],
      [
        "a scheduled recurrence in EventBridge syntax",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 ? * MON-FRI", maxSize: 2 }] }),
        'scaling.scheduled[0].recurrence: "0 20 ? * MON-FRI" has day-of-month "?", which is not allowed; expected *, values from 1 to 31, ranges, */steps or lists of these',
      ],
      [
        "two scheduled actions of one name",
        scaling({
          scheduled: [
            { name: "night", recurrence: "0 20 * * *", maxSize: 2 },
            { name: "night", recurrence: "0 6 * * *", maxSize: 6 },
          ],
        }),
        'scaling.scheduled[1].name: "night" is the name of another scheduled action; expected unique names',
      ],
      [
        "a scheduled action name with a slash",
        scaling({ scheduled: [{ name: "night/weekday", recurrence: "0 20 * * *", maxSize: 2 }] }),
        'scaling.scheduled[0].name: "night/weekday" is not allowed; expected 1 to 64 letters, digits, _ or -, starting with a letter or digit',
      ],
      [
        "a scheduled action that sets no size",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *" }] }),
        'scaling.scheduled[0]: {"name":"night","recurrence":"0 20 * * *"} sets no size; expected at least one of minSize, maxSize, desiredCapacity',
      ],
      [
        "a scheduled min above the scheduled max",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *", minSize: 3, maxSize: 2 }] }),
        "scaling.scheduled[0].minSize: 3 is above scaling.scheduled[0].maxSize (2); expected at most that",
      ],
      [
        "a scheduled desired capacity below the scheduled min",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *", minSize: 2, desiredCapacity: 1 }] }),
        "scaling.scheduled[0].desiredCapacity: 1 is below scaling.scheduled[0].minSize (2); expected at least that",
      ],
      [
        "a scheduled desired capacity above the scheduled max",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *", maxSize: 2, desiredCapacity: 3 }] }),
        "scaling.scheduled[0].desiredCapacity: 3 is above scaling.scheduled[0].maxSize (2); expected at most that",
      ],
      [
        "a scheduled size of -1 (the provider's 'no change', which the construct sets itself)",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *", maxSize: -1 }] }),
        "scaling.scheduled[0].maxSize: -1 is outside the allowed range; expected a whole number from 0 to 1000",
      ],
      [
        "an unknown time zone",
        scaling({ scheduled: [{ name: "night", recurrence: "0 20 * * *", maxSize: 2, timeZone: "Europe/Berlinn" }] }),
        'scaling.scheduled[0].timeZone: "Europe/Berlinn" is not a known time zone; expected an IANA time zone name such as Europe/Berlin or Etc/UTC',
      ],
    ])("refuses %s", (_case, props, message) => {
      expect(() => build(props)).toThrow(`${ASG}${message}`);
    });

    test("bad props fail before any resource is created", () => {
      const stack = testStack();

      expect(() => new AutoScalingGroup(stack, "Group", { ...BASE, port: 0 })).toThrow("port: 0");
      expect(stack.node.findChild("Group").node.children).toEqual([]);
      expect(stack.node.tryFindChild("CallerIdentity")).toBeUndefined();
    });
  });
});

describe("compute options", () => {
  test.each([
    "0 20 * * MON-FRI",
    "*/15 * * * *",
    "0 6,18 1-15 JAN-MAR,dec 0",
    "30 0 1 1,6,12 *",
    "0-30/10 8-18/2 * * sun-sat",
  ])("checkCron accepts %s", (expression) => {
    expect(checkCron(expression)).toBeUndefined();
  });

  test.each<[string, string]>([
    ["", "has 1 field; expected"],
    ["0 0 20 * * MON-FRI", "has 6 fields; expected"],
    ["60 * * * *", 'has minute "60", which is not allowed'],
    ["0 0 0 * *", 'has day-of-month "0", which is not allowed'],
    ["0 0 * 13 *", 'has month "13", which is not allowed; expected *, values from 1 to 12 or JAN-DEC'],
    ["0 0 * * 7", 'has day-of-week "7", which is not allowed; expected *, values from 0 to 6 or SUN-SAT'],
    ["0 0 * * FRI-MON", 'has day-of-week "FRI-MON", which is not allowed'],
    ["0 0 * * MON#2", 'has day-of-week "MON#2", which is not allowed'],
    ["*/0 * * * *", 'has minute "*/0", which is not allowed'],
    ["0 0 L * *", 'has day-of-month "L", which is not allowed'],
  ])("checkCron refuses %j", (expression, problem) => {
    expect(checkCron(expression)).toContain(problem);
  });

  test("checkScheduledAction names sibling settings with the caller's path, for the config schema", () => {
    expect(
      checkScheduledAction({ name: "night", recurrence: "0 20 * * *", minSize: 3, maxSize: 2 }, "compute.scheduled[0]"),
    ).toEqual([["minSize", "is above compute.scheduled[0].maxSize (2); expected at most that"]]);
    expect(checkScheduledAction({ name: "night", recurrence: "0 20 * * *", minSize: 1, maxSize: 2 })).toEqual([]);
  });

  test("checkCapacity reports every problem, named with the caller's path", () => {
    expect(
      checkCapacity(
        {
          minSize: 2,
          maxSize: 4,
          desiredCapacity: 5,
          onDemandBaseCapacity: 5,
          onDemandPercentageAboveBase: 0,
          instanceTypes: ["m7g.large"],
        },
        "compute",
      ).map(([setting]) => setting),
    ).toEqual(["desiredCapacity", "onDemandBaseCapacity"]);
    expect(
      checkCapacity({
        minSize: 2,
        maxSize: 4,
        desiredCapacity: 2,
        onDemandBaseCapacity: 2,
        onDemandPercentageAboveBase: 0,
        instanceTypes: ["m7g.large"],
      }),
    ).toEqual([
      [
        "instanceTypes",
        "has a single instance type while capacity above onDemandBaseCapacity (2) can be spot (onDemandPercentageAboveBase 0); expected at least two, so that the group still gets instances when one spot pool runs dry, or onDemandPercentageAboveBase 100",
      ],
    ]);
  });
});
