import { aws, type TypeReplacement } from "./entry";

/** CloudWatch, SNS, Chatbot, SSM: the arguments whose change forces replacement (see ./entry.ts for how to read and extend). */
export const OBSERVABILITY: Readonly<Record<string, TypeReplacement>> = {
  aws_chatbot_slack_channel_configuration: aws(
    "chatbot/slack_channel_configuration.go",
    [],
    "hashicorp/terraform-provider-aws@02568cd96c75",
  ),
  aws_cloudwatch_composite_alarm: aws("cloudwatch/composite_alarm.go", ["actions_enabled", "alarm_name"]),
  aws_cloudwatch_dashboard: aws(
    "cloudwatch/dashboard.go",
    ["dashboard_name"],
    "hashicorp/terraform-provider-aws@0620f2a6a126",
  ),
  aws_cloudwatch_log_delivery: aws("logs/delivery.go", ["delivery_destination_arn", "delivery_source_name"]),
  aws_cloudwatch_log_delivery_destination: aws(
    "logs/delivery_destination.go",
    [
      "name",
      "output_format",
      {
        attribute: "delivery_destination_configuration.destination_resource_arn",
        conditional: true,
        note: "Only when the ARN's service changes (for example s3 to logs or firehose) or the new value is unknown at plan time.",
      },
    ],
    "hashicorp/terraform-provider-aws@aa35a0ec794e",
  ),
  aws_cloudwatch_log_delivery_source: aws(
    "logs/delivery_source.go",
    ["log_type", "name", "resource_arn"],
    "hashicorp/terraform-provider-aws@00a35305dc1b",
  ),
  aws_cloudwatch_log_group: aws(
    "logs/group.go",
    ["log_group_class", "name", "name_prefix"],
    "hashicorp/terraform-provider-aws@0073593e7d69",
  ),
  aws_cloudwatch_metric_alarm: aws(
    "cloudwatch/metric_alarm.go",
    ["alarm_name"],
    "hashicorp/terraform-provider-aws@055611a65473",
  ),
  aws_sns_topic: aws(
    "sns/topic.go",
    ["fifo_topic", "name", "name_prefix"],
    "hashicorp/terraform-provider-aws@00a35305dc1b",
  ),
  aws_sns_topic_policy: aws("sns/topic_policy.go", ["arn"], "hashicorp/terraform-provider-aws@00a35305dc1b"),
  aws_sns_topic_subscription: aws(
    "sns/topic_subscription.go",
    ["endpoint", "protocol", "topic_arn"],
    "hashicorp/terraform-provider-aws@04a2e6e5bc62",
  ),
  aws_ssm_parameter: aws(
    "ssm/parameter.go",
    [
      "data_type",
      "name",
      {
        attribute: "tier",
        conditional: true,
        note: "Only a change from Advanced to Standard (a downgrade); other tier changes are in place.",
      },
    ],
    "hashicorp/terraform-provider-aws@0073593e7d69",
  ),
};
