import type { PolicyStatement } from "../workload-identity";

/**
 * The IAM permissions of the AWS Load Balancer Controller from v2.14 on (docs/install/iam_policy.json of
 * kubernetes-sigs/aws-load-balancer-controller), as statements. Everything the controller creates carries the tag
 * `elbv2.k8s.aws/cluster`, and the mutating statements require it, so the controller can only change load balancers,
 * target groups and security groups it made. Update together with the chart version.
 */
export function loadBalancerControllerStatements(partition: string): PolicyStatement[] {
  const elb = (resource: string) => `arn:${partition}:elasticloadbalancing:*:*:${resource}`;
  const securityGroups = `arn:${partition}:ec2:*:*:security-group/*`;
  const requestTagged = { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["false"] };
  const resourceTagged = { test: "Null", variable: "aws:ResourceTag/elbv2.k8s.aws/cluster", values: ["false"] };
  const notRequestTagged = { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["true"] };
  const loadBalancersAndTargetGroups = [
    elb("targetgroup/*/*"),
    elb("loadbalancer/net/*/*"),
    elb("loadbalancer/app/*/*"),
  ];
  return [
    {
      sid: "CreateElbServiceLinkedRole",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: ["*"],
      conditions: [
        { test: "StringEquals", variable: "iam:AWSServiceName", values: ["elasticloadbalancing.amazonaws.com"] },
      ],
    },
    {
      sid: "Describe",
      actions: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      resources: ["*"],
    },
    {
      sid: "IntegrateCertificatesWafShield",
      actions: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      resources: ["*"],
    },
    {
      sid: "ManageSecurityGroupIngress",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      resources: ["*"],
    },
    { sid: "CreateSecurityGroup", actions: ["ec2:CreateSecurityGroup"], resources: ["*"] },
    {
      sid: "TagNewSecurityGroup",
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      conditions: [
        { test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] },
        requestTagged,
      ],
    },
    {
      sid: "TagOwnSecurityGroups",
      actions: ["ec2:CreateTags", "ec2:DeleteTags"],
      resources: [securityGroups],
      conditions: [notRequestTagged, resourceTagged],
    },
    {
      sid: "ManageOwnSecurityGroups",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      resources: ["*"],
      conditions: [resourceTagged],
    },
    {
      sid: "CreateTaggedLoadBalancers",
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: ["*"],
      conditions: [requestTagged],
    },
    {
      sid: "ManageListenersAndRules",
      actions: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      resources: ["*"],
    },
    {
      sid: "TagOwnLoadBalancers",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: loadBalancersAndTargetGroups,
      conditions: [notRequestTagged, resourceTagged],
    },
    {
      sid: "TagListenersAndRules",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [
        elb("listener/net/*/*/*"),
        elb("listener/app/*/*/*"),
        elb("listener-rule/net/*/*/*"),
        elb("listener-rule/app/*/*/*"),
      ],
    },
    {
      sid: "ModifyOwnLoadBalancers",
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      resources: ["*"],
      conditions: [resourceTagged],
    },
    {
      sid: "TagOnCreate",
      actions: ["elasticloadbalancing:AddTags"],
      resources: loadBalancersAndTargetGroups,
      conditions: [
        {
          test: "StringEquals",
          variable: "elasticloadbalancing:CreateAction",
          values: ["CreateTargetGroup", "CreateLoadBalancer"],
        },
        requestTagged,
      ],
    },
    {
      sid: "RegisterTargets",
      actions: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      resources: [elb("targetgroup/*/*")],
    },
    {
      sid: "ModifyListenersAndRules",
      actions: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      resources: ["*"],
    },
  ];
}
