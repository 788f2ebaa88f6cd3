import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { block, blocks, isSet, isTrue } from "./helpers";

/** Instances and nodes: the instance metadata service and network placement of launch templates and node groups. */
export const COMPUTE_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_79",
    rationale: "Instances require IMDSv2 session tokens, which blocks SSRF-style theft of their role credentials.",
    severity: "error",
    resourceTypes: ["aws_launch_template"],
    fix: 'set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }',
    check: (template) => {
      const options = block(template.config.metadata_options);
      if (options?.http_endpoint === "disabled") {
        return undefined;
      }
      return options?.http_tokens === "required"
        ? undefined
        : `metadata_options.http_tokens is ${show(options?.http_tokens)}, not "required"`;
    },
  },
  {
    id: "CKV_AWS_341",
    rationale: "A metadata hop limit of 1 keeps containers from reaching the node's instance credentials.",
    severity: "warning",
    resourceTypes: ["aws_launch_template"],
    fix: "set metadataOptions.httpPutResponseHopLimit: 1 (pods get credentials through EKS Pod Identity)",
    check: (template) => {
      const options = block(template.config.metadata_options);
      if (options?.http_endpoint === "disabled") {
        return undefined;
      }
      const limit = options?.http_put_response_hop_limit;
      return limit === 1 || limit === "1"
        ? undefined
        : `metadata_options.http_put_response_hop_limit is ${show(limit)}, not 1`;
    },
  },
  {
    id: "CKV_AWS_88",
    rationale: "Instances sit in private subnets and never get a public IP address.",
    severity: "error",
    resourceTypes: ["aws_launch_template"],
    fix: "remove associatePublicIpAddress from networkInterfaces (or set it to false)",
    check: (template) =>
      blocks(template.config.network_interfaces).some((network) => isTrue(network.associate_public_ip_address))
        ? "a network interface sets associate_public_ip_address"
        : undefined,
  },
  {
    id: "CKV_AWS_100",
    rationale: "SSH to nodes, if enabled at all, is limited to named source security groups.",
    severity: "error",
    resourceTypes: ["aws_eks_node_group"],
    fix: "set remoteAccess.sourceSecurityGroupIds, or better remove remoteAccess and use SSM Session Manager",
    check: (group) => {
      const remote = block(group.config.remote_access);
      return remote && isSet(remote.ec2_ssh_key) && !isSet(remote.source_security_group_ids)
        ? "remote_access sets ec2_ssh_key without source_security_group_ids, so SSH is open to 0.0.0.0/0"
        : undefined;
    },
  },
];
