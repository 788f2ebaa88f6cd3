import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { CrossRegionReplica, type CrossRegionReplicaProps } from "../../constructs/database/cross-region-replica";
import { PostgresDatabase } from "../../constructs/database/postgres-database";
import { Guardrails, guardrailReport } from "../../src/aspects/guardrails";
import {
  dataNamed,
  listOf,
  named,
  onlyOf,
  ref,
  resourcesOf,
  synth,
  synthApp,
  synthWithValues,
  testStack,
  type StackJson,
} from "../helpers";

/** The primary, in the primary region (testStack's provider is in eu-west-1, the standby region here). */
const SOURCE_ARN = "arn:aws:rds:eu-central-1:123456789012:db:acme-prod-db-shard-0";

/** What a replica cannot do without; every other prop is left to its default. */
const REQUIRED: CrossRegionReplicaProps = {
  identifier: "acme-prod-euw1-db-shard-0",
  namePrefix: "acme-prod-euw1",
  region: "eu-west-1",
  sourceArn: SOURCE_ARN,
  vpcId: "vpc-standby",
  subnetIds: ["subnet-d", "subnet-e", "subnet-f"],
};

function build(props: Partial<CrossRegionReplicaProps> = {}): { json: StackJson; replica: CrossRegionReplica } {
  const stack = testStack();
  const replica = new CrossRegionReplica(stack, "Replica", { ...REQUIRED, ...props });
  return { json: synth(stack), replica };
}

function instanceOf(json: StackJson): any {
  return onlyOf(json, "aws_db_instance");
}

/** `${aws_kms_key.<StorageKey>.arn}`: the replica's own storage key. */
function storageKeyArn(json: StackJson): string {
  return ref("aws_kms_key", named(json, "aws_kms_key", "StorageKey")[0], "arn");
}

describe("CrossRegionReplica", () => {
  describe("source", () => {
    test("replicates the primary given by its ARN", () => {
      const { json } = build();

      expect(instanceOf(json)).toMatchObject({
        identifier: "acme-prod-euw1-db-shard-0",
        replicate_source_db: SOURCE_ARN,
      });
    });

    test("takes engine, version, credentials, database name and storage size from the source", () => {
      const { json } = build();
      const instance = instanceOf(json);

      // The provider refuses username and db_name next to replicate_source_db; the rest come from the source.
      for (const argument of [
        "username",
        "db_name",
        "password",
        "password_wo",
        "password_wo_version",
        "manage_master_user_password",
        "master_user_secret_kms_key_id",
        "engine",
        "engine_version",
        "allocated_storage",
        "character_set_name",
      ]) {
        expect(instance).not.toHaveProperty(argument);
      }
      expect(JSON.stringify(json)).not.toMatch(/"password"\s*:/);
    });

    test("takes the primary's arn across stacks, as a reference that Terraform resolves at apply", () => {
      const app = Testing.app();
      const primaryStack = new TerraformStack(app, "primary");
      new AwsProvider(primaryStack, "aws", { region: "eu-central-1" });
      const primary = new PostgresDatabase(primaryStack, "Db", {
        namePrefix: "acme-prod",
        name: "shard-0",
        region: "eu-central-1",
        vpcId: "vpc-primary",
        subnetIds: ["subnet-a", "subnet-b"],
        availabilityZones: ["eu-central-1a", "eu-central-1b"],
      });
      const standbyStack = new TerraformStack(app, "standby");
      new AwsProvider(standbyStack, "aws", { region: "eu-west-1" });
      new CrossRegionReplica(standbyStack, "Replica", { ...REQUIRED, sourceArn: primary.primary.arn });
      const stacks = synthApp(app);

      const [primaryId] = Object.keys(resourcesOf(stacks.primary, "aws_db_instance"));
      const outputs = Object.values(stacks.primary.output ?? {}).map((output: any) => output.value);
      expect(outputs).toContain(ref("aws_db_instance", primaryId, "arn"));
      expect(instanceOf(stacks.standby).replicate_source_db).toMatch(
        /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.[^}]+\}$/,
      );
    });
  });

  describe("encryption", () => {
    test("encrypts storage and Performance Insights with its own key, created in its own stack's region", () => {
      const { json } = build();

      expect(instanceOf(json)).toMatchObject({
        storage_encrypted: true,
        kms_key_id: storageKeyArn(json),
        performance_insights_enabled: true,
        performance_insights_kms_key_id: storageKeyArn(json),
      });
      // The key is made by the stack's own (standby region) provider: no aliased provider in another region.
      const key = named(json, "aws_kms_key", "StorageKey")[1];
      expect(key).not.toHaveProperty("provider");
      expect(key).toMatchObject({ enable_key_rotation: true });
      expect(json.provider?.aws).toEqual([expect.objectContaining({ region: "eu-west-1" })]);
      expect(named(json, "aws_kms_alias", "StorageKey")[1].name).toBe("alias/acme-prod-euw1-db-shard-0-storage");
    });

    test("has its own DatabaseKeys: storage, secrets and logs keys in the standby region", () => {
      const { json, replica } = build();

      expect(
        listOf(json, "aws_kms_alias")
          .map((alias) => alias.name)
          .sort(),
      ).toEqual([
        "alias/acme-prod-euw1-db-shard-0-logs",
        "alias/acme-prod-euw1-db-shard-0-secrets",
        "alias/acme-prod-euw1-db-shard-0-storage",
      ]);
      expect(replica.keys.storage.keyArn).toBeDefined();
      expect(replica.keys.secrets.keyArn).toBeDefined();
    });

    test("the logs key lets CloudWatch Logs of the standby region use it for this instance's log groups only", () => {
      const { json } = build();

      const policy = dataNamed(json, "aws_iam_policy_document", "LogsKey_Policy")[1];
      const grant = policy.statement.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
      expect(grant.principals).toEqual([{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }]);
      expect(grant.condition).toEqual([
        {
          test: "ArnLike",
          variable: "kms:EncryptionContext:aws:logs:arn",
          values: [
            expect.stringMatching(/:logs:eu-west-1:.*:log-group:\/aws\/rds\/instance\/acme-prod-euw1-db-shard-0\*$/),
          ],
        },
      ]);
    });
  });

  describe("network", () => {
    test("lives in its own DB subnet group on the given subnets, never publicly accessible", () => {
      const { json } = build();

      const [subnetGroupId, subnetGroup] = named(json, "aws_db_subnet_group", "SubnetGroup");
      expect(subnetGroup).toMatchObject({
        name: "acme-prod-euw1-db-shard-0",
        subnet_ids: ["subnet-d", "subnet-e", "subnet-f"],
      });
      expect(instanceOf(json)).toMatchObject({
        db_subnet_group_name: ref("aws_db_subnet_group", subnetGroupId, "name"),
        publicly_accessible: false,
      });
    });

    test("opens its security group to nothing until a security group is granted", () => {
      const { json, replica } = build();

      const [securityGroupId, securityGroup] = named(json, "aws_security_group", "SecurityGroup");
      expect(securityGroup).toMatchObject({ name: "acme-prod-euw1-db-shard-0", vpc_id: "vpc-standby" });
      expect(securityGroup).not.toHaveProperty("ingress");
      expect(listOf(json, "aws_vpc_security_group_ingress_rule")).toEqual([]);
      expect(instanceOf(json).vpc_security_group_ids).toEqual([ref("aws_security_group", securityGroupId)]);
      expect(replica.ingressPoints).toEqual([
        { name: "Instances", securityGroupId: replica.securityGroupId, port: 5432 },
      ]);
    });

    test("allowFrom grants the PostgreSQL port to one security group, by reference and never by CIDR", () => {
      const stack = testStack();
      const replica = new CrossRegionReplica(stack, "Replica", { ...REQUIRED, port: 5433 });
      replica.allowFrom("Workers", "sg-workers", "PostgreSQL from the standby's workers");
      const json = synth(stack);

      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      const rule = onlyOf(json, "aws_vpc_security_group_ingress_rule");
      expect(rule).toEqual({
        security_group_id: ref("aws_security_group", securityGroupId),
        referenced_security_group_id: "sg-workers",
        ip_protocol: "tcp",
        from_port: 5433,
        to_port: 5433,
        description: "PostgreSQL from the standby's workers",
      });
      expect(instanceOf(json).port).toBe(5433);
    });

    test("allowFrom describes the grant by its id when no description is given", () => {
      const stack = testStack();
      new CrossRegionReplica(stack, "Replica", REQUIRED).allowFrom("EksNodes", "sg-nodes");

      expect(onlyOf(synth(stack), "aws_vpc_security_group_ingress_rule").description).toBe("PostgreSQL from EksNodes");
    });

    test("no RDS Proxy: a proxy cannot front a database in another VPC", () => {
      const { json } = build();

      expect(listOf(json, "aws_db_proxy")).toEqual([]);
      expect(listOf(json, "aws_secretsmanager_secret")).toEqual([]);
    });
  });

  describe("parameter group", () => {
    test.each(["16", "17"] as const)("is made for the source's PostgreSQL %s with the primary's settings", (major) => {
      const { json } = build({ engineVersion: major, slowQueryThresholdMs: 250 });

      const [groupId, group] = named(json, "aws_db_parameter_group", "ParameterGroup");
      expect(group).toMatchObject({
        family: `postgres${major}`,
        name_prefix: `acme-prod-euw1-db-shard-0-postgres${major}-`,
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
      const instance = instanceOf(json);
      expect(instance.parameter_group_name).toBe(ref("aws_db_parameter_group", groupId, "name"));
      // The version picks the family only: the replica runs the source's engine version.
      expect(instance).not.toHaveProperty("engine_version");
    });
  });

  describe("instance", () => {
    test("takes the given shape, backups, windows and settings", () => {
      const { json } = build({
        instanceClass: "db.r7g.xlarge",
        multiAz: false,
        maxAllocatedStorageGiB: 2000,
        backupRetentionDays: 21,
        backupWindow: "01:00-01:30",
        maintenanceWindow: "sat:05:00-sat:05:30",
        monitoringIntervalSeconds: 15,
        performanceInsightsRetentionDays: 31,
        caCertificate: "rds-ca-ecc384-g1",
        applyImmediately: true,
      });

      expect(instanceOf(json)).toMatchObject({
        instance_class: "db.r7g.xlarge",
        multi_az: false,
        max_allocated_storage: 2000,
        backup_retention_period: 21,
        backup_window: "01:00-01:30",
        maintenance_window: "sat:05:00-sat:05:30",
        monitoring_interval: 15,
        performance_insights_retention_period: 31,
        ca_cert_identifier: "rds-ca-ecc384-g1",
        apply_immediately: true,
      });
    });

    test("is Multi-AZ when asked, and RDS picks the zones", () => {
      const instance = instanceOf(build({ multiAz: true }).json);

      expect(instance.multi_az).toBe(true);
      expect(instance).not.toHaveProperty("availability_zone");
    });

    test("keeps automated backups, so that the promoted database has them", () => {
      expect(instanceOf(build({ backupRetentionDays: 1 }).json).backup_retention_period).toBe(1);
      expect(instanceOf(build({ backupRetentionDays: 35 }).json).backup_retention_period).toBe(35);
    });

    test("has IAM authentication, gp3, automatic minor upgrades and snapshots that carry its tags", () => {
      expect(instanceOf(build().json)).toMatchObject({
        iam_database_authentication_enabled: true,
        storage_type: "gp3",
        auto_minor_version_upgrade: true,
        copy_tags_to_snapshot: true,
        tags: { Name: "acme-prod-euw1-db-shard-0", Role: "cross-region-replica" },
      });
    });

    test("publishes Enhanced Monitoring with its own role, and waits for the role's policy", () => {
      const { json } = build();

      const [roleId, role] = named(json, "aws_iam_role", "MonitoringRole");
      const [attachmentId] = named(json, "aws_iam_role_policy_attachment", "MonitoringRole_Policy");
      expect(role.name).toBe("acme-prod-euw1-db-shard-0-monitoring");
      const instance = instanceOf(json);
      expect(instance.monitoring_role_arn).toBe(ref("aws_iam_role", roleId, "arn"));
      expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentId}`);
      const trust = dataNamed(json, "aws_iam_policy_document", "MonitoringRole_TrustPolicy")[1];
      expect(trust.statement[0].principals).toEqual([
        { type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] },
      ]);
    });

    test("exports the postgresql and upgrade logs to log groups it creates first, with its logs key", () => {
      const { json } = build({ logRetentionDays: 30 });

      const [logsKeyId] = named(json, "aws_kms_key", "LogsKey");
      const groups = listOf(json, "aws_cloudwatch_log_group");
      expect(groups.map((group) => group.name).sort()).toEqual([
        "/aws/rds/instance/acme-prod-euw1-db-shard-0/postgresql",
        "/aws/rds/instance/acme-prod-euw1-db-shard-0/upgrade",
      ]);
      for (const group of groups) {
        expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: ref("aws_kms_key", logsKeyId, "arn") });
      }
      const instance = instanceOf(json);
      expect(instance.enabled_cloudwatch_logs_exports).toEqual(["postgresql", "upgrade"]);
      expect(
        instance.depends_on.filter((dependency: string) => dependency.startsWith("aws_cloudwatch_log_group.")),
      ).toHaveLength(2);
    });
  });

  describe("protection", () => {
    test("on by default: deletion protection, prevent_destroy, kept backups; RDS takes no final snapshot of a replica", () => {
      const { json } = build();

      const instance = instanceOf(json);
      expect(instance).toMatchObject({
        deletion_protection: true,
        lifecycle: { prevent_destroy: true },
        delete_automated_backups: false,
        // "FinalDBSnapshotIdentifier can not be specified when deleting a replica instance"
        skip_final_snapshot: true,
      });
      expect(instance).not.toHaveProperty("final_snapshot_identifier");
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key.lifecycle).toEqual({ prevent_destroy: true });
      }
      for (const group of listOf(json, "aws_cloudwatch_log_group")) {
        expect(group.deletion_protection_enabled).toBe(true);
      }
    });

    test("relaxed explicitly: nothing stands in the way of destroying the replica", () => {
      const { json } = build({
        protection: { deletionProtection: false, finalSnapshot: false, preventDestroy: false },
      });

      const instance = instanceOf(json);
      expect(instance).toMatchObject({
        deletion_protection: false,
        skip_final_snapshot: true,
        delete_automated_backups: true,
      });
      expect(instance).not.toHaveProperty("lifecycle");
      for (const key of listOf(json, "aws_kms_key")) {
        expect(key).not.toHaveProperty("lifecycle");
      }
      for (const group of listOf(json, "aws_cloudwatch_log_group")) {
        expect(group.deletion_protection_enabled).toBe(false);
      }
    });

    test("each protection is set on its own", () => {
      expect(instanceOf(build({ protection: { deletionProtection: false } }).json)).toMatchObject({
        deletion_protection: false,
        lifecycle: { prevent_destroy: true },
      });
      const withoutPreventDestroy = instanceOf(build({ protection: { preventDestroy: false } }).json);
      expect(withoutPreventDestroy.deletion_protection).toBe(true);
      expect(withoutPreventDestroy).not.toHaveProperty("lifecycle");
    });
  });

  describe("promoted", () => {
    test("drops the source, pins the engine version as a primary does, and takes a final snapshot", () => {
      const { json } = build({ promoted: true, engineVersion: "16" });

      const instance = instanceOf(json);
      expect(instance).not.toHaveProperty("replicate_source_db");
      expect(instance).toMatchObject({
        engine: "postgres",
        engine_version: "16",
        allow_major_version_upgrade: true,
        kms_key_id: storageKeyArn(json),
        backup_retention_period: 14,
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: "acme-prod-euw1-db-shard-0-final",
        delete_automated_backups: false,
        lifecycle: { prevent_destroy: true },
        tags: { Name: "acme-prod-euw1-db-shard-0", Role: "primary" },
      });
      // Still no credentials or database name in configuration: they came from the source.
      expect(instance).not.toHaveProperty("username");
      expect(instance).not.toHaveProperty("db_name");
      expect(instance).not.toHaveProperty("password_wo");
    });

    test("without the final snapshot protection, a promoted database is deleted without one", () => {
      const instance = instanceOf(build({ promoted: true, protection: { finalSnapshot: false } }).json);

      expect(instance).toMatchObject({ skip_final_snapshot: true, delete_automated_backups: true });
      expect(instance).not.toHaveProperty("final_snapshot_identifier");
    });
  });

  describe("typed outputs", () => {
    test("identifier, arn, address, port and resource id of the instance", () => {
      const stack = testStack();
      const replica = new CrossRegionReplica(stack, "Replica", REQUIRED);
      const { json, values } = synthWithValues(stack, {
        arn: replica.arn,
        address: replica.address,
        resourceId: replica.resourceId,
        securityGroupId: replica.securityGroupId,
        iamConnect: replica.iamConnectArns("reports"),
      });

      const [instanceId] = Object.keys(resourcesOf(json, "aws_db_instance"));
      const [securityGroupId] = named(json, "aws_security_group", "SecurityGroup");
      expect(replica.identifier).toBe("acme-prod-euw1-db-shard-0");
      expect(replica.port).toBe(5432);
      expect(instanceOf(json).identifier).toBe(replica.identifier);
      expect(values).toMatchObject({
        arn: ref("aws_db_instance", instanceId, "arn"),
        address: ref("aws_db_instance", instanceId, "address"),
        resourceId: ref("aws_db_instance", instanceId, "resource_id"),
        securityGroupId: ref("aws_security_group", securityGroupId),
      });
      expect(values.iamConnect).toHaveLength(1);
      expect(values.iamConnect[0]).toMatch(
        new RegExp(
          `^arn:.*:rds-db:eu-west-1:.*:dbuser:\\$\\{aws_db_instance\\.${instanceId}\\.resource_id\\}/reports$`,
        ),
      );
    });

    test("the instance metrics with ReplicaLag, by identifier", () => {
      const { replica } = build();

      expect(replica.metrics.replicaLag).toEqual({
        namespace: "AWS/RDS",
        metricName: "ReplicaLag",
        dimensions: { DBInstanceIdentifier: "acme-prod-euw1-db-shard-0" },
        statistic: "Maximum",
        unit: "Seconds",
        periodSeconds: 60,
        label: "Replica lag",
      });
      expect(Object.keys(replica.metrics).sort()).toEqual([
        "cpuUtilization",
        "databaseConnections",
        "freeStorageSpace",
        "freeableMemory",
        "readLatency",
        "replicaLag",
        "writeLatency",
      ]);
    });
  });

  describe("guardrails", () => {
    test.each([false, true])("passes every production rule without suppressions (promoted: %s)", (promoted) => {
      const stack = testStack();
      new CrossRegionReplica(stack, "Replica", { ...REQUIRED, promoted });
      new Guardrails({ production: true }).check(stack, stack.toTerraform());

      const report = guardrailReport(stack);
      expect(report?.errors).toEqual([]);
      expect(report?.warnings).toEqual([]);
      expect(report?.suppressed).toEqual([]);
    });
  });

  describe("defaults", () => {
    test.each<[string, (instance: any, json: StackJson) => void]>([
      [
        "engineVersion: a postgres17 parameter group",
        (_instance, json) => expect(onlyOf(json, "aws_db_parameter_group").family).toBe("postgres17"),
      ],
      ["instanceClass: db.r7g.large", (instance) => expect(instance.instance_class).toBe("db.r7g.large")],
      ["multiAz: true", (instance) => expect(instance.multi_az).toBe(true)],
      ["maxAllocatedStorageGiB: 1000", (instance) => expect(instance.max_allocated_storage).toBe(1000)],
      [
        "port: 5432",
        (instance, json) => {
          expect(instance.port).toBe(5432);
          expect(named(json, "aws_security_group", "SecurityGroup")[1].description).toContain("port 5432");
        },
      ],
      ["backupRetentionDays: 14", (instance) => expect(instance.backup_retention_period).toBe(14)],
      ["backupWindow: 02:00-03:00", (instance) => expect(instance.backup_window).toBe("02:00-03:00")],
      [
        "maintenanceWindow: sun:03:30-sun:04:30",
        (instance) => expect(instance.maintenance_window).toBe("sun:03:30-sun:04:30"),
      ],
      ["monitoringIntervalSeconds: 60", (instance) => expect(instance.monitoring_interval).toBe(60)],
      [
        "performanceInsightsRetentionDays: 7",
        (instance) => expect(instance.performance_insights_retention_period).toBe(7),
      ],
      [
        "logRetentionDays: 365",
        (_instance, json) => {
          const groups = listOf(json, "aws_cloudwatch_log_group");
          expect(groups).toHaveLength(2);
          for (const group of groups) {
            expect(group.retention_in_days).toBe(365);
          }
        },
      ],
      [
        "slowQueryThresholdMs: 500",
        (_instance, json) =>
          expect(onlyOf(json, "aws_db_parameter_group").parameter).toContainEqual({
            name: "log_min_duration_statement",
            value: "500",
          }),
      ],
      ["caCertificate: rds-ca-rsa2048-g1", (instance) => expect(instance.ca_cert_identifier).toBe("rds-ca-rsa2048-g1")],
      ["applyImmediately: false", (instance) => expect(instance.apply_immediately).toBe(false)],
      [
        "protection: all on",
        (instance) =>
          expect(instance).toMatchObject({ deletion_protection: true, lifecycle: { prevent_destroy: true } }),
      ],
      ["promoted: false (still replicating)", (instance) => expect(instance.replicate_source_db).toBe(SOURCE_ARN)],
    ])("%s when not given", (_case, check) => {
      const { json } = build();
      check(instanceOf(json), json);
    });
  });

  describe("bad input", () => {
    test.each<[string, Partial<CrossRegionReplicaProps>, string]>([
      [
        "an identifier with upper-case letters",
        { identifier: "acme-prod-euw1-DB" },
        'identifier: "acme-prod-euw1-DB" is not allowed; expected lower-case words joined by single hyphens',
      ],
      [
        "an identifier with two hyphens in a row",
        { identifier: "acme-prod-euw1--db" },
        'identifier: "acme-prod-euw1--db" is not allowed',
      ],
      [
        "an identifier longer than RDS allows",
        { identifier: `acme-prod-euw1-${"x".repeat(49)}` },
        "has 64 characters; expected at most 63",
      ],
      [
        "an identifier outside the name prefix",
        { identifier: "other-db-shard-0" },
        'identifier: "other-db-shard-0" does not start with the namePrefix "acme-prod-euw1-"',
      ],
      [
        "a name prefix with upper-case letters",
        { namePrefix: "Acme" },
        'namePrefix: "Acme" is not allowed; expected lower-case letters, digits and hyphens',
      ],
      ["a region that is not one", { region: "Ireland" }, 'region: "Ireland" is not allowed; expected an AWS region'],
      [
        "a source that is not a DB instance ARN",
        { sourceArn: "acme-prod-db-shard-0" },
        'sourceArn: "acme-prod-db-shard-0" is not allowed; expected a DB instance ARN',
      ],
      [
        "a source in the replica's own region",
        { sourceArn: "arn:aws:rds:eu-west-1:123456789012:db:acme-prod-db-shard-0" },
        "is in the replica's own region eu-west-1; expected a primary in another region",
      ],
      [
        "an unknown major version",
        { engineVersion: "15" as never },
        'engineVersion: "15" is not allowed; expected one of "16", "17"',
      ],
      [
        "an instance class without db.",
        { instanceClass: "r7g.large" },
        'instanceClass: "r7g.large" is not allowed; expected an RDS instance class of the form db.<family>.<size>',
      ],
      [
        "no backups",
        { backupRetentionDays: 0 },
        "backupRetentionDays: 0 is outside the allowed range; expected a whole number from 1 to 35 (the promoted database must keep automated backups)",
      ],
      [
        "a backup retention above 35 days",
        { backupRetentionDays: 36 },
        "backupRetentionDays: 36 is outside the allowed range; expected a whole number from 1 to 35",
      ],
      [
        "a backup retention that is not a whole number",
        { backupRetentionDays: 1.5 },
        "backupRetentionDays: 1.5 is outside the allowed range",
      ],
      [
        "a backup window of the wrong shape",
        { backupWindow: "2am-3am" },
        'backupWindow: "2am-3am" is not allowed; expected a daily UTC window hh:mm-hh:mm',
      ],
      [
        "a maintenance window shorter than 30 minutes",
        { maintenanceWindow: "sun:05:00-sun:05:10" },
        'maintenanceWindow: "sun:05:00-sun:05:10" is shorter than 30 minutes',
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
        "a Performance Insights retention RDS does not offer",
        { performanceInsightsRetentionDays: 30 },
        "performanceInsightsRetentionDays: 30 is not allowed; expected 7, a multiple of 31 up to 713, or 731",
      ],
      [
        "a log retention CloudWatch Logs does not offer",
        { logRetentionDays: 10 },
        "logRetentionDays: 10 is not allowed; expected one of the CloudWatch Logs retention periods",
      ],
      [
        "a negative slow query threshold",
        { slowQueryThresholdMs: -1 },
        "slowQueryThresholdMs: -1 is outside the allowed range; expected a whole number from 0 to 3600000",
      ],
      [
        "an unknown certificate authority",
        { caCertificate: "rds-ca-2019" as never },
        'caCertificate: "rds-ca-2019" is not allowed; expected one of "rds-ca-rsa2048-g1"',
      ],
      [
        "a storage limit below what RDS allows",
        { maxAllocatedStorageGiB: 10 },
        "maxAllocatedStorageGiB: 10 is outside the allowed range; expected a whole number from 20 to 65536",
      ],
      ["a port RDS refuses", { port: 80 }, "port: 80 is outside the allowed range; expected a whole number from 1150"],
      [
        "a single subnet",
        { subnetIds: ["subnet-d"] },
        "subnetIds: 1 subnets; expected at least 2 in different availability zones",
      ],
    ])("rejects %s", (_case, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("names the construct path in the error", () => {
      expect(() => build({ backupRetentionDays: 0 })).toThrow(/^test\/Replica: backupRetentionDays: 0/);
    });
  });
});
