import { sharedDefaults } from "../../src/config/defaults";
import { environments } from "../../src/config/environments";
import {
  ConfigError,
  defaultsFor,
  type EnvironmentOverrides,
  formatPath,
  loadEnvironments,
  resolveEnvironment,
  resolveRegistered,
  selectEnvironments,
} from "../../src/config/load";
import { TEST_ADMIN, TEST_DEFAULTS } from "../helpers";

/** The problems a config produces, without the `[env]` prefix. */
function problemsOf(overrides: Record<string, unknown>): string[] {
  try {
    resolveEnvironment("dev", { environment: "dev", ...overrides } as EnvironmentOverrides, TEST_DEFAULTS);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((problem) => problem.replace(/^\[dev\] /, ""));
    }
    throw error;
  }
  return [];
}

describe("environment files", () => {
  test("every environment file is valid, named after its file, and listed non-production first", () => {
    const configs = loadEnvironments();

    expect(configs.map((config) => config.environment)).toEqual(Object.keys(environments));
    const firstProduction = configs.findIndex((config) => config.production);
    expect(configs.slice(firstProduction).every((config) => config.production)).toBe(true);
    expect(Object.keys(environments)).toEqual(expect.arrayContaining(["dev", "staging", "prod"]));
  });

  test("a new environment file starts from the non-production defaults and takes nothing account-wide", () => {
    const config = resolveRegistered("uat", {
      environment: "uat",
      network: { vpcCidr: "10.40.0.0/16" },
      eks: { access: { admins: [TEST_ADMIN] }, endpoint: { privateAccess: { cidrs: ["10.100.0.0/16"] } } },
    });
    expect(config).toMatchObject({
      production: false,
      protection: { deletionProtection: true, finalSnapshots: true, preventDestroy: false },
      database: { instanceClass: "db.m7g.large", replicas: 1, multiAz: true },
      edge: { api: { manageAccountSettings: false, cache: { enabled: false } } },
    });
    expect(defaultsFor({ environment: "uat", production: true })).toBe(sharedDefaults);
  });

  test("two environments may not share a VPC CIDR (unless both say they never connect) or a state bucket", () => {
    const [staging] = loadEnvironments(["staging"]);
    const registry: Record<string, EnvironmentOverrides> = {
      staging: environments.staging,
      uat: {
        environment: "uat",
        network: { vpcCidr: "10.20.128.0/17" },
        stateBackend: { bucket: staging.stateBackend.bucket, keyPrefix: "uat" },
        aws: { accountId: "222222222222" },
        eks: { access: { admins: [TEST_ADMIN] }, endpoint: { privateAccess: { cidrs: ["10.100.0.0/16"] } } },
      },
    };
    expect(() => loadEnvironments(["uat"], registry)).toThrow(
      new ConfigError([
        `[uat] network.vpcCidr: "10.20.128.0/17" overlaps staging's 10.20.0.0/16; expected a block of its own (the tooling network peers with every environment), or overlapAllowedWith naming each other in both files if they never connect`,
        `[uat] stateBackend.bucket: "acme-staging-tfstate-222222222222" is staging's state bucket too; expected one of its own (each environment's bootstrap stack creates its bucket)`,
      ]),
    );
  });

  test("dev relaxes cost, prod keeps the production defaults", () => {
    const [dev, , prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(dev.network).toMatchObject({ azCount: 2, natGateways: "single", interfaceEndpoints: false });
    expect(dev.stateBackend.bucket).toBeUndefined();
    expect(prod.network).toMatchObject({ azCount: 3, natGateways: "one-per-az", interfaceEndpoints: true });
    expect(prod.network.flowLogs.retentionDays).toBe(365);
    expect(prod.stateBackend.bucket).toBe("acme-prod-tfstate-333333333333");
  });

  test("environments use distinct VPC CIDRs so they can be peered later", () => {
    const cidrs = loadEnvironments().map((config) => config.network.vpcCidr);

    expect(new Set(cidrs).size).toBe(cidrs.length);
  });

  test("an override replaces lists instead of merging them", () => {
    const config = resolveEnvironment(
      "dev",
      {
        environment: "dev",
        network: { azCount: 2, availabilityZones: ["eu-west-1b", "eu-west-1c"] },
        kafka: { brokerCount: 4 },
      },
      TEST_DEFAULTS,
    );

    expect(config.network.availabilityZones).toEqual(["eu-west-1b", "eu-west-1c"]);
    expect(config.network.vpcCidr).toBe("10.0.0.0/16");
  });
});

describe("bad configuration", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "a malformed VPC CIDR",
      { network: { vpcCidr: "10.0.0/16" } },
      'network.vpcCidr: "10.0.0/16" is not an IPv4 CIDR block; expected the form a.b.c.d/n, for example 10.0.0.0/16',
    ],
    [
      "a VPC CIDR with host bits",
      { network: { vpcCidr: "10.0.1.0/16" } },
      'network.vpcCidr: "10.0.1.0/16" has host bits set; the network address for /16 is 10.0.0.0/16',
    ],
    [
      "a VPC CIDR too small for the subnets",
      { network: { vpcCidr: "10.0.0.0/25" } },
      'network.vpcCidr: "10.0.0.0/25" is too small for the subnet layout: public and data subnets would be /30, below AWS\'s minimum subnet size of /28; use a prefix between /16 and /23',
    ],
    [
      "a VPC CIDR larger than AWS allows",
      { network: { vpcCidr: "10.0.0.0/12" } },
      'network.vpcCidr: "10.0.0.0/12" is larger than AWS allows for a VPC (/12); use a prefix between /16 and /23',
    ],
    [
      "a public VPC CIDR",
      { network: { vpcCidr: "54.10.0.0/16" } },
      'network.vpcCidr: "54.10.0.0/16" is not inside a private (RFC 1918) range; use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
    ],
    ["an AZ count of 1", { network: { azCount: 1 } }, "network.azCount: 1 is not allowed; expected 2 or 3"],
    ["an AZ count of 4", { network: { azCount: 4 } }, "network.azCount: 4 is not allowed; expected 2 or 3"],
    [
      "an unknown region",
      { aws: { region: "eu-west-9" } },
      'aws.region: "eu-west-9" is not allowed; expected an AWS region code such as eu-west-1 or us-east-1 (the full list is in src/config/regions.ts)',
    ],
    [
      "an account id given as a number",
      { aws: { region: "eu-west-1", accountId: 123456789012 } },
      'aws.accountId: 123456789012 is not allowed; expected a 12-digit AWS account id as a string, such as "123456789012"',
    ],
    [
      "an account id one digit short",
      { aws: { region: "eu-west-1", accountId: "12345678901" } },
      'aws.accountId: "12345678901" is not allowed; expected a 12-digit AWS account id as a string, such as "123456789012"',
    ],
    [
      "an account id one digit long",
      { aws: { region: "eu-west-1", accountId: "1234567890123" } },
      'aws.accountId: "1234567890123" is not allowed; expected a 12-digit AWS account id as a string, such as "123456789012"',
    ],
    [
      "an account id with letters",
      { aws: { region: "eu-west-1", accountId: "12345678901a" } },
      'aws.accountId: "12345678901a" is not allowed; expected a 12-digit AWS account id as a string, such as "123456789012"',
    ],
    [
      "an unknown NAT strategy",
      { network: { natGateways: "per-subnet" } },
      'network.natGateways: "per-subnet" is not allowed; expected "single", "one-per-az", "regional"',
    ],
    [
      "a misspelt setting",
      { network: { vpcCdir: "10.0.0.0/16" } },
      "network.vpcCdir: is not a known setting; allowed settings here: vpcCidr, azCount, availabilityZones, overlapAllowedWith, natGateways, interfaceEndpoints, flowLogs",
    ],
    [
      "an unknown top-level section",
      { databases: {} },
      "databases: is not a known setting; allowed settings here: project, environment, aws, production, protection, network, database, cache, kafka, eks, services, loadBalancer, monolith, edge, observability, guardrails, preflight, tags, stateBackend, capacity, cost, dr",
    ],
    [
      "interface endpoints given as a string",
      { network: { interfaceEndpoints: "yes" } },
      'network.interfaceEndpoints: "yes" is not allowed; expected true or false',
    ],
    [
      "a flow log retention CloudWatch does not offer",
      { network: { flowLogs: { retentionDays: 10 } } },
      "network.flowLogs.retentionDays: 10 is not allowed; expected one of the CloudWatch Logs retention periods 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ],
    [
      "a project name with capitals",
      { project: "Acme" },
      'project: "Acme" is not allowed; expected 2 to 16 lower-case letters, digits or hyphens, starting with a letter',
    ],
    [
      "an empty owner tag",
      { tags: { owner: "" } },
      'tags.owner: "" is not allowed; expected 1 to 256 letters, digits, spaces or _ . : / = + - @',
    ],
    [
      "an extra tag that overrides a platform tag",
      { tags: { extra: { Environment: "qa" } } },
      'tags.extra.Environment: "Environment" is set by the platform; expected a key other than Project, Environment, Layer, ManagedBy, Owner, CostCenter',
    ],
    [
      "an extra tag in the aws: namespace",
      { tags: { extra: { "aws:team": "x" } } },
      'tags.extra["aws:team"]: "aws:team" is not allowed; expected a tag key of 1 to 128 characters not starting with aws:',
    ],
    [
      "a state bucket name with dots",
      { aws: { region: "eu-west-1", accountId: "123456789012" }, stateBackend: { bucket: "acme.state.123456789012" } },
      'stateBackend.bucket: "acme.state.123456789012" is not allowed; expected an S3 bucket name of 3 to 63 lower-case letters, digits or hyphens (no dots, so TLS works)',
    ],
    [
      "a state bucket without a pinned account",
      { stateBackend: { bucket: "acme-dev-tfstate" } },
      "aws.accountId: is not set, but stateBackend.bucket is; expected the 12-digit account id, which the bucket's globally unique name must carry",
    ],
    [
      "a state bucket whose name does not carry the account id",
      { aws: { region: "eu-west-1", accountId: "123456789012" }, stateBackend: { bucket: "acme-dev-tfstate" } },
      'stateBackend.bucket: "acme-dev-tfstate" does not contain aws.accountId (123456789012); S3 bucket names are global across all AWS accounts, so expected a name such as "acme-dev-tfstate-123456789012"',
    ],
    [
      "a static site bucket whose name does not carry the account id",
      { aws: { region: "eu-west-1", accountId: "123456789012" }, edge: { cdn: { bucketName: "acme-dev-site" } } },
      'edge.cdn.bucketName: "acme-dev-site" does not contain aws.accountId (123456789012); S3 bucket names are global across all AWS accounts, so expected a name with the account id in it, or none (the default, <project>-<env>-static-<account>-<region>)',
    ],
    [
      "an unknown way to get the Auto Scaling service-linked role",
      { aws: { region: "eu-west-1", autoScalingServiceLinkedRole: "import" } },
      'aws.autoScalingServiceLinkedRole: "import" is not allowed; expected one of "create", "existing"',
    ],
    [
      "a state key prefix without a bucket",
      { stateBackend: { keyPrefix: "platform" } },
      'stateBackend.keyPrefix: "platform" has no effect without stateBackend.bucket; expected a bucket name or no keyPrefix',
    ],
    [
      "a state key prefix with a trailing slash",
      {
        aws: { region: "eu-west-1", accountId: "123456789012" },
        stateBackend: { bucket: "acme-state-123456789012", keyPrefix: "platform/" },
      },
      'stateBackend.keyPrefix: "platform/" is not allowed; expected a key prefix such as platform or teams/platform (no leading or trailing slash)',
    ],
    [
      "pinned zones of another region",
      { network: { azCount: 2, availabilityZones: ["eu-west-1a", "us-east-1b"] }, kafka: { brokerCount: 4 } },
      'network.availabilityZones[1]: "us-east-1b" is not in aws.region eu-west-1; expected a zone such as eu-west-1a',
    ],
    [
      "fewer pinned zones than the AZ count",
      { network: { availabilityZones: ["eu-west-1a"] } },
      'network.availabilityZones: ["eu-west-1a"] lists 1 zones; expected exactly network.azCount (3)',
    ],
    [
      "a missing section",
      { tags: null },
      "tags: is required; expected an object with the settings owner, costCenter, extra",
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test("reports every problem at once, each on its own line", () => {
    const problems = problemsOf({ network: { azCount: 5, natGateways: "none" }, aws: { region: "mars-1" } });

    expect(problems).toEqual([
      expect.stringMatching(/^aws\.region: "mars-1"/),
      expect.stringMatching(/^network\.azCount: 5/),
      expect.stringMatching(/^network\.natGateways: "none"/),
    ]);
  });

  test("names the environment file that holds the problem", () => {
    expect(() =>
      loadEnvironments(["dev"], {
        dev: { environment: "dev" },
        prod: { environment: "prod", network: { azCount: 4 } } as unknown as EnvironmentOverrides,
      }),
    ).toThrow("[prod] network.azCount: 4 is not allowed; expected 2 or 3");
  });

  test("validates environments that are not selected too", () => {
    const registry = {
      dev: { environment: "dev" },
      prod: { environment: "prod", aws: { region: "nowhere-1" } } as unknown as EnvironmentOverrides,
    };

    expect(() => loadEnvironments(["dev"], registry)).toThrow(ConfigError);
  });

  test("rejects a file whose environment does not match its registry key", () => {
    expect(() => resolveEnvironment("staging", { environment: "stage" }, TEST_DEFAULTS)).toThrow(
      '[staging] environment: "stage" does not match the name the file is registered under; expected "staging"',
    );
  });

  test("the error message counts and lists the problems", () => {
    const error = new ConfigError(["a: 1 is not allowed", "b: 2 is not allowed"]);

    expect(error.message).toBe("Invalid configuration (2 problems):\n  - a: 1 is not allowed\n  - b: 2 is not allowed");
  });
});

describe("database settings", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "more than 15 read replicas",
      { database: { replicas: 16 } },
      "database.replicas: 16 is not allowed; expected a whole number from 0 to 15",
    ],
    [
      "a negative replica count",
      { database: { replicas: -1 } },
      "database.replicas: -1 is not allowed; expected a whole number from 0 to 15",
    ],
    [
      "zero shards",
      { database: { shards: 0 } },
      "database.shards: 0 is not allowed; expected a whole number from 1 to 16",
    ],
    [
      "more than 16 shards",
      { database: { shards: 17 } },
      "database.shards: 17 is not allowed; expected a whole number from 1 to 16",
    ],
    [
      "a storage autoscaling limit below the allocated storage",
      { database: { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 100 } },
      "database.maxAllocatedStorageGiB: 100 is below database.allocatedStorageGiB (200) plus 10%; expected at least 220 so that storage can autoscale",
    ],
    [
      "an instance class without the db. prefix",
      { database: { instanceClass: "r7g.large" } },
      'database.instanceClass: "r7g.large" is not an RDS for PostgreSQL instance class the platform offers; expected a type of the families db.m6g, db.m6i, db.m7g, db.r6g, db.r6i, db.r7g, db.t3, db.t4g (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "an RDS class the table does not have",
      { database: { instanceClass: "db.r7g.64xlarge" } },
      'database.instanceClass: "db.r7g.64xlarge" is not a size of db.r7g the platform offers; expected one of large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "an ElastiCache node type the table does not have",
      { cache: { nodeType: "cache.x2g.large" } },
      'cache.nodeType: "cache.x2g.large" is not an ElastiCache node type the platform offers; expected a type of the families cache.m6g, cache.m7g, cache.r6g, cache.r7g, cache.t3, cache.t4g (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "a replica instance class without the db. prefix",
      { database: { replicaInstanceClass: "m7g.large" } },
      'database.replicaInstanceClass: "m7g.large" is not an RDS for PostgreSQL instance class the platform offers; expected a type of the families db.m6g, db.m6i, db.m7g, db.r6g, db.r6i, db.r7g, db.t3, db.t4g (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "a backup retention above 35 days",
      { database: { backupRetentionDays: 36 } },
      "database.backupRetentionDays: 36 is not allowed; expected a whole number from 0 to 35",
    ],
    [
      "an unknown engine major version",
      { database: { engineVersion: "15" } },
      'database.engineVersion: "15" is not allowed; expected one of "16", "17" (the major version only; minor upgrades are automatic)',
    ],
    [
      "a pinned minor version",
      { database: { engineVersion: "17.4" } },
      'database.engineVersion: "17.4" is not allowed; expected one of "16", "17" (the major version only; minor upgrades are automatic)',
    ],
    [
      "an RDS-managed master password with replicas",
      { database: { masterPassword: "rds-managed", replicas: 2 } },
      'database.masterPassword: "rds-managed" does not allow read replicas (database.replicas is 2): RDS does not replicate a source whose master password it manages; expected "write-only" or replicas 0',
    ],
    [
      "replicas without backups",
      { production: false, database: { backupRetentionDays: 0, replicas: 1 } },
      "database.backupRetentionDays: 0 does not allow read replicas (database.replicas is 1); expected at least 1",
    ],
    [
      "a malformed backup window",
      { database: { backupWindow: "2:00-3:00" } },
      'database.backupWindow: "2:00-3:00" is not allowed; expected a daily UTC window hh:mm-hh:mm of at least 30 minutes, such as 02:00-03:00',
    ],
    [
      "a maintenance window that overlaps the backup window",
      { database: { backupWindow: "03:00-04:00", maintenanceWindow: "sun:03:30-sun:04:30" } },
      'database.maintenanceWindow: "sun:03:30-sun:04:30" overlaps database.backupWindow "03:00-04:00"; expected windows that do not overlap',
    ],
    [
      "a reserved master user name",
      { database: { masterUsername: "rdsadmin" } },
      'database.masterUsername: "rdsadmin" is reserved by RDS; expected another name',
    ],
    [
      "a Performance Insights retention AWS does not offer",
      { database: { performanceInsightsRetentionDays: 30 } },
      "database.performanceInsightsRetentionDays: 30 is not allowed; expected 7, a multiple of 31 up to 713, or 731",
    ],
    [
      "more idle proxy connections than connections",
      { database: { proxy: { maxConnectionsPercent: 40, maxIdleConnectionsPercent: 60 } } },
      "database.proxy.maxIdleConnectionsPercent: 60 is above database.proxy.maxConnectionsPercent (40); expected at most that",
    ],
    [
      "a shard map too large for an SSM parameter",
      { database: { shards: 16, replicas: 15 } },
      expect.stringMatching(
        /^database\.shards: 16 shards with 15 replicas each make a shard map of about \d+ bytes; expected at most 8192 bytes/,
      ) as unknown as string,
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "Multi-AZ off",
      { database: { multiAz: false } },
      "database.multiAz: false is not allowed in a production environment (production: true); expected true",
    ],
    [
      "deletion protection off",
      { protection: { deletionProtection: false } },
      "protection.deletionProtection: false is not allowed in a production environment (production: true); expected true",
    ],
    [
      "final snapshots off",
      { protection: { finalSnapshots: false } },
      "protection.finalSnapshots: false is not allowed in a production environment (production: true); expected true",
    ],
    [
      "prevent_destroy off",
      { protection: { preventDestroy: false } },
      "protection.preventDestroy: false is not allowed in a production environment (production: true); expected true",
    ],
    [
      "less than a week of backups",
      { database: { backupRetentionDays: 3 } },
      "database.backupRetentionDays: 3 is not allowed in a production environment (production: true); expected at least 7 days",
    ],
    [
      "a site on CloudFront's default certificate (TLS 1.0)",
      { edge: { cdn: { domain: null } } },
      "edge.cdn.domain: nothing is not allowed in a production environment (production: true); expected the site's own domain: { names, hostedZoneId } (a certificate is requested and validated in the zone) or { names, certificateArn } (us-east-1), so that viewers use TLS 1.2 or newer",
    ],
    [
      "an API without its own domain",
      { edge: { api: { domain: null } } },
      "edge.api.domain: nothing is not allowed in a production environment (production: true); expected the API's own domain for API clients: { name, hostedZoneId } or { name, certificateArn }, served with TLS 1.2",
    ],
  ])("production refuses %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test("a non-production environment may relax what production requires, explicitly", () => {
    expect(
      problemsOf({
        production: false,
        protection: { deletionProtection: false, finalSnapshots: false, preventDestroy: false },
        database: { multiAz: false, backupRetentionDays: 1 },
        edge: { api: { domain: null }, cdn: { domain: null } },
      }),
    ).toEqual([]);
  });

  test("environments are production unless their file says otherwise", () => {
    const [dev, staging, prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(prod.production).toBe(true);
    expect(dev.production).toBe(false);
    expect(staging.production).toBe(false);
  });

  test("dev is small and cheap, prod is highly available and protected", () => {
    const [dev, staging, prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(dev.database).toMatchObject({
      instanceClass: "db.t4g.small",
      multiAz: false,
      replicas: 1,
      backupRetentionDays: 1,
      proxy: { enabled: false },
    });
    expect(dev.protection).toEqual({ deletionProtection: false, finalSnapshots: false, preventDestroy: false });
    expect(staging.database).toMatchObject({ multiAz: true, replicas: 1, proxy: { enabled: true } });
    expect(prod.database).toMatchObject({ instanceClass: "db.r7g.large", multiAz: true, proxy: { enabled: true } });
    expect(prod.database.instanceClass).toMatch(/^db\.r/);
    expect(prod.database.replicas).toBeGreaterThanOrEqual(2);
    expect(prod.database.backupRetentionDays).toBeGreaterThanOrEqual(14);
    expect(prod.protection).toEqual({ deletionProtection: true, finalSnapshots: true, preventDestroy: true });
  });
});

describe("cache and Kafka settings", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "no cache shards",
      { cache: { shards: 0 } },
      "cache.shards: 0 is not allowed; expected a whole number from 1 to 500",
    ],
    [
      "more than 500 cache shards",
      { cache: { shards: 501 } },
      "cache.shards: 501 is not allowed; expected a whole number from 1 to 500",
    ],
    [
      "more than 5 replicas per shard",
      { cache: { replicasPerShard: 6 } },
      "cache.replicasPerShard: 6 is not allowed; expected a whole number from 0 to 5",
    ],
    [
      "an unsupported cache engine",
      { cache: { engine: "memcached" } },
      'cache.engine: "memcached" is not allowed; expected one of "valkey", "redis"',
    ],
    [
      "an engine version of another engine",
      { cache: { engine: "valkey", engineVersion: "7.1" } },
      'cache.engineVersion: "7.1" is not a supported valkey version; expected one of "7.2", "8.0", "8.1" (cache.engine is "valkey")',
    ],
    [
      "a cache user named default",
      { cache: { users: { default: "on ~* +@all" } } },
      'cache.users.default: "default" is not allowed; expected a user name of lower-case words joined by single hyphens, other than "default" and "users"',
    ],
    [
      "a cache user with a password",
      { cache: { users: { app: "on >hunter2 ~* +@all" } } },
      'cache.users.app: "on >hunter2 ~* +@all" sets a password; expected ACL rules only (users authenticate with IAM, so no password belongs in an access string)',
    ],
    [
      "cache auto scaling min above max",
      { cache: { autoscaling: { shards: { min: 5, max: 4 } } } },
      "cache.autoscaling.shards.min: 5 is above cache.autoscaling.shards.max (4); expected min <= max",
    ],
    [
      "a cache shard count outside the scaling bounds",
      { cache: { shards: 8 } },
      "cache.shards: 8 is outside cache.autoscaling.shards 2 to 6; expected the starting size within the scaling bounds",
    ],
    [
      "cache auto scaling on a burstable node",
      { cache: { nodeType: "cache.t4g.medium" } },
      'cache.nodeType: "cache.t4g.medium" does not support ElastiCache auto scaling; expected a large, xlarge, 2xlarge node of the r7g, r6g, r6gd, r5, m7g, m6g, m5, c7gn families, or auto scaling turned off (cache.autoscaling is on)',
    ],
    [
      "a cache maintenance window overlapping the snapshot window",
      { cache: { snapshotWindow: "05:00-06:00" } },
      'cache.maintenanceWindow: "sun:05:30-sun:06:30" overlaps cache.snapshotWindow "05:00-06:00"; expected windows that do not overlap',
    ],
    [
      "a cache snapshot window shorter than an hour",
      { cache: { snapshotWindow: "01:00-01:30" } },
      'cache.snapshotWindow: "01:00-01:30" is shorter than 60 minutes; expected a daily UTC window hh:mm-hh:mm of at least 60 minutes, such as 02:00-03:00',
    ],
    [
      "a broker count that is not a multiple of the AZ count",
      { kafka: { brokerCount: 4 } },
      "kafka.brokerCount: 4 is not a multiple of network.azCount (3); expected 3, 6, 9, ... so that every zone holds as many brokers",
    ],
    [
      "a replication factor above the broker count",
      { kafka: { replicationFactor: 4, minInsyncReplicas: 2 } },
      "kafka.replicationFactor: 4 is above kafka.brokerCount (3); expected at most 3 replicas of each partition",
    ],
    [
      "min.insync.replicas not below the replication factor",
      { kafka: { minInsyncReplicas: 3 } },
      "kafka.minInsyncReplicas: 3 is not below kafka.replicationFactor (3); expected at most 2 so that writes go on while a broker restarts",
    ],
    [
      "an unsupported Kafka version",
      { kafka: { kafkaVersion: "3.5.1" } },
      'kafka.kafkaVersion: "3.5.1" is not allowed; expected one of "3.8.x", "3.9.x", "3.9.x.kraft", "4.0.x.kraft", "4.1.x.kraft"',
    ],
    [
      "an Express broker type",
      { kafka: { brokerInstanceType: "express.m7g.large" } },
      'kafka.brokerInstanceType: "express.m7g.large" is not allowed; expected a Standard MSK broker type: kafka.t3.small, kafka.m5.<large to 24xlarge> or kafka.m7g.<large to 16xlarge>',
    ],
    [
      "a t3.small broker with a KRaft version",
      { kafka: { brokerInstanceType: "kafka.t3.small" } },
      'kafka.brokerInstanceType: "kafka.t3.small" is not accepted by MSK for KRaft versions (3.9.x.kraft); expected kafka.m5.large or larger, or a ZooKeeper-mode 3.x version',
    ],
    [
      "a broker storage maximum below the volume",
      { kafka: { volumeSizeGiB: 2000 } },
      "kafka.storageAutoscaling.maxVolumeSizeGiB: 1000 is not above kafka.volumeSizeGiB (2000); expected a larger maximum, or storage auto scaling off",
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "a cache without replicas",
      { cache: { replicasPerShard: 0, autoscaling: { replicas: { enabled: false } } } },
      "cache.replicasPerShard: 0 is not allowed in a production environment (production: true); expected at least 1, so that a shard fails over to another AZ",
    ],
    [
      "less than a week of cache snapshots",
      { cache: { snapshotRetentionDays: 1 } },
      "cache.snapshotRetentionDays: 1 is not allowed in a production environment (production: true); expected at least 7 days",
    ],
    [
      "topics replicated fewer than three times",
      { kafka: { replicationFactor: 2, minInsyncReplicas: 1 } },
      "kafka.replicationFactor: 2 is not allowed in a production environment (production: true); expected at least 3, so that a message survives two broker failures",
    ],
    [
      "writes acknowledged by one broker",
      { kafka: { minInsyncReplicas: 1 } },
      "kafka.minInsyncReplicas: 1 is not allowed in a production environment (production: true); expected at least 2, so that an acknowledged write is on two brokers",
    ],
  ])("production refuses %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual(expect.arrayContaining([message]));
  });

  test("dev's cache and Kafka are visibly smaller than prod's", () => {
    const [dev, staging, prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(dev.cache).toMatchObject({ nodeType: "cache.t4g.small", shards: 1, replicasPerShard: 0 });
    expect(dev.cache.autoscaling.shards.enabled).toBe(false);
    expect(dev.kafka).toMatchObject({ brokerInstanceType: "kafka.t3.small", brokerCount: 2, replicationFactor: 2 });
    expect(staging.cache).toMatchObject({ shards: 1, replicasPerShard: 1 });
    expect(prod.cache).toMatchObject({ engine: "valkey", nodeType: "cache.r7g.large", replicasPerShard: 1 });
    expect(prod.cache.shards).toBeGreaterThanOrEqual(2);
    // A global datastore's primary (dr): shards change in config, up to ElastiCache's limit, not by auto scaling.
    expect(prod.dr?.region).toBe("eu-central-1");
    expect(prod.cache.autoscaling.shards.enabled).toBe(false);
    expect(prod.cache.autoscaling.replicas.enabled).toBe(false);
    expect(prod.kafka).toMatchObject({
      kafkaVersion: "3.9.x.kraft",
      brokerCount: prod.network.azCount,
      replicationFactor: 3,
      minInsyncReplicas: 2,
      storageAutoscaling: { enabled: true },
    });
  });
});

describe("EKS settings", () => {
  // One group instead of the shared two (named lists merge by name: removing them is explicit).
  const group = (settings: Record<string, unknown>) => ({
    eks: {
      systemNodeGroup: "main",
      nodeGroups: [
        { name: "system", remove: true },
        { name: "services", remove: true },
        { name: "main", instanceTypes: ["m7g.large"], minSize: 2, maxSize: 6, ...settings },
      ],
    },
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "an unsupported Kubernetes version",
      { eks: { kubernetesVersion: "1.29" } },
      'eks.kubernetesVersion: "1.29" is not allowed; expected one of "1.34", "1.35" (add-on versions are pinned per version in constructs/eks/versions.ts)',
    ],
    [
      "a node group whose minimum is above its desired size",
      group({ minSize: 3, desiredSize: 2 }),
      "eks.nodeGroups[0].desiredSize: 2 is below eks.nodeGroups[0].minSize (3); expected from 3 to 6",
    ],
    [
      "a node group whose desired size is above its maximum",
      group({ desiredSize: 8 }),
      "eks.nodeGroups[0].desiredSize: 8 is above eks.nodeGroups[0].maxSize (6); expected from 2 to 6",
    ],
    [
      "a node group whose minimum is above its maximum",
      group({ minSize: 7 }),
      "eks.nodeGroups[0].minSize: 7 is above eks.nodeGroups[0].maxSize (6); expected at most that",
    ],
    [
      "a node group without instance types",
      group({ instanceTypes: [] }),
      "eks.nodeGroups[0].instanceTypes: is empty; expected at least one instance type",
    ],
    [
      "spot capacity with a single instance type",
      { production: false, ...group({ capacityType: "SPOT", instanceTypes: ["m7g.large"] }) },
      'eks.nodeGroups[0].instanceTypes: ["m7g.large"] has a single instance type for SPOT capacity; expected at least two, so that the group still gets nodes when one spot pool runs dry',
    ],
    [
      "Graviton and x86 instance types in one group",
      group({ instanceTypes: ["m7g.large", "m7i.large"] }),
      'eks.nodeGroups[0].instanceTypes: ["m7g.large","m7i.large"] mixes Graviton (m7g.large) and x86 (m7i.large) instance types; expected one architecture per node group, since a group runs one image',
    ],
    [
      "a malformed instance type",
      group({ instanceTypes: ["large"] }),
      'eks.nodeGroups[0].instanceTypes[0]: "large" is not an EC2 instance type the platform offers; expected a type of the families c6g, c6i, c7g, c7i, c8g, m6g, m6gd, m6i, m7g, m7i, m8g, r6g, r6i, r7g, r7i, r8g, t3, t3a, t4g (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "an instance size its family does not have",
      group({ instanceTypes: ["m7g.64xlarge"] }),
      'eks.nodeGroups[0].instanceTypes[0]: "m7g.64xlarge" is not a size of m7g the platform offers; expected one of medium, large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge (constructs/core/instance-types.ts, 2026-11-30)',
    ],
    [
      "an io2 root volume without IOPS",
      group({ diskType: "io2" }),
      "eks.nodeGroups[0].diskIops: nothing is set for an io2 root volume; expected 100 to 256000",
    ],
    [
      "gp3 IOPS below the baseline",
      group({ diskIops: 1000 }),
      "eks.nodeGroups[0].diskIops: 1000 is outside what gp3 allows; expected 3000 to 16000",
    ],
    [
      "a label under a prefix kubelet owns",
      group({ labels: { "node.kubernetes.io/role": "x" } }),
      'eks.nodeGroups[0].labels["node.kubernetes.io/role"]: "node.kubernetes.io/role" uses the prefix kubernetes.io/, which kubelet and EKS own; expected a key of your own domain',
    ],
    [
      "a taint effect in the EKS API's spelling",
      group({ taints: [{ key: "dedicated", effect: "NO_SCHEDULE" }] }),
      'eks.nodeGroups[0].taints[0].effect: "NO_SCHEDULE" is not allowed; expected one of "NoSchedule", "NoExecute", "PreferNoSchedule"',
    ],
    [
      "two node groups with one name",
      {
        eks: {
          systemNodeGroup: "main",
          nodeGroups: [
            { name: "main", instanceTypes: ["m7g.large"], minSize: 2, maxSize: 6 },
            { name: "main", instanceTypes: ["m7g.large"], minSize: 2, maxSize: 6 },
          ],
        },
      },
      'eks.nodeGroups[1].name: "main" is listed twice; expected each name once',
    ],
    [
      "a system node group that does not exist",
      { eks: { systemNodeGroup: "platform" } },
      'eks.systemNodeGroup: "platform" is not a node group; expected one of system, services',
    ],
    [
      "a public endpoint without CIDRs",
      { production: false, eks: { endpoint: { publicAccess: true } } },
      "eks.endpoint.publicAccessCidrs: [] is empty while eks.endpoint.publicAccess is true; expected the CIDRs allowed to reach the public endpoint",
    ],
    [
      "public CIDRs with the public endpoint off",
      { eks: { endpoint: { publicAccessCidrs: ["203.0.113.0/24"] } } },
      'eks.endpoint.publicAccessCidrs: ["203.0.113.0/24"] has no effect while eks.endpoint.publicAccess is false; expected [] or publicAccess true',
    ],
    [
      "an assumed-role session as an admin",
      { eks: { access: { admins: ["arn:aws:sts::123456789012:assumed-role/admins/alice"] } } },
      'eks.access.admins[0]: "arn:aws:sts::123456789012:assumed-role/admins/alice" is an assumed-role session; expected the role\'s own ARN, arn:aws:iam::<account>:role/<name>',
    ],
    [
      "a principal that is both admin and viewer",
      {
        eks: {
          access: {
            admins: ["arn:aws:iam::123456789012:role/platform"],
            viewers: ["arn:aws:iam::123456789012:role/platform"],
          },
        },
      },
      'eks.access: "arn:aws:iam::123456789012:role/platform" is listed twice; expected each principal once, as an admin, a viewer or a planner',
    ],
    [
      "no cluster admin",
      { eks: { access: { admins: [] } } },
      "eks.access.admins: is empty; expected at least the IAM role that applies the add-ons and workloads stacks (the CI deploy role), or nobody can install into the cluster",
    ],
    [
      "a cluster API nobody can reach",
      { eks: { endpoint: { privateAccess: { securityGroupIds: [], cidrs: [] } } } },
      'eks.endpoint.privateAccess: {"securityGroupIds":[],"cidrs":[]} lets nobody reach the private Kubernetes API, and the public endpoint is off: the add-ons and workloads stacks could not plan or apply; expected the security groups (securityGroupIds) or private CIDRs (cidrs) of the CI runners and operators\' VPN, or, outside production, publicAccess with publicAccessCidrs',
    ],
    [
      "a public CIDR for the private endpoint",
      { eks: { endpoint: { privateAccess: { securityGroupIds: [], cidrs: ["203.0.113.0/24"] } } } },
      'eks.endpoint.privateAccess.cidrs[0]: "203.0.113.0/24" is not a private range, and the private endpoint is reachable only through the VPC; expected a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (a peered network or VPN clients)',
    ],
    [
      "an API client that is not a security group id",
      { eks: { endpoint: { privateAccess: { securityGroupIds: ["ci-runners"], cidrs: [] } } } },
      'eks.endpoint.privateAccess.securityGroupIds[0]: "ci-runners" is not allowed; expected a security group id such as sg-0123456789abcdef0',
    ],
    [
      "node group instance types of different sizes",
      group({ instanceTypes: ["m7g.large", "c7g.xlarge"] }),
      'eks.nodeGroups[0].instanceTypes: ["m7g.large","c7g.xlarge"] mixes sizes (m7g.large: 2 vCPU / 8 GiB, c7g.xlarge: 4 vCPU / 8 GiB); expected types of one size, since the Cluster Autoscaler sizes every new node from one of them',
    ],
    [
      "a memory request without a unit",
      { eks: { monitoring: { prometheus: { resources: { requests: { memory: "2048" } } } } } },
      'eks.monitoring.prometheus.resources.requests.memory: "2048" is not allowed; expected a memory quantity such as "512Mi" or "4Gi"',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "a public endpoint, even from listed CIDRs",
      { eks: { endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } },
      "eks.endpoint.publicAccess: true is not allowed in a production environment (production: true); expected false: production reaches the Kubernetes API through the private endpoint only (eks.endpoint.privateAccess)",
    ],
    [
      "a spot system node group",
      group({ capacityType: "SPOT", instanceTypes: ["m7g.large", "m6g.large"] }),
      'eks.nodeGroups[0].capacityType: "SPOT" is not allowed in a production environment (production: true); expected "ON_DEMAND" for the system node group, so that spot reclaims never take CoreDNS and the add-ons down',
    ],
    [
      "no on-demand group of two nodes or more",
      group({ minSize: 1 }),
      'eks.nodeGroups: ["main: ON_DEMAND min 1"] is not allowed in a production environment (production: true); expected at least one ON_DEMAND node group with minSize 2 or more',
    ],
    [
      "services outside the mesh",
      { eks: { mesh: { enabled: false } } },
      "eks.mesh.enabled: false is not allowed in a production environment (production: true); expected true: production services get a circuit breaker, deadlines, bounded retries and mutual TLS from the mesh",
    ],
    [
      "plain text between services",
      { eks: { mesh: { mtlsMode: "PERMISSIVE" } } },
      'eks.mesh.mtlsMode: "PERMISSIVE" is not allowed in a production environment (production: true); expected "STRICT": services in production talk mutual TLS only',
    ],
  ])("production refuses %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual(expect.arrayContaining([message]));
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "retries that outlast the deadline",
      { services: { auth: { resilience: { timeoutSeconds: 4 } } } },
      "services.auth.resilience.retries.perTryTimeoutSeconds: 3 tries of 5s do not fit in timeoutSeconds 4; expected (attempts + 1) x perTryTimeoutSeconds <= timeoutSeconds, or the last retries are cut off",
    ],
    [
      "an unknown retry condition",
      { services: { auth: { resilience: { retries: { retryOn: "connect-failure,often" } } } } },
      'services.auth.resilience.retries.retryOn: "often" is not an Envoy retry condition',
    ],
    [
      "an unknown mutual TLS mode",
      { production: false, eks: { mesh: { mtlsMode: "DISABLE" } } },
      'eks.mesh.mtlsMode: "DISABLE" is not allowed',
    ],
  ])("the mesh refuses %s", (_case, overrides, message) => {
    expect(problemsOf(overrides).join("\n")).toContain(message);
  });

  test("a service without resilience settings gets the platform's policy", () => {
    const [prod] = loadEnvironments(["prod"]);
    expect(prod.services.auth.resilience).toEqual({
      timeoutSeconds: 15,
      retries: {
        attempts: 2,
        perTryTimeoutSeconds: 5,
        retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
      },
      connectionPool: { maxConnections: 100, maxPendingRequests: 100 },
      outlierDetection: {
        consecutive5xxErrors: 5,
        intervalSeconds: 10,
        baseEjectionSeconds: 30,
        maxEjectionPercent: 50,
      },
    });
  });

  test("a public endpoint from listed CIDRs is allowed outside production", () => {
    expect(
      problemsOf({
        production: false,
        eks: { endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } },
      }),
    ).toEqual([]);
  });

  test("dev runs one small spot group; prod a private cluster with on-demand system and service groups", () => {
    const [dev, staging, prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(dev.eks.nodeGroups).toEqual([
      expect.objectContaining({ name: "general", capacityType: "SPOT", minSize: 1, maxSize: 4 }),
    ]);
    expect(dev.eks.systemNodeGroup).toBe("general");
    expect(staging.eks.nodeGroups.map((g) => [g.name, g.capacityType])).toEqual([
      ["system", "ON_DEMAND"],
      ["services", "SPOT"],
    ]);
    expect(prod.eks.endpoint).toEqual({
      publicAccess: false,
      publicAccessCidrs: [],
      privateAccess: { securityGroupIds: [], cidrs: ["10.100.0.0/16"] },
    });
    expect(dev.eks.endpoint).toMatchObject({ publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
    for (const config of [dev, staging, prod]) {
      expect(config.eks.access.admins).toContain(`arn:aws:iam::${config.aws.accountId}:role/platform-deployer`);
    }
    expect(prod.eks.systemNodeGroup).toBe("system");
    expect(prod.eks.nodeGroups).toEqual([
      expect.objectContaining({
        name: "system",
        capacityType: "ON_DEMAND",
        minSize: prod.network.azCount,
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
      }),
      expect.objectContaining({ name: "services", capacityType: "ON_DEMAND", minSize: 3, maxSize: 30 }),
    ]);
    expect(prod.eks.monitoring.prometheus).toMatchObject({ replicas: 2, retentionDays: 15 });
  });
});

describe("service catalog, topics and monolith settings", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "a monolith image without its digest",
      { monolith: { image: "ghcr.io/acme/monolith:7.3.0" } },
      'monolith.image: "ghcr.io/acme/monolith:7.3.0" is not allowed; expected an image reference with its digest, such as ghcr.io/acme/monolith:7.3.0@sha256:<64 hex digits>',
    ],
    [
      "an unknown topic",
      { services: { reports: { kafka: { consumes: ["report_requestd"] } } } },
      'services.reports.kafka.consumes[0]: "report_requestd" is not a known topic; expected one of "events_ingested", "report_requested"',
    ],
    [
      "min replicas above max",
      { services: { auth: { replicas: { min: 8, max: 4 } } } },
      "services.auth.replicas.min: 8 is above replicas.max (4); expected at most that",
    ],
    [
      "a path prefix without a leading slash",
      { services: { auth: { pathPrefix: "api/auth" } } },
      'services.auth.pathPrefix: "api/auth" is not allowed; expected a path starting with "/" made of lower-case segments, without a trailing slash or wildcards, such as "/api/users"',
    ],
    [
      "a duplicate path prefix",
      { services: { analytics: { pathPrefix: "/api/auth" } } },
      'services.analytics.pathPrefix: "/api/auth" is also the path prefix of "auth"; expected each service to own its own prefix',
    ],
    [
      "a path prefix inside another service's",
      { services: { analytics: { pathPrefix: "/api/reports/analytics" } } },
      'services.reports.pathPrefix: "/api/reports" overlaps the path prefix "/api/reports/analytics" of "analytics"; expected disjoint prefixes, so that exactly one service owns each path',
    ],
    [
      "an image tagged latest",
      { services: { auth: { image: "ghcr.io/acme/auth:latest" } } },
      'services.auth.image: "ghcr.io/acme/auth:latest" is tagged "latest", which moves; expected a version tag or a digest, so that a deploy is repeatable',
    ],
    [
      "an untagged image",
      { services: { auth: { image: "ghcr.io/acme/auth" } } },
      'services.auth.image: "ghcr.io/acme/auth" is not a pinned image reference; expected <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>',
    ],
    [
      "a consumer without a consumer group",
      { services: { ingestion: { replicas: { min: 3, max: 12 }, kafka: { consumes: ["events_ingested"] } } } },
      "services.ingestion.kafka.consumerGroup: is required because the service consumes topics; expected a consumer group name",
    ],
    [
      "more consumers than partitions",
      { services: { reports: { replicas: { min: 2, max: 10 } } } },
      'services.reports.replicas.max: 10 is above the partitions of "report_requested" (6): consumers beyond the partition count sit idle; expected at most 6, or more partitions',
    ],
    [
      "a consumer group shared by two services",
      { services: { reports: { kafka: { consumerGroup: "analytics" } } } },
      'services.reports.kafka.consumerGroup: "analytics" is the consumer group of "analytics"; expected one consumer group per service',
    ],
    [
      "an unknown cache user",
      { services: { auth: { cacheUser: "sessions" } } },
      'services.auth.cacheUser: "sessions" is not a cache user; expected one of "app" (cache.users)',
    ],
    [
      "a secret in the environment",
      { services: { auth: { env: { DATABASE_PASSWORD: "hunter2" } } } },
      'services.auth.env.DATABASE_PASSWORD: "DATABASE_PASSWORD" names a secret; expected no secrets in plain environment values (use IAM authentication, or a Secrets Manager secret the service reads with its role)',
    ],
    [
      "a variable the platform sets",
      { services: { auth: { env: { KAFKA_BOOTSTRAP_SERVERS: "localhost:9092" } } } },
      'services.auth.env.KAFKA_BOOTSTRAP_SERVERS: "KAFKA_BOOTSTRAP_SERVERS" is set by the platform (names starting with AWS_, DB_, CACHE_, KAFKA_, SERVICE_, PORT are reserved); expected another name',
    ],
    [
      "a tracing variable the platform sets",
      { services: { auth: { env: { OTEL_TRACES_SAMPLER: "always_on" } } } },
      'services.auth.env.OTEL_TRACES_SAMPLER: "OTEL_TRACES_SAMPLER" is set by the platform\'s tracing (names starting with OTEL_ are reserved: the collector endpoint, sampler and propagators come from observability.tracing); expected another name',
    ],
    [
      "a memory limit below the request",
      { services: { auth: { resources: { limits: { memory: "128Mi" } } } } },
      'services.auth.resources.limits.memory: "128Mi" is below requests.memory (256Mi); expected at least the request',
    ],
    [
      "a privileged port",
      { services: { auth: { port: 80 } } },
      "services.auth.port: 80 is not allowed; expected a whole number from 1024 to 65535",
    ],
    [
      "a dead-letter retention not longer than the topic's",
      { kafka: { topics: { report_requested: { deadLetterRetentionHours: 168 } } } },
      "kafka.topics.report_requested.deadLetterRetentionHours: 168 is not longer than retentionHours (168); expected more, so that failed messages outlive the originals and can be replayed",
    ],
    [
      "a topic replicated more than there are brokers",
      { kafka: { topics: { report_requested: { replicationFactor: 4 } } } },
      "kafka.topics.report_requested.replicationFactor: 4 is above kafka.brokerCount (3); expected at most 3",
    ],
    [
      "a topic named like a dead-letter topic",
      { kafka: { topics: { "orders.dlq": { partitions: 3, retentionHours: 24, deadLetterRetentionHours: 48 } } } },
      'kafka.topics["orders.dlq"]: "orders.dlq" ends in .dlq, the suffix of dead-letter topics, which are created with each topic; expected the topic\'s own name',
    ],
    [
      "topics whose metric names collide",
      {
        kafka: { topics: { "report.requested": { partitions: 3, retentionHours: 24, deadLetterRetentionHours: 48 } } },
      },
      'kafka.topics["report.requested"]: "report.requested" collides with "report_requested" in Kafka\'s metric names ("." and "_" both become "_"); expected names that differ otherwise',
    ],
    [
      "a monolith whose minimum is above its maximum",
      { monolith: { minSize: 6, maxSize: 4, onDemandBaseCapacity: 2 } },
      "monolith.minSize: 6 is above monolith.maxSize (4); expected at most that",
    ],
    [
      "a spot monolith with one instance type",
      { monolith: { instanceTypes: ["m7g.large"] } },
      'monolith.instanceTypes: ["m7g.large"] has a single instance type while capacity above monolith.onDemandBaseCapacity (2) can be spot (monolith.onDemandPercentageAboveBase 0); expected at least two, so that the group still gets instances when one spot pool runs dry, or monolith.onDemandPercentageAboveBase 100',
    ],
    [
      "a scheduled action with a bad recurrence",
      { monolith: { schedule: [{ name: "business-hours", recurrence: "every night" }] } },
      'monolith.schedule[0].recurrence: "every night"',
    ],
  ])("rejects %s", (_case, overrides, message) => {
    const problems = problemsOf(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(message)).toBe(true);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "a single-replica service",
      { services: { auth: { replicas: { min: 1, max: 4 } } } },
      "services.auth.replicas.min: 1 is not allowed in a production environment (production: true); expected at least 2, spread over zones, so that a node or zone failure leaves a replica serving",
    ],
    [
      "a single monolith instance",
      { monolith: { minSize: 1, onDemandBaseCapacity: 1 } },
      "monolith.minSize: 1 is not allowed in a production environment (production: true); expected at least 2, in different zones",
    ],
  ])("production refuses %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test("dev runs one replica of each service and one or two monolith instances; prod two or more of each", () => {
    const [dev, , prod] = loadEnvironments(["dev", "staging", "prod"]);

    for (const service of Object.values(dev.services)) {
      expect(service.replicas.min).toBe(1);
    }
    expect(dev.monolith).toMatchObject({ minSize: 1, maxSize: 2 });
    expect(Object.keys(prod.services).sort()).toEqual(["analytics", "auth", "ingestion", "reports"]);
    for (const service of Object.values(prod.services)) {
      expect(service.replicas.min).toBeGreaterThanOrEqual(2);
    }
    expect(prod.monolith.minSize).toBeGreaterThanOrEqual(2);
    expect(prod.monolith.scaling).toEqual({
      cpuTargetPercent: 70,
      requestsPerTarget: 1000,
      predictive: "ForecastAndScale",
    });
    expect(prod.services.reports.kafka).toMatchObject({ consumes: ["report_requested"], consumerGroup: "reports" });
  });
});

const TIERS = [
  { name: "basic", requestsPerHour: 1000, burstLimit: 20 },
  { name: "pro", requestsPerHour: 10000, burstLimit: 100 },
  { name: "enterprise", requestsPerHour: 100000, burstLimit: 500 },
];
const CERTIFICATE = "certificate/12345678-1234-1234-1234-123456789012";

describe("edge settings", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "tier quotas that do not increase from basic to enterprise",
      { edge: { api: { tiers: [TIERS[0], { ...TIERS[1], requestsPerHour: 800 }, TIERS[2]] } } },
      "edge.api.tiers[1].requestsPerHour: 800 is not above the basic tier's 1000; expected tiers listed from the smallest to the largest, each allowing more requests per hour than the one before",
    ],
    [
      "a tier whose burst is below its steady rate",
      { edge: { api: { tiers: [TIERS[0], TIERS[1], { ...TIERS[2], burstLimit: 20 }] } } },
      "edge.api.tiers[2].burstLimit: 20 is below the tier's steady rate of 27.7778 requests per second (100000 per hour); expected a burst limit of at least 28",
    ],
    [
      "a tier listed twice",
      { edge: { api: { tiers: [TIERS[0], { ...TIERS[1], name: "basic" }, TIERS[2]] } } },
      'edge.api.tiers[1].name: "basic" is listed twice; expected each name once',
    ],
    [
      "a method throttle whose burst is below its rate",
      {
        edge: {
          api: {
            tiers: [
              TIERS[0],
              TIERS[1],
              { ...TIERS[2], methodThrottles: [{ path: "/api/ingest", method: "POST", rateLimit: 10, burstLimit: 5 }] },
            ],
          },
        },
      },
      "edge.api.tiers[2].methodThrottles[0].burstLimit: 5 is below the rate limit of 10 requests per second; expected a burst limit of at least 10",
    ],
    [
      "a method throttle on a path that is not a route",
      {
        edge: {
          api: {
            tiers: [
              TIERS[0],
              TIERS[1],
              { ...TIERS[2], methodThrottles: [{ path: "/api/orders", method: "POST", rateLimit: 1, burstLimit: 5 }] },
            ],
          },
        },
      },
      'edge.api.tiers[2].methodThrottles[0].path: "/api/orders" is not a route; expected a service\'s path prefix or a public path: /, /api/analytics, /api/auth, /api/ingest, /api/reports',
    ],
    [
      "a stage throttle whose burst is below its rate",
      { edge: { api: { stageThrottle: { rateLimit: 100, burstLimit: 50 } } } },
      "edge.api.stageThrottle.burstLimit: 50 is below the rate limit of 100 requests per second; expected a burst limit of at least 100",
    ],
    [
      "a duplicate public path",
      { edge: { api: { publicPaths: ["/api/auth", "/api/auth"] } } },
      'edge.api.publicPaths[1]: "/api/auth" repeats "/api/auth"; expected each public path once, none inside another',
    ],
    [
      "overlapping public paths",
      { edge: { api: { publicPaths: ["/api/auth", "/api/auth/login"] } } },
      'edge.api.publicPaths[1]: "/api/auth/login" overlaps "/api/auth"; expected each public path once, none inside another',
    ],
    [
      "a cacheable path that is not a route",
      { edge: { api: { cacheableRoutes: [{ path: "/api/orders", ttlSeconds: 60 }] } } },
      'edge.api.cacheableRoutes[0].path: "/api/orders" is not a route; expected a service\'s path prefix or a public path: /, /api/analytics, /api/auth, /api/ingest, /api/reports',
    ],
    [
      "a cacheable route listed twice",
      {
        edge: {
          api: {
            cacheableRoutes: [
              { path: "/api/reports", ttlSeconds: 60 },
              { path: "/api/reports", ttlSeconds: 300 },
            ],
          },
        },
      },
      'edge.api.cacheableRoutes[1].path: "/api/reports" is listed twice; expected one cache setting per route',
    ],
    [
      "a method throttled twice in a tier",
      {
        edge: {
          api: {
            tiers: [
              TIERS[0],
              TIERS[1],
              {
                ...TIERS[2],
                methodThrottles: [
                  { path: "/api/ingest", method: "POST", rateLimit: 1, burstLimit: 5 },
                  { path: "/api/ingest", method: "POST", rateLimit: 2, burstLimit: 5 },
                ],
              },
            ],
          },
        },
      },
      'edge.api.tiers[2].methodThrottles[1].method: "POST" on /api/ingest is throttled twice in this tier; expected one throttle per method and route',
    ],
    [
      "an API key on an unknown tier",
      { edge: { api: { apiKeys: { "acme-corp": "gold" } } } },
      'edge.api.apiKeys["acme-corp"]: "gold" is not a tier; expected one of basic, pro, enterprise',
    ],
    [
      "static TTLs with min above default",
      { edge: { cdn: { staticTtl: { minSeconds: 90000, defaultSeconds: 86400, maxSeconds: 31536000 } } } },
      "edge.cdn.staticTtl: min 90000 > default 86400; expected minSeconds ≤ defaultSeconds ≤ maxSeconds",
    ],
    [
      "page TTLs with default above max",
      { edge: { cdn: { pageTtl: { minSeconds: 0, defaultSeconds: 7200, maxSeconds: 3600 } } } },
      "edge.cdn.pageTtl: default 7200 > max 3600; expected minSeconds ≤ defaultSeconds ≤ maxSeconds",
    ],
    [
      "a CDN domain without a certificate or a zone to validate one in",
      { edge: { cdn: { domain: { names: ["www.example.com"], hostedZoneId: null } } } },
      "edge.cdn.domain: has neither certificateArn nor hostedZoneId; expected an ACM certificate's ARN, or the Route 53 hosted zone to request and validate one in",
    ],
    [
      "a CDN certificate outside us-east-1",
      {
        edge: {
          cdn: {
            domain: { names: ["www.example.com"], certificateArn: `arn:aws:acm:eu-west-1:123456789012:${CERTIFICATE}` },
          },
        },
      },
      `edge.cdn.domain.certificateArn: "arn:aws:acm:eu-west-1:123456789012:${CERTIFICATE}" is not in us-east-1; expected an ACM certificate in us-east-1, where CloudFront reads certificates`,
    ],
    [
      "an API domain without a certificate or a zone to validate one in",
      { edge: { api: { domain: { name: "api.example.com", hostedZoneId: null } } } },
      "edge.api.domain: has neither certificateArn nor hostedZoneId; expected an ACM certificate's ARN, or the Route 53 hosted zone to request and validate one in",
    ],
    [
      "an API WAF rate limit below the WAF minimum",
      { edge: { api: { waf: { rateLimit: 5 } } } },
      "edge.api.waf.rateLimit: 5 is below the WAF minimum of 10; expected a whole number of requests per client IP from 10 to 2000000000",
    ],
    [
      "a CDN WAF rate limit below the WAF minimum",
      { edge: { cdn: { waf: { rateLimit: 9 } } } },
      "edge.cdn.waf.rateLimit: 9 is below the WAF minimum of 10; expected a whole number of requests per client IP from 10 to 2000000000",
    ],
    [
      "a site routing the CDN does not know",
      { edge: { cdn: { siteRouting: "hash" } } },
      'edge.cdn.siteRouting: "hash" is not allowed; expected one of "spa", "pages"',
    ],
    [
      "a per-user rate limit below the WAF minimum",
      { edge: { cdn: { waf: { perUserRateLimit: 5 } } } },
      "edge.cdn.waf.perUserRateLimit: 5 is below the WAF minimum of 10; expected a whole number of requests per client IP from 10 to 2000000000",
    ],
    [
      "a site throttle whose burst is below a second of its rate",
      { edge: { api: { siteThrottle: { rateLimit: 500, burstLimit: 100 } } } },
      "edge.api.siteThrottle.burstLimit: 100 is below the rate limit of 500 requests per second; expected a burst limit of at least 500",
    ],
    [
      "a body limit on a path that is not a route",
      { edge: { bodyLimits: { routes: [{ path: "/api/upload", maxBytes: 1024 }] } } },
      'edge.bodyLimits.routes[0].path: "/api/upload" is not a route; expected a service\'s path prefix or a public path: /, /api/analytics, /api/auth, /api/ingest, /api/reports',
    ],
    [
      "a body limit beyond what the WAFs inspect",
      { edge: { bodyLimits: { inspectionLimitKb: 16, routes: [{ path: "/api/ingest", maxBytes: 65536 }] } } },
      "edge.bodyLimits.routes[0].maxBytes: 65536 is more than the WAFs inspect (inspectionLimitKb 16 = 16384 bytes); expected at most 16384, or a larger inspectionLimitKb (up to 64)",
    ],
    [
      "a default body limit beyond what the WAFs inspect",
      { edge: { bodyLimits: { defaultBytes: 20000, inspectionLimitKb: 16, routes: [] } } },
      "edge.bodyLimits.defaultBytes: 20000 is more than the WAFs inspect (inspectionLimitKb 16 = 16384 bytes); expected at most 16384, or a larger inspectionLimitKb (up to 64)",
    ],
    [
      "a body limit listed twice",
      {
        edge: {
          bodyLimits: {
            routes: [
              { path: "/api/ingest", maxBytes: 1024 },
              { path: "/api/ingest", maxBytes: 2048 },
            ],
          },
        },
      },
      'edge.bodyLimits.routes[1].path: "/api/ingest" is listed twice; expected one limit per route',
    ],
    [
      "an inspection limit WAF does not offer",
      { edge: { bodyLimits: { inspectionLimitKb: 128 } } },
      "edge.bodyLimits.inspectionLimitKb: 128 is not allowed; expected one of 16, 32, 48, 64",
    ],
    [
      "a cache cluster size API Gateway does not offer",
      { edge: { api: { cache: { enabled: true, clusterSizeGb: "2" } } } },
      'edge.api.cache.clusterSizeGb: "2" is not allowed; expected one of "0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"',
    ],
    [
      "an HTTPS load balancer without the name its certificate covers",
      { loadBalancer: { certificateArn: `arn:aws:acm:eu-west-1:123456789012:${CERTIFICATE}` } },
      "loadBalancer.domainName: is required with certificateArn; expected the name the certificate covers, which the API gateway calls",
    ],
  ])("rejects %s", (_case, overrides, message) => {
    expect(problemsOf(overrides)).toEqual([message]);
  });

  test("renaming a service's prefix that the edge refers to is reported at the edge setting", () => {
    expect(problemsOf({ services: { reports: { pathPrefix: "/api/report" } } })).toEqual([
      'edge.api.cacheableRoutes[0].path: "/api/reports" is not a route; expected a service\'s path prefix or a public path: /, /api/analytics, /api/auth, /api/ingest, /api/report',
    ]);
  });

  test("the seeds' tiers grow tenfold; dev has no API cache and verbose logs, prod caches reports", () => {
    const [dev, staging, prod] = loadEnvironments(["dev", "staging", "prod"]);

    expect(prod.edge.api.tiers.map((tier) => [tier.name, tier.requestsPerHour])).toEqual([
      ["basic", 1000],
      ["pro", 10000],
      ["enterprise", 100000],
    ]);
    expect(dev.edge.api).toMatchObject({ cache: { enabled: false }, loggingLevel: "INFO" });
    expect(staging.edge.api.cache.enabled).toBe(false);
    expect(prod.edge.api).toMatchObject({
      cache: { enabled: true, clusterSizeGb: "0.5" },
      loggingLevel: "ERROR",
      tracing: true,
      publicPaths: ["/api/auth"],
      cacheableRoutes: [{ path: "/api/reports", ttlSeconds: 300, queryParameters: ["page"] }],
    });
    expect(prod.edge.cdn).toMatchObject({
      priceClass: "PriceClass_All",
      originShield: true,
      staticTtl: { minSeconds: 86400, defaultSeconds: 604800, maxSeconds: 31536000 },
    });
    expect(dev.edge.cdn).toMatchObject({ priceClass: "PriceClass_100", originShield: false });
  });
});

describe("environment selection", () => {
  test("selects every environment when nothing is given", () => {
    expect(selectEnvironments(undefined)).toEqual(Object.keys(environments));
    expect(selectEnvironments("  ")).toEqual(Object.keys(environments));
  });

  test("accepts comma- or space-separated names and keeps registry order", () => {
    expect(selectEnvironments("prod,dev")).toEqual(["dev", "prod"]);
    expect(selectEnvironments("staging prod")).toEqual(["staging", "prod"]);
  });

  test("rejects an unknown environment, listing the known ones", () => {
    expect(() => selectEnvironments("dev,qa")).toThrow(
      `PLATFORM_ENVS: unknown environment "qa"; expected one or more of ${Object.keys(environments).join(", ")}`,
    );
  });
});

describe("formatPath", () => {
  test.each<[PropertyKey[], string]>([
    [["network", "vpcCidr"], "network.vpcCidr"],
    [["network", "availabilityZones", 2], "network.availabilityZones[2]"],
    [["tags", "extra", "cost center"], 'tags.extra["cost center"]'],
    [[], "(config)"],
  ])("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("observability and guardrails settings", () => {
  const SUPPRESSION = {
    rule: "CKV_AWS_30",
    resource: "aws_elasticache_replication_group.Cache_18F6EE16",
    justification: "Dev clients on the VPN cannot speak TLS yet",
  };

  test.each<[string, Record<string, unknown>, string[]]>([
    [
      "more datapoints than evaluation periods",
      { observability: { alarms: { evaluationPeriods: 3, datapointsToAlarm: 4 } } },
      [
        "observability.alarms.datapointsToAlarm: 4 is above observability.alarms.evaluationPeriods (3); expected at most 3",
      ],
    ],
    [
      "subscriptions while notifications are off",
      {
        production: false,
        observability: {
          notifications: { enabled: false, paging: { emails: [] }, warnings: { emails: ["team@example.com"] } },
        },
      },
      [
        'observability.notifications.warnings.emails: ["team@example.com"] has no effect while observability.notifications.enabled is false; expected [] or enabled: true',
      ],
    ],
    [
      "an address listed twice",
      { observability: { notifications: { paging: { emails: ["a@example.com", "a@example.com"] } } } },
      ['observability.notifications.paging.emails[1]: "a@example.com" is listed twice; expected "a@example.com" once'],
    ],
    [
      "an address that is not one",
      { observability: { notifications: { warnings: { emails: ["oncall"] } } } },
      [
        'observability.notifications.warnings.emails[0]: "oncall" is not allowed; expected an e-mail address such as oncall@example.com',
      ],
    ],
    [
      "an endpoint that is not HTTPS",
      { observability: { notifications: { paging: { httpsEndpoints: ["http://example.com/hook"] } } } },
      [
        'observability.notifications.paging.httpsEndpoints[0]: "http://example.com/hook" is not allowed; expected an https:// URL',
      ],
    ],
    [
      "a production environment that pages nobody",
      { observability: { notifications: { paging: { emails: [], httpsEndpoints: [] } } } },
      [
        'observability.notifications.paging: {"emails":[],"httpsEndpoints":[],"slackChannels":[]} pages nobody, and a production environment must: expected notifications.enabled true and at least one of paging.emails (the on-call rotation), paging.httpsEndpoints (an incident tool\'s webhook) or paging.slackChannels (a chat channel through AWS Chatbot)',
      ],
    ],
    [
      "a Slack workspace id that is not one",
      { observability: { notifications: { paging: { slackChannels: [{ teamId: "acme", channelId: "C0123ABCD" }] } } } },
      [
        'observability.notifications.paging.slackChannels[0].teamId: "acme" is not allowed; expected a Slack workspace id such as "T0123ABCD"',
      ],
    ],
    [
      "a Slack channel listed twice",
      {
        observability: {
          notifications: {
            warnings: {
              slackChannels: [
                { teamId: "T0123ABCD", channelId: "C0123ABCD" },
                { teamId: "T0123ABCD", channelId: "C0123ABCD" },
              ],
            },
          },
        },
      },
      [
        'observability.notifications.warnings.slackChannels[1]: "T0123ABCD/C0123ABCD" is listed twice; expected "T0123ABCD/C0123ABCD" once',
      ],
    ],
    [
      "a production environment with notifications off",
      { observability: { notifications: { enabled: false, paging: { emails: [] } } } },
      [
        'observability.notifications.paging: {"enabled":false} pages nobody, and a production environment must: expected notifications.enabled true and at least one of paging.emails (the on-call rotation), paging.httpsEndpoints (an incident tool\'s webhook) or paging.slackChannels (a chat channel through AWS Chatbot)',
      ],
    ],
    [
      "a sampling percentage above 100",
      { observability: { tracing: { samplingPercent: 150 } } },
      [
        "observability.tracing.samplingPercent: 150 is outside the allowed range; expected a percentage from 0.01 to 100",
      ],
    ],
    [
      "a sampling percentage finer than Istio's",
      { observability: { tracing: { samplingPercent: 0.005 } } },
      [
        "observability.tracing.samplingPercent: 0.005 is outside the allowed range; expected a percentage from 0.01 to 100",
      ],
    ],
    [
      "a sampling percentage with three decimals",
      { observability: { tracing: { samplingPercent: 2.555 } } },
      [
        "observability.tracing.samplingPercent: 2.555 has more than two decimals; expected steps of 0.01 (the resolution of Istio's trace sampling)",
      ],
    ],
    [
      "a sampling percentage that is not a number",
      { observability: { tracing: { samplingPercent: "5%" } } },
      ['observability.tracing.samplingPercent: "5%" is not allowed; expected a percentage from 0.01 to 100'],
    ],
    [
      "more collector replicas than allowed",
      { observability: { tracing: { collectorReplicas: 11 } } },
      ["observability.tracing.collectorReplicas: 11 is not allowed; expected a whole number from 1 to 10"],
    ],
    [
      "a production environment with one collector",
      { observability: { tracing: { collectorReplicas: 1 } } },
      [
        "observability.tracing.collectorReplicas: 1 is below 2 in a production environment: a single collector drops the spans sent during its own restarts and node drains; expected at least 2",
      ],
    ],
    [
      "a mesh-metrics retention CloudWatch Logs does not offer",
      { observability: { tracing: { metricsLogRetentionDays: 10 } } },
      [
        "observability.tracing.metricsLogRetentionDays: 10 is not allowed; expected one of the CloudWatch Logs retention periods 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      ],
    ],
    [
      "a suppression without a real justification",
      { guardrails: { suppressions: [{ ...SUPPRESSION, justification: "ok" }] } },
      ['guardrails.suppressions[0].justification: "ok" is not allowed; expected a sentence of at least 20 characters'],
    ],
    [
      "a suppression listed twice",
      { guardrails: { suppressions: [SUPPRESSION, SUPPRESSION] } },
      [
        'guardrails.suppressions[1]: "CKV_AWS_30 on aws_elasticache_replication_group.Cache_18F6EE16" is suppressed twice; expected one entry per rule and resource',
      ],
    ],
  ])("rejects %s", (_case, overrides, messages) => {
    expect(problemsOf(overrides)).toEqual(messages);
  });

  test("a Slack channel alone is someone to page in production", () => {
    expect(
      problemsOf({
        observability: {
          notifications: { paging: { emails: [], slackChannels: [{ teamId: "T0123ABCD", channelId: "C0123ABCD" }] } },
        },
      }),
    ).toEqual([]);
  });

  test("dev does not notify; prod notifies with the shared thresholds", () => {
    const [dev, , prod] = loadEnvironments(["dev", "staging", "prod"]);
    expect(dev.observability.notifications.enabled).toBe(false);
    expect(dev.observability.alarms.thresholds.databaseConnections).toBe(150);
    expect(prod.observability.notifications.enabled).toBe(true);
    expect(prod.observability.alarms).toMatchObject({ evaluationPeriods: 5, datapointsToAlarm: 3 });
    expect(prod.guardrails.suppressions).toEqual([]);
  });
});
