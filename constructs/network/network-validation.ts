import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../core/log-retention";
import type { NetworkProps } from "./network-props";
import { INTERFACE_ENDPOINT_IDS, NAT_STRATEGIES } from "./options";
import { checkVpcCidr, SUPPORTED_AZ_COUNTS } from "./subnet-layout";

/** Checks the props of the network `scope` with their defaults resolved, before any resource exists. */
export function validateNetwork(
  scope: Construct,
  props: NetworkProps,
  azCount: number,
  natStrategy: string,
  endpointServices: readonly string[],
  flowLogRetentionDays: number,
  flowLogAggregationSeconds: number,
): void {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(props.namePrefix)) {
    throw new ValidationError(
      `namePrefix: ${show(props.namePrefix)} is not allowed; expected lower-case letters, digits and hyphens`,
      scope,
    );
  }
  const cidrProblem = checkVpcCidr(props.vpcCidr);
  if (cidrProblem) {
    throw new ValidationError(`vpcCidr: ${show(props.vpcCidr)} ${cidrProblem}`, scope);
  }
  if (!SUPPORTED_AZ_COUNTS.includes(azCount)) {
    throw new ValidationError(
      `azCount: ${azCount} is not supported; expected ${SUPPORTED_AZ_COUNTS.join(" or ")}`,
      scope,
    );
  }
  if (props.availabilityZones && props.availabilityZones.length !== azCount) {
    throw new ValidationError(
      `availabilityZones: ${show(props.availabilityZones)} lists ${props.availabilityZones.length} zones; expected exactly azCount (${azCount})`,
      scope,
    );
  }
  if (!(NAT_STRATEGIES as readonly string[]).includes(natStrategy)) {
    throw new ValidationError(
      `natGateways: ${show(natStrategy)} is not allowed; expected one of ${NAT_STRATEGIES.join(", ")}`,
      scope,
    );
  }
  const unknownEndpoints = endpointServices.filter((service) => !(service in INTERFACE_ENDPOINT_IDS));
  if (unknownEndpoints.length > 0) {
    throw new ValidationError(
      `interfaceEndpoints: ${show(unknownEndpoints[0])} is not a known endpoint; expected any of ${Object.keys(INTERFACE_ENDPOINT_IDS).join(", ")}`,
      scope,
    );
  }
  if (!isLogRetentionDays(flowLogRetentionDays)) {
    throw new ValidationError(
      `flowLogRetentionDays: ${flowLogRetentionDays} is not a CloudWatch Logs retention period; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
      scope,
    );
  }
  if (flowLogAggregationSeconds !== 60 && flowLogAggregationSeconds !== 600) {
    throw new ValidationError(
      `flowLogAggregationSeconds: ${flowLogAggregationSeconds} is not allowed; expected 60 or 600`,
      scope,
    );
  }
}
