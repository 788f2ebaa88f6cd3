import { matchesPathPattern } from "../../constructs/cdn/options";
import type { StackJson } from "../helpers";
import { routeRequest } from "./request-routing";

/**
 * What happens to a request, read from the synthesized edge and workloads stacks only: the way in (CloudFront's
 * behaviours, its origin headers and its site function, or the API's own domain), the WAF rules that count it, the
 * API method's authorization and key, the usage plan the key is on (with its method throttles), and the target
 * group the load balancer sends it to.
 *
 * API Gateway checks the authorizer before the API key (AWS's API Gateway security overview: WAF, resource policy,
 * authorizers, then API keys and usage plans): a request with neither gets the authorizer's 401.
 */
export interface Caller {
  /** The column's name. */
  readonly name: string;
  /** Through CloudFront (the site's domain) or straight to the API's domain. */
  readonly via: "cdn" | "api";
  /** Carries a signed-in person's token. */
  readonly token: boolean;
  /** The usage plan whose key the caller sends itself (an API client's tier). */
  readonly plan?: string;
}

type Blocks = Record<string, any>;

function blocks(json: StackJson, type: string): Blocks {
  return json.resource?.[type] ?? {};
}

/** `${aws_x.Name.attr}` → `Name`. */
function nameOf(reference: string): string {
  return /^\$\{[a-z0-9_]+\.([^.]+)\./.exec(reference)![1];
}

/** The usage plan a key resource is on, by the key's logical id. */
function planOfKey(edge: StackJson, keyName: string): any {
  const attachment = Object.values(blocks(edge, "aws_api_gateway_usage_plan_key")).find(
    (candidate: any) => nameOf(candidate.key_id) === keyName,
  ) as any;
  return blocks(edge, "aws_api_gateway_usage_plan")[nameOf(attachment.usage_plan_id)];
}

/** The per-5-minute WAF limits of `acl` that count this request. */
function wafLimits(acl: any, label: string, headers: Record<string, string>, path: string, token: boolean): string[] {
  const applies = (statement: any): boolean => {
    if (!statement) {
      return true;
    }
    if (statement.not_statement) {
      return !applies(statement.not_statement.statement);
    }
    if (statement.or_statement) {
      return statement.or_statement.statement.some(applies);
    }
    const match = statement.byte_match_statement;
    const value = match.field_to_match.uri_path ? path : headers[match.field_to_match.single_header.name];
    return match.positional_constraint === "EXACTLY"
      ? value === match.search_string
      : !!value?.startsWith(match.search_string);
  };
  return acl.rule
    .filter((rule: any) => rule.statement.rate_based_statement)
    .filter((rule: any) => applies(rule.statement.rate_based_statement.scope_down_statement))
    .filter((rule: any) => rule.statement.rate_based_statement.aggregate_key_type === "IP" || token)
    .map((rule: any) => {
      const statement = rule.statement.rate_based_statement;
      const key = statement.aggregate_key_type === "IP" ? "IP" : "user";
      return `${label} ${statement.limit}/${statement.evaluation_window_sec / 60} min per ${key}`;
    });
}

/** A usage plan's limit on one request: its steady rate and burst (a method throttle's, if one applies), quota. */
export interface PlanLimit {
  readonly plan: string;
  /** The method of the plan's method throttle that applies, if any. */
  readonly method?: string;
  readonly rate: number;
  readonly burst: number;
  readonly quota?: string;
}

/** The outcome of one cell: a target group (service name), "401", "403" or the site's object; and the limits. */
export interface Outcome {
  readonly outcome: string;
  /** The WAF rate rules that count the request, e.g. "CDN 2000/5 min per IP". */
  readonly waf: readonly string[];
  /** The usage plan limit, for a request that reaches a method with a key. */
  readonly plan?: PlanLimit;
}

export function requestOutcome(
  edge: StackJson,
  workloads: StackJson,
  caller: Caller,
  method: string,
  path: string,
): Outcome {
  const distribution = Object.values(blocks(edge, "aws_cloudfront_distribution"))[0] as any;
  const acls = Object.values(blocks(edge, "aws_wafv2_web_acl")) as any[];
  const cdnAcl = acls.find((acl) => acl.scope === "CLOUDFRONT");
  const apiAcl = acls.find((acl) => acl.scope === "REGIONAL");
  const stage = (Object.values(blocks(edge, "aws_api_gateway_stage"))[0] as any).stage_name;
  const headers: Record<string, string> = caller.token ? { authorization: "Bearer <token>" } : {};
  const waf: string[] = [];
  let plan = caller.plan
    ? Object.values(blocks(edge, "aws_api_gateway_usage_plan")).find((candidate: any) => candidate.name === caller.plan)
    : undefined;
  let wafPath = `/${stage}${path}`;

  if (caller.via === "cdn") {
    waf.push(...wafLimits(cdnAcl, "CDN", headers, path, caller.token));
    const behaviour =
      distribution.ordered_cache_behavior.find((candidate: any) => matchesPathPattern(candidate.path_pattern, path)) ??
      distribution.default_cache_behavior;
    // A behaviour may target an origin group (the site's failover with dr): its primary member answers.
    const group = distribution.origin_group?.find(
      (candidate: any) => candidate.origin_id === behaviour.target_origin_id,
    );
    const originId = group ? group.member[0].origin_id : behaviour.target_origin_id;
    const origin = distribution.origin.find((candidate: any) => candidate.origin_id === originId);
    if (!origin.custom_origin_config) {
      const association = behaviour.function_association?.[0];
      if (!association) {
        return { outcome: `site ${path}`, waf };
      }
      const code = (blocks(edge, "aws_cloudfront_function")[nameOf(association.function_arn)] as any).code;
      const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { uri: string };
      return { outcome: `site ${handler({ request: { uri: path, headers: {} } }).uri}`, waf };
    }
    // The origin's headers replace the viewer's; the origin path is the stage (none on the API's custom domain, whose
    // base path mapping adds the stage inside API Gateway, where the WAF does not see it).
    for (const header of origin.custom_header ?? []) {
      headers[header.name] = header.value;
      plan = planOfKey(edge, nameOf(header.value));
    }
    wafPath = `${origin.origin_path ?? ""}${path}`;
  }
  waf.push(...wafLimits(apiAcl, "API", headers, wafPath, caller.token));

  const routed = routeRequest(edge, workloads, stage, path, method);
  if (routed.authorization === "COGNITO_USER_POOLS" && !caller.token) {
    return { outcome: "401", waf };
  }
  if (routed.apiKeyRequired && !plan) {
    return { outcome: "403", waf };
  }
  return {
    outcome: routed.targetGroup.replace(/^.*-internal-/, ""),
    waf,
    plan: plan && planLimit(plan, routed.resource, method),
  };
}

/** The plan's limit on `method` of `resource`: a method throttle of the plan, else its own throttle and quota. */
function planLimit(plan: any, resource: string, method: string): PlanLimit {
  const name = plan.name.replace(/^.*-api-/, "");
  const throttle = plan.api_stages?.[0]?.throttle?.find(
    (candidate: any) => candidate.path === `${resource === "/" ? "" : resource}/${method}`,
  );
  if (throttle) {
    return { plan: name, method, rate: throttle.rate_limit, burst: throttle.burst_limit };
  }
  const quota = plan.quota_settings;
  return {
    plan: name,
    rate: plan.throttle_settings.rate_limit,
    burst: plan.throttle_settings.burst_limit,
    quota: quota ? `${quota.limit}/${quota.period.toLowerCase()}` : undefined,
  };
}

/** A Markdown table (cells as given; Prettier pads them in the README). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
}

/** A cell: the outcome, and for a request that gets through, the usage plan's steady rate that applies to it. */
export function cellText(cell: Outcome): string {
  const plan = cell.plan;
  return plan ? `${cell.outcome} · ${plan.plan}${plan.method ? ` ${plan.method}` : ""} ${plan.rate}/s` : cell.outcome;
}

/** Columns and the whitespace Prettier adds around them removed: tables compare by content. */
export function normalizeTable(table: string): string {
  return table
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/\s*\|\s*/g, "|")
        .replace(/\|-{3,}/g, "|---"),
    )
    .join("\n");
}
