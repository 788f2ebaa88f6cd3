import { ApiGatewayAccount as AccountSettings } from "@cdktf/provider-aws/lib/api-gateway-account";
import { Construct } from "constructs";
import { serviceRole } from "../core/service-role";

export interface ApiGatewayAccountProps {
  /** IAM role name, at most 64 characters: `acme-prod-apigateway-logs`. */
  readonly roleName: string;
}

/**
 * The account and region's API Gateway settings: the role API Gateway writes execution logs with. There is one such
 * setting per account and region, so exactly one stack of an account and region should create it (config
 * `edge.api.manageAccountSettings`); without it, stages cannot write execution logs. A stage must `depends_on`
 * `settings` (which waits for the role's policy): API Gateway refuses a logging level while the account has no role.
 */
export class ApiGatewayAccount extends Construct {
  public readonly settings: AccountSettings;
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountProps) {
    super(scope, id);
    const role = serviceRole(this, {
      roleName: props.roleName,
      description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
      service: "apigateway.amazonaws.com",
      managedPolicy: "service-role/AmazonAPIGatewayPushToCloudWatchLogs",
      // The API Gateway Developer Guide ("Set up CloudWatch logging for REST APIs") trusts apigateway.amazonaws.com
      // without conditions and documents no aws:SourceAccount on this assumption: a condition could make API Gateway
      // refuse the role when the setting is saved. The role can do nothing but write logs.
      sourceAccountCondition: false,
    });
    this.roleArn = role.arn;
    // API Gateway checks that it can use the role when the setting is saved: the policy must be attached first.
    this.settings = new AccountSettings(this, "Settings", {
      cloudwatchRoleArn: role.arn,
      dependsOn: [...role.attachments],
    });
  }
}
