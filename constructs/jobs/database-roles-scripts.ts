import type { DatabaseAccess } from "../services/options";

/**
 * What the database roles job runs: the init container's script (master credentials and the RDS CA bundle), the
 * main container's script (psql on every shard) and the SQL that creates the services' users.
 */

/** Every RDS certificate authority, for `sslmode=verify-full`. */
export const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

/** Where the init container leaves the credentials (a memory-backed volume) and the CA bundle. */
export const SECRETS = "/secrets";
export const CA_BUNDLE = "/tls/rds-ca-bundle.pem";

/** The access a service's database user gets (`"none"` gets no user). */
export type RoleAccess = Exclude<DatabaseAccess, "none">;
export const ROLE_ACCESS: readonly RoleAccess[] = ["read-write", "read-only"];

/** One service's database user. */
export interface DatabaseRolesUser {
  /** PostgreSQL role name (`databaseUser(service)`). */
  readonly name: string;
  readonly access: RoleAccess;
}

/**
 * What each access may do in schema `public`, as [verb, on the schema, on tables, on sequences] in the order run:
 * read-only first takes back what an earlier read-write run granted.
 */
const PRIVILEGES: Record<RoleAccess, ReadonlyArray<readonly ["GRANT" | "REVOKE", string, string, string]>> = {
  "read-write": [["GRANT", "USAGE, CREATE", "SELECT, INSERT, UPDATE, DELETE", "USAGE, SELECT, UPDATE"]],
  "read-only": [
    ["REVOKE", "CREATE", "INSERT, UPDATE, DELETE, TRUNCATE", "USAGE, UPDATE"],
    ["GRANT", "USAGE", "SELECT", "SELECT"],
  ],
};

/**
 * The init container's script: for each shard of `shards.txt`, reads the master secret and keeps only its user name
 * and password, each in its own file of the memory-backed /secrets; then fetches the RDS CA bundle. The secret is
 * JSON, parsed with jq (in the AWS CLI image): a password with any character survives, where sed would break on JSON
 * escapes (write-only passwords are alphanumeric, but RDS-managed ones may hold `\` and other punctuation). Host,
 * port and database come from the spec, since an RDS-managed secret holds only `username` and `password`.
 */
export const FETCH_SCRIPT = `#!/bin/sh
# Fetches the master credentials of each shard of /spec/shards.txt into ${SECRETS}, and the RDS CA bundle.
set -eu
set +x
umask 077
while read -r shard host port dbname secret; do
  [ -n "$shard" ] || continue
  region=$(echo "$secret" | cut -d: -f4)
  aws secretsmanager get-secret-value --region "$region" --secret-id "$secret" \\
    --query SecretString --output text > "${SECRETS}/$shard.json" < /dev/null
  for field in username password; do
    if ! jq -ej ".$field | strings" "${SECRETS}/$shard.json" > "${SECRETS}/$shard.$field"; then
      echo "error: the master secret of $shard has no $field" >&2
      exit 1
    fi
  done
  rm -f "${SECRETS}/$shard.json"
  echo "ok: master credentials of $shard ($host:$port/$dbname)"
done < /spec/shards.txt
curl --fail --silent --show-error --location --proto =https --retry 3 --output ${CA_BUNDLE} ${RDS_CA_BUNDLE_URL}
[ -s ${CA_BUNDLE} ]
echo "ok: RDS CA bundle"
`;

/** The main container's script: runs `roles.sql` on every shard, as its master user, in one transaction each. */
export const CREATE_ROLES_SCRIPT = `#!/bin/sh
# Runs /spec/roles.sql on each shard of /spec/shards.txt. Never traced: the password is in psql's environment
# (PGPASSWORD), never on a command line or in the log.
set -eu
set +x
while read -r shard host port dbname secret; do
  [ -n "$shard" ] || continue
  user=$(cat "${SECRETS}/$shard.username")
  password=$(cat "${SECRETS}/$shard.password")
  PGPASSWORD="$password" PGUSER="$user" PGHOST="$host" PGPORT="$port" PGDATABASE="$dbname" \\
    psql --no-psqlrc --no-password --quiet --set ON_ERROR_STOP=1 --single-transaction --file /spec/roles.sql < /dev/null
  echo "ok: roles on $shard ($host:$port/$dbname, secret $secret)"
done < /spec/shards.txt
`;

/**
 * The SQL run on each shard as its master user: per user, create the role with LOGIN if missing, `GRANT rds_iam`
 * (IAM database authentication; AWS RDS User Guide, "Creating a database account using IAM authentication"), CONNECT
 * on the database, and privileges in schema `public`: read-write may create objects there and read and write the
 * master user's tables and sequences; read-only may read them, and loses write privileges an earlier run granted.
 * These are explicit grants on the master user's existing objects plus `ALTER DEFAULT PRIVILEGES` for its future
 * ones, not `pg_read_all_data` / `pg_write_all_data`, whose grant by the RDS master user on PostgreSQL 16+ was not
 * confirmed. Tables a service creates are its own, for it to grant: default privileges `FOR ROLE` a service would
 * need the master user to be a member of it, and so (nested) of `rds_iam`, which makes RDS require IAM login of it.
 * Idempotent; never drops a role, nor revokes the grants of a user no longer listed.
 */
export function rolesSql(users: readonly DatabaseRolesUser[]): string {
  const existing: string[] = [];
  const blocks = users.map(({ name, access }) => {
    const role = `"${name}"`;
    const lines = [
      `-- ${name}: ${access}`,
      `DO $$ BEGIN`,
      `  IF current_user = '${name}' THEN RAISE EXCEPTION 'role ${name} is the master user; a service needs its own';`,
      `  ELSIF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${role} WITH LOGIN;`,
      `  ELSIF NOT (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = '${name}') THEN ALTER ROLE ${role} WITH LOGIN;`,
      `  END IF;`,
      `END $$;`,
      `GRANT rds_iam TO ${role};`,
      `GRANT CONNECT ON DATABASE :"DBNAME" TO ${role};`,
    ];
    for (const [verb, schema, tables, sequences] of PRIVILEGES[access]) {
      const to = `${verb === "GRANT" ? "TO" : "FROM"} ${role}`;
      lines.push(
        `${verb} ${schema} ON SCHEMA public ${to};`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public ${verb} ${tables} ON TABLES ${to};`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public ${verb} ${sequences} ON SEQUENCES ${to};`,
      );
      existing.push(
        `    EXECUTE format('${verb} %s ON %s %s ${to}', CASE o.kind WHEN 'TABLE' THEN '${tables}' ELSE '${sequences}' END, o.kind, o.name);`,
      );
    }
    return lines.join("\n");
  });
  // Not GRANT ... ON ALL TABLES: it fails on a table the master user has no privilege on, such as a service's own.
  const owned = `-- Existing tables, views and sequences of schema public that the master user owns.
DO $$
DECLARE o record;
BEGIN
  FOR o IN SELECT c.oid::regclass AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
    FROM pg_catalog.pg_class c WHERE c.relnamespace = 'public'::regnamespace
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_catalog.pg_get_userbyid(c.relowner) = current_user
  LOOP
${existing.join("\n")}
  END LOOP;
END $$;`;
  const header = "-- Written by the DatabaseRoles construct: the services' IAM database users. Safe to run again.";
  return [header, ...blocks, owned].join("\n\n");
}
