import { attributeChanges } from "../../src/review/attributes";
import { describeResource } from "../../src/review/describe";
import { formatPath, structuralDiff } from "../../src/review/structural-diff";

const rule = (name: string, priority: number, limit = 100) => ({ name, priority, action: { block: {} }, limit });

describe("structuralDiff: lists by identity, not position", () => {
  test("a rule inserted in the middle is one added rule; the shifted ones report only what changed", () => {
    const before = { rule: [rule("RateLimitPerIp", 0), rule("CommonRules", 1)] };
    const after = { rule: [rule("RateLimitPerIp", 0), rule("RateLimitPerUser", 1), rule("CommonRules", 2)] };
    expect(structuralDiff(before, after).map((d) => [formatPath(d.path), d.kind, d.before, d.after])).toEqual([
      ["rule[name=RateLimitPerUser]", "added", undefined, rule("RateLimitPerUser", 1)],
      ["rule[name=CommonRules].priority", "changed", 1, 2],
    ]);
  });

  test("a list of strings reports what left and what came; a reordered one only that its order changed", () => {
    expect(
      structuralDiff({ depends_on: ["a", "b", "c"] }, { depends_on: ["a", "c", "d"] }).map((d) => [
        d.kind,
        d.before ?? d.after,
      ]),
    ).toEqual([
      ["removed", "b"],
      ["added", "d"],
    ]);
    expect(structuralDiff({ ids: ["a", "b"] }, { ids: ["b", "a"] })).toEqual([
      { path: ["ids"], kind: "changed", before: ["a", "b"], after: ["b", "a"] },
    ]);
  });

  test("dashboard widgets are matched by their title", () => {
    const widget = (title: string, y: number) => ({ type: "metric", y, properties: { title } });
    const before = { widgets: [widget("Requests", 0), widget("Errors", 6)] };
    const after = { widgets: [widget("Latency", 0), widget("Requests", 6), widget("Errors", 12)] };
    expect(structuralDiff(before, after).map((d) => formatPath(d.path))).toEqual([
      "widgets[properties.title=Latency]",
      "widgets[properties.title=Requests].y",
      "widgets[properties.title=Errors].y",
    ]);
  });

  test("items without a distinct key are compared by position, as Terraform does", () => {
    expect(
      structuralDiff({ x: [{ a: 1 }, { a: 2 }] }, { x: [{ a: 1 }, { a: 3 }] }).map((d) => formatPath(d.path)),
    ).toEqual(["x[1].a"]);
  });
});

describe("attributeChanges", () => {
  test("leaves out what lifecycle.ignore_changes names, and only that", () => {
    const before = { min_size: 2, max_size: 12, desired_capacity: 2, scaling_config: [{ desired_size: 3 }], name: "a" };
    const after = {
      min_size: 4,
      max_size: 6,
      desired_capacity: 5,
      scaling_config: [{ desired_size: 9 }],
      name: "b",
      lifecycle: { ignore_changes: ["min_size", "max_size", "scaling_config[0].desired_size"] },
    };
    expect(attributeChanges("aws_autoscaling_group", before, after).map((change) => change.path)).toEqual([
      "desired_capacity",
      "lifecycle",
      "name",
    ]);
  });
});

describe("describeResource", () => {
  test("an added role shows the statements of the policy document it references", () => {
    const role = {
      address: "aws_iam_role.Role",
      type: "aws_iam_role",
      path: "Role",
      config: {
        name: "acme-prod-orders",
        assume_role_policy: "${data.aws_iam_policy_document.Trust.json}",
        tags: { a: "b" },
      },
    };
    const stack = {
      data: {
        aws_iam_policy_document: {
          Trust: {
            statement: [
              {
                sid: "EksPodIdentity",
                actions: ["sts:AssumeRole"],
                principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
              },
            ],
          },
        },
      },
    };
    expect(describeResource(role, stack, "added").map((line) => `${line.path}: ${line.after}`)).toEqual([
      'name: "acme-prod-orders"',
      'assume_role_policy (policy document Trust).statement[sid=EksPodIdentity].actions: ["sts:AssumeRole"]',
      'assume_role_policy (policy document Trust).statement[sid=EksPodIdentity].principals[0].type: "Service"',
      'assume_role_policy (policy document Trust).statement[sid=EksPodIdentity].principals[0].identifiers: ["pods.eks.amazonaws.com"]',
    ]);
  });
});
