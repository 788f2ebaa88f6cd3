import { z } from "zod";
import { STATE_BUCKET_NAME } from "../../constructs/state/bucket-name";
import { show } from "../../constructs/core/errors";
import { PLATFORM_TAG_KEYS } from "../../constructs/core/tags";
import { AWS_REGIONS } from "./regions";
import { cacheSchema, checkCache } from "./cache-schema";
import { checkDatabase, databaseSchema } from "./database-schema";
import { checkEks, eksSchema } from "./eks-schema";
import { checkKafka, kafkaSchema } from "./kafka-schema";
import { checkZones, networkSchema } from "./network-schema";
import { checkProduction, protectionSchema } from "./protection-schema";
import { checkWorkloads, loadBalancerSchema, monolithSchema, servicesSchema } from "./workloads-schema";
import { capacitySchema } from "./capacity-schema";
import { costSchema } from "./cost-schema";
import { checkEdge, edgeSchema } from "./edge-schema";
import { checkDr, drSchema } from "./dr-schema";
import { checkGuardrails, guardrailsSchema } from "./guardrails-schema";
import { checkPreflight, preflightSchema } from "./preflight-schema";
import { checkObservability, observabilitySchema } from "./observability-schema";
import { allowed, type IssueReporter, oneOf, pattern, section } from "./schema-helpers";
import type { ConfigContext } from "./shared-schema";

/**
 * The schema every environment's config must satisfy, checked at synth time before any construct exists.
 *
 * Messages follow one pattern, `<path>: <value> is not allowed; expected <what is allowed>`: the path is added by
 * the formatter in `load.ts`, the rest by the helpers in `schema-helpers.ts`, so every setting explains itself.
 */

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const region = z.enum(AWS_REGIONS, {
  error: allowed("an AWS region code such as eu-west-1 or us-east-1 (the full list is in src/config/regions.ts)"),
});

const tagValue = pattern(TAG_VALUE, "1 to 256 letters, digits, spaces or _ . : / = + - @");

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

const environmentObject = section({
  /** Short project name, the first word of every resource name. */
  project: pattern(
    /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/,
    "2 to 16 lower-case letters, digits or hyphens, starting with a letter",
  ),
  /** Environment name, the second word of every resource name and the first part of every stack id. */
  environment: pattern(/^[a-z][a-z0-9]{1,9}$/, "2 to 10 lower-case letters or digits, starting with a letter"),
  aws: section({
    region,
    /**
     * Guard against deploying to the wrong account: the provider refuses any other account. Required with a state
     * bucket (whose global name carries it); environments without one are assumed to share an account.
     */
    accountId: pattern(/^\d{12}$/, 'a 12-digit AWS account id as a string, such as "123456789012"').optional(),
    /**
     * AWSServiceRoleForAutoScaling, which the volume keys' policies name (KMS refuses a policy naming a role that
     * does not exist): `create` it in the network stack (a fresh account, or the first environment of an account),
     * or use the `existing` one (any auto-scaling group ever created in the account made it).
     */
    autoScalingServiceLinkedRole: oneOf(["create", "existing"]),
  }),
  /**
   * The environment holds production data. Production requires every protection, a Multi-AZ database and at least
   * a week of backups; an environment that may be cheaper says `production: false` in its file.
   */
  production: z.boolean({ error: allowed("true or false") }),
  /** What keeps stateful resources from being destroyed. */
  protection: protectionSchema,
  network: networkSchema,
  database: databaseSchema,
  cache: cacheSchema,
  kafka: kafkaSchema,
  eks: eksSchema,
  /** The service catalog: microservices on the cluster. */
  services: servicesSchema,
  loadBalancer: loadBalancerSchema,
  monolith: monolithSchema,
  /** The public API, the CDN and their WAFs. */
  edge: edgeSchema,
  /** CloudWatch dashboard and alarms, and where alarms notify. */
  observability: observabilitySchema,
  /** The policy pack's per-resource suppressions. */
  guardrails: guardrailsSchema,
  /** `npm run preflight`'s per-finding suppressions. */
  preflight: preflightSchema,
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
  /** What the capacity check requires: headroom of every tier (`npm run capacity`). */
  capacity: capacitySchema,
  /** What the cost estimate assumes for traffic-based charges (`npm run cost`); defaults in src/cost/usage.ts. */
  cost: costSchema.optional(),
  /** A warm standby in a second region (production only): see dr-schema.ts and `npm run failover`. */
  dr: drSchema.optional(),
});

export const environmentSchema = environmentObject.superRefine((config, ctx) => {
  checkZones(config, ctx);
  checkGlobalBucketNames(config, ctx);
  checkDatabase(config, ctx);
  checkCache(config, ctx);
  checkKafka(config, ctx);
  checkEks(config, ctx);
  const issue: IssueReporter = (path, input, message) =>
    ctx.addIssue({ code: "custom", path, input, message: input === undefined ? message : `${show(input)} ${message}` });
  checkWorkloads(config, issue);
  checkEdge(config.edge, config.services, issue);
  checkObservability(config.observability, config.production, issue);
  checkGuardrails(config.guardrails, issue);
  checkPreflight(config.environment, config.preflight, issue);
  checkDr(config, issue);
  if (config.production) {
    checkProduction(config, ctx);
  }
});

/**
 * S3 bucket names are shared by every AWS account: the state bucket's and a configured static site bucket's names
 * carry the account id, so that nobody else can hold them, and the account is pinned.
 */
function checkGlobalBucketNames(config: z.output<typeof environmentObject>, ctx: ConfigContext): void {
  const staticBucket = config.edge.cdn.bucketName;
  if (
    staticBucket !== undefined &&
    (config.aws.accountId === undefined || !staticBucket.includes(config.aws.accountId))
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["edge", "cdn", "bucketName"],
      input: staticBucket,
      message: `${show(staticBucket)} does not contain aws.accountId (${config.aws.accountId ?? "not set"}); S3 bucket names are global across all AWS accounts, so expected a name with the account id in it, or none (the default, <project>-<env>-static-<account>-<region>)`,
    });
  }
  const bucket = config.stateBackend.bucket;
  if (bucket === undefined) {
    return;
  }
  const accountId = config.aws.accountId;
  if (accountId === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["aws", "accountId"],
      input: undefined,
      message: `is not set, but stateBackend.bucket is; expected the 12-digit account id, which the bucket's globally unique name must carry`,
    });
  } else if (!bucket.includes(accountId)) {
    ctx.addIssue({
      code: "custom",
      path: ["stateBackend", "bucket"],
      input: bucket,
      message: `${show(bucket)} does not contain aws.accountId (${accountId}); S3 bucket names are global across all AWS accounts, so expected a name such as "${config.project}-${config.environment}-tfstate-${accountId}"`,
    });
  }
}

/** A validated environment config: what stacks receive. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** What a config file may contain before defaults are merged in. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/**
 * What an environment file may say about `T` (see `mergeConfig`): any nested subset; in a list of named items, an
 * item changes (or adds) the one of its name, or `{ name, remove: true }` removes it; other lists replace; an entry
 * of a record, or an optional setting, set to `null` is removed (the default's value does not apply).
 */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? Item extends { readonly name: string }
    ? readonly ((DeepPartial<Item> & { readonly name: string }) | { readonly name: string; readonly remove: true })[]
    : T
  : T extends object
    ? string extends keyof T
      ? { readonly [key: string]: DeepPartial<T[string]> | null }
      : { [K in keyof T]?: DeepPartial<T[K]> | (undefined extends T[K] ? null : never) }
    : T;

/** An environment file: its name plus whatever it changes from the defaults (see `mergeConfig`). */
export type EnvironmentOverrides = DeepPartial<EnvironmentInput> & { readonly environment: string };
