import { z } from "zod";
import { PINNED_IMAGE, PINNED_IMAGE_EXPECTATION } from "../../constructs/compute/container-user-data";
import { checkCapacity, checkInstanceTypes, checkScheduledAction } from "../../constructs/compute/options";
import { HOSTNAME, HOSTNAME_EXPECTATION } from "../../constructs/cdn/options";
import { allowed, ec2InstanceType, type IssueReporter, oneOf, pattern, section, wholeNumber } from "./schema-helpers";
import { checkServices, servicesSchema } from "./services-schema";
import { healthCheckPath, percent } from "./shared-schema";
import { checkTopics, topicsSchema } from "./topics-schema";

export { servicesSchema } from "./services-schema";
export { topicsSchema } from "./topics-schema";

/**
 * The workloads' part of an environment's config: the Kafka topics (`topics-schema.ts`), the service catalog
 * (`services-schema.ts`), the internal load balancer and the legacy monolith. Rules between these and the rest of the
 * config are in `checkWorkloads` (schema.ts).
 */

/** The internal Application Load Balancer in front of the services and the monolith. */
export const loadBalancerSchema = section({
  /** ACM certificate for an HTTPS listener (TLS 1.2+); without one the listener is HTTP on port 80, inside the VPC. */
  certificateArn: pattern(
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
    "an ACM certificate ARN in the environment's region",
  ).optional(),
  /**
   * The name the certificate covers: the API gateway calls the load balancer by it (Host header, and the name its
   * TLS check expects). Required with a certificate.
   */
  domainName: pattern(HOSTNAME, HOSTNAME_EXPECTATION).optional(),
  /** Seconds an idle connection is kept open. */
  idleTimeoutSeconds: wholeNumber(1, 4000),
  /** Seconds a deregistering target keeps its in-flight requests. */
  deregistrationDelaySeconds: wholeNumber(0, 3600),
}).superRefine((lb, ctx) => {
  if (lb.certificateArn !== undefined && lb.domainName === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["domainName"],
      input: undefined,
      message: "is required with certificateArn; expected the name the certificate covers, which the API gateway calls",
    });
  }
});

const groupSize = wholeNumber(0, 1000);

/** The legacy monolith on an auto-scaling group behind the load balancer's default rule. */
export const monolithSchema = section({
  /** Instance types, one architecture; at least two when capacity above the on-demand base is spot. */
  instanceTypes: z
    .array(ec2InstanceType, { error: allowed("a list of EC2 instance types") })
    .min(1, { error: "is empty; expected at least one instance type" }),
  minSize: groupSize,
  maxSize: groupSize,
  /** Instances at creation; the scaling policies own the number afterwards. @default minSize */
  desiredCapacity: groupSize.optional(),
  /** On-demand instances before any spot. */
  onDemandBaseCapacity: groupSize,
  /** Share of the capacity above the base that is on-demand, percent (the rest is spot). */
  onDemandPercentageAboveBase: percent(0, 100),
  /** The port the monolith listens on. */
  port: wholeNumber(1, 65535),
  healthCheckPath,
  /** Encrypted gp3 root volume, GiB. */
  rootVolumeGiB: wholeNumber(8, 16384),
  /**
   * The monolith's container image, pinned by digest: instances pull it by digest at boot, and Docker refuses
   * content that does not match.
   */
  image: pattern(PINNED_IMAGE, PINNED_IMAGE_EXPECTATION),
  scaling: section({
    /** Target tracking on average CPU, percent. */
    cpuTargetPercent: percent(10, 90),
    /** Target tracking on load balancer requests per instance (per minute). */
    requestsPerTarget: wholeNumber(1, 1_000_000),
    /** Predictive scaling on CPU: off, forecast only (to evaluate), or forecast and scale. */
    predictive: oneOf(["off", "ForecastOnly", "ForecastAndScale"]),
  }),
  /** Scheduled capacity changes, e.g. scale down off-peak and back up for business hours. */
  schedule: z
    .array(
      section({
        /** Short name of the action. */
        name: pattern(/^[a-z][a-z0-9-]{0,62}$/, "lower-case letters, digits or hyphens, starting with a letter"),
        /** Cron expression (minute hour day-of-month month day-of-week). */
        recurrence: z.string({ error: allowed('a cron expression such as "0 20 * * *"') }),
        /** IANA time zone of the recurrence. @default UTC */
        timeZone: z.string({ error: allowed('an IANA time zone such as "Europe/Dublin"') }).optional(),
        minSize: groupSize.optional(),
        maxSize: groupSize.optional(),
        desiredCapacity: groupSize.optional(),
      }),
      { error: allowed("a list of scheduled actions") },
    )
    .default([]),
});

/** The parts of a parsed environment the workload rules read. */
interface WorkloadsView {
  readonly production: boolean;
  readonly cache: { readonly users: Readonly<Record<string, string>> };
  readonly kafka: {
    readonly brokerCount: number;
    readonly replicationFactor: number;
    readonly minInsyncReplicas: number;
    readonly topics: z.output<typeof topicsSchema>;
  };
  readonly services: z.output<typeof servicesSchema>;
  readonly monolith: z.output<typeof monolithSchema>;
}

/** Rules between topics, services, the monolith and the data stores. */
export function checkWorkloads(config: WorkloadsView, issue: IssueReporter): void {
  checkTopics(config, issue);
  checkServices(config, issue);
  checkMonolith(config, issue);
}

function checkMonolith(config: WorkloadsView, issue: IssueReporter): void {
  const monolith = config.monolith;
  const capacity = { ...monolith, desiredCapacity: monolith.desiredCapacity ?? monolith.minSize };
  for (const [setting, problem] of checkCapacity(capacity, "monolith")) {
    issue(["monolith", setting], capacity[setting], problem);
  }
  const typesProblem = checkInstanceTypes(monolith.instanceTypes);
  if (typesProblem) {
    issue(["monolith", "instanceTypes"], monolith.instanceTypes, typesProblem);
  }
  const names = monolith.schedule.map((action) => action.name);
  monolith.schedule.forEach((action, index) => {
    const path = `monolith.schedule[${index}]`;
    for (const [setting, problem] of checkScheduledAction(action, path)) {
      issue(
        setting === "" ? ["monolith", "schedule", index] : ["monolith", "schedule", index, setting],
        setting === "" ? action.name : action[setting],
        problem,
      );
    }
    if (names.indexOf(action.name) !== index) {
      issue(
        ["monolith", "schedule", index, "name"],
        action.name,
        "is the name of another scheduled action; expected unique names",
      );
    }
  });
  if (config.production && monolith.minSize < 2) {
    issue(
      ["monolith", "minSize"],
      monolith.minSize,
      "is not allowed in a production environment (production: true); expected at least 2, in different zones",
    );
  }
}
