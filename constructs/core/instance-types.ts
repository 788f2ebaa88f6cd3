/**
 * The instance types the platform accepts, per service, with their vCPUs and memory: what config validation checks
 * names against and what capacity and cost checks can read. A dated table, not a guess from the name: a type that
 * is not here is refused with the list of families that are.
 *
 * As of 2026-11-30, current-generation families offered in eu-west-1, from the AWS documentation:
 * - EC2: Amazon EC2 Instance Types, "Specifications" of the general purpose (m), compute optimized (c), memory
 *   optimized (r) and burstable (t) families (docs.aws.amazon.com/ec2/latest/instancetypes). Within m, c and r a
 *   size has the same vCPUs in every generation (medium 1, large 2, xlarge 4, ...) and memory is 4, 2 and 8 GiB per
 *   vCPU; t types below xlarge have 2 vCPUs. The 6th- and 7th-generation Graviton and 6th-generation Intel figures
 *   were checked against the specification tables; the 7th-generation Intel and Graviton4 (8g) families are given
 *   the same rule (an assumption), their size names checked against the EC2 API's type list.
 * - RDS: "Supported DB engines for DB instance classes" for PostgreSQL (docs.aws.amazon.com/AmazonRDS/latest/
 *   UserGuide/Concepts.DBInstanceClass.Support.html); the classes have their EC2 twins' vCPUs and memory. Graviton3
 *   classes need PostgreSQL 13.4, 14.5 or 15.2 and later; the pinned majors (16, 17) have them all.
 * - ElastiCache: node types from "Supported node types"; memory is each type's `maxmemory` from the engine-specific
 *   parameters page (e.g. cache.m6g.large 6,854,542,746 bytes = 6.38 GiB). The 7th-generation Graviton types are
 *   given their 6th-generation twins' memory, which is an assumption: the pages read did not list them yet.
 * - MSK: "Broker sizes" (docs.aws.amazon.com/msk/latest/developerguide/broker-instance-sizes.html).
 * Add a family here, with its source page, before configuring it.
 */

export const INSTANCE_TYPES_AS_OF = "2026-11-30";

export type Architecture = "arm64" | "x86_64";

export interface InstanceSpec {
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly architecture: Architecture;
}

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

const BURSTABLE: Readonly<Record<string, { readonly vcpus: number; readonly memoryGiB: number }>> = {
  nano: { vcpus: 2, memoryGiB: 0.5 },
  micro: { vcpus: 2, memoryGiB: 1 },
  small: { vcpus: 2, memoryGiB: 2 },
  medium: { vcpus: 2, memoryGiB: 4 },
  large: { vcpus: 2, memoryGiB: 8 },
  xlarge: { vcpus: 4, memoryGiB: 16 },
  "2xlarge": { vcpus: 8, memoryGiB: 32 },
};

const GRAVITON2_3 = ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const GRAVITON4 = [...GRAVITON2_3, "24xlarge", "48xlarge"];
const INTEL_6 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"];
const INTEL_7 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"];
const MEMORY_PER_VCPU: Readonly<Record<string, number>> = { c: 2, m: 4, r: 8 };

/** EC2 families: architecture and sizes. */
const EC2_FAMILIES: Readonly<
  Record<string, { readonly architecture: Architecture; readonly sizes: readonly string[] }>
> = {
  ...Object.fromEntries(
    ["c6g", "m6g", "m6gd", "r6g", "c7g", "m7g", "r7g"].map((family) => [
      family,
      { architecture: "arm64", sizes: GRAVITON2_3 },
    ]),
  ),
  ...Object.fromEntries(["c8g", "m8g", "r8g"].map((family) => [family, { architecture: "arm64", sizes: GRAVITON4 }])),
  ...Object.fromEntries(["c6i", "m6i", "r6i"].map((family) => [family, { architecture: "x86_64", sizes: INTEL_6 }])),
  ...Object.fromEntries(["c7i", "m7i", "r7i"].map((family) => [family, { architecture: "x86_64", sizes: INTEL_7 }])),
  t3: { architecture: "x86_64", sizes: Object.keys(BURSTABLE) },
  t3a: { architecture: "x86_64", sizes: Object.keys(BURSTABLE) },
  t4g: { architecture: "arm64", sizes: Object.keys(BURSTABLE) },
};

function ec2Spec(family: string, size: string, architecture: Architecture): InstanceSpec {
  if (family.startsWith("t")) {
    return { ...BURSTABLE[size], architecture };
  }
  const vcpus = SIZE_VCPUS[size];
  return { vcpus, memoryGiB: vcpus * MEMORY_PER_VCPU[family[0]], architecture };
}

/** EC2 instance types: `m7g.large` → 2 vCPU, 8 GiB, arm64. */
export const EC2_INSTANCE_TYPES: Readonly<Record<string, InstanceSpec>> = Object.fromEntries(
  Object.entries(EC2_FAMILIES).flatMap(([family, { architecture, sizes }]) =>
    sizes.map((size) => [`${family}.${size}`, ec2Spec(family, size, architecture)]),
  ),
);

/** RDS for PostgreSQL classes: `db.<EC2 type>` for these families and sizes. */
const RDS_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  t3: ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
  t4g: ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
  m6g: GRAVITON2_3.slice(1),
  r6g: GRAVITON2_3.slice(1),
  m7g: GRAVITON2_3.slice(1),
  r7g: GRAVITON2_3.slice(1),
  m6i: INTEL_6,
  r6i: INTEL_6,
};

export const RDS_INSTANCE_CLASSES: Readonly<Record<string, InstanceSpec>> = Object.fromEntries(
  Object.entries(RDS_FAMILIES).flatMap(([family, sizes]) =>
    sizes.map((size) => [`db.${family}.${size}`, EC2_INSTANCE_TYPES[`${family}.${size}`]]),
  ),
);

/** ElastiCache node types (Valkey and Redis OSS): vCPUs and the node's memory as ElastiCache lists it. */
const CACHE_MEMORY_GIB: Readonly<Record<string, readonly (readonly [string, number, number])[]>> = {
  t3: [
    ["micro", 2, 0.5],
    ["small", 2, 1.37],
    ["medium", 2, 3.09],
  ],
  t4g: [
    ["micro", 2, 0.5],
    ["small", 2, 1.37],
    ["medium", 2, 3.09],
  ],
  m6g: [
    ["large", 2, 6.38],
    ["xlarge", 4, 12.93],
    ["2xlarge", 8, 26.04],
    ["4xlarge", 16, 52.26],
    ["8xlarge", 32, 103.68],
    ["12xlarge", 48, 157.12],
    ["16xlarge", 64, 209.55],
  ],
  r6g: [
    ["large", 2, 13.07],
    ["xlarge", 4, 26.32],
    ["2xlarge", 8, 52.82],
    ["4xlarge", 16, 105.81],
    ["8xlarge", 32, 209.55],
    ["12xlarge", 48, 317.77],
    ["16xlarge", 64, 419.09],
  ],
};

export const ELASTICACHE_NODE_TYPES: Readonly<Record<string, InstanceSpec>> = Object.fromEntries(
  Object.entries({ ...CACHE_MEMORY_GIB, m7g: CACHE_MEMORY_GIB.m6g, r7g: CACHE_MEMORY_GIB.r6g }).flatMap(
    ([family, sizes]) =>
      sizes.map(([size, vcpus, memoryGiB]) => [
        `cache.${family}.${size}`,
        { vcpus, memoryGiB, architecture: family === "t3" ? "x86_64" : "arm64" } as InstanceSpec,
      ]),
  ),
);

/** MSK Standard broker types. */
export const MSK_BROKER_TYPES: Readonly<Record<string, InstanceSpec>> = {
  "kafka.t3.small": { vcpus: 2, memoryGiB: 2, architecture: "x86_64" },
  ...Object.fromEntries(
    ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"].map((size) => [
      `kafka.m5.${size}`,
      { vcpus: SIZE_VCPUS[size], memoryGiB: SIZE_VCPUS[size] * 4, architecture: "x86_64" },
    ]),
  ),
  ...Object.fromEntries(
    GRAVITON2_3.slice(1).map((size) => [
      `kafka.m7g.${size}`,
      { vcpus: SIZE_VCPUS[size], memoryGiB: SIZE_VCPUS[size] * 4, architecture: "arm64" },
    ]),
  ),
};

/** The families of a table, for messages: `m7g, r7g, t4g`. */
export function familiesOf(table: Readonly<Record<string, unknown>>): string {
  const families = new Set(Object.keys(table).map((name) => name.split(".").slice(0, -1).join(".")));
  return [...families].sort().join(", ");
}

/**
 * Why `name` is not in `table`, or undefined when it is: names the table's date, its families and an example, so
 * that a typo and a type the platform does not offer read differently.
 */
export function checkInstanceType(
  table: Readonly<Record<string, InstanceSpec>>,
  service: string,
  name: string,
): string | undefined {
  if (Object.hasOwn(table, name)) {
    return undefined;
  }
  const family = name.split(".").slice(0, -1).join(".");
  const sizes = Object.keys(table)
    .filter((candidate) => candidate.startsWith(`${family}.`))
    .map((candidate) => candidate.slice(family.length + 1));
  return sizes.length > 0
    ? `is not a size of ${family} the platform offers; expected one of ${sizes.join(", ")} (constructs/core/instance-types.ts, ${INSTANCE_TYPES_AS_OF})`
    : `is not ${service} the platform offers; expected a type of the families ${familiesOf(table)} (constructs/core/instance-types.ts, ${INSTANCE_TYPES_AS_OF})`;
}
