import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import { encryptedLogGroup } from "../core/log-group";
import type { CdnDistributionProps } from "./cdn-props";

/**
 * Standard logging v2: the distribution as a delivery source, the log group as a delivery destination, and the
 * delivery between them, all in us-east-1 where CloudFront delivers from. No S3 bucket ACLs are involved.
 */
export function cdnAccessLogs(
  scope: Construct,
  props: CdnDistributionProps,
  distributionArn: string,
): CloudwatchLogGroup {
  const { provider } = props.accessLogs;
  const logGroup = encryptedLogGroup(scope, "AccessLogGroup", {
    name: `/aws/cloudfront/${props.name}`,
    kmsKeyArn: props.accessLogs.kmsKeyArn,
    retentionDays: props.accessLogs.retentionDays,
    deletionProtection: props.accessLogs.deletionProtection,
    provider,
  });
  const source = new CloudwatchLogDeliverySource(scope, "AccessLogSource", {
    name: `${props.name}-access-logs`,
    logType: "ACCESS_LOGS",
    resourceArn: distributionArn,
    provider,
  });
  const destination = new CloudwatchLogDeliveryDestination(scope, "AccessLogDestination", {
    name: `${props.name}-access-logs`,
    outputFormat: "json",
    deliveryDestinationConfiguration: [{ destinationResourceArn: logGroup.arn }],
    provider,
  });
  new CloudwatchLogDelivery(scope, "AccessLogDelivery", {
    deliverySourceName: source.name,
    deliveryDestinationArn: destination.arn,
    provider,
  });
  return logGroup;
}
