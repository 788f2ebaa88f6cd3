import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../constructs/core/log-retention";
import { NAT_STRATEGIES } from "../../constructs/network/options";
import { checkVpcCidr } from "../../constructs/network/subnet-layout";
import { STATE_BUCKET_NAME } from "../../constructs/state/bucket-name";
import { show } from "../errors";
import { PLATFORM_TAG_KEYS } from "../tags";
import { AWS_REGIONS } from "./regions";

/**
 * The schema every environment's config must satisfy, checked at synth time before any construct exists.
 *
 * Messages follow one pattern, `<path>: <value> is not allowed; expected <what is allowed>`: the path is added by
 * the formatter in `load.ts`, the rest by the `allowed()` helper below, so every setting explains itself.
 */

/** Error text for a setting: says what was received and what is allowed. */
function allowed(expectation: string) {
  return (issue: { input?: unknown; code?: string }): string =>
    issue.input === undefined
      ? `is required; expected ${expectation}`
      : `${show(issue.input)} is not allowed; expected ${expectation}`;
}

/** A string setting with a pattern; the same message for a wrong type and a wrong shape. */
function pattern(regex: RegExp, expectation: string) {
  const error = allowed(expectation);
  return z.string({ error }).regex(regex, { error });
}

/** A section of settings that rejects unknown keys and names the ones it accepts. */
function section<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `is not a known setting; allowed settings here: ${known}`
        : allowed(`an object with the settings ${known}`)(issue),
  });
}

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const region = z.enum(AWS_REGIONS, {
  error: allowed("an AWS region code such as eu-west-1 or us-east-1 (the full list is in src/config/regions.ts)"),
});

const tagValue = pattern(TAG_VALUE, "1 to 256 letters, digits, spaces or _ . : / = + - @");

const networkSchema = section({
  /** The VPC's IPv4 block; every subnet CIDR is computed from it. */
  vpcCidr: z.string({ error: allowed("an IPv4 CIDR block such as 10.0.0.0/16") }).superRefine((value, ctx) => {
    const problem = checkVpcCidr(value);
    if (problem) {
      ctx.addIssue({ code: "custom", input: value, message: `${show(value)} ${problem}` });
    }
  }),
  /** How many availability zones the subnets span. */
  azCount: z.literal([2, 3], { error: allowed("2 or 3") }),
  /**
   * Pins the availability zones by name instead of taking the region's first available ones, e.g. when an
   * instance type is missing from one zone. Must list exactly `azCount` zones of the region.
   */
  availabilityZones: z
    .array(pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an availability zone name such as eu-west-1a"), {
      error: allowed("a list of availability zone names"),
    })
    .optional(),
  /** NAT strategy for the private subnets' internet egress. */
  natGateways: z.enum(NAT_STRATEGIES, { error: allowed(NAT_STRATEGIES.map((s) => `"${s}"`).join(", ")) }),
  /** Interface endpoints (ECR api and dkr, STS, CloudWatch Logs) in the private subnets. */
  interfaceEndpoints: z.boolean({ error: allowed("true or false") }),
  flowLogs: section({
    /** How long VPC flow logs are kept. */
    retentionDays: z.literal(LOG_RETENTION_DAYS, {
      error: allowed(`one of the CloudWatch Logs retention periods ${LOG_RETENTION_DAYS.join(", ")}`),
    }),
    /** Flow log aggregation interval: 60 gives finer records, 600 costs less. */
    aggregationIntervalSeconds: z.literal([60, 600], { error: allowed("60 or 600") }),
  }),
});

const stateBackendSchema = section({
  /** S3 bucket holding this environment's Terraform state; without it, stacks use a local backend. */
  bucket: pattern(
    STATE_BUCKET_NAME,
    "an S3 bucket name of 3 to 63 lower-case letters, digits or hyphens (no dots, so TLS works)",
  ).optional(),
  /** Region of the state bucket. @default the environment's aws.region */
  region: region.optional(),
  /** Folder in the bucket in front of `<env>/<layer>.tfstate`. */
  keyPrefix: pattern(
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    "a key prefix such as platform or teams/platform (no leading or trailing slash)",
  ).optional(),
  /** KMS key that encrypts state objects. @default the bootstrap stack's key, alias/<project>-<env>-terraform-state */
  kmsKeyId: pattern(
    /^(alias\/[A-Za-z0-9/_-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+)$/,
    "a KMS key ARN, alias ARN or alias/<name>",
  ).optional(),
}).superRefine((backend, ctx) => {
  if (backend.bucket !== undefined) {
    return;
  }
  for (const key of ["region", "keyPrefix", "kmsKeyId"] as const) {
    if (backend[key] !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        input: backend[key],
        message: `${show(backend[key])} has no effect without stateBackend.bucket; expected a bucket name or no ${key}`,
      });
    }
  }
});

export const environmentSchema = section({
  /** Short project name, the first word of every resource name. */
  project: pattern(
    /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/,
    "2 to 16 lower-case letters, digits or hyphens, starting with a letter",
  ),
  /** Environment name, the second word of every resource name and the first part of every stack id. */
  environment: pattern(/^[a-z][a-z0-9]{1,9}$/, "2 to 10 lower-case letters or digits, starting with a letter"),
  aws: section({
    region,
    /** Guard against deploying to the wrong account: the provider refuses any other account. */
    accountId: pattern(/^\d{12}$/, 'a 12-digit AWS account id as a string, such as "123456789012"').optional(),
  }),
  network: networkSchema,
  tags: section({
    owner: tagValue,
    costCenter: tagValue,
    /** More tags for every resource. */
    extra: z
      .record(pattern(TAG_KEY, "a tag key of 1 to 128 characters not starting with aws:"), tagValue, {
        error: allowed("a map of tag keys to tag values"),
      })
      .superRefine((extra, ctx) => {
        for (const key of Object.keys(extra).filter((key) => (PLATFORM_TAG_KEYS as readonly string[]).includes(key))) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: `${show(key)} is set by the platform; expected a key other than ${PLATFORM_TAG_KEYS.join(", ")}`,
          });
        }
      }),
  }),
  stateBackend: stateBackendSchema,
}).superRefine((config, ctx) => {
  const zones = config.network.availabilityZones;
  if (zones !== undefined) {
    if (zones.length !== config.network.azCount) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} lists ${zones.length} zones; expected exactly network.azCount (${config.network.azCount})`,
      });
    }
    zones.forEach((zone, index) => {
      if (!zone.startsWith(config.aws.region)) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "availabilityZones", index],
          input: zone,
          message: `${show(zone)} is not in aws.region ${config.aws.region}; expected a zone such as ${config.aws.region}a`,
        });
      }
    });
    const duplicates = zones.filter((zone, index) => zones.indexOf(zone) !== index);
    if (duplicates.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} repeats ${show(duplicates[0])}; expected distinct zones`,
      });
    }
  }
});

/** A validated environment config: what stacks receive. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** What a config file may contain before defaults are merged in. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/** Any nested subset of `T`; arrays are replaced, not merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
