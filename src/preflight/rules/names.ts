import { replacementSuffix } from "../../../constructs/core/replacement-name";
import { type Block, locationOf, type Model, type Stack } from "../model";
import { NAME_SPECS, type NameSpec } from "../name-specs";
import { canonicalValue, expressionsIn, referencesIn } from "../references";
import type { PreflightFinding, PreflightRule } from "../rule";

/**
 * Names that share one namespace although their types differ: CloudWatch metric and composite alarms share the
 * alarm names of a region.
 */
export const SHARED_NAMESPACES: Readonly<Record<string, string>> = {
  aws_cloudwatch_metric_alarm: "cloudwatch-alarm",
  aws_cloudwatch_composite_alarm: "cloudwatch-alarm",
};

/** Something an account has once (per region, or per service): two stacks managing it collide or overwrite. */
export interface Singleton {
  /** What it is, for the message. */
  readonly what: (config: Readonly<Record<string, unknown>>) => string;
  readonly scope: "account" | "region";
  /** What tells two of the type apart (a service name), or one per scope when absent. */
  readonly key?: (config: Readonly<Record<string, unknown>>) => string;
}

export const SINGLETONS: Readonly<Record<string, Singleton>> = {
  aws_api_gateway_account: {
    what: () => "API Gateway's account settings (its CloudWatch role) exist once per account and region",
    scope: "region",
  },
  aws_ebs_encryption_by_default: {
    what: () => "EBS encryption by default exists once per account and region",
    scope: "region",
  },
  // iam/service_linked_role.go: CreateServiceLinkedRole fails with "has been taken in this account" when it exists.
  aws_iam_service_linked_role: {
    what: (config) => `The service-linked role of ${String(config.aws_service_name)} exists once per account`,
    scope: "account",
    key: (config) => `${String(config.aws_service_name)}|${String(config.custom_suffix ?? "")}`,
  },
};

/** A literal string (no `${...}`): what the API will receive, known at synth. */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** Every named resource of the model with its spec. */
function named(model: Model): { stack: Stack; block: Block; spec: NameSpec }[] {
  return model.stacks.flatMap((stack) =>
    stack.resources
      .filter((block) => NAME_SPECS[block.type])
      .map((block) => ({ stack, block, spec: NAME_SPECS[block.type] })),
  );
}

export const nameLimits: PreflightRule = {
  id: "PF_NAME_LIMIT",
  title: "A physical name breaks its type's length or character limits",
  why: "The provider validates some names at plan time, the AWS APIs the rest only at create (RDS identifiers, ElastiCache ids, MSK names): a name one character too long stops the apply half-way.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const { stack, block, spec } of named(model)) {
      const report = (message: string) =>
        findings.push({ rule: this.id, stack: stack.id, address: block.address, message });
      const name = literal(block.config[spec.attribute]);
      if (name !== undefined) {
        if (name.length > spec.maxLength || name.length < (spec.minLength ?? 1)) {
          report(
            `${spec.attribute} ${JSON.stringify(name)} has ${name.length} characters; expected ${spec.expectation}`,
          );
        }
        if (spec.pattern && !spec.pattern.test(name)) {
          report(
            `${spec.attribute} ${JSON.stringify(name)} has characters the API refuses; expected ${spec.expectation}`,
          );
        }
        for (const forbidden of spec.forbidden ?? []) {
          if (forbidden.pattern.test(name)) {
            report(`${spec.attribute} ${JSON.stringify(name)} ${forbidden.reason}; expected ${spec.expectation}`);
          }
        }
      }
      const prefix = spec.prefixAttribute ? literal(block.config[spec.prefixAttribute]) : undefined;
      if (prefix !== undefined && spec.prefixMaxLength !== undefined && prefix.length > spec.prefixMaxLength) {
        report(
          `${spec.prefixAttribute} ${JSON.stringify(prefix)} has ${prefix.length} characters; expected at most ${spec.prefixMaxLength} (Terraform adds 26 to reach the ${spec.maxLength}-character name)`,
        );
      }
    }
    return findings;
  },
};

/** Where a name must be unique, as a key: the scope's account, region or parent. */
function scopeKey(model: Model, stack: Stack, block: Block, spec: NameSpec): string {
  const location = locationOf(stack, block);
  // Stacks that do not pin their account may share one: compare them with each other.
  const account = location.account ?? "(account not pinned)";
  const namespace = SHARED_NAMESPACES[block.type] ?? block.type;
  if (spec.scope === "global") {
    return namespace;
  }
  if (spec.scope === "account") {
    return `${namespace}|${account}`;
  }
  if (spec.scope === "region") {
    return `${namespace}|${account}|${location.region}`;
  }
  return `${namespace}|${account}|${location.region}|${canonicalValue(model, stack, block.config[spec.scope.within])}`;
}

function describeScope(spec: NameSpec): string {
  return spec.scope === "global"
    ? "in every AWS account"
    : spec.scope === "account"
      ? "in the account"
      : spec.scope === "region"
        ? "in the account and region"
        : `within the same ${spec.scope.within}`;
}

export const nameCollisions: PreflightRule = {
  id: "PF_NAME_COLLISION",
  title: "Two resources of one account and region (or one global namespace) get the same physical name",
  why: "The second create fails (AlreadyExists, EntityAlreadyExists, BucketAlreadyExists), or two stacks fight over an account-wide setting. Stacks that do not pin aws.accountId are assumed to share an account.",
  check(model) {
    const findings: PreflightFinding[] = [];
    const seen = new Map<string, { stack: Stack; block: Block }>();
    for (const { stack, block, spec } of named(model)) {
      const name = literal(block.config[spec.attribute]);
      if (name === undefined) {
        continue;
      }
      const key = `${scopeKey(model, stack, block, spec)}|${name.toLowerCase()}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { stack, block });
        continue;
      }
      findings.push({
        rule: this.id,
        stack: stack.id,
        address: block.address,
        message: `${spec.attribute} ${JSON.stringify(name)} is also the name of ${first.stack.id} ${first.block.address}, and must be unique ${describeScope(spec)}`,
      });
    }
    const singletons = new Map<string, { stack: Stack; block: Block }>();
    for (const stack of model.stacks) {
      for (const block of stack.resources.filter((candidate) => SINGLETONS[candidate.type])) {
        const singleton = SINGLETONS[block.type];
        const location = locationOf(stack, block);
        const where = singleton.scope === "region" ? location.region : "";
        const key = `${block.type}|${singleton.key?.(block.config) ?? ""}|${location.account ?? "(account not pinned)"}|${where}`;
        const first = singletons.get(key);
        if (first) {
          findings.push({
            rule: this.id,
            stack: stack.id,
            address: block.address,
            message: `${singleton.what(block.config)}, and ${first.stack.id} ${first.block.address} manages it too${location.account ? "" : " (no aws.accountId pins the accounts apart)"}; let one environment manage it`,
          });
        } else {
          singletons.set(key, { stack, block });
        }
      }
    }
    return findings;
  },
};

/** References that make a name account-unique: the account id of the caller. */
const ACCOUNT_REFERENCE = /^data\.aws_caller_identity\./;

export const globalNames: PreflightRule = {
  id: "PF_GLOBAL_NAME",
  title: "A globally unique name has no account-unique part",
  why: "S3 bucket names are shared by every AWS account: a name without the account id is taken by whoever creates it first, and the apply fails with BucketAlreadyExists (or the state bucket of another team is used).",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const { stack, block, spec } of named(model).filter((entry) => entry.spec.scope === "global")) {
      const value = block.config[spec.attribute];
      if (value === undefined) {
        continue;
      }
      const account = locationOf(stack, block).account;
      const hasAccountReference = referencesIn(value).some((reference) => ACCOUNT_REFERENCE.test(reference.address));
      const text = String(value);
      if (hasAccountReference || (account !== undefined && text.includes(account))) {
        continue;
      }
      findings.push({
        rule: this.id,
        stack: stack.id,
        address: block.address,
        message: `${spec.attribute} ${JSON.stringify(text)} is global across all AWS accounts but holds no account id${account ? ` (${account})` : " (and the stack pins no aws.accountId)"}; add the account id to the name`,
      });
    }
    return findings;
  },
};

export const createBeforeDestroyNames: PreflightRule = {
  id: "PF_CBD_FIXED_NAME",
  title: "A fixed name on a create-before-destroy resource that a change would replace",
  why: "With create_before_destroy the replacement is created while the old resource still holds the name, and the API refuses the duplicate. Use the prefix argument, or a name that ends in replacementSuffix() of every other argument that forces replacement, so that the new one has a new name.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const { stack, block, spec } of named(model)) {
      const lifecycle = (block.config.lifecycle ?? {}) as { create_before_destroy?: unknown };
      const name = block.config[spec.attribute];
      if (lifecycle.create_before_destroy !== true || name === undefined) {
        continue;
      }
      const report = (message: string) =>
        findings.push({ rule: this.id, stack: stack.id, address: block.address, message });
      const forcing = Object.fromEntries(
        spec.replacing
          .filter((argument) => block.config[argument] !== undefined)
          .map((argument) => [argument, block.config[argument]]),
      );
      if (Object.keys(forcing).length === 0) {
        continue; // Only a new name replaces it, and the new name is free.
      }
      const unknown = Object.keys(forcing).filter((argument) => expressionsIn(forcing[argument]).length > 0);
      if (unknown.length > 0) {
        report(
          `${spec.attribute} is fixed but ${unknown.join(", ")} (which force replacement) are known only at apply; use ${spec.prefixAttribute ?? "a prefix"} instead`,
        );
        continue;
      }
      const suffix = replacementSuffix(forcing);
      if (!String(name).endsWith(`-${suffix}`)) {
        report(
          `${spec.attribute} ${JSON.stringify(name)} stays the same when ${Object.keys(forcing).join(" or ")} change, and the replacement is created first; ${spec.prefixAttribute ? `use ${spec.prefixAttribute}, or ` : ""}end the name with -${suffix} (replacementSuffix of those arguments)`,
        );
      }
    }
    return findings;
  },
};
