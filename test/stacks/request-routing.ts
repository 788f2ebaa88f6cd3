import type { StackJson } from "../helpers";

/**
 * A request's way from the public API to a target, read from the synthesized edge and workloads stacks: the API
 * resource API Gateway matches, its integration's URI, the path the load balancer receives (API Gateway puts the
 * stage in front of it for private integrations: API Gateway Developer Guide, "Private integrations for REST APIs"),
 * the listener rule that matches it (ALB path patterns: case-sensitive, `*` any run of characters, `?` one), the
 * rule's URL rewrite, and the target group.
 */
export interface RoutedRequest {
  /** `/api/auth/{proxy+}`: the API resource that matched. */
  readonly resource: string;
  readonly authorization: string;
  readonly apiKeyRequired: boolean;
  /** The path the load balancer receives. */
  readonly forwardedPath: string;
  /** The listener rule's priority, or "default". */
  readonly rule: number | "default";
  /** The target group's Name tag. */
  readonly targetGroup: string;
  /** The path the target receives, after the rule's rewrite. */
  readonly targetPath: string;
}

type Blocks = Record<string, any>;

function blocks(json: StackJson, type: string): Blocks {
  return json.resource?.[type] ?? {};
}

/** `${aws_x.Name.attr}` → `Name`. */
function nameOf(reference: string): string {
  return /^\$\{[a-z0-9_]+\.([^.]+)\./.exec(reference)![1];
}

/** ALB path pattern → RegExp. */
function pathPattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/** The API resources by id, with their full paths. */
function apiResources(edge: StackJson): Map<string, { path: string; parent?: string }> {
  const resources = blocks(edge, "aws_api_gateway_resource");
  const api = Object.keys(blocks(edge, "aws_api_gateway_rest_api"))[0];
  const rootId = `\${aws_api_gateway_rest_api.${api}.root_resource_id}`;
  const paths = new Map<string, { path: string; parent?: string }>([[rootId, { path: "/" }]]);
  const pathOf = (id: string): string => {
    if (paths.has(id)) {
      return paths.get(id)!.path;
    }
    const resource = resources[nameOf(id)];
    const parent = pathOf(resource.parent_id);
    const path = `${parent === "/" ? "" : parent}/${resource.path_part}`;
    paths.set(id, { path, parent: resource.parent_id });
    return path;
  };
  Object.keys(resources).forEach((name) => pathOf(`\${aws_api_gateway_resource.${name}.id}`));
  return paths;
}

/** API Gateway's match: literal path segments first, else the greedy `{proxy+}` child of the deepest match. */
function matchResource(
  resources: Map<string, { path: string }>,
  path: string,
): { id: string; path: string; proxy?: string } {
  const byPath = new Map([...resources].map(([id, resource]) => [resource.path, id]));
  const segments = path.split("/").filter((segment) => segment.length > 0);
  let current = "/";
  for (let index = 0; index < segments.length; index++) {
    const next = `${current === "/" ? "" : current}/${segments[index]}`;
    if (byPath.has(next)) {
      current = next;
      continue;
    }
    const proxy = `${current === "/" ? "" : current}/{proxy+}`;
    if (!byPath.has(proxy)) {
      throw new Error(`no API resource matches ${path}`);
    }
    return { id: byPath.get(proxy)!, path: proxy, proxy: segments.slice(index).join("/") };
  }
  return { id: byPath.get(current)!, path: current };
}

/** Where a request to the API's `path` with `method` ends up. */
export function routeRequest(
  edge: StackJson,
  workloads: StackJson,
  stage: string,
  path: string,
  method = "GET",
): RoutedRequest {
  const resource = matchResource(apiResources(edge), path);
  const onResource = (type: string) =>
    Object.values(blocks(edge, type)).filter((block: any) => block.resource_id === resource.id);
  const methods = onResource("aws_api_gateway_method");
  const chosen = (methods.find((candidate: any) => candidate.http_method === method) ??
    methods.find((candidate: any) => candidate.http_method === "ANY")) as any;
  const integration = onResource("aws_api_gateway_integration").find(
    (candidate: any) =>
      candidate.http_method === `\${aws_api_gateway_method.${nameOfMethod(edge, chosen)}.http_method}`,
  ) as any;
  const uriPath = new URL(integration.uri.replace(/\$\{[^}]+\}/g, "backend")).pathname.replace(
    "%7Bproxy%7D",
    resource.proxy ?? "",
  );
  const forwardedPath = `/${stage}${uriPath}`;

  const rules = Object.values(blocks(workloads, "aws_lb_listener_rule")).sort(
    (a: any, b: any) => a.priority - b.priority,
  ) as any[];
  const targetGroups = blocks(workloads, "aws_lb_target_group");
  const rule = rules.find((candidate) =>
    candidate.condition[0].path_pattern.values.some((pattern: string) => pathPattern(pattern).test(forwardedPath)),
  );
  const listener = Object.values(blocks(workloads, "aws_lb_listener"))[0] as any;
  const targetGroupArn = rule ? rule.action[0].target_group_arn : listener.default_action[0].target_group_arn;
  const rewrite = rule?.transform?.[0]?.url_rewrite_config?.rewrite;
  const targetPath = rewrite ? forwardedPath.replace(new RegExp(rewrite.regex), rewrite.replace) : forwardedPath;
  return {
    resource: resource.path,
    authorization: chosen.authorization,
    apiKeyRequired: chosen.api_key_required,
    forwardedPath,
    rule: rule ? rule.priority : "default",
    targetGroup: targetGroups[nameOf(targetGroupArn)].tags.Name,
    targetPath,
  };
}

function nameOfMethod(edge: StackJson, method: unknown): string {
  return Object.entries(blocks(edge, "aws_api_gateway_method")).find(([, candidate]) => candidate === method)![0];
}
