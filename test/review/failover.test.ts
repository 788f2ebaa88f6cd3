import { MskClusterPolicy } from "@cdktf/provider-aws/lib/msk-cluster-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Testing, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { reviewTrees } from "../../src/review/diff";
import { FAILOVER_RESOURCES } from "../../src/review/dangers";
import type { StackJson, SynthesizedTree } from "../../src/review/synthesized";

/** `prod-data` holding what `define` creates, synthesized, as a tree of one stack. */
function tree(define: (stack: Construct) => void): SynthesizedTree {
  const stack = new TerraformStack(Testing.app(), "prod-data");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  define(stack);
  return { stacks: new Map([["prod-data", JSON.parse(Testing.synth(stack)) as StackJson]]) };
}

const POLICY = (topics: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "kafka.amazonaws.com" }, Action: topics, Resource: "*" }],
  });
const policy = (stack: Construct, action = "kafka:CreateVpcConnection") =>
  new MskClusterPolicy(stack, "SourcePolicy", {
    clusterArn: "arn:aws:kafka:eu-west-1:1:cluster/c/u",
    policy: POLICY(action),
  });
const healthCheck = (stack: Construct) =>
  new Route53HealthCheck(stack, "ApiHealth", {
    type: "CLOUDWATCH_METRIC",
    cloudwatchAlarmName: "acme-prod-api-5xx",
    cloudwatchAlarmRegion: "eu-west-1",
    insufficientDataHealthStatus: "LastKnownStatus",
  });

describe("the review of what carries a standby's data or traffic", () => {
  test("every failover type says why a change to it matters", () => {
    expect(Object.keys(FAILOVER_RESOURCES).sort()).toEqual([
      "aws_elasticache_global_replication_group",
      "aws_msk_cluster_policy",
      "aws_msk_replicator",
      "aws_route53_health_check",
      "aws_s3_bucket_replication_configuration",
    ]);
  });

  test("a change in place is dangerous (action failover), naming what changed", () => {
    const review = reviewTrees(
      tree((stack) => policy(stack)),
      tree((stack) => policy(stack, "kafka:*")),
    );
    const [change] = review.stacks[0].changes;
    expect(change.verdict).toBe("dangerous");
    expect(change.findings).toContainEqual({
      verdict: "dangerous",
      action: "failover",
      reason: `policy (JSON).Statement[0].Action changed: ${FAILOVER_RESOURCES.aws_msk_cluster_policy}`,
    });
  });

  test("removing one is dangerous; adding one is not", () => {
    const removed = reviewTrees(
      tree((stack) => healthCheck(stack)),
      tree(() => undefined),
    );
    expect(removed.dangerous.map((change) => change.address)).toEqual(["aws_route53_health_check.ApiHealth"]);
    expect(removed.stacks[0].changes[0].findings).toEqual([
      { verdict: "dangerous", action: "failover", reason: `removed: ${FAILOVER_RESOURCES.aws_route53_health_check}` },
    ]);
    const added = reviewTrees(
      tree(() => undefined),
      tree((stack) => healthCheck(stack)),
    );
    expect(added.dangerous).toEqual([]);
  });

  test("a tag change is not a change to the failover path", () => {
    const review = reviewTrees(
      tree((stack) => healthCheck(stack)),
      tree((stack) => healthCheck(stack).addOverride("tags", { Owner: "platform" })),
    );
    expect(review.dangerous).toEqual([]);
  });
});

describe("the review of a failover's own changes", () => {
  const record = (stack: Construct, failover?: { role: string; check: string }) =>
    new Route53Record(stack, "ApiRecord", {
      zoneId: "Z1",
      name: "api.acme.example",
      type: "A",
      ...(failover
        ? {
            setIdentifier: `eu-west-1-${failover.role.toLowerCase()}`,
            failoverRoutingPolicy: { type: failover.role },
            healthCheckId: failover.check,
          }
        : {}),
      alias: { name: "d-1.execute-api.eu-west-1.amazonaws.com", zoneId: "Z2", evaluateTargetHealth: true },
    });

  test("a simple record becoming one of a failover pair, or changing its health check, is dangerous", () => {
    const joined = reviewTrees(
      tree((stack) => record(stack)),
      tree((stack) => record(stack, { role: "PRIMARY", check: "hc-1" })),
    );
    expect(joined.stacks[0].changes[0].findings.map((finding) => finding.reason)).toEqual(
      expect.arrayContaining([
        'failover_routing_policy.type: unset → "PRIMARY": the record\'s failover role decides which region answers the domain',
        'health_check_id: unset → "hc-1": the health check decides when the record answers: with it the domain fails over or stops doing so',
      ]),
    );
    const rechecked = reviewTrees(
      tree((stack) => record(stack, { role: "PRIMARY", check: "hc-1" })),
      tree((stack) => record(stack, { role: "PRIMARY", check: "hc-2" })),
    );
    expect(rechecked.dangerous.map((change) => change.address)).toEqual(["aws_route53_record.ApiRecord"]);
    const same = reviewTrees(
      tree((stack) => record(stack, { role: "PRIMARY", check: "hc-1" })),
      tree((stack) => record(stack, { role: "PRIMARY", check: "hc-1" })),
    );
    expect(same.dangerous).toEqual([]);
  });

  test("a replica losing replicate_source_db (dr.failedOver) is a promotion, flagged dangerous", () => {
    const replica = (stack: Construct, source?: string) =>
      new DbInstance(stack, "Replica", {
        identifier: "acme-prod-euc1-db-shard-0",
        instanceClass: "db.r7g.large",
        replicateSourceDb: source,
        engine: source ? undefined : "postgres",
      });
    const review = reviewTrees(
      tree((stack) => replica(stack, "arn:aws:rds:eu-west-1:1:db:acme-prod-db-shard-0")),
      tree((stack) => replica(stack)),
    );
    const findings = review.stacks[0].changes[0].findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        verdict: "dangerous",
        reason: expect.stringMatching(/^replicate_source_db: removed: the provider promotes the replica/),
      }),
    );
    // The engine it now states is the one the provider read back from its source: no replacement.
    expect(findings.filter((finding) => finding.action === "replace")).toEqual([]);
  });
});
