import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireWholeNumber } from "../core/validation";
import type { MicroserviceProps } from "./microservice-props";
import {
  checkEnvName,
  checkImage,
  checkResources,
  ENV_NAME,
  HEALTH_CHECK_PATH,
  SERVICE_NAME,
  SERVICE_NAME_EXPECTATION,
  SERVICE_PORT,
  SERVICE_REPLICAS,
} from "./options";

/** Checks the props of the microservice `scope` before any resource exists. */
export function validateMicroservice(scope: Construct, props: MicroserviceProps): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  if (!SERVICE_NAME.test(props.name)) {
    fail(`name: ${show(props.name)} is not allowed; expected ${SERVICE_NAME_EXPECTATION}`);
  }
  const imageProblem = checkImage(props.image);
  if (imageProblem) {
    fail(`image: ${show(props.image)} ${imageProblem}`);
  }
  requireWholeNumber(scope, "port", props.port, SERVICE_PORT.min, SERVICE_PORT.max);
  if (!HEALTH_CHECK_PATH.test(props.healthCheckPath)) {
    fail(`healthCheckPath: ${show(props.healthCheckPath)} is not an HTTP path; expected a path such as "/healthz"`);
  }
  if (props.metricsPath !== undefined && !HEALTH_CHECK_PATH.test(props.metricsPath)) {
    fail(
      `metricsPath: ${show(props.metricsPath)} is not an HTTP path; expected a path starting with "/", such as "/metrics"`,
    );
  }
  requireWholeNumber(scope, "replicas.min", props.replicas.min, SERVICE_REPLICAS.min, SERVICE_REPLICAS.max);
  requireWholeNumber(scope, "replicas.max", props.replicas.max, SERVICE_REPLICAS.min, SERVICE_REPLICAS.max);
  if (props.replicas.min > props.replicas.max) {
    fail(`replicas.min: ${props.replicas.min} is above replicas.max (${props.replicas.max}); expected at most that`);
  }
  requireWholeNumber(scope, "scaling.cpuPercent", props.scaling.cpuPercent, 10, 100);
  requireWholeNumber(scope, "scaling.memoryPercent", props.scaling.memoryPercent, 10, 100);
  for (const [path, value, reason] of checkResources(props.resources)) {
    fail(`resources.${path.join(".")}: ${show(value)} ${reason}`);
  }
  for (const key of Object.keys(props.env ?? {})) {
    const problem = ENV_NAME.test(key)
      ? checkEnvName(key)
      : "is not an environment variable name; expected upper-case letters, digits and _";
    if (problem) {
      fail(`env.${key}: ${show(key)} ${problem}`);
    }
  }
  const lag = props.lagScaling;
  if (lag) {
    if (lag.topics.length === 0) {
      fail("lagScaling.topics: [] is empty; expected the topics the consumer group reads");
    }
    requireWholeNumber(scope, "lagScaling.lagThreshold", lag.lagThreshold, 1, 1_000_000);
  }
}
