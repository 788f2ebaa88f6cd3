import { EC2_INSTANCE_TYPES, familiesOf } from "./instance-types";

/**
 * The vCPUs and memory of EC2 instance types, from the platform's dated table (`instance-types.ts`): what sizes
 * groups (the Cluster Autoscaler and vCPU weights assume one shape per group).
 */

export interface InstanceShape {
  readonly vcpus: number;
  readonly memoryGiB: number;
}

/** `m7g.large` → 2 vCPUs, 8 GiB; undefined for a type the table does not have. */
export function instanceShape(instanceType: string): InstanceShape | undefined {
  const spec = Object.hasOwn(EC2_INSTANCE_TYPES, instanceType) ? EC2_INSTANCE_TYPES[instanceType] : undefined;
  return spec && { vcpus: spec.vcpus, memoryGiB: spec.memoryGiB };
}

/** `2 vCPU / 8 GiB`. */
export function describeShape(shape: InstanceShape): string {
  return `${shape.vcpus} vCPU / ${shape.memoryGiB} GiB`;
}

/**
 * Why the types of one group are not all of one shape (vCPUs and memory), or undefined when they are. Types the
 * table lacks are named, since their size cannot be checked.
 */
export function checkSameShape(instanceTypes: readonly string[], why: string): string | undefined {
  const unknown = instanceTypes.filter((type) => instanceShape(type) === undefined);
  if (unknown.length > 0) {
    return `has ${unknown.join(", ")}, whose size the platform cannot check; expected types of the families ${familiesOf(EC2_INSTANCE_TYPES)}`;
  }
  const shapes = new Map(instanceTypes.map((type) => [type, describeShape(instanceShape(type)!)]));
  return new Set(shapes.values()).size > 1
    ? `mixes sizes (${[...shapes].map(([type, shape]) => `${type}: ${shape}`).join(", ")}); expected types of one size, ${why}`
    : undefined;
}
