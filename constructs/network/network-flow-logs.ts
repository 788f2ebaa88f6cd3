import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Construct } from "constructs";
import { awsContext } from "../core/aws-context";
import { cloudWatchLogsGrant, EncryptionKey } from "../kms/encryption-key";
import type { NetworkProps } from "./network-props";

/**
 * The VPC's flow logs, created in `scope`: all traffic, aggregated over `aggregationSeconds`, to a log group
 * encrypted with a key of its own, written through a role only the flow logs service of this account may assume.
 */
export function addFlowLogs(
  scope: Construct,
  props: NetworkProps,
  vpcId: string,
  name: (...parts: string[]) => string,
  retentionDays: number,
  aggregationSeconds: number,
): { logGroupName: string; key: EncryptionKey } {
  const logGroupName = `/${props.namePrefix}/vpc/flow-logs`;
  const key = new EncryptionKey(scope, "FlowLogKey", {
    aliasName: name("vpc-flow-logs"),
    description: `Encrypts the VPC flow logs of ${props.namePrefix}`,
    serviceGrants: [cloudWatchLogsGrant(scope, props.region, [logGroupName])],
    preventDestroy: props.preventDestroy ?? false,
  });
  const region = props.region;
  const roleName = name("vpc-flow-logs");
  const context = awsContext(scope);
  const logGroup = new CloudwatchLogGroup(scope, "FlowLogGroup", {
    name: logGroupName,
    retentionInDays: retentionDays,
    kmsKeyId: key.keyArn,
  });

  // The flow logs service may assume the role only for flow logs of this account and region (confused deputy).
  const trust = new DataAwsIamPolicyDocument(scope, "FlowLogTrustPolicy", {
    statement: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
        actions: ["sts:AssumeRole"],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] },
          {
            test: "ArnLike",
            variable: "aws:SourceArn",
            values: [`arn:${context.partition}:ec2:${region}:${context.accountId}:vpc-flow-log/*`],
          },
        ],
      },
    ],
  });
  const role = new IamRole(scope, "FlowLogRole", {
    name: roleName,
    description: "Lets VPC flow logs write to their log group",
    assumeRolePolicy: trust.json,
  });
  const permissions = new DataAwsIamPolicyDocument(scope, "FlowLogPermissions", {
    statement: [
      {
        sid: "WriteFlowLogs",
        effect: "Allow",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
        resources: [logGroup.arn, `${logGroup.arn}:*`],
      },
    ],
  });
  const rolePolicy = new IamRolePolicy(scope, "FlowLogRolePolicy", {
    name: "write-flow-logs",
    role: role.id,
    policy: permissions.json,
  });
  new FlowLog(scope, "FlowLog", {
    vpcId,
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: logGroup.arn,
    iamRoleArn: role.arn,
    maxAggregationInterval: aggregationSeconds,
    tags: { Name: roleName },
    // Delivery starts with the role's permissions: the policy first.
    dependsOn: [rolePolicy],
  });
  return { logGroupName, key };
}
