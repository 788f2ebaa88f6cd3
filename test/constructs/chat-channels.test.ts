import { ChatChannels } from "../../constructs/observability/chat-channels";
import { dataNamed, named, onlyOf, ref, synth, testStack } from "../helpers";

const PAGING = "arn:aws:sns:eu-west-1:123456789012:acme-prod-paging";
const WARNINGS = "arn:aws:sns:eu-west-1:123456789012:acme-prod-warnings";

describe("ChatChannels", () => {
  const stack = testStack();
  new ChatChannels(stack, "Chat", {
    name: "acme-prod",
    channels: [
      { channel: { teamId: "T0123ABCD", channelId: "C0INCIDENT" }, topicArns: [PAGING, WARNINGS] },
      { channel: { teamId: "T0123ABCD", channelId: "C0TEAM" }, topicArns: [WARNINGS] },
    ],
  });
  const json = synth(stack);
  const [roleId, role] = named(json, "aws_iam_role", "Chat");
  const [, trust] = dataNamed(json, "aws_iam_policy_document", "Chat_TrustPolicy");
  const [attachmentId] = named(json, "aws_iam_role_policy_attachment", "Chat_Policy");

  test("one role, trusted by AWS Chatbot, reading CloudWatch only", () => {
    expect(role.name).toBe("acme-prod-chatbot");
    expect(trust.statement).toEqual([
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["chatbot.amazonaws.com"] }],
        actions: ["sts:AssumeRole"],
      },
    ]);
    expect(onlyOf(json, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:${data.aws_partition.Partition.partition}:iam::aws:policy/CloudWatchReadOnlyAccess",
    );
  });

  test("a configuration per channel with every topic it receives, guarded to CloudWatch read-only", () => {
    const [, incident] = named(json, "aws_chatbot_slack_channel_configuration", "Channel-T0123ABCD-C0INCIDENT");
    const [, team] = named(json, "aws_chatbot_slack_channel_configuration", "Channel-T0123ABCD-C0TEAM");
    expect(incident).toEqual({
      configuration_name: "acme-prod-chat-c0incident",
      iam_role_arn: ref("aws_iam_role", roleId, "arn"),
      slack_team_id: "T0123ABCD",
      slack_channel_id: "C0INCIDENT",
      sns_topic_arns: [PAGING, WARNINGS],
      // Without a guardrail AWS applies AdministratorAccess to what the channel may do.
      guardrail_policy_arns: ["arn:${data.aws_partition.Partition.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"],
      user_authorization_required: false,
      depends_on: [`aws_iam_role_policy_attachment.${attachmentId}`],
    });
    expect(team.sns_topic_arns).toEqual([WARNINGS]);
  });

  test.each([
    [{ teamId: "acme", channelId: "C0" }, /channels\[0\].teamId: "acme" is not a Slack workspace id/],
    [{ teamId: "T0", channelId: "#alerts" }, /channels\[0\].channelId: "#alerts" is not a Slack channel id/],
  ])("rejects %j before creating anything", (channel, message) => {
    const bad = testStack();
    expect(
      () => new ChatChannels(bad, "Chat", { name: "acme-prod", channels: [{ channel, topicArns: [PAGING] }] }),
    ).toThrow(message);
    expect(synth(bad).resource).toBeUndefined();
  });
});
