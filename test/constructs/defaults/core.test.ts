import { Construct } from "constructs";
import { RandomPassword } from "../../../constructs/core/ephemeral-resource";
import { joinName } from "../../../constructs/core/naming";
import { resolveProtection } from "../../../constructs/core/protection";
import { allowTcpFrom } from "../../../constructs/core/security-group-rules";
import { ServiceLinkedRole } from "../../../constructs/core/service-linked-role";
import { serviceRole } from "../../../constructs/core/service-role";
import { TargetTrackingScaling } from "../../../constructs/core/target-tracking";
import { dataNamed, onlyOf, synth, testStack } from "../../helpers";

describe("core defaults", () => {
  test("joinName cuts a name to 63 characters, ending in a hash, when maxLength is not given", () => {
    const name = joinName("acme-test", "x".repeat(54));

    expect(`acme-test-${"x".repeat(54)}`).toHaveLength(64);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^acme-test-x+-[0-9a-f]{8}$/);
    expect(joinName("acme-test", "x".repeat(53))).toBe(`acme-test-${"x".repeat(53)}`);
  });

  test("resolveProtection turns every protection on when none is given", () => {
    expect(resolveProtection()).toEqual({ deletionProtection: true, finalSnapshot: true, preventDestroy: true });
  });

  test("allowTcpFrom opens the one port when toPort is not given", () => {
    const stack = testStack();
    allowTcpFrom(stack, "Ingress", {
      securityGroupId: "sg-store",
      sourceSecurityGroupId: "sg-client",
      port: 6379,
      description: "Cache from the client",
    });

    expect(onlyOf(synth(stack), "aws_vpc_security_group_ingress_rule")).toMatchObject({
      ip_protocol: "tcp",
      from_port: 6379,
      to_port: 6379,
      referenced_security_group_id: "sg-client",
    });
  });

  test("serviceRole trusts the service only on this account's behalf when sourceAccountCondition is not given", () => {
    const stack = testStack();
    serviceRole(new Construct(stack, "MonitoringRole"), {
      roleName: "acme-test-monitoring",
      description: "Lets RDS Enhanced Monitoring publish OS metrics",
      service: "monitoring.rds.amazonaws.com",
      managedPolicy: "service-role/AmazonRDSEnhancedMonitoringRole",
    });

    expect(
      dataNamed(synth(stack), "aws_iam_policy_document", "MonitoringRole_TrustPolicy")[1].statement[0].condition,
    ).toEqual([
      {
        test: "StringEquals",
        variable: "aws:SourceAccount",
        values: ["${data.aws_caller_identity.CallerIdentity.account_id}"],
      },
    ]);
  });

  test("ServiceLinkedRole leaves a created role destroyable when preventDestroy is not given", () => {
    const stack = testStack();
    new ServiceLinkedRole(stack, "AutoScalingRole", {
      service: "autoscaling.amazonaws.com",
      roleName: "AWSServiceRoleForAutoScaling",
      create: true,
    });

    expect(onlyOf(synth(stack), "aws_iam_service_linked_role")).not.toHaveProperty("lifecycle");
  });

  test("RandomPassword makes 40 characters without punctuation when length and excludePunctuation are not given", () => {
    const stack = testStack();
    new RandomPassword(stack, "Password");
    const json = synth(stack) as any;

    expect(Object.values(json.ephemeral.aws_secretsmanager_random_password)).toEqual([
      {
        password_length: 40,
        exclude_punctuation: true,
        include_space: false,
        require_each_included_type: true,
      },
    ]);
  });

  test("TargetTrackingScaling scales in as well as out when disableScaleIn is not given", () => {
    const stack = testStack();
    new TargetTrackingScaling(stack, "Scaling", {
      serviceNamespace: "elasticache",
      resourceId: "replication-group/acme-test-cache",
      scalableDimension: "elasticache:replication-group:Replicas",
      minCapacity: 1,
      maxCapacity: 5,
      policyName: "acme-test-cache-replicas",
      predefinedMetric: "ElastiCacheReplicaEngineCPUUtilization",
      targetValue: 60,
      scaleInCooldownSeconds: 300,
    });

    expect(
      onlyOf(synth(stack), "aws_appautoscaling_policy").target_tracking_scaling_policy_configuration,
    ).toMatchObject({ disable_scale_in: false, scale_in_cooldown: 300 });
  });
});
