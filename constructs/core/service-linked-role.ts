import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { Construct } from "constructs";

export interface ServiceLinkedRoleProps {
  /** The service that owns the role, e.g. `autoscaling.amazonaws.com`. */
  readonly service: string;
  /** The role's fixed name, e.g. `AWSServiceRoleForAutoScaling`. */
  readonly roleName: string;
  /**
   * Create the role (`true`), or look up the one the account already has (`false`). An account has one: creating it
   * where it exists fails ("has been taken in this account"), so the first environment of an account creates it
   * and the others look it up.
   */
  readonly create: boolean;
  /**
   * `lifecycle.prevent_destroy` on a created role: every auto-scaling group of the account relies on it.
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * A service-linked role that policies may name: it exists before anything that references `arn`. KMS refuses a key
 * policy that names a principal which does not exist yet (MalformedPolicyDocumentException, "Policy contains a
 * statement with one or more invalid principals"), and a service creates its role only when first used (Auto
 * Scaling: with the first auto-scaling group, after the keys its instances need). A lookup fails at plan time,
 * with the role's name, when the account has no such role.
 */
export class ServiceLinkedRole extends Construct {
  /** The role's ARN, as an attribute: whatever uses it waits for the role. */
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: ServiceLinkedRoleProps) {
    super(scope, id);

    if (props.create) {
      const role = new IamServiceLinkedRole(this, "Resource", {
        awsServiceName: props.service,
        description: `Created by the platform so that policies may name ${props.roleName} before ${props.service} first uses it`,
        lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      });
      this.arn = role.arn;
    } else {
      this.arn = new DataAwsIamRole(this, "Lookup", { name: props.roleName }).arn;
    }
  }
}
