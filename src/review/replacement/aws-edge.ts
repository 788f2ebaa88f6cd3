import { aws, awsGlobal, type TypeReplacement } from "./entry";

/** API Gateway, ACM, Cognito, Route 53, CloudFront, WAF: the arguments whose change forces replacement (see ./entry.ts for how to read and extend). */
export const EDGE: Readonly<Record<string, TypeReplacement>> = {
  aws_acm_certificate: aws(
    "acm/certificate.go",
    [
      "certificate_authority_arn",
      "domain_name",
      "key_algorithm",
      "subject_alternative_names",
      "validation_method",
      { attribute: "validation_option", block: true },
      "validation_option.domain_name",
      "validation_option.validation_domain",
    ],
    "hashicorp/terraform-provider-aws@01661ea3cbe6",
  ),
  aws_acm_certificate_validation: aws(
    "acm/certificate_validation.go",
    ["certificate_arn", "validation_record_fqdns"],
    "hashicorp/terraform-provider-aws@004eea7f9b66",
  ),
  aws_api_gateway_account: aws("apigateway/account.go", []),
  aws_api_gateway_api_key: aws("apigateway/api_key.go", ["value"], "hashicorp/terraform-provider-aws@52740ef13dd9"),
  aws_api_gateway_authorizer: aws(
    "apigateway/authorizer.go",
    [
      "rest_api_id",
      {
        attribute: "type",
        conditional: true,
        note: "Only when type changes to or from COGNITO_USER_POOLS (CustomizeDiff ForceNew).",
      },
    ],
    "hashicorp/terraform-provider-aws@050ac11163ca",
  ),
  aws_api_gateway_base_path_mapping: aws(
    "apigateway/base_path_mapping.go",
    ["domain_name"],
    "hashicorp/terraform-provider-aws@0657871b7b47",
  ),
  aws_api_gateway_deployment: aws(
    "apigateway/deployment.go",
    ["rest_api_id", "triggers", "variables"],
    "hashicorp/terraform-provider-aws@00a35305dc1b",
  ),
  aws_api_gateway_domain_name: aws(
    "apigateway/domain_name.go",
    ["certificate_body", "certificate_chain", "certificate_private_key", "domain_name"],
    "hashicorp/terraform-provider-aws@00081ce41cc6",
  ),
  aws_api_gateway_integration: aws(
    "apigateway/integration.go",
    [
      "credentials",
      "http_method",
      "integration_http_method",
      "passthrough_behavior",
      "resource_id",
      "rest_api_id",
      "type",
    ],
    "hashicorp/terraform-provider-aws@0196297b77a4",
  ),
  aws_api_gateway_method: aws(
    "apigateway/method.go",
    ["http_method", "resource_id", "rest_api_id"],
    "hashicorp/terraform-provider-aws@0657871b7b47",
  ),
  aws_api_gateway_method_settings: aws(
    "apigateway/method_settings.go",
    ["method_path", "rest_api_id", "stage_name"],
    "hashicorp/terraform-provider-aws@1037711a99b6",
  ),
  aws_api_gateway_resource: aws(
    "apigateway/resource.go",
    ["rest_api_id"],
    "hashicorp/terraform-provider-aws@06739b22cee5",
  ),
  aws_api_gateway_rest_api: aws("apigateway/rest_api.go", [], "hashicorp/terraform-provider-aws@00a35305dc1b"),
  aws_api_gateway_stage: aws(
    "apigateway/stage.go",
    ["rest_api_id", "stage_name"],
    "hashicorp/terraform-provider-aws@050ac11163ca",
  ),
  aws_api_gateway_usage_plan: aws("apigateway/usage_plan.go", [], "hashicorp/terraform-provider-aws@003a12aee98f"),
  aws_api_gateway_usage_plan_key: aws(
    "apigateway/usage_plan_key.go",
    ["key_id", "key_type", "usage_plan_id"],
    "hashicorp/terraform-provider-aws@01606926a0c0",
  ),
  aws_apigatewayv2_vpc_link: aws(
    "apigatewayv2/vpc_link.go",
    ["security_group_ids", "subnet_ids"],
    "hashicorp/terraform-provider-aws@050ac11163ca",
  ),
  aws_cloudfront_cache_policy: awsGlobal("cloudfront/cache_policy.go", []),
  aws_cloudfront_distribution: awsGlobal("cloudfront/distribution.go", ["staging"]),
  aws_cloudfront_function: awsGlobal(
    "cloudfront/function.go",
    ["name"],
    "hashicorp/terraform-provider-aws@0b7740999b99",
  ),
  aws_cloudfront_origin_access_control: awsGlobal(
    "cloudfront/origin_access_control.go",
    [],
    "hashicorp/terraform-provider-aws@01c08000ddb1",
  ),
  aws_cloudfront_response_headers_policy: awsGlobal(
    "cloudfront/response_headers_policy.go",
    [],
    "hashicorp/terraform-provider-aws@0015017ad405",
  ),
  aws_cognito_user_pool: aws(
    "cognitoidp/user_pool.go",
    ["alias_attributes", "name", "username_attributes", "username_configuration.case_sensitive"],
    "hashicorp/terraform-provider-aws@015edb133ea6",
  ),
  aws_cognito_user_pool_client: aws(
    "cognitoidp/user_pool_client.go",
    ["generate_secret", "user_pool_id"],
    "hashicorp/terraform-provider-aws@01f431114674",
  ),
  aws_route53_health_check: awsGlobal(
    "route53/health_check.go",
    ["type", "request_interval", "measure_latency", "routing_control_arn", "reference_name"],
    "hashicorp/terraform-provider-aws@01606926a0c0",
  ),
  aws_route53_record: aws("route53/record.go", ["name", "zone_id"], "hashicorp/terraform-provider-aws@00655c1681ea"),
  aws_wafv2_web_acl: aws(
    "wafv2/web_acl.go",
    ["name", "name_prefix", "scope"],
    "hashicorp/terraform-provider-aws@0073593e7d69",
  ),
  aws_wafv2_web_acl_association: aws(
    "wafv2/web_acl_association.go",
    ["resource_arn", "web_acl_arn"],
    "hashicorp/terraform-provider-aws@011a8eed43ed",
  ),
  aws_wafv2_web_acl_logging_configuration: aws(
    "wafv2/web_acl_logging_configuration.go",
    ["log_destination_configs", "resource_arn"],
    "hashicorp/terraform-provider-aws@012f18cf44ec",
  ),
};
