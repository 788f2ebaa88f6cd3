import type { ResourceBody } from "../../review/synthesized";
import {
  type Body,
  charge,
  type CostItem,
  counted,
  numberOf,
  type Pricer,
  type PricingContext,
  record,
  referenced,
  unpriced,
} from "../model";

/**
 * Compute: the EKS control plane, managed node groups and the monolith's auto scaling group. A group with several
 * instance types is priced at its first (the type it prefers); Spot capacity at the assumed discount
 * (`cost.spotDiscountPercent`); each instance's EBS volumes from its launch template.
 */

export const eksCluster: Pricer = (resource, context) => [
  charge(context, resource, { service: "eks", item: "cluster" }, "EKS control plane (standard support)", {
    baseline: 1,
    max: 1,
  }),
];

/** Instances of one purchase option: on-demand at the price, Spot at the price less the discount. */
function instances(
  context: PricingContext,
  resource: ResourceBody,
  type: string,
  spot: boolean,
  count: { readonly baseline: number; readonly max: number },
): CostItem {
  const discount = context.usage.spotDiscountPercent;
  const option = spot ? `spot (${discount}% below on-demand, assumed)` : "on-demand";
  return charge(
    context,
    resource,
    { service: "ec2", item: type },
    `${counted(count.baseline, count.max, type)} ${option}`,
    count,
    spot ? 1 - discount / 100 : 1,
  );
}

/** The EBS volumes of each instance a launch template starts (gp3 priced, others named). */
function volumes(
  context: PricingContext,
  resource: ResourceBody,
  template: Body | undefined,
  count: { readonly baseline: number; readonly max: number },
  fallbackGiB: number | undefined,
): CostItem[] {
  const mappings = (template?.block_device_mappings as readonly Body[] | undefined) ?? [];
  const disks = mappings
    .map((mapping) => record(mapping.ebs))
    .filter((ebs): ebs is Body => ebs !== undefined)
    .map((ebs) => ({
      size: numberOf(ebs.volume_size),
      type: typeof ebs.volume_type === "string" ? ebs.volume_type : "gp3",
    }));
  if (disks.length === 0 && fallbackGiB !== undefined) {
    disks.push({ size: fallbackGiB, type: "gp3" });
  }
  return disks.map(({ size, type }) =>
    size === undefined
      ? unpriced(
          context,
          resource,
          `${type} root volume of unknown size`,
          "the volume size is not in the synthesized stack",
        )
      : charge(
          context,
          resource,
          { service: "ebs", item: type },
          `${counted(count.baseline, count.max, `${size} GB ${type} volume`)}`,
          { baseline: count.baseline * size, max: count.max * size },
        ),
  );
}

export const eksNodeGroup: Pricer = (resource, context) => {
  const body = resource.config;
  const scaling = record(body.scaling_config) ?? {};
  const max = numberOf(scaling.max_size) ?? 0;
  const baseline = numberOf(scaling.desired_size) ?? numberOf(scaling.min_size) ?? 0;
  const template = referenced(context.stack, record(body.launch_template)?.id, "aws_launch_template");
  const types = (body.instance_types as readonly string[] | undefined) ?? [];
  const type = types[0] ?? (typeof template?.instance_type === "string" ? template.instance_type : undefined);
  const count = { baseline, max };
  const items: CostItem[] = [];
  items.push(
    type === undefined
      ? unpriced(context, resource, "node group of unknown instance type", "no instance type in the synthesized stack")
      : instances(context, resource, type, body.capacity_type === "SPOT", count),
  );
  // Without a launch template, EKS gives each node disk_size GiB (20 by default).
  items.push(...volumes(context, resource, template, count, template ? undefined : (numberOf(body.disk_size) ?? 20)));
  return items;
};

export const autoscalingGroup: Pricer = (resource, context) => {
  const body = resource.config;
  const max = numberOf(body.max_size) ?? 0;
  const baseline = numberOf(body.desired_capacity) ?? numberOf(body.min_size) ?? 0;
  const mixed = record(body.mixed_instances_policy);
  const mixedTemplate = record(record(mixed?.launch_template)?.launch_template_specification);
  const template = referenced(
    context.stack,
    mixedTemplate?.launch_template_id ?? record(body.launch_template)?.id,
    "aws_launch_template",
  );
  const overrides = (record(mixed?.launch_template)?.override as readonly Body[] | undefined) ?? [];
  const first = overrides.map((override) => override.instance_type).find((type) => typeof type === "string");
  const type = (first ?? template?.instance_type) as string | undefined;
  const distribution = record(mixed?.instances_distribution) ?? {};
  const base = mixed ? (numberOf(distribution.on_demand_base_capacity) ?? 0) : Number.POSITIVE_INFINITY;
  const percent = numberOf(distribution.on_demand_percentage_above_base_capacity) ?? 100;
  // AWS fills the on-demand base first, then splits the rest by the percentage (on-demand rounded up).
  const onDemand = (n: number) => Math.min(n, base) + Math.ceil((Math.max(0, n - base) * percent) / 100);
  const items: CostItem[] = [];
  if (type === undefined) {
    items.push(unpriced(context, resource, "auto scaling group of unknown instance type", "no instance type found"));
  } else {
    const demand = { baseline: onDemand(baseline), max: onDemand(max) };
    const spot = { baseline: baseline - demand.baseline, max: max - demand.max };
    if (demand.max > 0) {
      items.push(instances(context, resource, type, false, demand));
    }
    if (spot.max > 0) {
      items.push(instances(context, resource, type, true, spot));
    }
  }
  items.push(...volumes(context, resource, template, { baseline, max }, undefined));
  return items;
};
