import { createHash } from "node:crypto";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { suppressRule } from "../core/suppress";
import { show, ValidationError } from "../core/errors";
import { awsContext } from "../core/aws-context";
import { EncryptionKey } from "../kms/encryption-key";
import { EMAIL } from "./options";

export interface AlarmTopicProps {
  /** Topic name, e.g. `acme-prod-alarms`; also the KMS alias. */
  readonly name: string;
  /** Region of the alarms that publish (the stack's). */
  readonly region: string;
  /** Alarm names that may publish, as an ARN pattern's last part: `acme-prod-*`. */
  readonly alarmNamePattern: string;
  /**
   * E-mail addresses subscribed to the topic; each confirms once from the e-mail AWS sends.
   *
   * @default - none
   */
  readonly emails?: readonly string[];
  /**
   * HTTPS endpoints subscribed to the topic (an incident tool's webhook); each confirms once.
   *
   * @default - none
   */
  readonly httpsEndpoints?: readonly string[];
}

/**
 * The SNS topic alarms notify: encrypted with its own customer-managed key (which CloudWatch may use to publish),
 * publishable only by this account's CloudWatch alarms named by the pattern and only over TLS, with e-mail and
 * HTTPS subscriptions.
 */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  public readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);

    const emails = props.emails ?? [];
    const httpsEndpoints = props.httpsEndpoints ?? [];
    for (const email of emails) {
      if (!EMAIL.test(email)) {
        throw new ValidationError(`emails: ${show(email)} is not an e-mail address; expected name@example.com`, this);
      }
    }
    for (const endpoint of httpsEndpoints) {
      if (!endpoint.startsWith("https://")) {
        throw new ValidationError(
          `httpsEndpoints: ${show(endpoint)} is not an https:// URL; expected https://...`,
          this,
        );
      }
    }

    const context = awsContext(this);
    const alarmArns = `arn:${context.partition}:cloudwatch:${props.region}:${context.accountId}:alarm:${props.alarmNamePattern}`;
    const fromAlarms = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [alarmArns] },
    ];

    // CloudWatch encrypts what it publishes to an encrypted topic with the topic's key, so the key lets it.
    this.key = new EncryptionKey(this, "Key", {
      aliasName: props.name,
      description: `Alarm notifications of ${props.name}`,
      serviceGrants: [
        {
          sid: "AllowCloudWatchAlarms",
          service: "cloudwatch.amazonaws.com",
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          conditions: [fromAlarms[0]],
        },
      ],
    });

    suppressRule(
      this.key.key,
      "PLAT_PREVENT_DESTROY",
      "Encrypts alarm notifications only while SNS delivers them; the topic keeps no messages, so destroying the key loses no data",
    );

    this.topic = new SnsTopic(this, "Resource", {
      name: props.name,
      displayName: `Alarms ${props.name}`,
      kmsMasterKeyId: this.key.keyArn,
    });
    this.topicArn = this.topic.arn;

    const policy = new DataAwsIamPolicyDocument(this, "PolicyDocument", {
      statement: [
        {
          sid: "AllowCloudWatchAlarms",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: fromAlarms.map((condition) => ({ ...condition, values: [...condition.values] })),
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new SnsTopicPolicy(this, "Policy", { arn: this.topic.arn, policy: policy.json });

    // Ids follow the endpoint, not its position: removing one subscription does not replace the others.
    for (const email of emails) {
      new SnsTopicSubscription(this, `Email-${email}`, {
        topicArn: this.topic.arn,
        protocol: "email",
        endpoint: email,
      });
    }
    for (const endpoint of httpsEndpoints) {
      new SnsTopicSubscription(this, `Https-${shortHash(endpoint)}`, {
        topicArn: this.topic.arn,
        protocol: "https",
        endpoint,
        // Retries with backoff for an endpoint that is briefly down.
        deliveryPolicy: JSON.stringify({
          healthyRetryPolicy: { numRetries: 10, minDelayTarget: 5, maxDelayTarget: 60, backoffFunction: "exponential" },
        }),
      });
    }
  }
}

/** Eight hex digits of the SHA-256 of a value: a stable id part for a URL, which may contain "/". */
function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 8);
}
