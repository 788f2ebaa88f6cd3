import { PostgresDatabase, type PostgresDatabaseProps } from "../../constructs/database/postgres-database";
import { dataNamed, listOf, named, onlyOf, ref, resourcesOf, synth, testStack, type StackJson } from "../helpers";

const BASE: PostgresDatabaseProps = {
  namePrefix: "acme-test",
  region: "eu-west-1",
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
};

function build(props: Partial<PostgresDatabaseProps> = {}): { json: StackJson; db: PostgresDatabase } {
  const stack = testStack();
  const db = new PostgresDatabase(stack, "Db", { ...BASE, ...props });
  return { json: synth(stack), db };
}

/** The primary as `[logicalId, config]`: the one instance that replicates from nothing. */
function primary(json: StackJson): [string, any] {
  const primaries = Object.entries(resourcesOf(json, "aws_db_instance")).filter(
    ([, instance]) => instance.replicate_source_db === undefined,
  );
  expect(primaries).toHaveLength(1);
  return primaries[0];
}

function primaryOf(json: StackJson): any {
  return primary(json)[1];
}

function primaryId(json: StackJson): string {
  return primary(json)[0];
}

function replicasOf(json: StackJson): any[] {
  return listOf(json, "aws_db_instance").filter((instance) => instance.replicate_source_db !== undefined);
}

/** Every key anywhere in a JSON value. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(allKeys);
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
  }
  return [];
}

describe("PostgresDatabase", () => {
  describe("network", () => {
    test("places the instances in a subnet group on the given data subnets, never publicly accessible", () => {
      const { json } = build();

      const [subnetGroupId, subnetGroup] = named(json, "aws_db_subnet_group", "SubnetGroup");
      expect(subnetGroup).toMatchObject({
        name: "acme-test-db-main",
        subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
      });
      expect(primaryOf(json)).toMatchObject({
        db_subnet_group_name: ref("aws_db_subnet_group", subnetGroupId, "name"),
        publicly_accessible: false,
      });
    });

    test("opens its security group to nothing until a security group is granted", () => {
      const { json } = build();

      const [securityGroupId, securityGroup] = named(json, "aws_security_group", "SecurityGroup");
      expect(securityGroup).toMatchObject({ name: "acme-test-db-main", vpc_id: "vpc-123" });
      expect(securityGroup).not.toHaveProperty("ingress");
      expect(listOf(json, "aws_vpc_security_group_ingress_rule")).toEqual([]);
      expect(primaryOf(json).vpc_security_group_ids).toEqual([ref("aws_security_group", securityGroupId)]);
    });

    test("allowFrom grants the PostgreSQL port to one security group, by reference and never by CIDR", () => {
      const stack = testStack();
      const db = new PostgresDatabase(stack, "Db", BASE);
      db.allowFrom("Workers", "sg-workers", "PostgreSQL from the workers");
      const json = synth(stack);

      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({
        security_group_id: ref("aws_security_group", securityGroupId),
        referenced_security_group_id: "sg-workers",
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        description: "PostgreSQL from the workers",
      });
    });

    test("grants reach the proxy too, also those made before the proxy was added", () => {
      const stack = testStack();
      const db = new PostgresDatabase(stack, "Db", BASE);
      db.allowFrom("Early", "sg-early");
      db.addProxy("Proxy");
      db.allowFrom("Late", "sg-late");
      const json = synth(stack);

      const [dbGroupId] = named(json, "aws_security_group", "Db_SecurityGroup");
      const [proxyGroupId] = named(json, "aws_security_group", "Proxy_SecurityGroup");
      const rules = listOf(json, "aws_vpc_security_group_ingress_rule");
      const sourcesInto = (groupId: string) =>
        rules
          .filter((rule) => rule.security_group_id === ref("aws_security_group", groupId))
          .map((rule) => rule.referenced_security_group_id)
          .sort();
      expect(sourcesInto(proxyGroupId)).toEqual(["sg-early", "sg-late"]);
      expect(sourcesInto(dbGroupId)).toEqual([ref("aws_security_group", proxyGroupId), "sg-early", "sg-late"].sort());
      for (const rule of rules) {
        expect(rule).not.toHaveProperty("cidr_ipv4");
        expect(rule).not.toHaveProperty("cidr_ipv6");
      }
    });
  });

  describe("parameter group", () => {
    test.each(["16", "17"] as const)(
      "is made for PostgreSQL %s, enforces TLS and preloads pg_stat_statements",
      (major) => {
        const { json } = build({ engineVersion: major, slowQueryThresholdMs: 250 });

        const [groupId, group] = named(json, "aws_db_parameter_group", "ParameterGroup");
        expect(group).toMatchObject({
          family: `postgres${major}`,
          name_prefix: `acme-test-db-main-postgres${major}-`,
          lifecycle: { create_before_destroy: true },
        });
        expect(group.parameter).toEqual(
          expect.arrayContaining([
            { name: "rds.force_ssl", value: "1" },
            { name: "ssl_min_protocol_version", value: "TLSv1.2" },
            { name: "shared_preload_libraries", value: "pg_stat_statements", apply_method: "pending-reboot" },
            { name: "log_min_duration_statement", value: "250" },
          ]),
        );
        expect(primaryOf(json)).toMatchObject({
          engine: "postgres",
          engine_version: major,
          parameter_group_name: ref("aws_db_parameter_group", groupId, "name"),
        });
      },
    );
  });

  describe("primary", () => {
    test("has production defaults: Multi-AZ, gp3 with storage autoscaling, backups, windows, explicit CA", () => {
      const { json } = build();

      expect(primaryOf(json)).toMatchObject({
        identifier: "acme-test-db-main",
        instance_class: "db.r7g.large",
        multi_az: true,
        storage_type: "gp3",
        allocated_storage: 100,
        max_allocated_storage: 1000,
        db_name: "app",
        username: "platform_admin",
        port: 5432,
        backup_retention_period: 14,
        backup_window: "02:00-03:00",
        maintenance_window: "sun:03:30-sun:04:30",
        copy_tags_to_snapshot: true,
        auto_minor_version_upgrade: true,
        ca_cert_identifier: "rds-ca-rsa2048-g1",
        iam_database_authentication_enabled: true,
        apply_immediately: false,
        engine_lifecycle_support: "open-source-rds-extended-support-disabled",
      });
      expect(primaryOf(json)).not.toHaveProperty("availability_zone");
    });

    test("a single-AZ primary is pinned to the first zone", () => {
      const { json } = build({ multiAz: false });

      expect(primaryOf(json)).toMatchObject({ multi_az: false, availability_zone: "eu-west-1a" });
    });

    test("encrypts storage and Performance Insights with the customer-managed storage key", () => {
      const { json } = build({ performanceInsightsRetentionDays: 31 });

      const [keyId] = named(json, "aws_kms_key", "StorageKey");
      expect(primaryOf(json)).toMatchObject({
        storage_encrypted: true,
        kms_key_id: ref("aws_kms_key", keyId, "arn"),
        performance_insights_enabled: true,
        performance_insights_kms_key_id: ref("aws_kms_key", keyId, "arn"),
        performance_insights_retention_period: 31,
      });
      expect(named(json, "aws_kms_key", "StorageKey")[1]).toMatchObject({ enable_key_rotation: true });
    });

    test("publishes Enhanced Monitoring with a role only the RDS monitoring service of this account may assume", () => {
      const { json } = build({ monitoringIntervalSeconds: 15 });

      const [roleId] = named(json, "aws_iam_role", "MonitoringRole");
      expect(primaryOf(json)).toMatchObject({
        monitoring_interval: 15,
        monitoring_role_arn: ref("aws_iam_role", roleId, "arn"),
      });
      expect(onlyOf(json, "aws_iam_role_policy_attachment").policy_arn).toMatch(
        /:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/,
      );
      const trust = dataNamed(json, "aws_iam_policy_document", "MonitoringRole_TrustPolicy")[1];
      expect(trust.statement[0]).toMatchObject({
        principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }],
        condition: [expect.objectContaining({ variable: "aws:SourceAccount" })],
      });
    });

    test("exports the postgresql and upgrade logs to log groups it creates first, encrypted and with retention", () => {
      const { json } = build({ logRetentionDays: 30 });

      const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");
      const groups = listOf(json, "aws_cloudwatch_log_group");
      expect(groups.map((group) => group.name).sort()).toEqual([
        "/aws/rds/instance/acme-test-db-main/postgresql",
        "/aws/rds/instance/acme-test-db-main/upgrade",
      ]);
      for (const group of groups) {
        expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: ref("aws_kms_key", logsKeyId, "arn") });
      }
      const primary = primaryOf(json);
      expect(primary.enabled_cloudwatch_logs_exports).toEqual(["postgresql", "upgrade"]);
      expect(
        primary.depends_on.filter((dependency: string) => dependency.startsWith("aws_cloudwatch_log_group.")),
      ).toHaveLength(2);
    });

    test("every instance waits for the monitoring role's policy: RDS checks it at creation (ENHANCED_MONITORING)", () => {
      const { json } = build({ replicas: 2 });
      const [roleId] = named(json, "aws_iam_role", "MonitoringRole");
      const [attachmentId, attachment] = named(json, "aws_iam_role_policy_attachment", "MonitoringRole_Policy");
      const instances = listOf(json, "aws_db_instance");

      expect(attachment.role).toBe(ref("aws_iam_role", roleId, "name"));
      expect(instances.length).toBeGreaterThan(1);
      for (const instance of instances) {
        expect(instance.monitoring_role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
        expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentId}`);
      }
    });

    test("the logs key lets CloudWatch Logs use it only for this database's log groups", () => {
      const { json } = build();

      const policy = dataNamed(json, "aws_iam_policy_document", "LogsKey_Policy")[1];
      const grant = policy.statement.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
      expect(grant.condition).toEqual([
        {
          test: "ArnLike",
          variable: "kms:EncryptionContext:aws:logs:arn",
          values: [
            expect.stringMatching(/:log-group:\/aws\/rds\/instance\/acme-test-db-main\*$/),
            expect.stringMatching(/:log-group:\/aws\/rds\/proxy\/acme-test-db-main\*$/),
          ],
        },
      ]);
    });
  });

  describe("master password", () => {
    test("write-only: generated during apply and written only through write-only arguments", () => {
      const { json, db } = build({ masterPasswordVersion: 3 });

      const [passwordId, password] = Object.entries(
        (json as any).ephemeral.aws_secretsmanager_random_password as Record<string, any>,
      )[0];
      expect(password).toMatchObject({ password_length: 40, exclude_punctuation: true });
      const passwordRef = `ephemeral.aws_secretsmanager_random_password.${passwordId}.random_password`;
      expect(primaryOf(json)).toMatchObject({ password_wo: `\${${passwordRef}}`, password_wo_version: 3 });

      const [secretId, secret] = named(json, "aws_secretsmanager_secret", "MasterSecret");
      const [secretsKeyId] = named(json, "aws_kms_key", "SecretsKey");
      expect(secret).toMatchObject({
        name: "acme-test-db-main/master",
        kms_key_id: ref("aws_kms_key", secretsKeyId, "arn"),
      });
      const version = onlyOf(json, "aws_secretsmanager_secret_version");
      expect(version).toMatchObject({
        secret_id: ref("aws_secretsmanager_secret", secretId),
        secret_string_wo_version: 3,
      });
      expect(version.secret_string_wo).toContain(`"password" = ${passwordRef}`);
      expect(version.secret_string_wo).toContain(`"username" = aws_db_instance.${primaryId(json)}.username`);
      expect(version).not.toHaveProperty("secret_string");
      expect(db.masterSecretArn).toBeDefined();
      // A replaced primary is created with this run's password: the secret follows it in the same run. On the id
      // only: an in-place update of the instance sends no password and must not rewrite the secret.
      expect(version.lifecycle).toEqual({ replace_triggered_by: [`aws_db_instance.${primaryId(json)}.id`] });
    });

    test("rds-managed: RDS keeps and rotates it in Secrets Manager, encrypted with the secrets key", () => {
      const { json } = build({ masterPassword: "rds-managed" });

      const [secretsKeyId] = named(json, "aws_kms_key", "SecretsKey");
      expect(primaryOf(json)).toMatchObject({
        manage_master_user_password: true,
        master_user_secret_kms_key_id: ref("aws_kms_key", secretsKeyId, "arn"),
      });
      expect(resourcesOf(json, "aws_secretsmanager_secret")).toEqual({});
      expect((json as any).ephemeral).toBeUndefined();
    });

    test.each(["write-only", "rds-managed"] as const)(
      "%s: no password, write-only value or secret string is stored in any attribute",
      (masterPassword) => {
        const { json } = build({ masterPassword, replicas: masterPassword === "write-only" ? 2 : 0, proxy: {} });

        const keys = allKeys(json.resource);
        expect(keys).not.toContain("password");
        expect(keys).not.toContain("secret_string");
        expect(keys).not.toContain("master_password");
        expect(JSON.stringify(json)).not.toMatch(/"password"\s*:/);
      },
    );
  });

  describe("read replicas", () => {
    test("creates the replicas from the primary, spread over the zones after the primary's", () => {
      const { json, db } = build({ replicas: 3, multiAz: false });

      const replicas = replicasOf(json);
      expect(replicas).toHaveLength(3);
      for (const replica of replicas) {
        expect(replica.replicate_source_db).toBe(ref("aws_db_instance", primaryId(json), "identifier"));
      }
      expect(replicas.map((replica) => replica.identifier)).toEqual([
        "acme-test-db-main-replica-1",
        "acme-test-db-main-replica-2",
        "acme-test-db-main-replica-3",
      ]);
      expect(replicas.map((replica) => replica.availability_zone)).toEqual(["eu-west-1b", "eu-west-1c", "eu-west-1a"]);
      expect(db.readerAddresses).toHaveLength(3);
    });

    test("replicas default to the primary's class and may have their own", () => {
      expect(replicasOf(build({ replicas: 1, instanceClass: "db.m7g.xlarge" }).json)[0].instance_class).toBe(
        "db.m7g.xlarge",
      );
      expect(
        replicasOf(build({ replicas: 1, instanceClass: "db.m7g.xlarge", replicaInstanceClass: "db.r7g.large" }).json)[0]
          .instance_class,
      ).toBe("db.r7g.large");
    });

    test("each replica has Performance Insights, Enhanced Monitoring, log exports and the primary's protections", () => {
      const { json } = build({ replicas: 2 });

      const [storageKeyId] = named(json, "aws_kms_key", "StorageKey");
      const [roleId] = named(json, "aws_iam_role", "MonitoringRole");
      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      for (const replica of replicasOf(json)) {
        expect(replica).toMatchObject({
          storage_encrypted: true,
          performance_insights_enabled: true,
          performance_insights_kms_key_id: ref("aws_kms_key", storageKeyId, "arn"),
          monitoring_interval: 60,
          monitoring_role_arn: ref("aws_iam_role", roleId, "arn"),
          enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
          iam_database_authentication_enabled: true,
          publicly_accessible: false,
          vpc_security_group_ids: [ref("aws_security_group", securityGroupId)],
          deletion_protection: true,
          skip_final_snapshot: true,
          tags: expect.objectContaining({ Role: "replica" }),
        });
        // Credentials and engine come from the source.
        expect(replica).not.toHaveProperty("username");
        expect(replica).not.toHaveProperty("password_wo");
        expect(replica).not.toHaveProperty("engine_version");
      }
      expect(listOf(json, "aws_cloudwatch_log_group")).toHaveLength(6);
    });

    test("addReadReplica takes an explicit zone and class", () => {
      const stack = testStack();
      const db = new PostgresDatabase(stack, "Db", BASE);
      db.addReadReplica("Reporting", { availabilityZone: "eu-west-1c", instanceClass: "db.r7g.2xlarge" });
      const json = synth(stack);

      expect(named(json, "aws_db_instance", "Reporting")[1]).toMatchObject({
        identifier: "acme-test-db-main-replica-1",
        availability_zone: "eu-west-1c",
        instance_class: "db.r7g.2xlarge",
      });
    });
  });

  describe("protection", () => {
    test("on by default: deletion protection, a stable final snapshot, kept backups, prevent_destroy", () => {
      const { json } = build({ replicas: 1, proxy: {} });

      expect(primaryOf(json)).toMatchObject({
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: "acme-test-db-main-final",
        delete_automated_backups: false,
        lifecycle: { prevent_destroy: true },
      });
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key.lifecycle).toEqual({ prevent_destroy: true });
      }
      expect(named(json, "aws_secretsmanager_secret", "MasterSecret")[1]).toMatchObject({
        recovery_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
      const logGroups = listOf(json, "aws_cloudwatch_log_group");
      expect(logGroups).toHaveLength(5); // primary and replica: postgresql + upgrade; proxy
      for (const group of logGroups) {
        expect(group.deletion_protection_enabled).toBe(true);
      }
    });

    test("relaxed explicitly: nothing stands in the way of destroying the database", () => {
      const { json } = build({
        replicas: 1,
        protection: { deletionProtection: false, finalSnapshot: false, preventDestroy: false },
      });

      const primary = primaryOf(json);
      expect(primary).toMatchObject({
        deletion_protection: false,
        skip_final_snapshot: true,
        delete_automated_backups: true,
      });
      expect(primary).not.toHaveProperty("final_snapshot_identifier");
      expect(primary).not.toHaveProperty("lifecycle");
      expect(replicasOf(json)[0].deletion_protection).toBe(false);
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key).not.toHaveProperty("lifecycle");
      }
      // Deleted at once: a secret in its recovery window keeps the name taken, and a rebuild would fail.
      expect(named(json, "aws_secretsmanager_secret", "MasterSecret")[1].recovery_window_in_days).toBe(0);
      for (const group of listOf(json, "aws_cloudwatch_log_group")) {
        expect(group.deletion_protection_enabled).toBe(false);
      }
    });
  });

  describe("proxy", () => {
    test("pools connections to the primary with TLS and IAM authentication required", () => {
      const { json, db } = build({
        proxy: {
          maxConnectionsPercent: 80,
          maxIdleConnectionsPercent: 40,
          idleClientTimeoutSeconds: 900,
          connectionBorrowTimeoutSeconds: 60,
        },
      });

      const [proxyId, proxy] = named(json, "aws_db_proxy", "Proxy");
      const [secretId] = named(json, "aws_secretsmanager_secret", "MasterSecret");
      expect(proxy).toMatchObject({
        name: "acme-test-db-main-proxy",
        engine_family: "POSTGRESQL",
        require_tls: true,
        idle_client_timeout: 900,
        debug_logging: false,
        vpc_subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
        auth: [
          {
            auth_scheme: "SECRETS",
            iam_auth: "REQUIRED",
            secret_arn: ref("aws_secretsmanager_secret", secretId, "arn"),
          },
        ],
      });
      const [targetGroupId] = named(json, "aws_db_proxy_default_target_group", "TargetGroup");
      expect(onlyOf(json, "aws_db_proxy_default_target_group")).toMatchObject({
        db_proxy_name: ref("aws_db_proxy", proxyId, "name"),
        connection_pool_config: {
          max_connections_percent: 80,
          max_idle_connections_percent: 40,
          connection_borrow_timeout: 60,
        },
      });
      expect(onlyOf(json, "aws_db_proxy_target")).toEqual(
        expect.objectContaining({
          db_proxy_name: ref("aws_db_proxy", proxyId, "name"),
          // The default target group by reference: registered once its pool settings are in place.
          target_group_name: ref("aws_db_proxy_default_target_group", targetGroupId, "name"),
          db_instance_identifier: ref("aws_db_instance", primaryId(json), "identifier"),
        }),
      );
      expect(db.proxy?.endpoint).toBeDefined();
      // The proxy starts only once the secret holds the credentials.
      const [versionId] = named(json, "aws_secretsmanager_secret_version", "MasterSecretValue");
      expect(proxy.depends_on).toContain(`aws_secretsmanager_secret_version.${versionId}`);
    });

    test("its role may read only this database's secret, and decrypt only through Secrets Manager", () => {
      const { json } = build({ proxy: {} });

      const [secretId] = named(json, "aws_secretsmanager_secret", "MasterSecret");
      const [secretsKeyId] = named(json, "aws_kms_key", "SecretsKey");
      const [roleId] = named(json, "aws_iam_role", "Proxy_Role");
      const permissions = dataNamed(json, "aws_iam_policy_document", "Proxy_RolePermissions")[1];
      expect(permissions.statement).toEqual([
        expect.objectContaining({
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          resources: [ref("aws_secretsmanager_secret", secretId, "arn")],
        }),
        expect.objectContaining({
          actions: ["kms:Decrypt"],
          resources: [ref("aws_kms_key", secretsKeyId, "arn")],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.eu-west-1.amazonaws.com"] },
          ],
        }),
      ]);
      expect(named(json, "aws_db_proxy", "Proxy")[1].role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
      const trust = dataNamed(json, "aws_iam_policy_document", "Proxy_TrustPolicy")[1];
      expect(trust.statement[0].principals).toEqual([{ type: "Service", identifiers: ["rds.amazonaws.com"] }]);
    });

    test("with an RDS-managed password, the proxy logs in with the secret RDS manages", () => {
      const { json } = build({ masterPassword: "rds-managed", proxy: {} });

      const secretArn = `\${aws_db_instance.${primaryId(json)}.master_user_secret[0].secret_arn}`;
      expect(named(json, "aws_db_proxy", "Proxy")[1].auth[0].secret_arn).toBe(secretArn);
      const permissions = dataNamed(json, "aws_iam_policy_document", "Proxy_RolePermissions")[1];
      expect(permissions.statement[0].resources).toEqual([secretArn]);
    });

    test("reaches the database through its own security group only", () => {
      const { json } = build({ proxy: {} });

      const [dbGroupId] = named(json, "aws_security_group", "Db_SecurityGroup");
      const [proxyGroupId] = named(json, "aws_security_group", "Proxy_SecurityGroup");
      expect(onlyOf(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
        security_group_id: ref("aws_security_group", proxyGroupId),
        referenced_security_group_id: ref("aws_security_group", dbGroupId),
        from_port: 5432,
        to_port: 5432,
      });
      expect(named(json, "aws_vpc_security_group_ingress_rule", "DatabaseIngress")[1]).toMatchObject({
        security_group_id: ref("aws_security_group", dbGroupId),
        referenced_security_group_id: ref("aws_security_group", proxyGroupId),
      });
      expect(named(json, "aws_cloudwatch_log_group", "Proxy_LogGroup")[1].name).toBe(
        "/aws/rds/proxy/acme-test-db-main-proxy",
      );
    });
  });

  describe("typed outputs", () => {
    test("exposes the metrics of every instance with namespace and dimensions", () => {
      const { db } = build({ replicas: 1, proxy: {} });

      expect(db.metrics.cpuUtilization).toEqual({
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: "acme-test-db-main" },
        statistic: "Average",
        unit: "Percent",
        periodSeconds: 60,
        label: "CPU",
      });
      expect(Object.keys(db.metrics).sort()).toEqual([
        "cpuUtilization",
        "databaseConnections",
        "freeStorageSpace",
        "freeableMemory",
        "readLatency",
        "writeLatency",
      ]);
      expect(db.replicas[0].metrics.replicaLag).toMatchObject({
        metricName: "ReplicaLag",
        dimensions: { DBInstanceIdentifier: "acme-test-db-main-replica-1" },
      });
      expect(db.proxy?.metrics.clientConnections.dimensions).toEqual({ ProxyName: "acme-test-db-main-proxy" });
    });

    test("iamConnectArns covers the primary, every replica and the proxy", () => {
      const { db } = build({ replicas: 2, proxy: {} });

      const arns = db.iamConnectArns("reports");
      expect(arns).toHaveLength(4);
      for (const arn of arns) {
        expect(arn).toMatch(/:rds-db:eu-west-1:.*:dbuser:.*\/reports$/);
      }
    });
  });

  describe("bad input", () => {
    test.each<[string, Partial<PostgresDatabaseProps>, string]>([
      [
        "more than 15 replicas",
        { replicas: 16 },
        "replicas: 16 is outside the allowed range; expected a whole number from 0 to 15",
      ],
      [
        "an instance class without db.",
        { instanceClass: "r7g.large" },
        'instanceClass: "r7g.large" is not allowed; expected an RDS instance class of the form db.<family>.<size>',
      ],
      [
        "an unknown major version",
        { engineVersion: "15" as never },
        'engineVersion: "15" is not allowed; expected one of "16", "17"',
      ],
      [
        "a storage limit below the allocated storage",
        { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 },
        "maxAllocatedStorageGiB: 50 is not allowed; expected 110 (10% above allocatedStorageGiB 100) to 65536",
      ],
      [
        "a backup retention above 35 days",
        { backupRetentionDays: 40 },
        "backupRetentionDays: 40 is outside the allowed range; expected a whole number from 0 to 35",
      ],
      [
        "replicas without backups",
        { backupRetentionDays: 0, replicas: 1 },
        "backupRetentionDays: 0 does not allow read replicas; expected at least 1",
      ],
      [
        "an RDS-managed password with replicas",
        { masterPassword: "rds-managed", replicas: 1 },
        'masterPassword: "rds-managed" does not allow read replicas',
      ],
      [
        "overlapping windows",
        { backupWindow: "04:00-05:00", maintenanceWindow: "mon:04:30-mon:05:30" },
        'maintenanceWindow: "mon:04:30-mon:05:30" overlaps the backup window "04:00-05:00"',
      ],
      [
        "an unsupported monitoring interval",
        { monitoringIntervalSeconds: 0 },
        "monitoringIntervalSeconds: 0 is not allowed; expected one of 1, 5, 10, 15, 30, 60",
      ],
      [
        "a single subnet",
        { subnetIds: ["subnet-a"] },
        "subnetIds: 1 subnets; expected at least 2 in different availability zones",
      ],
      [
        "a name that makes the identifier too long",
        { name: "a-very-long-database-name-that-goes-on-and-on" },
        "expected at most 52 (room for -replica-15 and -proxy)",
      ],
      [
        "a proxy idle pool larger than its pool",
        { proxy: { maxConnectionsPercent: 50, maxIdleConnectionsPercent: 60 } },
        "maxIdleConnectionsPercent: 60 is outside the allowed range; expected a whole number from 0 to 50",
      ],
    ])("rejects %s", (_case, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => build({ replicas: 16 })).toThrow(/^test\/Db: replicas: 16/);
    });
  });
});
