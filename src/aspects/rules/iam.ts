import type { Rule } from "../rule";
import {
  documentStatements,
  grantsEverything,
  isAnyonePrincipal,
  isTrue,
  literalPolicyStatements,
  policyStatements,
  statementName,
  type PolicyStatement,
} from "./helpers";

/** IAM resources whose `policy` is an identity policy document. */
const IDENTITY_POLICY_TYPES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

/** Database engines that support IAM database authentication. */
const IAM_AUTH_ENGINES = /^(postgres|mysql|mariadb|aurora)/;

/** `statement "Sid" allows * on *; statement 3 allows * on *`, or `undefined` when no statement does. */
function describeAdminGrants(statements: readonly PolicyStatement[]): string | undefined {
  const admin = statements
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => grantsEverything(statement))
    .map(({ statement, index }) => `${statementName(statement, index)} allows every action on every resource`);
  return admin.length > 0 ? admin.join("; ") : undefined;
}

/** The actions that assume a role. */
const ASSUME_ROLE_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

/** Whether an IAM action pattern matches `action`: case-insensitive, `*` and `?` wildcards (`sts:Assume*`). */
function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i").test(action);
}

/** Whether a statement lets its principals assume a role. */
function allowsAssumeRole(statement: PolicyStatement): boolean {
  return (
    statement.effect === "Allow" &&
    statement.actions.some((pattern) => ASSUME_ROLE_ACTIONS.some((action) => actionMatches(pattern, action)))
  );
}

/** Least privilege: no administrator grants, no role or key anyone can use. */
export const IAM_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_62",
    rationale:
      "No identity policy grants every action on every resource: roles get the actions and resources they use.",
    severity: "error",
    resourceTypes: IDENTITY_POLICY_TYPES,
    fix: "list the actions the role needs and the ARNs it needs them on",
    check: (policy) => {
      const statements = literalPolicyStatements(policy.config.policy);
      return statements ? describeAdminGrants(statements) : undefined;
    },
  },
  {
    id: "CKV_AWS_1",
    rationale: "No policy document grants every action on every resource.",
    severity: "error",
    resourceTypes: ["data.aws_iam_policy_document"],
    fix: "list the actions the principal needs and the ARNs it needs them on",
    check: (document) => describeAdminGrants(documentStatements(document.config)),
  },
  {
    id: "CKV_AWS_60",
    rationale: "Only named services and principals may assume a role, never any AWS principal.",
    severity: "error",
    resourceTypes: ["aws_iam_role"],
    fix: "name the service (Service principal) or the account roles (AWS principal ARNs) allowed to assume the role",
    check: (role, stack) => {
      const statements = policyStatements(role.config.assume_role_policy, stack) ?? [];
      const open = statements
        .map((statement, index) => ({ statement, index }))
        .filter(({ statement }) => allowsAssumeRole(statement) && statement.principals.some(isAnyonePrincipal))
        .map(({ statement, index }) => statementName(statement, index));
      return open.length > 0
        ? `the trust policy lets any AWS principal assume the role (${open.join(", ")})`
        : undefined;
    },
  },
  {
    id: "CKV_AWS_33",
    rationale: "No key policy lets anyone use the key without a condition narrowing who.",
    severity: "error",
    resourceTypes: ["aws_kms_key"],
    fix: "replace the * principal with the account root or named roles, or add conditions (aws:PrincipalOrgID, kms:CallerAccount)",
    check: (key, stack) => {
      const statements = policyStatements(key.config.policy, stack) ?? [];
      const open = statements
        .map((statement, index) => ({ statement, index }))
        .filter(
          ({ statement }) =>
            statement.effect === "Allow" &&
            statement.principals.some(isAnyonePrincipal) &&
            statement.conditions.length === 0,
        )
        .map(({ statement, index }) => statementName(statement, index));
      return open.length > 0
        ? `the key policy allows any principal without a condition (${open.join(", ")})`
        : undefined;
    },
  },
  {
    id: "CKV_AWS_161",
    rationale: "Database users log in with short-lived IAM tokens instead of long-lived passwords.",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: "set iamDatabaseAuthenticationEnabled: true",
    check: (db) => {
      const engine = db.config.engine;
      if (typeof engine === "string" && !IAM_AUTH_ENGINES.test(engine)) {
        return undefined;
      }
      return isTrue(db.config.iam_database_authentication_enabled)
        ? undefined
        : "iam_database_authentication_enabled is not true";
    },
  },
];
