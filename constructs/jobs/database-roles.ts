import { createHash } from "node:crypto";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import type { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { type ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireOneOf, requireWholeNumber } from "../core/validation";
import { POSTGRES_NAME } from "../database/options";
import type { PlatformNamespace } from "../eks/addons/namespace";
import { ANYWHERE, type Placement } from "../eks/placement";
import { WorkloadRole, type WorkloadIdentityTarget } from "../eks/workload-identity";
import {
  CA_BUNDLE,
  CREATE_ROLES_SCRIPT,
  type DatabaseRolesUser,
  FETCH_SCRIPT,
  ROLE_ACCESS,
  rolesSql,
  SECRETS,
} from "./database-roles-scripts";
import { oneShotJob } from "./one-shot-job";

export { type DatabaseRolesUser, type RoleAccess, rolesSql } from "./database-roles-scripts";

/**
 * AWS CLI v2 on Amazon Linux 2023, which brings curl-minimal and (since 2.27.57, per its docker/Dockerfile) jq.
 * Source: tag 2.36.5 of github.com/aws/aws-cli (CHANGELOG.rst), whose docker/Dockerfile installs `jq`.
 */
export const AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.36.5";

/**
 * psql 17, which talks to the 16 and 17 servers the platform runs; its `postgres` user is uid/gid 70.
 * Source: docker-library/official-images `library/postgres` (tags 17.11-alpine3.24, 17.11-alpine).
 */
export const POSTGRES_CLIENT_IMAGE = "postgres:17.11-alpine3.24";

/** A PostgreSQL role name this job may create: a plain identifier, so no quoting problem anywhere. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const SERVICE_ACCOUNT = "database-roles";
const SHARD_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** One PostgreSQL shard, reached on its writer endpoint. */
export interface DatabaseRolesShard {
  /** Name of the shard, e.g. `shard-0`: lower-case letters, digits and hyphens (names files and log lines). */
  readonly name: string;
  /** Writer endpoint (`PostgresDatabase.writerAddress`). */
  readonly host: string;
  readonly port: number;
  /** The database the services use (`PostgresDatabase.databaseName`). */
  readonly databaseName: string;
  /** The master secret (`PostgresDatabase.masterSecretArn`); only its `username` and `password` are read. */
  readonly masterSecretArn: string;
  /** The key that encrypts the secret (`PostgresDatabase.keys.secrets.keyArn`). */
  readonly secretsKeyArn: string;
}

export interface DatabaseRolesProps {
  /** The shards to create the roles on, each through its writer (replicas copy the roles). */
  readonly shards: readonly DatabaseRolesShard[];
  /** The users, at least one. */
  readonly users: readonly DatabaseRolesUser[];
  /** Namespace of the job (restricted Pod Security). */
  readonly namespace: PlatformNamespace;
  /** The cluster whose Pod Identity binds the job's role. */
  readonly cluster: WorkloadIdentityTarget;
  /** IAM role name of the job, at most 64 characters. */
  readonly roleName: string;
  /**
   * Region of the secrets: when set, the role may decrypt with the keys only through Secrets Manager there
   * (`kms:ViaService`).
   *
   * @default - no kms:ViaService condition
   */
  readonly region?: string;
  /**
   * Where the job runs.
   *
   * @default ANYWHERE
   */
  readonly placement?: Placement;
  /**
   * What must exist before the job runs: the security group rules that let the cluster reach the shards.
   *
   * @default - only the job's Pod Identity association
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The PostgreSQL roles of the services, on every shard, as code: a Kubernetes Job logs in to each shard's writer
 * with the master secret and creates the IAM-authenticated users (`GRANT rds_iam`) that the services connect as.
 *
 * - An init container (AWS CLI) reads each master secret into a memory-backed volume and fetches the RDS CA bundle;
 *   the main container (psql) runs the idempotent SQL over TLS with `sslmode=verify-full`.
 * - The job's role may read exactly the shards' master secrets and decrypt them with their keys.
 * - The job's name ends in a hash of the users, shard names, SQL, scripts and images: a change replaces the job, which
 *   runs again, and Terraform waits for it and fails the apply when it fails. A change of a shard's endpoint or
 *   secret (a new instance) changes the spec ConfigMap, which replaces the job too (`replace_triggered_by`).
 * - No network rule is added: the pods run in the cluster security group, which the shards already admit.
 */
export class DatabaseRoles extends Construct {
  public readonly role: WorkloadRole;
  public readonly spec: ConfigMapV1;
  public readonly job: JobV1;
  /** `roles.sql` as the job runs it. */
  public readonly sql: string;

  constructor(scope: Construct, id: string, props: DatabaseRolesProps) {
    super(scope, id);

    // Defaults: no kms:ViaService condition, anywhere.
    const placement = props.placement ?? ANYWHERE;
    this.validate(props);

    const viaSecretsManager = (region: string) => ({
      test: "StringEquals",
      variable: "kms:ViaService",
      values: [`secretsmanager.${region}.amazonaws.com`],
    });
    this.role = new WorkloadRole(this, "Role", {
      cluster: props.cluster,
      namespace: props.namespace.name,
      serviceAccount: SERVICE_ACCOUNT,
      roleName: props.roleName,
      description: "Database roles job: reads the shards' master secrets to create the services' IAM database users",
      statements: [
        {
          sid: "ReadMasterSecrets",
          actions: ["secretsmanager:GetSecretValue"],
          resources: props.shards.map((shard) => shard.masterSecretArn),
        },
        {
          sid: "DecryptMasterSecrets",
          actions: ["kms:Decrypt"],
          resources: [...new Set(props.shards.map((shard) => shard.secretsKeyArn))],
          conditions: props.region ? [viaSecretsManager(props.region)] : undefined,
        },
      ],
    });
    const labels = { "app.kubernetes.io/name": "database-roles", "app.kubernetes.io/managed-by": "terraform" };
    const serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name: SERVICE_ACCOUNT, namespace: props.namespace.ref, labels },
      automountServiceAccountToken: false,
    });

    this.sql = rolesSql(props.users);
    const text = (value: number) => (Token.isUnresolved(value) ? Token.asString(value) : String(value));
    const shardsText = props.shards
      .map((s) => `${s.name} ${s.host} ${text(s.port)} ${s.databaseName} ${s.masterSecretArn}\n`)
      .join("");
    // Endpoints and ARNs are tokens, whose text changes with unrelated code: they stay out of the hash and reach
    // the job through replace_triggered_by instead.
    const hashed = [...props.shards.map((shard) => shard.name), this.sql, FETCH_SCRIPT, CREATE_ROLES_SCRIPT];
    const digest = createHash("sha256")
      .update([...hashed, AWS_CLI_IMAGE, POSTGRES_CLIENT_IMAGE].join("\0"))
      .digest("hex")
      .slice(0, 10);
    const name = `database-roles-${digest}`;
    this.spec = new ConfigMapV1(this, "Spec", {
      metadata: { name, namespace: props.namespace.ref, labels },
      data: {
        "shards.txt": shardsText,
        "roles.sql": this.sql,
        "fetch-credentials.sh": FETCH_SCRIPT,
        "create-roles.sh": CREATE_ROLES_SCRIPT,
      },
    });

    const env = (variables: Record<string, string>) =>
      Object.entries(variables).map(([name, value]) => ({ name, value }));
    // Every volume, read-only but for the writable ones named (the init container writes secrets and tls).
    const mounts = (...writable: string[]) =>
      Object.entries({ spec: "/spec", secrets: SECRETS, tls: "/tls", tmp: "/tmp" }).map(([name, mountPath]) =>
        writable.includes(name) || name === "tmp" ? { name, mountPath } : { name, mountPath, readOnly: true },
      );
    this.job = oneShotJob(this, "Job", {
      name,
      namespace: props.namespace.ref,
      labels,
      serviceAccountName: serviceAccount.metadata.name,
      placement,
      // uid/gid 70 is the postgres image's own user (libpq looks the user up); both containers run as it, so the
      // credential files can stay private to it (umask 077).
      user: 70,
      initContainers: [
        {
          name: "fetch-credentials",
          image: AWS_CLI_IMAGE,
          command: ["/bin/sh", "/spec/fetch-credentials.sh"],
          env: env({ HOME: "/tmp", AWS_PAGER: "", AWS_RETRY_MODE: "standard", AWS_MAX_ATTEMPTS: "5" }),
          volumeMount: mounts("secrets", "tls"),
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        },
      ],
      containers: [
        {
          name: "create-roles",
          image: POSTGRES_CLIENT_IMAGE,
          command: ["/bin/sh", "/spec/create-roles.sh"],
          env: env({
            HOME: "/tmp",
            PGSSLMODE: "verify-full",
            PGSSLROOTCERT: CA_BUNDLE,
            PGCONNECT_TIMEOUT: "15",
            PGAPPNAME: "database-roles",
          }),
          volumeMount: mounts(),
          resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
        },
      ],
      volumes: [
        { name: "spec", configMap: { name: this.spec.metadata.name } },
        // Memory-backed: the master credentials never reach the node's disk.
        { name: "secrets", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
        { name: "tls", emptyDir: { sizeLimit: "4Mi" } },
        { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
      ],
      lifecycle: { replaceTriggeredBy: [`${this.spec.terraformResourceType}.${this.spec.friendlyUniqueId}.data`] },
      dependsOn: [this.role.binding, ...(props.dependsOn ?? [])],
    });
  }

  private validate(props: DatabaseRolesProps): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (props.users.length === 0) {
      fail("users: [] is empty; expected at least one user (leave the job out when no service uses the database)");
    }
    const users = new Set<string>();
    for (const user of props.users) {
      if (!ROLE_NAME.test(user.name)) {
        fail(
          `users: ${show(user.name)} is not a PostgreSQL role name; expected 1 to 63 lower-case letters, digits or _, not starting with a digit`,
        );
      }
      if (user.name === "postgres" || user.name === "rdsadmin" || /^(rds|pg)_/.test(user.name)) {
        fail(
          `users: ${show(user.name)} is reserved (postgres, rdsadmin, rds_* and pg_* belong to PostgreSQL and RDS); expected another name`,
        );
      }
      if (users.has(user.name)) {
        fail(`users: ${show(user.name)} is listed twice; expected each user once`);
      }
      users.add(user.name);
      requireOneOf(this, `users.${user.name}.access`, user.access, ROLE_ACCESS);
    }
    if (props.shards.length === 0) {
      fail("shards: [] is empty; expected at least one shard");
    }
    const shards = new Set<string>();
    for (const shard of props.shards) {
      if (!SHARD_NAME.test(shard.name)) {
        fail(`shards: ${show(shard.name)} is not a shard name; expected lower-case letters, digits and hyphens`);
      }
      if (shards.has(shard.name)) {
        fail(`shards: ${show(shard.name)} is listed twice; expected each shard once`);
      }
      shards.add(shard.name);
      requireWholeNumber(this, `shards.${shard.name}.port`, shard.port, 1, 65535);
      if (!Token.isUnresolved(shard.databaseName) && !POSTGRES_NAME.test(shard.databaseName)) {
        fail(
          `shards.${shard.name}.databaseName: ${show(shard.databaseName)} is not allowed; expected 1 to 63 lower-case letters, digits or _, starting with a letter`,
        );
      }
    }
    const region = props.region;
    if (region !== undefined && !Token.isUnresolved(region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      fail(`region: ${show(props.region)} is not an AWS region; expected a name such as eu-west-1`);
    }
  }
}
