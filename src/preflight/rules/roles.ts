import type { Block } from "../model";
import { canonicalValue, dependsOn, expressionsIn, referencesIn } from "../references";
import type { PreflightFinding, PreflightRule } from "../rule";

/**
 * Arguments that hand an IAM role to an AWS service, which checks or uses the role's permissions as the resource is
 * created: RDS refuses an Enhanced Monitoring role without its policy ("IAM role ARN value is invalid or does not
 * include the required permissions for: ENHANCED_MONITORING"), API Gateway refuses a CloudWatch role it cannot use,
 * EKS builds the control plane and nodes join with the role's permissions.
 */
export const ROLE_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ["monitoring_role_arn"],
  aws_db_proxy: ["role_arn"],
  aws_eks_cluster: ["role_arn"],
  aws_eks_node_group: ["node_role_arn"],
  aws_flow_log: ["iam_role_arn"],
  aws_api_gateway_account: ["cloudwatch_role_arn"],
};

/** Resources that give a role its permissions, with the argument that names the role. */
const POLICY_TYPES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: "role",
  aws_iam_role_policy: "role",
  aws_iam_role_policies_exclusive: "role_name",
  aws_iam_role_policy_attachments_exclusive: "role_name",
};

export const rolesBeforePolicies: PreflightRule = {
  id: "PF_ROLE_BEFORE_POLICY",
  title: "A role is handed to a service before its policies are attached",
  why: "Terraform creates a role's policy attachments in parallel with whatever references only the role's ARN; a service that checks the role at creation (RDS Enhanced Monitoring, RDS Proxy, API Gateway's CloudWatch role, EKS) then fails the apply.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      for (const block of stack.resources.filter((candidate) => ROLE_ARGUMENTS[candidate.type])) {
        for (const argument of ROLE_ARGUMENTS[block.type]) {
          for (const reference of referencesIn(block.config[argument])) {
            if (!reference.address.startsWith("aws_iam_role.")) {
              continue;
            }
            const attachments = stack.resources.filter(
              (candidate) =>
                POLICY_TYPES[candidate.type] !== undefined &&
                referencesIn(candidate.config[POLICY_TYPES[candidate.type]]).some(
                  (roleReference) => roleReference.address === reference.address,
                ),
            );
            const missing = attachments.filter((attachment) => !dependsOn(stack, block, attachment.address));
            if (missing.length > 0) {
              findings.push({
                rule: this.id,
                stack: stack.id,
                address: block.address,
                message: `${argument} hands ${reference.address} to the service without depending on ${missing.map((attachment) => attachment.address).join(", ")}; add them to depends_on`,
              });
            }
          }
        }
      }
    }
    return findings;
  },
};

/** The ARN path of every service-linked role. */
const SERVICE_LINKED_ROLE = /:role\/aws-service-role\/([a-z0-9.-]+)\/([A-Za-z0-9_+=,.@-]+)/;

/** Where policies name principals: key policies, bucket and topic policies, policy documents. */
function policyTexts(block: Block): unknown[] {
  return [block.config.policy, block.config.statement];
}

export const serviceLinkedRoles: PreflightRule = {
  id: "PF_SERVICE_LINKED_ROLE",
  title: "A policy names a service-linked role that nothing makes sure exists",
  why: "A service-linked role exists only once its service (or iam:CreateServiceLinkedRole) creates it; in a fresh account KMS refuses a key policy naming it (MalformedPolicyDocumentException). Reference an aws_iam_service_linked_role, or a data.aws_iam_role lookup that fails clearly at plan, so the role exists before the policy.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      for (const block of [...stack.resources, ...stack.dataSources]) {
        const values: string[] = [];
        const collect = (node: unknown): void => {
          if (typeof node === "string") {
            values.push(node);
          } else if (Array.isArray(node)) {
            node.forEach(collect);
          } else if (node !== null && typeof node === "object") {
            Object.values(node).forEach(collect);
          }
        };
        policyTexts(block).forEach(collect);
        const named = new Set<string>();
        for (const value of values) {
          // A reference to a role resource or lookup is fine: Terraform orders it first, or the plan fails clearly.
          const resolved = canonicalValue(model, stack, value);
          if (/\$\{(aws_iam_service_linked_role|data\.aws_iam_role)\.[\w-]+\.arn\}$/.test(resolved)) {
            continue;
          }
          const literal = expressionsIn(value).reduce(
            (text, expression) => text.replace(`\${${expression}}`, ""),
            value,
          );
          const match = SERVICE_LINKED_ROLE.exec(literal);
          if (match && !named.has(match[2])) {
            named.add(match[2]);
            findings.push({
              rule: this.id,
              stack: stack.id,
              address: block.address,
              message: `names the service-linked role ${match[2]} (${match[1]}) by a literal ARN; in an account where it does not exist yet the policy is rejected. Reference an aws_iam_service_linked_role or a data.aws_iam_role of it`,
            });
          }
        }
      }
    }
    return findings;
  },
};
