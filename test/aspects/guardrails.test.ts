import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, Testing, TerraformStack } from "cdktf";
import {
  checkSuppressionsUsed,
  formatGuardrails,
  guardrailReport,
  Guardrails,
  type GuardrailsOptions,
  stackView,
} from "../../src/aspects/guardrails";
import { suppressRule } from "../../constructs/core/suppress";
import { GuardrailError } from "../../src/errors";
import { ValidationError } from "../../constructs/core/errors";
import { testStack } from "../helpers";

const JUSTIFICATION = "Holds nothing but test data that is recreated on every run";

/** A stack with the guardrails aspect, as PlatformStack adds it. */
function guardedStack(options: GuardrailsOptions = { production: false }, id = "test"): TerraformStack {
  const stack = testStack(id);
  Aspects.of(stack).add(new Guardrails(options));
  return stack;
}

/** A compliant KMS key: rotation, a policy, prevent_destroy. */
function key(stack: TerraformStack, id = "Key"): KmsKey {
  return new KmsKey(stack, id, {
    enableKeyRotation: true,
    policy: JSON.stringify({ Statement: [] }),
    lifecycle: { preventDestroy: true },
  });
}

/** A log group with a key and a retention: compliant. */
function logGroup(stack: TerraformStack, id = "Logs", settings: { kmsKeyId?: string; retentionInDays?: number } = {}) {
  return new CloudwatchLogGroup(stack, id, { name: `/test/${id}`, ...settings });
}

describe("the Guardrails aspect", () => {
  test("an error finding fails synth with one line naming the rule, resource, construct path and fix", () => {
    const stack = guardedStack();
    logGroup(stack, "Logs", { retentionInDays: 30 });

    expect(() => Testing.synth(stack)).toThrow(GuardrailError);
    expect(() => Testing.synth(stack)).toThrow(
      "Guardrails: stack test has 1 error finding; fix it or suppress each with a justification (docs/reference/guardrails.md):\n" +
        "  [CKV_AWS_158] aws_cloudwatch_log_group.Logs (test/Logs): kms_key_id is not set. Fix: set kmsKeyId to a customer-managed key whose policy grants CloudWatch Logs this group",
    );
  });

  test("lists every error finding of the stack in one error", () => {
    const stack = guardedStack();
    logGroup(stack, "First", { retentionInDays: 30 });
    logGroup(stack, "Second", { retentionInDays: 30 });

    expect(() => Testing.synth(stack)).toThrow(
      /has 2 error findings[^]*\[CKV_AWS_158\] aws_cloudwatch_log_group\.First [^]*\[CKV_AWS_158\] aws_cloudwatch_log_group\.Second /,
    );
  });

  test("a warning does not fail synth and is listed in the report", () => {
    const stack = guardedStack();
    const keyArn = key(stack).arn;
    logGroup(stack, "Logs", { kmsKeyId: keyArn });

    expect(() => Testing.synth(stack)).not.toThrow();
    expect(guardrailReport(stack)).toEqual({
      stackId: "test",
      production: false,
      errors: [],
      warnings: [
        expect.objectContaining({
          ruleId: "CKV_AWS_66",
          severity: "warning",
          address: "aws_cloudwatch_log_group.Logs",
          message: "retention_in_days is not set, so events never expire",
        }),
      ],
      suppressed: [],
    });
  });

  test("does not change the synthesized Terraform", () => {
    const build = (guarded: boolean) => {
      const stack = guarded ? guardedStack() : testStack();
      logGroup(stack, "Logs", { kmsKeyId: key(stack).arn, retentionInDays: 30 });
      return Testing.synth(stack);
    };
    expect(build(true)).toEqual(build(false));
  });

  test("reads the synthesized body: escape-hatch overrides count", () => {
    const protectedByOverride = guardedStack({ production: true });
    const overridden = new KmsKey(protectedByOverride, "Key", {
      enableKeyRotation: true,
      policy: JSON.stringify({ Statement: [] }),
    });
    overridden.addOverride("lifecycle.prevent_destroy", true);
    expect(() => Testing.synth(protectedByOverride)).not.toThrow();

    const brokenByOverride = guardedStack();
    key(brokenByOverride).addOverride("enable_key_rotation", false);
    expect(() => Testing.synth(brokenByOverride)).toThrow(/\[CKV_AWS_7\] aws_kms_key\.Key \(test\/Key\)/);
  });

  test("a reference to a key in another stack counts as a customer-managed key", () => {
    const app = Testing.app();
    const [keys, logs] = ["keys", "logs"].map((id) => {
      const stack = new TerraformStack(app, id);
      new AwsProvider(stack, "aws", { region: "eu-west-1" });
      Aspects.of(stack).add(new Guardrails({ production: false }));
      return stack;
    });
    logGroup(logs, "Logs", { kmsKeyId: key(keys).arn, retentionInDays: 30 });

    expect(() => app.synth()).not.toThrow();
    const synthesized = stackView(logs).resources.find(
      (resource) => resource.address === "aws_cloudwatch_log_group.Logs",
    );
    expect(synthesized?.config.kms_key_id).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(guardrailReport(logs)?.errors).toEqual([]);
  });

  test("production-only rules are skipped outside production", () => {
    const development = guardedStack({ production: false });
    new KmsKey(development, "Key", { enableKeyRotation: true, policy: "{}" });
    expect(() => Testing.synth(development)).not.toThrow();

    const production = guardedStack({ production: true });
    new KmsKey(production, "Key", { enableKeyRotation: true, policy: "{}" });
    expect(() => Testing.synth(production)).toThrow(
      "[PLAT_PREVENT_DESTROY] aws_kms_key.Key (test/Key): lifecycle.prevent_destroy is not true",
    );
  });
});

describe("code-level suppressions", () => {
  test("remove the error and appear in the report with their justification", () => {
    const stack = guardedStack();
    suppressRule(logGroup(stack, "Logs", { retentionInDays: 30 }), "CKV_AWS_158", JUSTIFICATION);

    expect(() => Testing.synth(stack)).not.toThrow();
    expect(guardrailReport(stack)?.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "CKV_AWS_158",
        address: "aws_cloudwatch_log_group.Logs",
        justification: JUSTIFICATION,
        source: "code",
      }),
    ]);
  });

  test("cover only the resource they are declared on", () => {
    const stack = guardedStack();
    suppressRule(logGroup(stack, "Suppressed", { retentionInDays: 30 }), "CKV_AWS_158", JUSTIFICATION);
    logGroup(stack, "Other", { retentionInDays: 30 });

    expect(() => Testing.synth(stack)).toThrow(/has 1 error finding[^]*aws_cloudwatch_log_group\.Other /);
  });

  test.each([
    [
      "a short justification",
      "CKV_AWS_158",
      "not needed",
      /justification "not needed" has 10 characters; expected a sentence of at least 20/,
    ],
    ["a malformed rule id", "ckv aws 1", JUSTIFICATION, /"ckv aws 1" is not a guardrail rule id/],
  ])("throw for %s", (_case, rule, justification, message) => {
    const group = logGroup(testStack(), "Logs");
    expect(() => suppressRule(group, rule, justification)).toThrow(ValidationError);
    expect(() => suppressRule(group, rule, justification)).toThrow(message);
  });

  test("a rule the catalogue lacks fails the stack's guardrails at synth, naming the resource", () => {
    const stack = testStack();
    suppressRule(logGroup(stack, "Logs", { retentionInDays: 30 }), "CKV_AWS_99999", JUSTIFICATION);
    Aspects.of(stack).add(new Guardrails({ production: true }));
    expect(() => Testing.synth(stack)).toThrow(GuardrailError);
    expect(() => Testing.synth(stack)).toThrow(
      /suppresses rules the catalogue lacks[^]*"CKV_AWS_99999" on aws_cloudwatch_log_group\.Logs/,
    );
  });

  test("throw when the rule is already suppressed on the resource", () => {
    const group = logGroup(testStack(), "Logs");
    suppressRule(group, "CKV_AWS_158", JUSTIFICATION);
    expect(() => suppressRule(group, "CKV_AWS_158", JUSTIFICATION)).toThrow(/CKV_AWS_158 is already suppressed/);
  });
});

describe("config suppressions", () => {
  const suppression = { rule: "CKV_AWS_158", resource: "aws_cloudwatch_log_group.Logs", justification: JUSTIFICATION };

  test("remove the matching error and count as used", () => {
    const stack = guardedStack({ production: false, suppressions: [suppression] });
    logGroup(stack, "Logs", { retentionInDays: 30 });

    expect(() => Testing.synth(stack)).not.toThrow();
    const report = guardrailReport(stack)!;
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: "CKV_AWS_158", source: "config" })]);
    expect(() =>
      checkSuppressionsUsed([{ environment: "test", suppressions: [suppression], reports: [report] }]),
    ).not.toThrow();
  });

  test("one matching no finding in any stack of the environment fails", () => {
    const stack = guardedStack({ production: false, suppressions: [suppression] });
    logGroup(stack, "Logs", { kmsKeyId: key(stack).arn, retentionInDays: 30 });
    Testing.synth(stack);

    expect(() =>
      checkSuppressionsUsed([{ environment: "test", suppressions: [suppression], reports: [guardrailReport(stack)!] }]),
    ).toThrow(
      "Guardrails: 1 config suppression matches no finding; remove it (no stale exceptions):\n" +
        "  [test] guardrails.suppressions: [CKV_AWS_158] aws_cloudwatch_log_group.Logs matches no finding in the test stacks",
    );
  });

  test("a suppression for a resource of another stack is left to that stack", () => {
    const elsewhere = { ...suppression, resource: "aws_cloudwatch_log_group.Elsewhere" };
    const stack = guardedStack({ production: false, suppressions: [elsewhere] });
    logGroup(stack, "Logs", { kmsKeyId: key(stack).arn, retentionInDays: 30 });

    expect(() => Testing.synth(stack)).not.toThrow();
    expect(guardrailReport(stack)?.suppressed).toEqual([]);
  });

  test("an unknown rule id fails when the aspect is created", () => {
    expect(
      () => new Guardrails({ production: true, suppressions: [{ ...suppression, rule: "CKV_AWS_99999" }] }),
    ).toThrow(/unknown rule[^]*"CKV_AWS_99999" on aws_cloudwatch_log_group\.Logs/);
  });
});

describe("the synth output", () => {
  test("lists each suppression and warning, then a summary line per environment", () => {
    const finding = {
      ruleId: "CKV_AWS_66",
      severity: "warning" as const,
      address: "aws_cloudwatch_log_group.Logs",
      path: "dev-network/Logs",
      message: "retention_in_days is not set, so events never expire",
      fix: "set retentionInDays",
    };
    const lines = formatGuardrails({
      environment: "dev",
      reports: [
        { stackId: "dev-network", production: false, errors: [], warnings: [finding], suppressed: [] },
        {
          stackId: "dev-data",
          production: false,
          errors: [],
          warnings: [],
          suppressed: [
            {
              ...finding,
              ruleId: "CKV_AWS_158",
              severity: "error",
              address: "aws_cloudwatch_log_group.Audit",
              justification: JUSTIFICATION,
              source: "config",
            },
          ],
        },
      ],
    });

    expect(lines).toEqual([
      `suppressed [CKV_AWS_158] aws_cloudwatch_log_group.Audit — ${JUSTIFICATION}`,
      "warning [CKV_AWS_66] aws_cloudwatch_log_group.Logs (dev-network/Logs): retention_in_days is not set, so events never expire. Fix: set retentionInDays",
      "guardrails dev: 2 stacks, 0 errors, 1 warning, 1 suppressed",
    ]);
  });
});
