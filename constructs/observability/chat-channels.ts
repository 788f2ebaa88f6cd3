import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { awsManagedPolicyArn } from "../core/aws-context";
import { serviceRole } from "../core/service-role";

/** A Slack channel of a workspace that has been authorized in the AWS Chatbot console (a one-time OAuth step). */
export interface SlackChannel {
  /** The workspace (team) id the Chatbot console shows, e.g. `T0123ABCD`. */
  readonly teamId: string;
  /** The channel id (Slack: channel details, About), e.g. `C0123ABCD`. */
  readonly channelId: string;
}

/** Slack team and channel ids: capitals and digits, as Slack writes them. */
export const SLACK_TEAM_ID = /^[0-9A-Z]{1,255}$/;
export const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,255}$/;

/** AWS-managed policy of the channels' role and their guardrail: CloudWatch read-only (alarm details and graphs). */
const CHANNEL_POLICY = "CloudWatchReadOnlyAccess";

export interface ChatChannelsProps {
  /** Prefix of the role and the configurations: `acme-prod` → `acme-prod-chatbot`, `acme-prod-chat-<channel>`. */
  readonly name: string;
  /** Each channel with the SNS topics it receives. */
  readonly channels: readonly { readonly channel: SlackChannel; readonly topicArns: readonly string[] }[];
}

/**
 * Slack channels that receive SNS topics through AWS Chatbot: one channel configuration per channel (with every
 * topic it receives), and one role for them, trusted by `chatbot.amazonaws.com` as the AWS Chatbot guide writes it,
 * which with its guardrail lets the channel read CloudWatch and nothing else (AWS applies AdministratorAccess as the
 * guardrail when none is given). The provider calls the Chatbot API in the region if it has one (us-east-2,
 * us-west-2, eu-west-1, ap-southeast-1), else in us-west-2.
 */
export class ChatChannels extends Construct {
  public readonly configurations: readonly ChatbotSlackChannelConfiguration[];

  constructor(scope: Construct, id: string, props: ChatChannelsProps) {
    super(scope, id);
    props.channels.forEach(({ channel }, index) => {
      if (!SLACK_TEAM_ID.test(channel.teamId)) {
        throw new ValidationError(
          `channels[${index}].teamId: ${show(channel.teamId)} is not a Slack workspace id; expected capitals and digits such as "T0123ABCD"`,
          this,
        );
      }
      if (!SLACK_CHANNEL_ID.test(channel.channelId)) {
        throw new ValidationError(
          `channels[${index}].channelId: ${show(channel.channelId)} is not a Slack channel id; expected letters and digits such as "C0123ABCD"`,
          this,
        );
      }
    });

    const role = serviceRole(this, {
      roleName: `${props.name}-chatbot`,
      description: "Lets AWS Chatbot show alarm details in the platform's Slack channels",
      service: "chatbot.amazonaws.com",
      managedPolicy: CHANNEL_POLICY,
      sourceAccountCondition: false,
    });
    this.configurations = props.channels.map(
      ({ channel, topicArns }) =>
        new ChatbotSlackChannelConfiguration(this, `Channel-${channel.teamId}-${channel.channelId}`, {
          configurationName: `${props.name}-chat-${channel.channelId.toLowerCase()}`,
          iamRoleArn: role.arn,
          slackTeamId: channel.teamId,
          slackChannelId: channel.channelId,
          snsTopicArns: [...topicArns],
          guardrailPolicyArns: [awsManagedPolicyArn(this, CHANNEL_POLICY)],
          userAuthorizationRequired: false,
          dependsOn: [...role.attachments],
        }),
    );
  }
}
