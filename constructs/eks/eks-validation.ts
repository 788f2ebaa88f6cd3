import { Token } from "cdktf";
import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf } from "../core/validation";
import type { EksClusterProps } from "./eks-props";
import { IPV4_CIDR, KUBERNETES_VERSIONS, SECURITY_GROUP_ID } from "./options";

/** Checks the props of the cluster `scope`, with their defaults resolved, before any resource exists. */
export function validateEksCluster(
  scope: Construct,
  props: EksClusterProps,
  endpointPublicAccess: boolean,
  publicAccessCidrs: readonly string[],
  logRetentionDays: number,
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  requireOneOf(scope, "kubernetesVersion", props.kubernetesVersion, KUBERNETES_VERSIONS);
  const zones = props.subnetIds.length;
  if (!Token.isUnresolved(props.subnetIds) && zones < 2) {
    fail(`subnetIds: ${zones} subnets; expected at least 2, in different availability zones (EKS requires two)`);
  }
  if (endpointPublicAccess && publicAccessCidrs.length === 0) {
    fail(
      "publicAccessCidrs: [] is empty while the public endpoint is on; expected the CIDRs allowed to reach it (EKS would otherwise open it to 0.0.0.0/0)",
    );
  }
  if (!endpointPublicAccess && publicAccessCidrs.length > 0) {
    fail(`publicAccessCidrs: ${show(publicAccessCidrs)} has no effect with the public endpoint off; expected []`);
  }
  const badCidr = publicAccessCidrs.find((cidr) => !IPV4_CIDR.test(cidr));
  if (badCidr !== undefined) {
    fail(`publicAccessCidrs: ${show(badCidr)} is not an IPv4 CIDR block; expected one such as 203.0.113.0/24`);
  }
  requireLogRetentionDays(scope, "logRetentionDays", logRetentionDays);
  if (props.admins.length === 0) {
    fail(
      "admins: [] is empty; expected at least the IAM role that installs into the cluster (the CI deploy role), or nobody can use it",
    );
  }
  const badGroup = (props.apiAccess?.securityGroupIds ?? []).find(
    (id) => !Token.isUnresolved(id) && !SECURITY_GROUP_ID.test(id),
  );
  if (badGroup !== undefined) {
    fail(
      `apiAccess.securityGroupIds: ${show(badGroup)} is not a security group id; expected one such as sg-0123456789abcdef0`,
    );
  }
  const badApiCidr = (props.apiAccess?.cidrs ?? []).find((cidr) => !IPV4_CIDR.test(cidr));
  if (badApiCidr !== undefined) {
    fail(`apiAccess.cidrs: ${show(badApiCidr)} is not an IPv4 CIDR block; expected one such as 10.100.0.0/16`);
  }
  const { systemNodeGroup, nodeGroups = {} } = props;
  if (systemNodeGroup !== undefined && nodeGroups[systemNodeGroup] === undefined) {
    fail(
      `systemNodeGroup: ${show(systemNodeGroup)} is not one of the node groups; expected one of ${Object.keys(nodeGroups).join(", ") || "(none defined)"}`,
    );
  }
}
