import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { Construct } from "constructs";
import type { CacheEngine } from "./options";

export interface CacheUsersProps {
  /** Prefix of the user and user group ids, the replication group id: users are `<prefix>-<name>`. */
  readonly idPrefix: string;
  readonly engine: CacheEngine;
  /** Application users: name → ACL access string. Validated by the caller. */
  readonly users: Readonly<Record<string, string>>;
}

/** One IAM-authenticated cache user. */
export interface CacheUser {
  /** User id and user name (they are the same for IAM authentication): what a client sends as its user. */
  readonly userId: string;
  readonly arn: string;
}

/**
 * The users of a cache (ElastiCache RBAC), none of which has a password:
 * - a replacement for the `default` user, switched off (`off -@all`), so that no connection gets in without a user;
 * - one user per application user name, authenticated with IAM: a client signs a short-lived token with its role's
 *   credentials (`elasticache:Connect`), so there is no secret in code, plan or state;
 * - a user group holding them, which the replication group is attached to.
 */
export class CacheUsers extends Construct {
  public readonly userGroupId: string;
  public readonly users: Readonly<Record<string, CacheUser>>;

  constructor(scope: Construct, id: string, props: CacheUsersProps) {
    super(scope, id);

    // A user group must contain a user named "default"; this one can never log in. `no_password_required` rather
    // than `authentication_mode { type = "no-password-required" }`: ElastiCache reports that type back as
    // "no-password" (API reference: AuthenticationMode.Type on input, Authentication.Type on output), and the
    // provider (elasticache/user.go) stores what it reads, so the block would show a change in every plan.
    const defaultUser = new ElasticacheUser(this, "DefaultUser", {
      userId: `${props.idPrefix}-default`,
      userName: "default",
      engine: props.engine,
      accessString: "off -@all",
      noPasswordRequired: true,
    });

    const users: Record<string, CacheUser> = {};
    const members = Object.entries(props.users)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, access]) => {
        const userId = `${props.idPrefix}-${name}`;
        const user = new ElasticacheUser(this, `User-${name}`, {
          userId,
          userName: userId,
          engine: props.engine,
          accessString: access,
          authenticationMode: { type: "iam" },
        });
        users[name] = { userId: user.userId, arn: user.arn };
        return user;
      });

    const group = new ElasticacheUserGroup(this, "Resource", {
      userGroupId: `${props.idPrefix}-users`,
      engine: props.engine,
      userIds: [defaultUser.userId, ...members.map((member) => member.userId)],
    });
    this.userGroupId = group.userGroupId;
    this.users = users;
  }
}
