/**
 * The vCPUs and memory of EC2 instance types, from their names, for the families the platform sizes groups with:
 * general purpose (m), compute optimised (c), memory optimised (r) and burstable (t). Within these families a size
 * has the same vCPUs in every generation, and the memory per vCPU is the family's (c: 2 GiB, m: 4 GiB, r: 8 GiB);
 * burstable t types have 2 vCPUs up to large. Source: Amazon EC2 Instance Types, "General purpose", "Compute
 * optimized", "Memory optimized" and "Burstable performance" specifications (docs.aws.amazon.com/ec2/latest/
 * instancetypes). Other families (x, z, i, d, p, g, inf, ...) are not modelled and have no shape here.
 */

export interface InstanceShape {
  readonly vcpus: number;
  readonly memoryGiB: number;
}

/** vCPUs of the sizes shared by the c, m and r families. */
const SIZE_VCPUS: Readonly<Record<string, number>> = {
  medium: 1,
  large: 2,
  xlarge: 4,
  "2xlarge": 8,
  "4xlarge": 16,
  "8xlarge": 32,
  "12xlarge": 48,
  "16xlarge": 64,
  "24xlarge": 96,
  "32xlarge": 128,
  "48xlarge": 192,
};

const MEMORY_PER_VCPU: Readonly<Record<string, number>> = { c: 2, m: 4, r: 8 };

/** Burstable sizes: vCPUs and GiB (t3, t3a, t4g; t2 differs below large and is not modelled). */
const BURSTABLE: Readonly<Record<string, InstanceShape>> = {
  nano: { vcpus: 2, memoryGiB: 0.5 },
  micro: { vcpus: 2, memoryGiB: 1 },
  small: { vcpus: 2, memoryGiB: 2 },
  medium: { vcpus: 2, memoryGiB: 4 },
  large: { vcpus: 2, memoryGiB: 8 },
  xlarge: { vcpus: 4, memoryGiB: 16 },
  "2xlarge": { vcpus: 8, memoryGiB: 32 },
};

/** `m7g.large` → 2 vCPUs, 8 GiB; undefined for a family or size that is not modelled. */
export function instanceShape(instanceType: string): InstanceShape | undefined {
  const match = /^([cmrt])([3-9])([a-z]*)\.([0-9]*x?large|medium|small|micro|nano)$/.exec(instanceType);
  if (!match) {
    return undefined;
  }
  const [, family, , , size] = match;
  if (family === "t") {
    return Number(match[2]) >= 3 ? BURSTABLE[size] : undefined;
  }
  const vcpus = SIZE_VCPUS[size];
  return vcpus === undefined ? undefined : { vcpus, memoryGiB: vcpus * MEMORY_PER_VCPU[family] };
}

/** `2 vCPU / 8 GiB`. */
export function describeShape(shape: InstanceShape): string {
  return `${shape.vcpus} vCPU / ${shape.memoryGiB} GiB`;
}

/**
 * Why the types of one group are not all of one shape (vCPUs and memory), or undefined when they are. Unmodelled
 * types are named, since their size cannot be checked.
 */
export function checkSameShape(instanceTypes: readonly string[], why: string): string | undefined {
  const unknown = instanceTypes.filter((type) => instanceShape(type) === undefined);
  if (unknown.length > 0) {
    return `has ${unknown.join(", ")}, whose size the platform cannot check; expected types of the c, m, r or t (3rd generation or later) families`;
  }
  const shapes = new Map(instanceTypes.map((type) => [type, describeShape(instanceShape(type)!)]));
  return new Set(shapes.values()).size > 1
    ? `mixes sizes (${[...shapes].map(([type, shape]) => `${type}: ${shape}`).join(", ")}); expected types of one size, ${why}`
    : undefined;
}
