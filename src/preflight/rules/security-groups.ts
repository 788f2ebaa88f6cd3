import type { Block, Model, Stack } from "../model";
import { canonicalValue } from "../references";
import type { PreflightFinding, PreflightRule } from "../rule";

/**
 * One permission of a security group as the EC2 API keys it: group, direction, protocol, port range and one peer.
 * AuthorizeSecurityGroupIngress/Egress refuse a permission the group already has (`InvalidPermission.Duplicate`),
 * whatever the description says, so two rule resources with the same key cannot both be created.
 */
interface Permission {
  readonly key: string;
  readonly stack: Stack;
  readonly block: Block;
  /** How the finding describes the permission. */
  readonly label: string;
}

const PROTOCOLS: Readonly<Record<string, string>> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };

function protocolOf(value: unknown): string {
  const protocol = String(value ?? "-1").toLowerCase();
  return PROTOCOLS[protocol] ?? protocol;
}

function portsOf(protocol: string, from: unknown, to: unknown): string {
  return protocol === "-1" ? "all" : `${String(from ?? "")}-${String(to ?? from ?? "")}`;
}

/** The peers of a rule block: each CIDR, prefix list or security group is a permission of its own. */
function peersOf(model: Model, stack: Stack, body: Readonly<Record<string, unknown>>, group: string): string[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  const canonical = (value: unknown) => canonicalValue(model, stack, value);
  return [
    ...list(body.cidr_ipv4).map((cidr) => `cidr:${String(cidr)}`),
    ...list(body.cidr_ipv6).map((cidr) => `cidr6:${String(cidr)}`),
    ...list(body.cidr_blocks).map((cidr) => `cidr:${String(cidr)}`),
    ...list(body.ipv6_cidr_blocks).map((cidr) => `cidr6:${String(cidr)}`),
    ...list(body.prefix_list_id).map((id) => `pl:${canonical(id)}`),
    ...list(body.prefix_list_ids).map((id) => `pl:${canonical(id)}`),
    ...list(body.referenced_security_group_id).map((id) => `sg:${canonical(id)}`),
    ...list(body.source_security_group_id).map((id) => `sg:${canonical(id)}`),
    ...list(body.security_groups).map((id) => `sg:${canonical(id)}`),
    ...(body.self === true ? [`sg:${group}`] : []),
  ];
}

function permissionsOf(
  model: Model,
  stack: Stack,
  block: Block,
  group: string,
  direction: string,
  body: Readonly<Record<string, unknown>>,
): Permission[] {
  const protocol = protocolOf(body.ip_protocol ?? body.protocol);
  const ports = portsOf(protocol, body.from_port, body.to_port);
  return peersOf(model, stack, body, group).map((peer) => ({
    key: [group, direction, protocol, ports, peer].join("|"),
    stack,
    block,
    label: `${direction} ${protocol === "-1" ? "all traffic" : `${protocol} ${ports}`} ${describePeer(peer)}`,
  }));
}

function describePeer(peer: string): string {
  const [kind, ...rest] = peer.split(":");
  const value = rest.join(":");
  return kind === "sg" ? `with security group ${value}` : kind === "pl" ? `with prefix list ${value}` : `with ${value}`;
}

/** Every permission every stack writes, from standalone rules and inline blocks alike. */
function allPermissions(model: Model): Permission[] {
  const permissions: Permission[] = [];
  for (const stack of model.stacks) {
    for (const block of stack.resources) {
      const body = block.config;
      if (block.type === "aws_vpc_security_group_ingress_rule" || block.type === "aws_vpc_security_group_egress_rule") {
        const group = canonicalValue(model, stack, body.security_group_id);
        const direction = block.type.endsWith("ingress_rule") ? "ingress" : "egress";
        permissions.push(...permissionsOf(model, stack, block, group, direction, body));
      } else if (block.type === "aws_security_group_rule") {
        const group = canonicalValue(model, stack, body.security_group_id);
        permissions.push(...permissionsOf(model, stack, block, group, String(body.type), body));
      } else if (block.type === "aws_security_group") {
        const group = canonicalValue(model, stack, `\${${block.address}.id}`);
        for (const direction of ["ingress", "egress"] as const) {
          const inline = Array.isArray(body[direction]) ? (body[direction] as Record<string, unknown>[]) : [];
          inline.forEach((rule) => permissions.push(...permissionsOf(model, stack, block, group, direction, rule)));
        }
      }
    }
  }
  return permissions;
}

export const duplicateSecurityGroupRules: PreflightRule = {
  id: "PF_SG_DUPLICATE_RULE",
  title: "Two rules grant the same permission (group, direction, protocol, ports, peer)",
  why: "The EC2 API refuses the second one with InvalidPermission.Duplicate, whatever its description, and the apply stops half-way.",
  check(model) {
    const findings: PreflightFinding[] = [];
    const first = new Map<string, Permission>();
    for (const permission of allPermissions(model)) {
      const earlier = first.get(permission.key);
      if (!earlier) {
        first.set(permission.key, permission);
        continue;
      }
      const where =
        earlier.stack === permission.stack ? earlier.block.address : `${earlier.stack.id} ${earlier.block.address}`;
      findings.push({
        rule: this.id,
        stack: permission.stack.id,
        address: permission.block.address,
        message: `${permission.label} is already granted by ${where}; EC2 rejects it as InvalidPermission.Duplicate. Write one rule per distinct permission (for example one per port, not one per service)`,
      });
    }
    return findings;
  },
};

export const mixedSecurityGroupRules: PreflightRule = {
  id: "PF_SG_INLINE_AND_STANDALONE",
  title: "A security group has inline rules and standalone rule resources",
  why: "The provider documents that inline ingress/egress blocks and rule resources on one group fight: each apply removes the other's rules, so the plan never settles.",
  check(model) {
    const findings: PreflightFinding[] = [];
    for (const stack of model.stacks) {
      const inline = stack.resources.filter(
        (block) =>
          block.type === "aws_security_group" &&
          ((Array.isArray(block.config.ingress) && block.config.ingress.length > 0) ||
            (Array.isArray(block.config.egress) && block.config.egress.length > 0)),
      );
      for (const group of inline) {
        const groupId = canonicalValue(model, stack, `\${${group.address}.id}`);
        const standalone = model.stacks.flatMap((other) =>
          other.resources.filter(
            (block) =>
              /^aws_(vpc_security_group_(ingress|egress)_rule|security_group_rule)$/.test(block.type) &&
              canonicalValue(model, other, block.config.security_group_id) === groupId,
          ),
        );
        if (standalone.length > 0) {
          findings.push({
            rule: this.id,
            stack: stack.id,
            address: group.address,
            message: `has inline rules and ${standalone.length} standalone rule resource(s) (${standalone[0].address}); use only standalone rules`,
          });
        }
      }
    }
    return findings;
  },
};
