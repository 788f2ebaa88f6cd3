import { loadEnvironments } from "../../src/config/load";
import {
  criticalPath,
  failbackRunbook,
  failoverIds,
  FailoverInputError,
  failoverRunbook,
  formatRunbook,
} from "../../src/failover";
import type { StackJson } from "../../src/review/synthesized";
import { failoverCommand } from "../../src/tools/failover";
import { platformOutput, platformStacks } from "../synthesized";

const prod = loadEnvironments(["prod"])[0];
const stacks = new Map(Object.entries(platformStacks())) as ReadonlyMap<string, StackJson>;
const ids = failoverIds(prod, stacks);

describe("the names a failover acts on", () => {
  test("come from prod's and its standby's synthesized stacks", () => {
    expect(ids).toMatchObject({
      environment: "prod",
      standby: "prod-euc1",
      standbyPrefix: "acme-prod-euc1",
      primaryRegion: "eu-west-1",
      standbyRegion: "eu-central-1",
      databaseReplicas: ["acme-prod-euc1-db-shard-0"],
      databasePrimaries: ["acme-prod-db-shard-0"],
      databaseKeyAlias: "alias/acme-prod-db-storage",
      globalDatastoreSuffix: "acme-prod-cache",
      primaryCacheGroup: "acme-prod-cache",
      standbyCacheGroup: "acme-prod-euc1-cache",
      replicatorName: "acme-prod-euc1-kafka-replicator",
      standbyKafkaCluster: "acme-prod-euc1-kafka",
      primaryMonolith: "acme-prod-monolith",
      standbyMonolith: "acme-prod-euc1-monolith",
      primaryCluster: "acme-prod-eks",
      standbyCluster: "acme-prod-euc1-eks",
      serviceNamespaces: ["analytics", "auth", "ingestion", "reports"],
      switchReference: "prod-api-switch",
      primaryHealthReference: "prod-api-health",
      standbyHealthReference: "prod-euc1-api-health",
    });
    expect(ids).toMatchObject({
      primaryMonolithSizes: { min: 2, max: 20, desired: 2 },
      standbyNodeGroups: [
        { prefix: "services-", primary: { min: 3, max: 30, desired: 3 } },
        { prefix: "system-", primary: { min: 3, max: 30, desired: 3 } },
      ],
      consumerGroups: ["analytics", "reports"],
    });
    expect(ids.primaryDeployments).toEqual([
      { name: "analytics", namespace: "analytics", replicas: 2 },
      { name: "auth", namespace: "auth", replicas: 3 },
      { name: "ingestion", namespace: "ingestion", replicas: 3 },
      { name: "reports", namespace: "reports", replicas: 2 },
    ]);
    expect(ids.standbyDeployments.map(({ name }) => name)).toEqual(["analytics", "auth", "ingestion", "reports"]);
    expect(ids.primaryFollowerAddresses).toEqual([
      expect.stringMatching(/^aws_db_instance\.Database_Shard0_Replica1_/),
      expect.stringMatching(/^aws_db_instance\.Database_Shard0_Replica2_/),
      expect.stringMatching(/^aws_db_proxy_target\.Database_Shard0_Proxy_Target_/),
    ]);
  });

  test("refuse an environment without a standby, or stacks without one, naming what is missing", () => {
    const dev = loadEnvironments(["dev"])[0];
    expect(() => failoverIds(dev, stacks)).toThrow(
      new FailoverInputError("dev has no dr section, so it has no standby to fail over to"),
    );
    const withoutStandby = new Map([...stacks].filter(([id]) => id !== "prod-euc1-data"));
    expect(() => failoverIds(prod, withoutStandby)).toThrow(/prod-euc1-data: no such stack in the synthesized output/);
  });
});

describe("the failover runbook", () => {
  const runbook = failoverRunbook(prod, ids);
  const commands = runbook.steps.flatMap((step) => step.commands);

  test("orders the steps: data promoted before the standby scales and before the switch flips", () => {
    expect(runbook.steps.map((step) => step.title)).toEqual([
      "Declare the failover and note the recovery point",
      "Stop the writers in eu-west-1, if it still answers (best effort)",
      "Promote each database shard's replica in eu-central-1",
      "Promote the cache's secondary in eu-central-1",
      "Check that Kafka in eu-central-1 holds the topics and the consumer groups' offsets",
      "Scale the standby to the primary's sizes and start its consumers",
      "Flip the DNS switch to the standby",
      "Verify from outside",
    ]);
    for (const step of runbook.steps) {
      expect(step.commands.length).toBeGreaterThan(0);
      expect(step.check.command.length).toBeGreaterThan(0);
    }
  });

  test("names the real resources in each command, and needs no Terraform state of the lost region", () => {
    expect(commands).toContain(
      "aws rds promote-read-replica --region eu-central-1 --db-instance-identifier acme-prod-euc1-db-shard-0 --backup-retention-period 14",
    );
    expect(commands.join("\n")).toContain(
      "--primary-region eu-central-1 --primary-replication-group-id acme-prod-euc1-cache",
    );
    expect(commands).toContain("npm run deploy -- prod-euc1-cluster prod-euc1-workloads");
    // EKS refuses a minimum above the desired size, which Terraform ignores: the node groups are raised first.
    const scale = runbook.steps[5].commands;
    expect(scale.indexOf("npm run deploy -- prod-euc1-cluster prod-euc1-workloads")).toBe(4);
    expect(scale[0]).toBe(
      `aws eks update-nodegroup-config --region eu-central-1 --cluster-name acme-prod-euc1-eks --nodegroup-name $(aws eks list-nodegroups --region eu-central-1 --cluster-name acme-prod-euc1-eks --query "nodegroups[?starts_with(@, 'services-')]" --output text) --scaling-config minSize=3,maxSize=30,desiredSize=3`,
    );
    expect(runbook.steps[4].check.command).toContain("--describe --group analytics && kafka-consumer-groups.sh");
    expect(runbook.steps[4].check.command).toMatch(/--describe --group reports$/);
    expect(commands).toContain(
      `aws route53 update-health-check --health-check-id $(aws route53 list-health-checks --query "HealthChecks[?starts_with(CallerReference, 'prod-api-switch-')].Id" --output text) --inverted`,
    );
    expect(runbook.steps[6].check.command).toBe(
      "aws route53 test-dns-answer --hosted-zone-id Z0000000000EXAMPLE --record-name api.acme.example --record-type A",
    );
    expect(commands.join("\n")).not.toMatch(/terraform (output|state)|cdktf output/);
    expect(commands.filter((command) => command.includes("--region eu-west-1"))).toEqual([
      "aws autoscaling update-auto-scaling-group --region eu-west-1 --auto-scaling-group-name acme-prod-monolith --min-size 0 --max-size 0 --desired-capacity 0",
      "aws eks update-kubeconfig --region eu-west-1 --name acme-prod-eks --alias prod",
    ]);
  });

  test("states RPO and RTO from config and adds the budgets up along the critical path", () => {
    expect(runbook).toMatchObject({ rpoMinutes: 15, rtoMinutes: 60, budgetMinutes: 55, warnings: [] });
    // Promote the cache (10) and check Kafka (5) run alongside the database promotion (15).
    expect(criticalPath(runbook.steps)).toBe(10 + 5 + 15 + 15 + 5 + 5);
    const text = formatRunbook(runbook);
    expect(text).toContain("Recovery point objective: 15 min (dr.rpoMinutes)");
    expect(text).toContain("Recovery time objective: 60 min (dr.rtoMinutes); the steps below are budgeted at 55 min");
    expect(text).toContain("4. Promote the cache's secondary in eu-central-1 (10 min, alongside step 3;");
  });

  test("warns when the budgets exceed dr.rtoMinutes", () => {
    const tight = { ...prod, dr: { ...prod.dr!, rtoMinutes: 30 } };
    expect(failoverRunbook(tight, ids).warnings).toEqual([
      "the steps' budgets add up to 55 minutes, more than dr.rtoMinutes (30): raise the target, or measure the steps in a drill and shorten them",
    ]);
  });
});

describe("the failback runbook", () => {
  const runbook = failbackRunbook(prod, ids);
  const commands = runbook.steps.flatMap((step) => step.commands);

  test("replicates back, promotes and renames in the primary region, re-adopts, flips back, rebuilds the standby", () => {
    expect(runbook).toMatchObject({ direction: "failback", from: "eu-central-1", to: "eu-west-1", warnings: [] });
    expect(commands).toContain(
      "aws rds create-db-instance-read-replica --region eu-west-1 --db-instance-identifier acme-prod-db-shard-0-failback --source-db-instance-identifier arn:aws:rds:eu-central-1:333333333333:db:acme-prod-euc1-db-shard-0 --kms-key-id alias/acme-prod-db-storage --db-instance-class db.r7g.large --multi-az",
    );
    expect(commands).toContain(
      `terraform -chdir=cdktf.out/stacks/prod-data import ${ids.primaryAddresses[0]} acme-prod-db-shard-0`,
    );
    expect(commands.filter((command) => command.includes("update-health-check"))).toEqual([
      expect.stringMatching(/prod-api-switch-.* --no-inverted$/),
    ]);
    // The failover emptied the primary's monolith and Deployments, whose sizes Terraform ignores: given back by hand.
    expect(commands).toContain(
      "aws autoscaling update-auto-scaling-group --region eu-west-1 --auto-scaling-group-name acme-prod-monolith --min-size 2 --max-size 20 --desired-capacity 2",
    );
    expect(commands).toContain("kubectl --context prod -n auth scale deployment auth --replicas=3");
    expect(commands.indexOf("kubectl --context prod -n auth scale deployment auth --replicas=3")).toBeLessThan(
      commands.findIndex((command) => command.includes("--no-inverted")),
    );
    const rebuild = runbook.steps.at(-1)!.commands;
    expect(rebuild).toContain("npm run deploy -- prod-euc1-data prod-euc1-cluster prod-euc1-workloads");
    expect(rebuild.at(-1)).toBe("kubectl --context prod-euc1 -n reports scale deployment reports --replicas=2");
  });
});

describe("npm run failover", () => {
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = failoverCommand(
      argv,
      (text) => out.push(text),
      (text) => err.push(text),
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const from = ["--from", platformOutput().outdir];

  test("prints prod's failover to its standby region, and the failback to its own", () => {
    const failover = run(["--env", "prod", "--to", "eu-central-1", ...from]);
    expect(failover.code).toBe(0);
    expect(failover.out).toMatch(
      /^Failover of prod from eu-west-1 to eu-central-1 \(printed only: nothing here calls AWS\)/,
    );
    const failback = run(["--env", "prod", "--to", "eu-west-1", ...from, "--json"]);
    expect(failback.code).toBe(0);
    expect(JSON.parse(failback.out)).toMatchObject({ direction: "failback", environment: "prod" });
  });

  test("exits 2 naming the setting for an environment without dr, a third region, or missing arguments", () => {
    const dev = run(["--env", "dev", "--to", "eu-central-1", ...from]);
    expect(dev.code).toBe(2);
    expect(dev.err).toContain(
      "dev has no dr section, so it has no standby to fail over to; set dr in src/config/environments/dev.ts",
    );
    const elsewhere = run(["--env", "prod", "--to", "us-east-1", ...from]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.err).toContain(
      '--to "us-east-1" is neither prod\'s standby region (eu-central-1: the failover) nor its primary region (eu-west-1: the failback)',
    );
    expect(run(["--env", "prod"]).code).toBe(2);
  });
});
