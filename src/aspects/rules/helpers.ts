import type { JsonObject, ResourceView, StackView } from "../rule";

/**
 * Readers of synthesized Terraform JSON shared by the rules. Terraform JSON is loosely typed: nested blocks come out
 * as an object (at most one) or an array, booleans are sometimes strings (`"true"` in provider 6.x for ElastiCache
 * `at_rest_encryption_enabled` and launch-template EBS settings), and values computed at apply time are references.
 */

/** `true` or `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** `false` or `"false"`. */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A Terraform expression (`${aws_kms_key.Key.arn}`): its value is only known at apply time. */
export function isReference(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** Present and not empty: a reference counts as set (its value is unknown, but something is set). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value === "string") {
    return value.trim().length > 0;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return true;
}

/** A list attribute as an array (`undefined` → `[]`, a single value → `[value]`). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** The string items of a list attribute. */
export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === "string");
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Nested blocks as an array, whether synthesized as one object or an array of them. */
export function blocks(value: unknown): JsonObject[] {
  return list(value).filter(isObject);
}

/** The first (usually only) nested block, or `undefined`. */
export function block(value: unknown): JsonObject | undefined {
  return blocks(value)[0];
}

/** Resources of a type in the stack; `data.<type>` for data sources. */
export function ofType(stack: StackView, type: string): ResourceView[] {
  const pool = type.startsWith("data.") ? stack.dataSources : stack.resources;
  return pool.filter((resource) => resource.type === type);
}

/** The resource or data source with this address in the stack. */
export function byAddress(stack: StackView, address: string): ResourceView | undefined {
  const pool = address.startsWith("data.") ? stack.dataSources : stack.resources;
  return pool.find((resource) => resource.address === address);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether any string in `value` (searched deeply) references an attribute of the resource at `address`, as in
 * `${aws_vpc.Network_1C6012B5.id}`. `data.aws_x.Y` does not count as a reference to `aws_x.Y`.
 */
export function refersTo(value: unknown, address: string): boolean {
  const pattern = new RegExp(`(?<![\\w.-])${escapeRegExp(address)}\\.`);
  const search = (item: unknown): boolean => {
    if (typeof item === "string") {
      return isReference(item) && pattern.test(item);
    }
    if (Array.isArray(item)) {
      return item.some(search);
    }
    if (isObject(item)) {
      return Object.values(item).some(search);
    }
    return false;
  };
  return search(value);
}

/** Resources of `type` in the stack whose `attribute` references the resource at `address`. */
export function referencing(stack: StackView, type: string, attribute: string, address: string): ResourceView[] {
  return ofType(stack, type).filter((resource) => refersTo(resource.config[attribute], address));
}

/**
 * A check that a companion resource of `type` in the same stack refers to the checked one through `attribute` (a
 * flow log per VPC, a logging configuration per web ACL); `what` names the checked resource in the message.
 */
export function requiresCompanion(
  type: string,
  attribute: string,
  what: string,
): (resource: ResourceView, stack: StackView) => string | undefined {
  return (resource, stack) =>
    referencing(stack, type, attribute, resource.address).length > 0
      ? undefined
      : `no ${type} in the stack refers to ${what}`;
}

/**
 * The address of the resource of `type` that a value such as `${aws_security_group.Sg_1A2B.id}` names, when the
 * value is exactly one such reference.
 */
export function referencedAddress(value: unknown, type: string): string | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const match = new RegExp(`^\\$\\{(${escapeRegExp(type)}\\.[A-Za-z0-9_-]+)\\.[A-Za-z0-9_]+\\}$`).exec(value);
  return match?.[1];
}

/**
 * Whether the `bucket` attribute of a bucket-configuration resource (public access block, versioning, encryption,
 * policy) names `bucket`: a reference to it, or its literal name.
 */
export function targetsBucket(value: unknown, bucket: ResourceView): boolean {
  if (refersTo(value, bucket.address)) {
    return true;
  }
  const name = bucket.config.bucket;
  return typeof value === "string" && typeof name === "string" && !isReference(name) && value === name;
}

/** An `aws_db_instance` that replicates another (a read replica): it inherits engine, key and backups. */
export function isReadReplica(resource: ResourceView): boolean {
  return isSet(resource.config.replicate_source_db);
}

/** Whether `lifecycle.prevent_destroy` is on. */
export function preventsDestroy(resource: ResourceView): boolean {
  return isTrue(block(resource.config.lifecycle)?.prevent_destroy);
}

/** An IAM principal of a policy statement: `{ type: "AWS", identifiers: ["*"] }`; `Principal: "*"` is type `*`. */
export interface PolicyPrincipal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** An IAM condition: `{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }`. */
export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One statement of an IAM policy, from a JSON document or an `aws_iam_policy_document` data source. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

/** The statements of a `data.aws_iam_policy_document` body. */
export function documentStatements(document: JsonObject): PolicyStatement[] {
  return blocks(document.statement).map((statement) => ({
    sid: typeof statement.sid === "string" ? statement.sid : undefined,
    effect: typeof statement.effect === "string" ? statement.effect : "Allow",
    actions: strings(statement.actions),
    resources: strings(statement.resources),
    principals: blocks(statement.principals).map((principal) => ({
      type: String(principal.type ?? ""),
      identifiers: strings(principal.identifiers),
    })),
    conditions: blocks(statement.condition).map((condition) => ({
      test: String(condition.test ?? ""),
      variable: String(condition.variable ?? ""),
      values: strings(condition.values),
    })),
  }));
}

/** The statements of an IAM policy JSON document (`{"Version": ..., "Statement": [...]}`). */
export function jsonStatements(document: JsonObject): PolicyStatement[] {
  return blocks(document.Statement).map((statement) => {
    const principal = statement.Principal;
    const principals: PolicyPrincipal[] =
      principal === "*"
        ? [{ type: "*", identifiers: ["*"] }]
        : isObject(principal)
          ? Object.entries(principal).map(([type, identifiers]) => ({ type, identifiers: strings(identifiers) }))
          : [];
    const conditions: PolicyCondition[] = isObject(statement.Condition)
      ? Object.entries(statement.Condition).flatMap(([test, variables]) =>
          isObject(variables)
            ? Object.entries(variables).map(([variable, values]) => ({
                test,
                variable,
                values: list(values).map(String),
              }))
            : [],
        )
      : [];
    return {
      sid: typeof statement.Sid === "string" ? statement.Sid : undefined,
      effect: typeof statement.Effect === "string" ? statement.Effect : "",
      actions: strings(statement.Action),
      resources: strings(statement.Resource),
      principals,
      conditions,
    };
  });
}

/**
 * The statements of a policy attribute: a JSON string, or `${data.aws_iam_policy_document.X.json}` naming a
 * document of the same stack. `undefined` when the policy cannot be read at synth (another stack's document,
 * `jsonencode(...)`, a file).
 */
export function policyStatements(policy: unknown, stack: StackView): PolicyStatement[] | undefined {
  const documentAddress = referencedAddress(policy, "data.aws_iam_policy_document");
  if (documentAddress) {
    const document = byAddress(stack, documentAddress);
    return document ? documentStatements(document.config) : undefined;
  }
  return literalPolicyStatements(policy);
}

/** The statements of a policy given as a JSON string, or `undefined` when it is not one. */
export function literalPolicyStatements(policy: unknown): PolicyStatement[] | undefined {
  if (typeof policy !== "string" || policy.trim().startsWith("${")) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(policy);
    return isObject(parsed) ? jsonStatements(parsed) : undefined;
  } catch {
    return undefined;
  }
}

/** A statement id for messages: `statement "Sid"` or `statement 2`. */
export function statementName(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement ${JSON.stringify(statement.sid)}` : `statement ${index + 1}`;
}

/** An Allow statement granting every action (`*` or `*:*`) on every resource (`*`). */
export function grantsEverything(statement: PolicyStatement): boolean {
  return (
    statement.effect === "Allow" &&
    statement.actions.some((action) => action === "*" || action === "*:*") &&
    statement.resources.includes("*")
  );
}

/** A principal that is anyone: `Principal: "*"` or an AWS principal `*`. */
export function isAnyonePrincipal(principal: PolicyPrincipal): boolean {
  return (principal.type === "*" || principal.type === "AWS") && principal.identifiers.includes("*");
}

/** The CIDR blocks that mean "the whole internet". */
export const WHOLE_INTERNET = ["0.0.0.0/0", "::/0"] as const;

/** The whole-internet CIDRs among `value`. */
export function wholeInternet(value: unknown): string[] {
  return strings(value).filter((cidr) => (WHOLE_INTERNET as readonly string[]).includes(cidr.trim()));
}
