import type { StackJson } from "../../src/review/synthesized";

/**
 * Synthesized stacks written by hand, as cdktf writes them (`cdk.tf.json`), for hand-computed totals: no cdktf
 * synth, so that the cost tests stay fast.
 */

type Resources = Record<string, Record<string, Record<string, unknown>>>;

export function stack(region: string, resource: Resources, aliases: Record<string, string> = {}): StackJson {
  return {
    provider: {
      aws: [{ region }, ...Object.entries(aliases).map(([alias, aliasRegion]) => ({ alias, region: aliasRegion }))],
    },
    resource,
  };
}

export function tree(...stacks: [string, StackJson][]): Map<string, StackJson> {
  return new Map(stacks);
}

/** A PostgreSQL primary with `replicas` read replicas in one stack. */
export function database(
  instanceClass: string,
  replicas: number,
  overrides: Record<string, unknown> = {},
): Record<string, Record<string, unknown>> {
  const primary = {
    identifier: "acme-test-db",
    engine: "postgres",
    instance_class: instanceClass,
    multi_az: false,
    allocated_storage: 100,
    max_allocated_storage: 400,
    storage_type: "gp3",
    performance_insights_enabled: true,
    performance_insights_retention_period: 7,
    tags: { Owner: "platform-team" },
    ...overrides,
  };
  const replica = (index: number) => ({
    identifier: `acme-test-db-replica-${index}`,
    instance_class: instanceClass,
    multi_az: false,
    replicate_source_db: "${aws_db_instance.Primary.identifier}",
    storage_type: "gp3",
    tags: { Owner: "platform-team" },
  });
  return {
    Primary: primary,
    ...Object.fromEntries(Array.from({ length: replicas }, (_, i) => [`Replica${i + 1}`, replica(i + 1)])),
  };
}

export function nodeGroup(
  instanceTypes: string[],
  scaling: { min_size: number; desired_size: number; max_size: number },
  capacityType = "ON_DEMAND",
): Resources {
  return {
    aws_eks_node_group: {
      Nodes: {
        capacity_type: capacityType,
        instance_types: instanceTypes,
        scaling_config: scaling,
        launch_template: { id: "${aws_launch_template.Template.id}", version: "1" },
      },
    },
    aws_launch_template: {
      Template: { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_size: 50, volume_type: "gp3" } }] },
    },
  };
}

export function monolith(
  sizes: { min_size: number; desired_capacity: number; max_size: number },
  distribution: { on_demand_base_capacity: number; on_demand_percentage_above_base_capacity: number },
  types = ["t4g.small", "t4g.medium"],
): Resources {
  return {
    aws_autoscaling_group: {
      Monolith: {
        ...sizes,
        mixed_instances_policy: {
          instances_distribution: { ...distribution, spot_allocation_strategy: "price-capacity-optimized" },
          launch_template: {
            launch_template_specification: { launch_template_id: "${aws_launch_template.Template.id}" },
            override: types.map((instance_type) => ({ instance_type })),
          },
        },
      },
    },
    aws_launch_template: { Template: {} },
  };
}
