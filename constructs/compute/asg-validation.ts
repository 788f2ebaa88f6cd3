import { Token } from "cdktf";
import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireOneOf, requireWholeNumber } from "../core/validation";
import type { AutoScalingGroupProps, ResolvedAutoScalingGroupSettings } from "./asg-props";
import {
  checkCapacity,
  checkInstanceTypes,
  checkScheduledAction,
  checkTerminationPolicy,
  CPU_TARGET_PERCENT,
  GROUP_NAME,
  GROUP_NAME_EXPECTATION,
  GROUP_SIZE,
  HEALTH_CHECK_GRACE_SECONDS,
  INSTANCE_WARMUP_SECONDS,
  PERCENT,
  PORT,
  PREDICTIVE_SCALING_MODES,
  REQUEST_RESOURCE_LABEL,
  REQUEST_RESOURCE_LABEL_EXPECTATION,
  REQUESTS_PER_TARGET,
  ROOT_VOLUME_GIB,
  SCHEDULING_BUFFER_SECONDS,
  SPOT_ALLOCATION_STRATEGIES,
  SSM_PARAMETER_NAME,
  SSM_PARAMETER_NAME_EXPECTATION,
} from "./options";

/** Checks the props of the group `scope` with their defaults resolved, before any resource exists. */
export function validateAutoScalingGroup(
  scope: Construct,
  props: AutoScalingGroupProps,
  resolved: ResolvedAutoScalingGroupSettings,
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const whole = (setting: string, value: number, range: { readonly min: number; readonly max: number }) =>
    requireWholeNumber(scope, setting, value, range.min, range.max);

  if (!GROUP_NAME.test(props.name)) {
    fail(`name: ${show(props.name)} is not allowed; expected ${GROUP_NAME_EXPECTATION}`);
  }
  if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 0) {
    fail("subnetIds: [] is empty; expected the private subnets, one per availability zone");
  }
  const typesProblem = checkInstanceTypes(props.instanceTypes);
  if (typesProblem) {
    fail(`instanceTypes: ${show(props.instanceTypes)} ${typesProblem}`);
  }
  if (props.amiParameter !== undefined && !SSM_PARAMETER_NAME.test(props.amiParameter)) {
    fail(
      `amiParameter: ${show(props.amiParameter)} is not an SSM parameter name; expected ${SSM_PARAMETER_NAME_EXPECTATION}`,
    );
  }

  const capacity = {
    minSize: props.minSize,
    maxSize: props.maxSize,
    desiredCapacity: resolved.desiredCapacity,
    onDemandBaseCapacity: resolved.onDemandBaseCapacity,
    onDemandPercentageAboveBase: resolved.onDemandPercentageAboveBase,
    instanceTypes: props.instanceTypes,
  };
  for (const setting of ["minSize", "maxSize", "desiredCapacity", "onDemandBaseCapacity"] as const) {
    whole(setting, capacity[setting], GROUP_SIZE);
  }
  whole("onDemandPercentageAboveBase", capacity.onDemandPercentageAboveBase, PERCENT);
  const sizes = [capacity.minSize, capacity.maxSize, capacity.desiredCapacity, capacity.onDemandBaseCapacity];
  if (!sizes.some((size) => Token.isUnresolved(size))) {
    for (const [setting, problem] of checkCapacity(capacity)) {
      fail(`${setting}: ${show(capacity[setting])} ${problem}`);
    }
  }
  requireOneOf(scope, "spotAllocationStrategy", resolved.spotAllocationStrategy, SPOT_ALLOCATION_STRATEGIES);

  whole("port", props.port, PORT);
  whole("rootVolume.sizeGiB", resolved.rootVolumeSizeGiB, ROOT_VOLUME_GIB);
  whole("healthCheckGracePeriodSeconds", resolved.healthCheckGracePeriodSeconds, HEALTH_CHECK_GRACE_SECONDS);
  whole("instanceRefresh.minHealthyPercentage", resolved.minHealthyPercentage, PERCENT);
  whole("instanceRefresh.instanceWarmupSeconds", resolved.instanceWarmupSeconds, INSTANCE_WARMUP_SECONDS);
  if (resolved.terminationPolicies.length === 0) {
    fail("terminationPolicies: [] is empty; expected at least one policy, e.g. Default");
  }
  for (const policy of resolved.terminationPolicies) {
    const problem = checkTerminationPolicy(policy);
    if (problem) {
      fail(`terminationPolicies: ${show(policy)} ${problem}`);
    }
  }

  whole("scaling.cpuTargetPercent", props.scaling.cpuTargetPercent, CPU_TARGET_PERCENT);
  const requests = props.scaling.requestsPerTarget;
  if (requests) {
    whole("scaling.requestsPerTarget.targetValue", requests.targetValue, REQUESTS_PER_TARGET);
    if (!Token.isUnresolved(requests.resourceLabel) && !REQUEST_RESOURCE_LABEL.test(requests.resourceLabel)) {
      fail(
        `scaling.requestsPerTarget.resourceLabel: ${show(requests.resourceLabel)} is not a request-count resource label; expected ${REQUEST_RESOURCE_LABEL_EXPECTATION}`,
      );
    }
  }
  const predictive = resolved.predictive;
  if (predictive) {
    requireOneOf(scope, "scaling.predictive.mode", predictive.mode, PREDICTIVE_SCALING_MODES);
    whole("scaling.predictive.cpuTargetPercent", predictive.cpuTargetPercent, CPU_TARGET_PERCENT);
    whole("scaling.predictive.schedulingBufferSeconds", predictive.schedulingBufferSeconds, SCHEDULING_BUFFER_SECONDS);
  }

  const names = resolved.scheduled.map((action) => action.name);
  resolved.scheduled.forEach((action, index) => {
    const path = `scaling.scheduled[${index}]`;
    if (names.indexOf(action.name) !== index) {
      fail(`${path}.name: ${show(action.name)} is the name of another scheduled action; expected unique names`);
    }
    for (const setting of ["minSize", "maxSize", "desiredCapacity"] as const) {
      const size = action[setting];
      if (size !== undefined) {
        whole(`${path}.${setting}`, size, GROUP_SIZE);
      }
    }
    for (const [setting, problem] of checkScheduledAction(action, path)) {
      fail(`${setting ? `${path}.${setting}` : path}: ${show(setting ? action[setting] : action)} ${problem}`);
    }
  });
}
