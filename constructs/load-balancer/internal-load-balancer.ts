import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { allowTcpFrom, allowTcpTo } from "../core/security-group-rules";
import { requireWholeNumber } from "../core/validation";
import { type LoadBalancerMetrics, loadBalancerMetrics } from "./metrics";
import { HEALTH_CHECK_PATH, PATH_PREFIX, PATH_PREFIX_EXPECTATION, overlappingPrefixes } from "../services/options";

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward secrecy only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The highest rule priority an ALB listener takes (ELB API CreateRule: 1 to 50000). */
export const LAST_RULE_PRIORITY = 50_000;

/** A URL rewrite that removes `prefix` from the front of the path (no match: the request goes unchanged). */
function stripPrefix(prefix: string) {
  return {
    type: "url-rewrite",
    urlRewriteConfig: { rewrite: { regex: `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(/.*)$`, replace: "$1" } },
  };
}

/** ALB names are at most 32 characters, and so are target group names. */
const LB_NAME_LENGTH = 32;

/**
 * A target group's name prefix: at most 6 characters (32 less the 26 Terraform adds; elbv2/validate.go
 * validTargetGroupNamePrefix), the target's name cut to 5 and a hyphen: `auth-`, `repor-`.
 */
export function targetGroupNamePrefix(name: string): string {
  return `${name.replace(/[^a-z0-9]/g, "").slice(0, 5)}-`;
}

/** A target group's health check. */
export interface HealthCheckOptions {
  /** HTTP path that answers 2xx or 3xx when the target can serve. */
  readonly path: string;
  /** @default 15 */
  readonly intervalSeconds?: number;
}

export interface InternalLoadBalancerProps {
  /** Name of the load balancer and its security group, at most 32 characters: `acme-prod-internal`. */
  readonly name: string;
  readonly vpcId: string;
  /** Private subnets, one per zone. */
  readonly subnetIds: readonly string[];
  /**
   * ACM certificate of an HTTPS listener on 443 (TLS 1.2+). Without one the listener is HTTP on 80, reachable only
   * inside the VPC from granted security groups and CIDRs.
   *
   * @default - HTTP on 80
   */
  readonly certificateArn?: string;
  /** @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** Seconds a deregistering target keeps serving its in-flight requests. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * A path prefix clients may put in front of every path, which the load balancer removes before routing to the
   * targets: the API stage (`/v1`), which API Gateway puts in front of the path of every request it sends through a
   * private integration (API Gateway Developer Guide, "Private integrations for REST APIs": "API Gateway includes
   * the stage portion of the API endpoint in the request to your backend resources"). Each service rule also
   * matches its prefix behind it, and a last rule sends everything else behind it to the default target; a URL
   * rewrite transform (ELB User Guide, "Transforms for listener rules") strips it, so targets see `/api/...`.
   *
   * @default - paths are routed as they come
   */
  readonly stripPathPrefix?: string;
  /** The target of every request no rule claims: the legacy application, on instances. */
  readonly defaultTarget: {
    /** Short name of the target group: `monolith`. */
    readonly name: string;
    readonly port: number;
    readonly healthCheck: HealthCheckOptions;
  };
}

/** What a service behind the load balancer gets. */
export interface ServiceRoute {
  readonly targetGroup: LbTargetGroup;
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`: with the load balancer's suffix, the label of request-count metrics. */
  readonly targetGroupArnSuffix: string;
  readonly rule: LbListenerRule;
  readonly pathPrefix: string;
  readonly port: number;
}

export interface ServiceRouteOptions {
  /** Short name of the service: the target group is `<load balancer>-<name>-<port>`. */
  readonly name: string;
  /** Port of the service's pods (IP targets). */
  readonly port: number;
  /** The prefix the service owns: the rule matches `<prefix>` and `<prefix>/*`. */
  readonly pathPrefix: string;
  readonly healthCheck: HealthCheckOptions;
}

/**
 * An internal Application Load Balancer owned by Terraform, in front of the services and the legacy monolith (the
 * strangler pattern): one listener whose default action forwards to the monolith's target group, and one rule per
 * service (`addService`) forwarding its path prefix to the service's target group of pod IPs, which the AWS Load
 * Balancer Controller fills through a TargetGroupBinding.
 *
 * - Private: internal scheme, private subnets, a security group with no ingress until `allowFrom`/`allowCidr`, and
 *   egress only to the targets granted with `allowTrafficTo`.
 * - Requests with invalid headers are dropped; deletion protection on unless turned off.
 * - Target groups are named by a prefix that Terraform completes with a unique suffix: a replacement (new port,
 *   protocol, target type or VPC, all of which force one) is created before the old group goes, under a new name.
 *   The `Name` tag carries the readable `<load balancer>-<target>`.
 */
export class InternalLoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly arn: string;
  /** `app/<name>/<id>`, the LoadBalancer dimension of its metrics. */
  public readonly arnSuffix: string;
  /** Requests, 5xx and response time, for dashboards and alarms. */
  public readonly metrics: LoadBalancerMetrics;
  public readonly dnsName: string;
  public readonly listener: LbListener;
  public readonly listenerArn: string;
  public readonly listenerPort: number;
  public readonly securityGroupId: string;
  public readonly defaultTargetGroup: LbTargetGroup;
  public readonly routes: ServiceRoute[] = [];

  private readonly props: InternalLoadBalancerProps;
  private readonly deregistrationDelaySeconds: number;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);

    // Defaults: HTTP on 80 without a certificate, a minute of idle time, 30 s to drain, deletion protection on.
    const idleTimeoutSeconds = props.idleTimeoutSeconds ?? 60;
    this.deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? 30;
    const deletionProtection = props.deletionProtection ?? true;
    this.listenerPort = props.certificateArn ? 443 : 80;
    this.props = props;

    if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(props.name) || props.name.length > LB_NAME_LENGTH) {
      throw new ValidationError(
        `name: ${show(props.name)} is not a load balancer name; expected at most ${LB_NAME_LENGTH} lower-case letters, digits or hyphens, not starting or ending with a hyphen`,
        this,
      );
    }
    if (props.subnetIds.length < 2) {
      throw new ValidationError(
        `subnetIds: ${show(props.subnetIds)} has ${props.subnetIds.length} subnet(s); expected at least two, in different zones`,
        this,
      );
    }
    if (props.stripPathPrefix !== undefined && !/^\/[A-Za-z0-9_-]+$/.test(props.stripPathPrefix)) {
      throw new ValidationError(
        `stripPathPrefix: ${show(props.stripPathPrefix)} is not a path segment; expected "/" and letters, digits, "_" or "-", such as "/v1"`,
        this,
      );
    }
    requireWholeNumber(this, "idleTimeoutSeconds", idleTimeoutSeconds, 1, 4000);
    requireWholeNumber(this, "deregistrationDelaySeconds", this.deregistrationDelaySeconds, 0, 3600);
    this.checkTarget("defaultTarget", props.defaultTarget.port, props.defaultTarget.healthCheck);

    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: props.name,
      description: `Load balancer ${props.name}: granted clients in, granted targets out`,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = securityGroup.id;

    this.loadBalancer = new Lb(this, "Resource", {
      name: props.name,
      internal: true,
      loadBalancerType: "application",
      subnets: [...props.subnetIds],
      securityGroups: [securityGroup.id],
      idleTimeout: idleTimeoutSeconds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: deletionProtection,
      tags: { Name: props.name },
    });
    this.arn = this.loadBalancer.arn;
    this.arnSuffix = this.loadBalancer.arnSuffix;
    this.metrics = loadBalancerMetrics(this.arnSuffix);
    this.dnsName = this.loadBalancer.dnsName;

    this.defaultTargetGroup = this.targetGroup("DefaultTargetGroup", {
      name: props.defaultTarget.name,
      port: props.defaultTarget.port,
      targetType: "instance",
      healthCheck: props.defaultTarget.healthCheck,
    });

    this.listener = new LbListener(this, "Listener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: this.listenerPort,
      protocol: props.certificateArn ? "HTTPS" : "HTTP",
      sslPolicy: props.certificateArn ? TLS_POLICY : undefined,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "forward", targetGroupArn: this.defaultTargetGroup.arn }],
    });
    this.listenerArn = this.listener.arn;

    if (props.stripPathPrefix !== undefined) {
      // Last of all rules (the highest priority number ALB allows): what no service claims, behind the prefix.
      new LbListenerRule(this, "DefaultBehindPrefixRule", {
        listenerArn: this.listener.arn,
        priority: LAST_RULE_PRIORITY,
        condition: [{ pathPattern: { values: [`${props.stripPathPrefix}/*`] } }],
        action: [{ type: "forward", targetGroupArn: this.defaultTargetGroup.arn }],
        transform: [stripPrefix(props.stripPathPrefix)],
        tags: { Name: joinName(this.props.name, props.defaultTarget.name) },
      });
    }
  }

  /**
   * Routes a path prefix to a service's pods: a target group of IP targets and a listener rule matching `<prefix>`
   * and `<prefix>/*`. Rules are numbered in the order services are added.
   */
  public addService(id: string, options: ServiceRouteOptions): ServiceRoute {
    if (!PATH_PREFIX.test(options.pathPrefix)) {
      throw new ValidationError(
        `${id}.pathPrefix: ${show(options.pathPrefix)} is not allowed; expected ${PATH_PREFIX_EXPECTATION}`,
        this,
      );
    }
    const clash = overlappingPrefixes([...this.routes.map((route) => route.pathPrefix), options.pathPrefix]).find(
      ([, second]) => second === this.routes.length,
    );
    if (clash) {
      throw new ValidationError(
        `${id}.pathPrefix: ${show(options.pathPrefix)} overlaps ${show(this.routes[clash[0]].pathPrefix)}, already routed; expected disjoint prefixes`,
        this,
      );
    }
    this.checkTarget(`${id}`, options.port, options.healthCheck);

    const targetGroup = this.targetGroup(`${id}TargetGroup`, {
      name: options.name,
      port: options.port,
      targetType: "ip",
      healthCheck: options.healthCheck,
    });
    const strip = this.props.stripPathPrefix;
    const patterns = [options.pathPrefix, `${options.pathPrefix}/*`];
    const rule = new LbListenerRule(this, `${id}Rule`, {
      listenerArn: this.listener.arn,
      priority: (this.routes.length + 1) * 10,
      condition: [
        { pathPattern: { values: strip ? [...patterns, ...patterns.map((path) => `${strip}${path}`)] : patterns } },
      ],
      action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      transform: strip ? [stripPrefix(strip)] : undefined,
      tags: { Name: joinName(this.props.name, options.name) },
    });
    const route: ServiceRoute = {
      targetGroup,
      targetGroupArn: targetGroup.arn,
      targetGroupArnSuffix: targetGroup.arnSuffix,
      rule,
      pathPrefix: options.pathPrefix,
      port: options.port,
    };
    this.routes.push(route);
    return route;
  }

  /** The `ALBRequestCountPerTarget` resource label of a target group: `<lb suffix>/<target group suffix>`. */
  public requestCountLabel(targetGroupArnSuffix: string): string {
    return `${this.arnSuffix}/${targetGroupArnSuffix}`;
  }

  /** Lets a security group reach the listener. */
  public allowFrom(id: string, securityGroupId: string, description = `Load balancer from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.listenerPort,
      description,
    });
  }

  /** Lets a CIDR block (for example the VPC's) reach the listener. */
  public allowCidr(id: string, cidr: string, description = `Load balancer from ${id}`): void {
    new VpcSecurityGroupIngressRule(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      cidrIpv4: cidr,
      ipProtocol: "tcp",
      fromPort: this.listenerPort,
      toPort: this.listenerPort,
      description,
    });
  }

  /** Lets the load balancer reach targets in a security group on a port (requests and health checks). */
  public allowTrafficTo(id: string, securityGroupId: string, port: number, description = `To ${id}`): void {
    allowTcpTo(this, `${id}Egress`, {
      securityGroupId: this.securityGroupId,
      destinationSecurityGroupId: securityGroupId,
      port,
      description,
    });
  }

  private targetGroup(
    id: string,
    options: { name: string; port: number; targetType: "ip" | "instance"; healthCheck: HealthCheckOptions },
  ): LbTargetGroup {
    return new LbTargetGroup(this, id, {
      namePrefix: targetGroupNamePrefix(options.name),
      vpcId: this.props.vpcId,
      port: options.port,
      protocol: "HTTP",
      targetType: options.targetType,
      deregistrationDelay: String(this.deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        path: options.healthCheck.path,
        port: "traffic-port",
        protocol: "HTTP",
        matcher: "200-399",
        interval: options.healthCheck.intervalSeconds ?? 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
      tags: { Name: joinName(this.props.name, options.name) },
      lifecycle: { createBeforeDestroy: true },
    });
  }

  private checkTarget(setting: string, port: number, healthCheck: HealthCheckOptions): void {
    requireWholeNumber(this, `${setting}.port`, port, 1, 65535);
    if (!HEALTH_CHECK_PATH.test(healthCheck.path)) {
      throw new ValidationError(
        `${setting}.healthCheck.path: ${show(healthCheck.path)} is not an HTTP path; expected a path such as "/healthz"`,
        this,
      );
    }
    requireWholeNumber(this, `${setting}.healthCheck.intervalSeconds`, healthCheck.intervalSeconds ?? 15, 6, 300);
  }
}
