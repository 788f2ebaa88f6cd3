import { type IAspect, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { SuppressionConfig } from "../config/guardrails-schema";
import { GuardrailError } from "../errors";
import { show } from "../../constructs/core/errors";
import {
  type Evaluation,
  type Finding,
  formatFinding,
  type JsonObject,
  type ResourceView,
  type Rule,
  type RuleContext,
  type StackView,
  type SuppressedFinding,
  type Suppression,
} from "./rule";
import { findRule, RULES } from "./rules";
import { codeSuppressions } from "../../constructs/core/suppress";

/** The guardrails outcome of one synthesized stack. */
export interface GuardrailReport extends Evaluation {
  readonly stackId: string;
  readonly production: boolean;
}

/** The reports of one environment's stacks, in synth order. */
export interface EnvironmentGuardrails {
  readonly environment: string;
  readonly reports: readonly GuardrailReport[];
}

export interface GuardrailsOptions {
  /** Evaluate the production-only rules (Multi-AZ, deletion protection, backups, prevent_destroy). */
  readonly production: boolean;
  /**
   * The environment's config-level suppressions (`guardrails.suppressions`). Each stack considers those whose
   * resource it holds; `checkSuppressionsUsed` fails synth for those that matched no finding in any stack.
   *
   * @default - none
   */
  readonly suppressions?: readonly SuppressionConfig[];
  /**
   * The rules to evaluate.
   *
   * @default RULES
   */
  readonly rules?: readonly Rule[];
}

const reports = new WeakMap<TerraformStack, GuardrailReport>();

/** The guardrails report of a stack, once it has been synthesized with the `Guardrails` aspect. */
export function guardrailReport(stack: TerraformStack): GuardrailReport | undefined {
  return reports.get(stack);
}

/**
 * The guardrails policy pack as an aspect. Add it to each stack (aspects on the App never run in cdktf 0.21):
 * when synth visits the stack, it evaluates every rule over the stack's synthesized resources at once, records the
 * report (`guardrailReport(stack)`) and throws a `GuardrailError` listing every unsuppressed error finding.
 */
export class Guardrails implements IAspect {
  private readonly production: boolean;
  private readonly suppressions: readonly Suppression[];
  private readonly rules: readonly Rule[];

  constructor(options: GuardrailsOptions) {
    this.production = options.production;
    this.rules = options.rules ?? RULES;
    const unknown = (options.suppressions ?? []).filter((suppression) => !findRule(suppression.rule));
    if (unknown.length > 0) {
      throw new GuardrailError(
        `Guardrails: ${unknown.length} config suppression${unknown.length === 1 ? " names an unknown rule" : "s name unknown rules"}; expected ids listed in docs/reference/guardrails.md:`,
        unknown.map((suppression) => `guardrails.suppressions: ${show(suppression.rule)} on ${suppression.resource}`),
      );
    }
    this.suppressions = (options.suppressions ?? []).map((suppression) => ({ ...suppression, source: "config" }));
  }

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      this.check(node, node.toTerraform());
    }
  }

  /**
   * Evaluates the rules over `terraform`, the stack's synthesized JSON (`stack.toTerraform()`), records the report
   * and throws on unsuppressed error findings. A stack that checks its own output as it synthesizes (PlatformStack)
   * calls this instead of adding the aspect, which would compute the same JSON a second time.
   */
  public check(stack: TerraformStack, terraform: unknown): void {
    const view = stackViewOf(stack.node.id, terraform);
    const addresses = new Set([...view.resources, ...view.dataSources].map((resource) => resource.address));
    const code = codeSuppressions(stack.node.findAll());
    const unknownInCode = code.filter((suppression) => !findRule(suppression.rule));
    if (unknownInCode.length > 0) {
      throw new GuardrailError(
        `Guardrails: stack ${view.stackId} suppresses rules the catalogue lacks in code; expected ids listed in docs/reference/guardrails.md:`,
        unknownInCode.map((suppression) => `suppressRule: ${show(suppression.rule)} on ${suppression.resource}`),
      );
    }
    const suppressions = [...code, ...this.suppressions.filter((suppression) => addresses.has(suppression.resource))];
    const context: RuleContext = { production: this.production, stackId: view.stackId };
    const evaluation = evaluate(view, context, suppressions, this.rules);
    reports.set(stack, { stackId: view.stackId, production: this.production, ...evaluation });

    if (evaluation.errors.length > 0) {
      const count = evaluation.errors.length;
      throw new GuardrailError(
        `Guardrails: stack ${view.stackId} has ${count} error finding${count === 1 ? "" : "s"}; fix ${count === 1 ? "it" : "them"} or suppress each with a justification (docs/reference/guardrails.md):`,
        evaluation.errors.map(formatFinding),
      );
    }
  }
}

/**
 * Evaluates `rules` over a stack: every rule over every resource of its types (production-only rules only in
 * production), then applies the suppressions by rule id and resource address (the first that matches wins; the
 * aspect passes code-level ones before config ones). Pure: the same input gives the same evaluation.
 */
export function evaluate(
  stack: StackView,
  context: RuleContext,
  suppressions: readonly Suppression[] = [],
  rules: readonly Rule[] = RULES,
): Evaluation {
  const findings: Finding[] = [];
  const elements = [...stack.resources, ...stack.dataSources];
  for (const rule of rules) {
    if (rule.productionOnly && !context.production) {
      continue;
    }
    for (const resource of elements) {
      if (!rule.resourceTypes.includes(resource.type)) {
        continue;
      }
      const message = rule.check(resource, stack, context);
      if (message !== undefined) {
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          address: resource.address,
          path: resource.path,
          message,
          fix: rule.fix,
        });
      }
    }
  }

  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const suppression = suppressions.find(
      (candidate) => candidate.rule === finding.ruleId && candidate.resource === finding.address,
    );
    if (suppression) {
      suppressed.push({ ...finding, justification: suppression.justification, source: suppression.source });
    } else if (finding.severity === "error") {
      errors.push(finding);
    } else {
      warnings.push(finding);
    }
  }
  return { errors, warnings, suppressed };
}

/**
 * What the rules see of a stack: its synthesized resources and data sources (`stack.toTerraform()`, so overrides,
 * `lifecycle` and resolved tokens included), each with its address and construct path.
 */
export function stackView(stack: TerraformStack): StackView {
  return stackViewOf(stack.node.id, stack.toTerraform());
}

/** The resources and data sources of a stack's synthesized JSON. */
function stackViewOf(stackId: string, synthesized: unknown): StackView {
  const terraform = synthesized as {
    readonly resource?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
    readonly data?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  };
  return {
    stackId,
    resources: views(terraform.resource, ""),
    dataSources: views(terraform.data, "data."),
  };
}

function views(
  blocksByType: Readonly<Record<string, Readonly<Record<string, JsonObject>>>> | undefined,
  prefix: string,
): ResourceView[] {
  return Object.entries(blocksByType ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => {
      const { "//": metadata, ...config } = body;
      const path = (metadata as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      return {
        type: `${prefix}${type}`,
        name,
        address: `${prefix}${type}.${name}`,
        path: typeof path === "string" ? path : `${prefix}${type}.${name}`,
        config,
      };
    }),
  );
}

/**
 * Config suppressions of an environment that matched no finding in any of its stacks: stale exceptions, which must
 * be removed (the resource was fixed, renamed or deleted).
 */
export function unusedSuppressions(
  suppressions: readonly SuppressionConfig[],
  stackReports: readonly GuardrailReport[],
): SuppressionConfig[] {
  return suppressions.filter(
    (suppression) =>
      !stackReports.some((report) =>
        report.suppressed.some(
          (finding) =>
            finding.source === "config" &&
            finding.ruleId === suppression.rule &&
            finding.address === suppression.resource,
        ),
      ),
  );
}

/** An environment's config suppressions and the guardrails reports of its stacks. */
export interface EnvironmentSuppressions {
  readonly environment: string;
  readonly suppressions: readonly SuppressionConfig[];
  readonly reports: readonly GuardrailReport[];
}

/**
 * The end-of-synth check: throws one `GuardrailError` naming every config suppression that matched no finding in
 * any stack of its environment (no stale exceptions).
 */
export function checkSuppressionsUsed(environments: readonly EnvironmentSuppressions[]): void {
  const unused = environments.flatMap(({ environment, suppressions, reports: stackReports }) =>
    unusedSuppressions(suppressions, stackReports).map(
      (suppression) =>
        `[${environment}] guardrails.suppressions: [${suppression.rule}] ${suppression.resource} matches no finding in the ${environment} stacks`,
    ),
  );
  if (unused.length > 0) {
    throw new GuardrailError(
      `Guardrails: ${unused.length} config suppression${unused.length === 1 ? " matches" : "s match"} no finding; remove ${unused.length === 1 ? "it" : "them"} (no stale exceptions):`,
      unused,
    );
  }
}

/**
 * The synth output of an environment's guardrails: each suppression and warning on a line, then a summary line.
 */
export function formatGuardrails(guardrails: EnvironmentGuardrails): string[] {
  const all = guardrails.reports;
  const suppressed = all.flatMap((report) => report.suppressed);
  const warnings = all.flatMap((report) => report.warnings);
  const errors = all.flatMap((report) => report.errors);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return [
    ...suppressed.map((finding) => `suppressed [${finding.ruleId}] ${finding.address} — ${finding.justification}`),
    ...warnings.map((finding) => `warning ${formatFinding(finding)}`),
    `guardrails ${guardrails.environment}: ${plural(all.length, "stack")}, ${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}, ${suppressed.length} suppressed`,
  ];
}
