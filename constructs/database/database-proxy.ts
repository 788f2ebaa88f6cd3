import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbProxy } from "@cdktf/provider-aws/lib/db-proxy";
import { DbProxyDefaultTargetGroup } from "@cdktf/provider-aws/lib/db-proxy-default-target-group";
import { DbProxyTarget } from "@cdktf/provider-aws/lib/db-proxy-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { awsContext } from "../core/aws-context";
import { encryptedLogGroup } from "../core/log-group";
import { allowTcpFrom } from "../core/security-group-rules";
import { requireWholeNumber } from "../core/validation";
import { type ProxyMetrics, proxyMetrics } from "./metrics";
import { PROXY_LIMITS } from "./options";

/** Connection pool settings of a proxy; the base of `DatabaseProxyProps`. */
export interface DatabaseProxyOptions {
  /**
   * Share of the database's `max_connections` the proxy may open, in percent.
   *
   * @default 90
   */
  readonly maxConnectionsPercent?: number;
  /**
   * Share of `max_connections` the proxy keeps open while idle, in percent; at most `maxConnectionsPercent`.
   *
   * @default 50
   */
  readonly maxIdleConnectionsPercent?: number;
  /**
   * Seconds a client connection may stay idle before the proxy closes it, 1 to 28800.
   *
   * @default 1800
   */
  readonly idleClientTimeoutSeconds?: number;
  /**
   * Seconds a client waits for a pooled connection before the proxy gives up, 1 to 3600.
   *
   * @default 120
   */
  readonly connectionBorrowTimeoutSeconds?: number;
}

export interface DatabaseProxyProps extends DatabaseProxyOptions {
  /** Proxy name, also the name of its security group and role. */
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  /** Subnets of the proxy's endpoints (at least two AZs). */
  readonly subnetIds: readonly string[];
  /** The DB instance identifier the proxy pools connections to. */
  readonly targetInstanceIdentifier: string;
  /** Security group of the target instance; the proxy is allowed into it on `port`. */
  readonly databaseSecurityGroupId: string;
  readonly port: number;
  /** Secret with the `username` and `password` the proxy logs in with. */
  readonly secretArn: string;
  /** KMS key of that secret. */
  readonly secretKeyArn: string;
  /** KMS key of the proxy's log group. */
  readonly logsKeyArn: string;
  /** Retention of the proxy's log group, in days. */
  readonly logRetentionDays: number;
  /** Deletion protection on the proxy's log group. */
  readonly logDeletionProtection: boolean;
  /**
   * Resources that must exist before the proxy, such as the secret's value.
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An RDS Proxy in front of a PostgreSQL primary: connection pooling, TLS required, IAM authentication required of
 * clients. The proxy logs in to the database with the master secret, which its role may read and nothing else. It
 * has its own security group, open only to the security groups granted with `allowFrom`.
 *
 * RDS Proxy read-only endpoints exist only for Aurora, so reads go to the replicas' own endpoints.
 */
export class DatabaseProxy extends Construct {
  public readonly proxy: DbProxy;
  public readonly proxyName: string;
  /** Host name clients connect to for writes. */
  public readonly endpoint: string;
  public readonly securityGroupId: string;
  public readonly roleArn: string;
  public readonly metrics: ProxyMetrics;
  private readonly port: number;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: DatabaseProxyProps) {
    super(scope, id);

    // Defaults: the RDS Proxy module's production values.
    const maxConnectionsPercent = props.maxConnectionsPercent ?? 90;
    const maxIdleConnectionsPercent = props.maxIdleConnectionsPercent ?? 50;
    const idleClientTimeoutSeconds = props.idleClientTimeoutSeconds ?? 1800;
    const connectionBorrowTimeoutSeconds = props.connectionBorrowTimeoutSeconds ?? 120;

    const ranges: Array<[string, number, { min: number; max: number }]> = [
      ["maxConnectionsPercent", maxConnectionsPercent, PROXY_LIMITS.maxConnectionsPercent],
      ["maxIdleConnectionsPercent", maxIdleConnectionsPercent, { min: 0, max: maxConnectionsPercent }],
      ["idleClientTimeoutSeconds", idleClientTimeoutSeconds, PROXY_LIMITS.idleClientTimeoutSeconds],
      ["connectionBorrowTimeoutSeconds", connectionBorrowTimeoutSeconds, PROXY_LIMITS.connectionBorrowTimeoutSeconds],
    ];
    for (const [setting, value, range] of ranges) {
      requireWholeNumber(this, setting, value, range.min, range.max);
    }

    const context = awsContext(this);
    this.port = props.port;
    this.region = props.region;
    this.proxyName = props.name;

    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: props.name,
      description: `RDS Proxy ${props.name}: PostgreSQL from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = securityGroup.id;
    new VpcSecurityGroupEgressRule(this, "DatabaseEgress", {
      securityGroupId: securityGroup.id,
      description: "PostgreSQL to the database",
      ipProtocol: "tcp",
      fromPort: props.port,
      toPort: props.port,
      referencedSecurityGroupId: props.databaseSecurityGroupId,
    });
    allowTcpFrom(this, "DatabaseIngress", {
      securityGroupId: props.databaseSecurityGroupId,
      sourceSecurityGroupId: securityGroup.id,
      port: props.port,
      description: `PostgreSQL from RDS Proxy ${props.name}`,
    });

    // The proxy's role reads exactly one secret, and decrypts with its key only through Secrets Manager.
    const trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["rds.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "Role", {
      name: props.name,
      description: `Lets RDS Proxy ${props.name} read the database credentials`,
      assumeRolePolicy: trust.json,
    });
    this.roleArn = role.arn;
    const permissions = new DataAwsIamPolicyDocument(this, "RolePermissions", {
      statement: [
        {
          sid: "ReadDatabaseSecret",
          effect: "Allow",
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          resources: [props.secretArn],
        },
        {
          sid: "DecryptDatabaseSecret",
          effect: "Allow",
          actions: ["kms:Decrypt"],
          resources: [props.secretKeyArn],
          condition: [
            {
              test: "StringEquals",
              variable: "kms:ViaService",
              values: [`secretsmanager.${props.region}.amazonaws.com`],
            },
          ],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "RolePolicy", {
      name: "read-database-secret",
      role: role.id,
      policy: permissions.json,
    });

    const logGroup = encryptedLogGroup(this, "LogGroup", {
      name: `/aws/rds/proxy/${props.name}`,
      kmsKeyArn: props.logsKeyArn,
      retentionDays: props.logRetentionDays,
      deletionProtection: props.logDeletionProtection,
    });

    this.proxy = new DbProxy(this, "Resource", {
      name: props.name,
      engineFamily: "POSTGRESQL",
      requireTls: true,
      idleClientTimeout: idleClientTimeoutSeconds,
      debugLogging: false,
      roleArn: role.arn,
      vpcSubnetIds: [...props.subnetIds],
      vpcSecurityGroupIds: [securityGroup.id],
      auth: [
        {
          description: "Master credentials; clients authenticate with IAM",
          authScheme: "SECRETS",
          iamAuth: "REQUIRED",
          clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
          secretArn: props.secretArn,
        },
      ],
      tags: { Name: props.name },
      dependsOn: [logGroup, rolePolicy, ...(props.dependsOn ?? [])],
    });
    this.endpoint = this.proxy.endpoint;

    const targetGroup = new DbProxyDefaultTargetGroup(this, "TargetGroup", {
      dbProxyName: this.proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent,
        maxIdleConnectionsPercent,
        connectionBorrowTimeout: connectionBorrowTimeoutSeconds,
      },
    });
    // The proxy's default target group (its name is always "default": rds/proxy_default_target_group.go), by
    // reference: the database is registered once the group's pool settings are in place.
    new DbProxyTarget(this, "Target", {
      dbProxyName: this.proxy.name,
      targetGroupName: targetGroup.name,
      dbInstanceIdentifier: props.targetInstanceIdentifier,
    });

    this.metrics = proxyMetrics(props.name);
  }

  /** Lets a security group connect to the proxy on the database port. */
  public allowFrom(id: string, securityGroupId: string, description: string): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.port,
      description,
    });
  }

  /** The `rds-db:connect` resource for IAM authentication of `user` through this proxy. */
  public connectArn(user: string): string {
    const context = awsContext(this);
    const proxyId = Fn.element(Fn.split(":", this.proxy.arn), 6);
    return `arn:${context.partition}:rds-db:${this.region}:${context.accountId}:dbuser:${proxyId}/${user}`;
  }
}
