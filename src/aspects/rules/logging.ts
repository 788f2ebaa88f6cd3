import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { block, blocks, isReference, isSet, isTrue, referencing, requiresCompanion, strings } from "./helpers";

/** The control-plane logs every cluster sends to CloudWatch: who called the API, with what, as whom. */
export const REQUIRED_EKS_LOG_TYPES = ["api", "audit", "authenticator"] as const;

/** Logs and traces: every request path and data store leaves a record to investigate with. */
export const LOGGING_RULES: readonly Rule[] = [
  {
    id: "CKV2_AWS_11",
    rationale: "Every VPC records its traffic in flow logs, the only network record for incident response.",
    severity: "error",
    resourceTypes: ["aws_vpc"],
    fix: "add an aws_flow_log with vpcId set to this VPC in the same stack",
    check: requiresCompanion("aws_flow_log", "vpc_id", "the VPC"),
  },
  {
    id: "CKV_AWS_37",
    rationale: `Clusters send the ${REQUIRED_EKS_LOG_TYPES.join(", ")} control-plane logs to CloudWatch.`,
    severity: "error",
    resourceTypes: ["aws_eks_cluster"],
    fix: `include ${REQUIRED_EKS_LOG_TYPES.map((type) => `"${type}"`).join(", ")} in enabledClusterLogTypes`,
    check: (cluster) => {
      if (isReference(cluster.config.enabled_cluster_log_types)) {
        return undefined;
      }
      const enabled = strings(cluster.config.enabled_cluster_log_types);
      const missing = REQUIRED_EKS_LOG_TYPES.filter((type) => !enabled.includes(type));
      return missing.length > 0 ? `enabled_cluster_log_types lacks ${missing.join(", ")}` : undefined;
    },
  },
  {
    id: "CKV_AWS_76",
    rationale: "API stages write an access log line per request.",
    severity: "error",
    resourceTypes: ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
    fix: "set accessLogSettings: { destinationArn, format } with an encrypted log group",
    check: (stage) =>
      isSet(block(stage.config.access_log_settings)?.destination_arn)
        ? undefined
        : "access_log_settings.destination_arn is not set",
  },
  {
    id: "CKV_AWS_73",
    rationale: "API stages trace requests with X-Ray, to follow a slow or failing call into the backends.",
    severity: "warning",
    resourceTypes: ["aws_api_gateway_stage"],
    fix: "set xrayTracingEnabled: true",
    check: (stage) => (isTrue(stage.config.xray_tracing_enabled) ? undefined : "xray_tracing_enabled is not true"),
  },
  {
    id: "CKV2_AWS_4",
    rationale: "API methods write execution logs (ERROR or INFO level).",
    severity: "warning",
    resourceTypes: ["aws_api_gateway_method_settings"],
    fix: 'set settings.loggingLevel: "ERROR" (or "INFO")',
    check: (settings) => {
      const level = block(settings.config.settings)?.logging_level;
      return level === "ERROR" || level === "INFO" || isReference(level)
        ? undefined
        : `settings.logging_level is ${show(level)}, not ERROR or INFO`;
    },
  },
  {
    id: "CKV_AWS_276",
    rationale: "Execution logs never carry full request and response bodies (tokens, personal data).",
    severity: "error",
    resourceTypes: ["aws_api_gateway_method_settings"],
    fix: "set settings.dataTraceEnabled: false",
    check: (settings) =>
      isTrue(block(settings.config.settings)?.data_trace_enabled) ? "settings.data_trace_enabled is true" : undefined,
  },
  {
    id: "CKV_AWS_86",
    rationale:
      "CloudFront access is logged: legacy logging_config, or CloudWatch standard logging v2 for the distribution.",
    severity: "error",
    resourceTypes: ["aws_cloudfront_distribution"],
    fix: "add an aws_cloudwatch_log_delivery_source with resourceArn set to the distribution (plus destination and delivery), or set loggingConfig",
    check: (distribution, stack) => {
      if (isSet(block(distribution.config.logging_config)?.bucket)) {
        return undefined;
      }
      return referencing(stack, "aws_cloudwatch_log_delivery_source", "resource_arn", distribution.address).length > 0
        ? undefined
        : "no logging_config and no aws_cloudwatch_log_delivery_source in the stack refers to the distribution";
    },
  },
  {
    id: "CKV2_AWS_31",
    rationale: "Web ACLs log the requests they evaluate, to tell an attack from a false positive.",
    severity: "error",
    resourceTypes: ["aws_wafv2_web_acl"],
    fix: "add an aws_wafv2_web_acl_logging_configuration with resourceArn set to the web ACL",
    check: requiresCompanion("aws_wafv2_web_acl_logging_configuration", "resource_arn", "the web ACL"),
  },
  {
    id: "CKV_AWS_80",
    rationale: "Kafka brokers ship their logs (CloudWatch Logs, Firehose or S3).",
    severity: "error",
    resourceTypes: ["aws_msk_cluster"],
    fix: "set loggingInfo.brokerLogs.cloudwatchLogs: { enabled: true, logGroup }",
    check: (kafka) => {
      const brokerLogs = block(block(kafka.config.logging_info)?.broker_logs);
      const enabled = ["cloudwatch_logs", "firehose", "s3"].some((target) =>
        isTrue(block(brokerLogs?.[target])?.enabled),
      );
      return enabled ? undefined : "logging_info.broker_logs enables no destination";
    },
  },
  {
    id: "PLAT_ELASTICACHE_LOGS",
    rationale: "Caches deliver their slow and engine logs, to explain latency spikes and failovers.",
    severity: "error",
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: 'add logDeliveryConfiguration entries for "slow-log" and "engine-log" to encrypted log groups',
    check: (cache) =>
      blocks(cache.config.log_delivery_configuration).length > 0 ? undefined : "log_delivery_configuration is empty",
  },
  {
    id: "CKV_AWS_129",
    rationale: "Databases export their engine logs to CloudWatch Logs (errors, slow statements, upgrades).",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: 'set enabledCloudwatchLogsExports: ["postgresql", "upgrade"]',
    check: (db) =>
      isSet(db.config.enabled_cloudwatch_logs_exports) ? undefined : "enabled_cloudwatch_logs_exports is empty",
  },
  {
    id: "CKV_AWS_66",
    rationale: "Log groups expire their events, so logs neither grow without bound nor outlive their purpose.",
    severity: "warning",
    resourceTypes: ["aws_cloudwatch_log_group"],
    fix: "set retentionInDays (one of the CloudWatch Logs retention periods)",
    check: (group) => {
      const days = group.config.retention_in_days;
      if (isSet(days) && days !== 0 && days !== "0") {
        return undefined;
      }
      return `retention_in_days is ${days === undefined ? "not set" : show(days)}, so events never expire`;
    },
  },
  {
    id: "CKV_AWS_118",
    rationale: "Databases report OS metrics through Enhanced Monitoring.",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: "set monitoringInterval (1, 5, 10, 15, 30 or 60) and monitoringRoleArn",
    check: (db) => {
      const interval = db.config.monitoring_interval;
      return isSet(interval) && interval !== 0 && interval !== "0"
        ? undefined
        : `monitoring_interval is ${show(interval)}, so Enhanced Monitoring is off`;
    },
  },
  {
    id: "CKV_AWS_353",
    rationale: "Databases record query load with Performance Insights.",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: "set performanceInsightsEnabled: true with a performanceInsightsKmsKeyId",
    check: (db) =>
      isTrue(db.config.performance_insights_enabled) ? undefined : "performance_insights_enabled is not true",
  },
];
