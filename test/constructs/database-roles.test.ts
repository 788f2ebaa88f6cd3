import { TerraformVariable } from "cdktf";
import { PlatformNamespace } from "../../constructs/eks/addons/namespace";
import { placementOn } from "../../constructs/eks/placement";
import {
  AWS_CLI_IMAGE,
  DatabaseRoles,
  type DatabaseRolesProps,
  POSTGRES_CLIENT_IMAGE,
} from "../../constructs/jobs/database-roles";
import {
  CREATE_ROLES_SCRIPT,
  FETCH_SCRIPT,
  RDS_CA_BUNDLE_URL,
  rolesSql,
} from "../../constructs/jobs/database-roles-scripts";
import { dataNamed, kubernetesTestStack, named, onlyOf, synth, TEST_CLUSTER } from "../helpers";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const secretArn = (shard: number) =>
  `arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-test-db-shard-${shard}/master-AbC${shard}`;
const SHARDS = [0, 1].map((index) => ({
  name: `shard-${index}`,
  host: `acme-test-db-shard-${index}.abc.eu-west-1.rds.amazonaws.com`,
  port: 5432,
  databaseName: "app",
  masterSecretArn: secretArn(index),
  secretsKeyArn: KEY,
}));
const USERS: DatabaseRolesProps["users"] = [
  { name: "orders", access: "read-write" },
  { name: "reports", access: "read-only" },
];

function build(overrides: Partial<DatabaseRolesProps> = {}) {
  const stack = kubernetesTestStack();
  const namespace = new PlatformNamespace(stack, "Namespace", { name: "database-admin", enforce: "restricted" });
  const roles = new DatabaseRoles(stack, "Roles", {
    shards: SHARDS,
    users: USERS,
    namespace,
    cluster: TEST_CLUSTER,
    roleName: "acme-test-eks-database-roles",
    ...overrides,
  });
  return { json: synth(stack), roles };
}

const jobOf = (overrides: Partial<DatabaseRolesProps> = {}) => onlyOf(build(overrides).json, "kubernetes_job_v1");

describe("roles SQL", () => {
  const sql = rolesSql(USERS);
  const block = (user: string) =>
    sql.slice(sql.indexOf(`-- ${user}:`), sql.indexOf("\n\n", sql.indexOf(`-- ${user}:`)));

  test("each user is created with LOGIN only when missing, and granted rds_iam and CONNECT", () => {
    for (const user of ["orders", "reports"]) {
      expect(block(user)).toContain(
        `  ELSIF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${user}') THEN CREATE ROLE "${user}" WITH LOGIN;`,
      );
      expect(block(user)).toContain(
        `  ELSIF NOT (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = '${user}') THEN ALTER ROLE "${user}" WITH LOGIN;`,
      );
      expect(block(user)).toContain(`  IF current_user = '${user}' THEN RAISE EXCEPTION`);
      expect(block(user)).toContain(`GRANT rds_iam TO "${user}";`);
      expect(block(user)).toContain(`GRANT CONNECT ON DATABASE :"DBNAME" TO "${user}";`);
    }
    expect(sql).not.toMatch(/DROP ROLE|CREATE ROLE "orders";/);
  });

  test("read-write may create in public and write every table and sequence", () => {
    expect(block("orders").split("\n").slice(-3)).toEqual([
      'GRANT USAGE, CREATE ON SCHEMA public TO "orders";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "orders";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "orders";',
    ]);
    expect(block("orders")).not.toContain("REVOKE");
  });

  test("read-only may only read, and first loses what an earlier read-write run granted", () => {
    expect(block("reports").split("\n").slice(-6)).toEqual([
      'REVOKE CREATE ON SCHEMA public FROM "reports";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLES FROM "reports";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, UPDATE ON SEQUENCES FROM "reports";',
      'GRANT USAGE ON SCHEMA public TO "reports";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "reports";',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO "reports";',
    ]);
    expect(block("reports")).not.toMatch(/GRANT [A-Z, ]*(INSERT|CREATE)[A-Z, ]* ON/);
  });

  test("existing objects get the same privileges, only where the master user owns them (never ON ALL TABLES)", () => {
    const owned = sql.slice(sql.indexOf("-- Existing tables"));
    expect(owned).toContain("AND pg_catalog.pg_get_userbyid(c.relowner) = current_user");
    const kinds = (tables: string, sequences: string) =>
      `CASE o.kind WHEN 'TABLE' THEN '${tables}' ELSE '${sequences}' END, o.kind, o.name);`;
    expect(owned.split("\n").filter((line) => line.includes("EXECUTE"))).toEqual([
      `    EXECUTE format('GRANT %s ON %s %s TO "orders"', ${kinds("SELECT, INSERT, UPDATE, DELETE", "USAGE, SELECT, UPDATE")}`,
      `    EXECUTE format('REVOKE %s ON %s %s FROM "reports"', ${kinds("INSERT, UPDATE, DELETE, TRUNCATE", "USAGE, UPDATE")}`,
      `    EXECUTE format('GRANT %s ON %s %s TO "reports"', ${kinds("SELECT", "SELECT")}`,
    ]);
    expect(sql).not.toContain("ON ALL TABLES");
  });
});

describe("DatabaseRoles", () => {
  const { json, roles } = build();
  const job = onlyOf(json, "kubernetes_job_v1");
  const spec = onlyOf(json, "kubernetes_config_map_v1");
  const pod = job.spec.template.spec;
  const [init] = pod.init_container;
  const [main] = pod.container;

  test("the spec ConfigMap lists the shards and holds the SQL and both scripts", () => {
    expect(spec.data["shards.txt"]).toBe(
      SHARDS.map((s) => `${s.name} ${s.host} 5432 app ${s.masterSecretArn}\n`).join(""),
    );
    expect(spec.data["roles.sql"]).toBe(rolesSql(USERS));
    expect(roles.sql).toBe(spec.data["roles.sql"]);
    expect(spec.data["fetch-credentials.sh"]).toBe(FETCH_SCRIPT);
    expect(spec.data["create-roles.sh"]).toBe(CREATE_ROLES_SCRIPT);
    expect(spec.metadata.name).toBe(job.metadata.name);
  });

  test("a change of users renames the job, so it runs again; the same users keep the name", () => {
    expect(job.metadata.name).toMatch(/^database-roles-[0-9a-f]{10}$/);
    expect(jobOf().metadata.name).toBe(job.metadata.name);
    const added = jobOf({ users: [...USERS, { name: "billing", access: "read-only" }] }).metadata.name;
    const promoted = jobOf({ users: [USERS[0], { name: "reports", access: "read-write" }] }).metadata.name;
    expect(new Set([job.metadata.name, added, promoted]).size).toBe(3);
  });

  test("endpoints and secrets stay out of the name and re-run the job through replace_triggered_by", () => {
    const stack = kubernetesTestStack();
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    const namespace = new PlatformNamespace(stack, "Namespace", { name: "database-admin", enforce: "restricted" });
    new DatabaseRoles(stack, "Roles", {
      shards: SHARDS.map((shard) => ({ ...shard, host })),
      users: USERS,
      namespace,
      cluster: TEST_CLUSTER,
      roleName: "acme-test-eks-database-roles",
    });
    const tokens = synth(stack);
    expect(onlyOf(tokens, "kubernetes_config_map_v1").data["shards.txt"]).toContain("shard-0 ${var.host} 5432 app");
    expect(onlyOf(tokens, "kubernetes_job_v1").metadata.name).toBe(job.metadata.name);
    const [specId] = named(json, "kubernetes_config_map_v1", "Spec");
    expect(job.lifecycle.replace_triggered_by).toEqual([`kubernetes_config_map_v1.${specId}.data`]);
  });

  test("pinned images; Terraform waits for the job, which runs once the Pod Identity association exists", () => {
    expect(init.image).toBe(AWS_CLI_IMAGE);
    expect(main.image).toBe(POSTGRES_CLIENT_IMAGE);
    expect(AWS_CLI_IMAGE).toMatch(/^public\.ecr\.aws\/aws-cli\/aws-cli:\d+\.\d+\.\d+$/);
    expect(POSTGRES_CLIENT_IMAGE).toMatch(/^postgres:17\.\d+-alpine\d+\.\d+$/);
    expect(job.wait_for_completion).toBe(true);
    expect(pod.restart_policy).toBe("Never");
    expect(job.spec.backoff_limit).toBe(4);
    const [associationId] = named(json, "aws_eks_pod_identity_association", "Association");
    expect(job.depends_on).toEqual([`aws_eks_pod_identity_association.${associationId}`]);
    const [accountId] = named(json, "kubernetes_service_account_v1", "ServiceAccount");
    expect(pod.service_account_name).toBe(`\${kubernetes_service_account_v1.${accountId}.metadata[0].name}`);
  });

  test("restricted pod security: non-root, read-only root, no capabilities, RuntimeDefault seccomp", () => {
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: "70",
      run_as_group: "70",
      seccomp_profile: { type: "RuntimeDefault" },
    });
    for (const container of [init, main]) {
      expect(container.security_context).toEqual({
        allow_privilege_escalation: false,
        read_only_root_filesystem: true,
        run_as_non_root: true,
        capabilities: { drop: ["ALL"] },
      });
    }
    expect(pod.automount_service_account_token).toBe(false);
  });

  test("the credentials live in a memory-backed volume that psql only reads; TLS is verify-full with the RDS CA", () => {
    expect(pod.volume).toEqual(
      expect.arrayContaining([
        { name: "secrets", empty_dir: { medium: "Memory", size_limit: "1Mi" } },
        {
          name: "spec",
          config_map: {
            name: `\${kubernetes_config_map_v1.${named(json, "kubernetes_config_map_v1", "Spec")[0]}.metadata[0].name}`,
          },
        },
      ]),
    );
    expect(init.volume_mount).toContainEqual({ name: "secrets", mount_path: "/secrets" });
    expect(main.volume_mount).toContainEqual({ name: "secrets", mount_path: "/secrets", read_only: true });
    expect(main.volume_mount).toContainEqual({ name: "tls", mount_path: "/tls", read_only: true });
    expect(init.command).toEqual(["/bin/sh", "/spec/fetch-credentials.sh"]);
    expect(main.command).toEqual(["/bin/sh", "/spec/create-roles.sh"]);
    expect(main.env).toEqual(
      expect.arrayContaining([
        { name: "PGSSLMODE", value: "verify-full" },
        { name: "PGSSLROOTCERT", value: "/tls/rds-ca-bundle.pem" },
      ]),
    );
    expect(main.env.map((variable: any) => variable.name)).not.toContain("PGPASSWORD");
  });

  test("the scripts read the secret into files and pass the password only through psql's environment", () => {
    expect(FETCH_SCRIPT).toContain("--query SecretString --output text");
    expect(FETCH_SCRIPT).toContain('jq -ej ".$field | strings"');
    expect(FETCH_SCRIPT).toContain(`--proto =https --retry 3 --output /tls/rds-ca-bundle.pem ${RDS_CA_BUNDLE_URL}`);
    expect(CREATE_ROLES_SCRIPT).toContain('password=$(cat "/secrets/$shard.password")');
    expect(CREATE_ROLES_SCRIPT).toContain('PGPASSWORD="$password" PGUSER="$user"');
    expect(CREATE_ROLES_SCRIPT).toContain("--set ON_ERROR_STOP=1 --single-transaction --file /spec/roles.sql");
    for (const script of [FETCH_SCRIPT, CREATE_ROLES_SCRIPT]) {
      expect(script).toContain("set +x");
      expect(script).not.toMatch(/set -[a-z]*x|echo[^\n]*\$password|--password/);
    }
  });

  test("the role may read exactly the shards' master secrets and decrypt them with their key", () => {
    const [, document] = dataNamed(json, "aws_iam_policy_document", "PermissionsDocument");
    expect(document.statement).toEqual([
      {
        sid: "ReadMasterSecrets",
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue"],
        resources: [secretArn(0), secretArn(1)],
      },
      { sid: "DecryptMasterSecrets", effect: "Allow", actions: ["kms:Decrypt"], resources: [KEY] },
    ]);
  });

  test("with a region, decryption goes only through Secrets Manager there", () => {
    const [, document] = dataNamed(
      build({ region: "eu-west-1" }).json,
      "aws_iam_policy_document",
      "PermissionsDocument",
    );
    expect(document.statement[1].condition).toEqual([
      { test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.eu-west-1.amazonaws.com"] },
    ]);
  });

  test("the job runs where it is placed", () => {
    const placed = jobOf({ placement: placementOn("system", [{ key: "CriticalAddonsOnly", effect: "NoSchedule" }]) });
    expect(placed.spec.template.spec.node_selector).toEqual({ "node-group": "system" });
    expect(placed.spec.template.spec.toleration).toEqual([
      { key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" },
    ]);
  });

  test.each<[string, Partial<DatabaseRolesProps>, string]>([
    ["no users", { users: [] }, "users: [] is empty; expected at least one user"],
    [
      "a name that is not a role name",
      { users: [{ name: "Order-Service", access: "read-write" }] },
      'users: "Order-Service" is not a PostgreSQL role name; expected 1 to 63 lower-case letters, digits or _',
    ],
    [
      "the postgres user",
      { users: [{ name: "postgres", access: "read-write" }] },
      'users: "postgres" is reserved (postgres, rdsadmin, rds_* and pg_* belong to PostgreSQL and RDS)',
    ],
    ["rdsadmin", { users: [{ name: "rdsadmin", access: "read-only" }] }, 'users: "rdsadmin" is reserved'],
    ["an rds_ role", { users: [{ name: "rds_iam", access: "read-only" }] }, 'users: "rds_iam" is reserved'],
    ["a pg_ role", { users: [{ name: "pg_monitor", access: "read-only" }] }, 'users: "pg_monitor" is reserved'],
    [
      "a repeated user",
      { users: [...USERS, { name: "orders", access: "read-only" }] },
      'users: "orders" is listed twice; expected each user once',
    ],
    [
      "access none",
      { users: [{ name: "orders", access: "none" as never }] },
      'users.orders.access: "none" is not allowed; expected one of "read-write", "read-only"',
    ],
    ["no shards", { shards: [] }, "shards: [] is empty; expected at least one shard"],
    [
      "a bad shard name",
      { shards: [{ ...SHARDS[0], name: "Shard 0" }] },
      'shards: "Shard 0" is not a shard name; expected lower-case letters, digits and hyphens',
    ],
    [
      "a repeated shard",
      { shards: [SHARDS[0], SHARDS[0]] },
      'shards: "shard-0" is listed twice; expected each shard once',
    ],
    [
      "a bad port",
      { shards: [{ ...SHARDS[0], port: 0 }] },
      "shards.shard-0.port: 0 is outside the allowed range; expected a whole number from 1 to 65535",
    ],
    [
      "a bad database name",
      { shards: [{ ...SHARDS[0], databaseName: "my app" }] },
      'shards.shard-0.databaseName: "my app" is not allowed; expected 1 to 63 lower-case letters',
    ],
    [
      "a bad region",
      { region: "Ireland" },
      'region: "Ireland" is not an AWS region; expected a name such as eu-west-1',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
