import { costChanges } from "../../src/cost/change";
import { type EnvironmentCost, estimateStacks } from "../../src/cost/estimate";
import { PRICES } from "../../src/cost/prices";
import { DEFAULT_USAGE } from "../../src/cost/usage";
import { database, monolith, nodeGroup, stack, tree } from "./fixtures";

/**
 * Hand-computed totals: every expected figure below is written out as the arithmetic a person would do with the
 * price table (730 hours a month), not computed by the code under test.
 */

const only = (environments: EnvironmentCost[]) => {
  expect(environments).toHaveLength(1);
  return environments[0];
};
const unpricedOf = (environment: EnvironmentCost) => environment.stacks.flatMap((s) => s.unpriced);

describe("databases", () => {
  test("one more read replica adds exactly its instance price (db.r6g.large Single-AZ, eu-west-1: 0.252 x 730)", () => {
    const before = tree(["prod-data", stack("eu-west-1", { aws_db_instance: database("db.r6g.large", 1) })]);
    const after = tree(["prod-data", stack("eu-west-1", { aws_db_instance: database("db.r6g.large", 2) })]);
    const base = only(estimateStacks(before));
    const head = only(estimateStacks(after));
    expect(base.baseline).toBeCloseTo(2 * 183.96, 6);
    expect(head.baseline - base.baseline).toBeCloseTo(183.96, 6);
    expect(head.max - base.max).toBeCloseTo(183.96, 6);
    // gp3 storage has no eu-west-1 price: named, for each instance, never counted as zero.
    expect(unpricedOf(head).filter((item) => item.what.startsWith("100 GB gp3 storage (400 at max)"))).toHaveLength(3);
    const [change] = costChanges(before, after);
    expect(change.delta.baseline).toBeCloseTo(183.96, 6);
    expect(change.items).toEqual([
      expect.objectContaining({
        address: "aws_db_instance.Replica2",
        priceKey: "rds:eu-west-1:db.r6g.large:single-az",
      }),
    ]);
    expect(change.unpricedAdded.map((item) => item.what)).toEqual(["100 GB gp3 storage (400 at max) in eu-west-1"]);
  });

  test("in us-east-1, where gp3 storage is priced, a replica adds its instance and its source's storage", () => {
    const before = tree(["prod-data", stack("us-east-1", { aws_db_instance: database("db.r6g.large", 0) })]);
    const after = tree(["prod-data", stack("us-east-1", { aws_db_instance: database("db.r6g.large", 1) })]);
    const [change] = costChanges(before, after);
    // 0.225 x 730 = 164.25 instance; 100 GB x 0.115 = 11.50 storage; at max 400 GB x 0.115 = 46.00.
    expect(change.delta.baseline).toBeCloseTo(164.25 + 11.5, 6);
    expect(change.delta.max).toBeCloseTo(164.25 + 46, 6);
  });

  test("Multi-AZ without a Multi-AZ price is named, not derived from Single-AZ", () => {
    const environment = only(
      estimateStacks(
        tree(["dev-data", stack("eu-west-1", { aws_db_instance: database("db.r6g.large", 0, { multi_az: true }) })]),
      ),
    );
    expect(environment.baseline).toBe(0);
    expect(unpricedOf(environment).map((item) => item.what)).toContain("db.r6g.large Multi-AZ instance in eu-west-1");
  });

  test("Performance Insights beyond the free 7 days is named", () => {
    const environment = only(
      estimateStacks(
        tree([
          "dev-data",
          stack("eu-west-1", {
            aws_db_instance: database("db.r6g.large", 0, { performance_insights_retention_period: 731 }),
          }),
        ]),
      ),
    );
    expect(unpricedOf(environment).map((item) => item.what)).toContain(
      "Performance Insights retention of 731 days for db.r6g.large",
    );
  });
});

describe("node groups and the monolith", () => {
  test("a larger node group max raises only the max figure", () => {
    const group = (max: number) =>
      tree([
        "dev-cluster",
        stack("eu-west-1", nodeGroup(["t4g.large", "m6g.large"], { min_size: 1, desired_size: 2, max_size: max })),
      ]);
    const small = only(estimateStacks(group(4)));
    const large = only(estimateStacks(group(8)));
    // t4g.large eu-west-1 0.0736 x 730 = 53.728 a node: 2 at baseline, 4 or 8 at max.
    expect(small.baseline).toBeCloseTo(107.456, 6);
    expect(small.max).toBeCloseTo(214.912, 6);
    expect(large.baseline).toBeCloseTo(107.456, 6);
    expect(large.max).toBeCloseTo(429.824, 6);
    // Its launch template's 50 GB gp3 volumes have no eu-west-1 price: named.
    expect(unpricedOf(large).map((item) => item.what)).toEqual(["2 x 50 GB gp3 volume (8 at max) in eu-west-1"]);
  });

  test("a Spot node group costs the on-demand price less the assumed discount", () => {
    const spot = only(
      estimateStacks(
        tree([
          "dev-cluster",
          stack("eu-west-1", nodeGroup(["t4g.large"], { min_size: 1, desired_size: 2, max_size: 4 }, "SPOT")),
        ]),
      ),
    );
    // 60% off by default: 53.728 x 0.4 = 21.4912 a node.
    expect(DEFAULT_USAGE.spotDiscountPercent).toBe(60);
    expect(spot.baseline).toBeCloseTo(42.9824, 6);
    expect(spot.max).toBeCloseTo(85.9648, 6);
  });

  test("the monolith's mixed instances: the on-demand base at the full price, the rest at the Spot discount", () => {
    const monolithTree = tree([
      "dev-workloads",
      stack(
        "eu-west-1",
        monolith(
          { min_size: 1, desired_capacity: 3, max_size: 10 },
          { on_demand_base_capacity: 1, on_demand_percentage_above_base_capacity: 0 },
        ),
      ),
    ]);
    // t4g.small (the first override) eu-west-1 0.0184 x 730 = 13.432 on-demand, 5.3728 at 60% off.
    const defaults = only(estimateStacks(monolithTree));
    expect(defaults.baseline).toBeCloseTo(13.432 + 2 * 5.3728, 6);
    expect(defaults.max).toBeCloseTo(13.432 + 9 * 5.3728, 6);
    // At a stated 50% discount: 6.716 a Spot instance.
    const half = only(estimateStacks(monolithTree, { usage: () => ({ ...DEFAULT_USAGE, spotDiscountPercent: 50 }) }));
    expect(half.baseline).toBeCloseTo(13.432 + 2 * 6.716, 6);
    // Half on-demand above the base: at 4, 1 + ceil(3 x 0.5) = 3 on-demand (AWS rounds up, in favour of
    // On-Demand) and 1 Spot.
    const split = only(
      estimateStacks(
        tree([
          "dev-workloads",
          stack(
            "eu-west-1",
            monolith(
              { min_size: 1, desired_capacity: 4, max_size: 4 },
              { on_demand_base_capacity: 1, on_demand_percentage_above_base_capacity: 50 },
            ),
          ),
        ]),
      ),
    );
    expect(split.baseline).toBeCloseTo(3 * 13.432 + 5.3728, 6);
  });

  test("an instance type without a price in the region is named, with its counts", () => {
    const environment = only(
      estimateStacks(
        tree([
          "prod-cluster",
          stack("eu-west-1", nodeGroup(["m7g.large"], { min_size: 3, desired_size: 3, max_size: 30 })),
        ]),
      ),
    );
    expect(environment.baseline).toBe(0);
    expect(unpricedOf(environment).map((item) => item.what)).toContain(
      "3 x m7g.large (30 at max) on-demand in eu-west-1",
    );
  });
});

describe("cache, edge and the rest", () => {
  const cache = (extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    stack("eu-west-1", {
      aws_elasticache_replication_group: {
        Cache: { engine: "valkey", node_type: "cache.r7g.large", num_node_groups: 2, replicas_per_node_group: 1 },
      },
      ...extra,
    });

  test("cache nodes: shards x (1 + replicas), the shard autoscaler's max for the max figure", () => {
    const fixed = only(estimateStacks(tree(["prod-data", cache()])));
    // cache.r7g.large Valkey eu-west-1 0.1944 x 730 = 141.912 a node, 4 nodes.
    expect(fixed.baseline).toBeCloseTo(567.648, 6);
    expect(fixed.max).toBeCloseTo(567.648, 6);
    const scaling = only(
      estimateStacks(
        tree([
          "prod-data",
          cache({
            aws_appautoscaling_target: {
              Shards: {
                max_capacity: 4,
                min_capacity: 2,
                resource_id: "replication-group/${aws_elasticache_replication_group.Cache.replication_group_id}",
                scalable_dimension: "elasticache:replication-group:NodeGroups",
              },
            },
          }),
        ]),
      ),
    );
    expect(scaling.baseline).toBeCloseTo(567.648, 6);
    expect(scaling.max).toBeCloseTo(8 * 141.912, 6);
  });

  test("a standby's global datastore member is priced at its primary's node type, in its own region", () => {
    const primary = stack("eu-west-1", {
      aws_elasticache_replication_group: {
        Cache: { engine: "valkey", node_type: "cache.r7g.large", num_node_groups: 2, replicas_per_node_group: 1 },
      },
      aws_elasticache_global_replication_group: {
        Global: {
          num_node_groups: 2,
          primary_replication_group_id: "${aws_elasticache_replication_group.Cache.replication_group_id}",
        },
      },
    });
    const standby = stack("eu-central-1", {
      aws_elasticache_replication_group: {
        Cache: {
          global_replication_group_id: "${data.terraform_remote_state.x.outputs.id}",
          replicas_per_node_group: 1,
        },
      },
    });
    const environment = only(estimateStacks(tree(["prod-data", primary], ["prod-euc1-data", standby])));
    const [, standbyCost] = environment.stacks;
    // cache.r7g.large Valkey eu-central-1 0.2104 x 730 = 153.592 a node, 4 nodes.
    expect(standbyCost).toMatchObject({ stackId: "prod-euc1-data", region: "eu-central-1" });
    expect(standbyCost.baseline).toBeCloseTo(614.368, 6);
  });

  test("WAF, KMS, secrets and a log group of an aliased provider, at the usage defaults", () => {
    const edge = stack(
      "eu-west-1",
      {
        aws_wafv2_web_acl: { Acl: { scope: "CLOUDFRONT", provider: "aws.us_east_1", rule: [{}, {}, {}] } },
        aws_kms_key: { Key: {} },
        aws_secretsmanager_secret: { Secret: { replica: [{ region: "eu-central-1" }] } },
        aws_cloudwatch_log_group: { Logs: { provider: "aws.us_east_1" } },
        aws_iam_role: { Role: {} },
      },
      { us_east_1: "us-east-1" },
    );
    const environment = only(estimateStacks(tree(["dev-edge", edge])));
    // WAF 5 + 3 rules x 1 + 10M requests x 0.60/1M = 14; KMS 1; a secret and its replica 2 x 0.40 = 0.80;
    // 20 GB of logs (the only log group) x 0.50 in us-east-1 = 10.
    expect(environment.baseline).toBeCloseTo(14 + 1 + 0.8 + 10, 6);
    // Log storage is named; an IAM role has no charge and is not listed.
    expect(unpricedOf(environment).map((item) => `${item.type}: ${item.what}`)).toEqual([
      "aws_cloudwatch_log_group: archived log storage",
    ]);
  });

  test("a resource type the table does not know is listed by name", () => {
    const environment = only(
      estimateStacks(tree(["dev-data", stack("eu-west-1", { aws_opensearch_domain: { Search: {} } })])),
    );
    expect(unpricedOf(environment)).toEqual([
      expect.objectContaining({
        type: "aws_opensearch_domain",
        address: "aws_opensearch_domain.Search",
        reason: "resource type not in the price table",
      }),
    ]);
  });

  test("every price names its source and the date it was read", () => {
    for (const [key, price] of Object.entries(PRICES)) {
      expect([key, price.read]).toEqual([key, "2026-12-04"]);
      expect(price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["A", "B"]).toContain(price.confidence);
      expect(key).toMatch(/^[a-z0-9-]+:(global|eu-west-1|eu-central-1|us-east-1):\S+$/);
    }
  });
});
