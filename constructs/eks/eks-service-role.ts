import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { Construct } from "constructs";
import { awsManagedPolicyArn } from "../core/aws-context";

/** A role a service assumes, with AWS-managed policies only: the cluster's and the nodes'. */
export function serviceRole(
  scope: Construct,
  id: string,
  roleName: string,
  options: { service: string; description: string; policies: readonly string[] },
): { role: IamRole; attachments: IamRolePolicyAttachment[] } {
  const trust = new DataAwsIamPolicyDocument(scope, `${id}Trust`, {
    statement: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: [options.service] }],
        actions: ["sts:AssumeRole"],
      },
    ],
  });
  const role = new IamRole(scope, id, {
    name: roleName,
    description: options.description,
    assumeRolePolicy: trust.json,
  });
  const attachments = options.policies.map(
    (policy) =>
      new IamRolePolicyAttachment(scope, `${id}-${policy}`, {
        role: role.name,
        policyArn: awsManagedPolicyArn(scope, policy),
      }),
  );
  return { role, attachments };
}
