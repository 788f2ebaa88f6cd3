import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { propertyAccess, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { awsContext } from "../core/aws-context";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../core/log-retention";
import { cloudWatchLogsGrant, EncryptionKey } from "../kms/encryption-key";
import { INTERFACE_ENDPOINT_IDS, type InterfaceEndpointService, NAT_STRATEGIES, type NatStrategy } from "./options";
import { checkVpcCidr, planSubnets, SUPPORTED_AZ_COUNTS, type SubnetLayout } from "./subnet-layout";

export interface NetworkProps {
  /** Prefix of every name, `<project>-<environment>`. */
  readonly namePrefix: string;
  /** Region of the stack's provider; endpoint service names and the log service principal depend on it. */
  readonly region: string;
  /** The VPC's IPv4 block, /16 to /23 inside an RFC 1918 range. Subnet CIDRs are computed from it (see `planSubnets`). */
  readonly vpcCidr: string;
  /**
   * Number of availability zones the subnets span.
   *
   * @default 3
   */
  readonly azCount?: number;
  /**
   * Availability zone names to use, exactly `azCount` of them.
   *
   * @default - the region's first `azCount` available zones, opt-in (Local) zones excluded
   */
  readonly availabilityZones?: readonly string[];
  /**
   * NAT strategy for the private subnets.
   *
   * @default "one-per-az"
   */
  readonly natGateways?: NatStrategy;
  /**
   * Interface endpoints to create in the private subnets.
   *
   * @default - none (the S3 gateway endpoint is always created)
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
  /**
   * Retention of the VPC flow log group, in days (a CloudWatch Logs retention period).
   *
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Flow log aggregation interval in seconds: 60 or 600.
   *
   * @default 60
   */
  readonly flowLogAggregationSeconds?: number;
  /**
   * Adds `lifecycle.prevent_destroy` to the flow logs' KMS key, so that a plan that would delete it (and with it
   * every flow log it encrypts) fails. Production turns it on (guardrail PLAT_PREVENT_DESTROY).
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * A VPC in three tiers per availability zone:
 * - public: load balancers and NAT gateways, routed to the internet gateway;
 * - private: workloads (EKS nodes, the monolith's instances), egress through NAT, tagged for internal load balancers;
 * - data: databases, caches and brokers, with no route to or from the internet at all.
 *
 * Plus an S3 gateway endpoint, optional interface endpoints, VPC flow logs to a KMS-encrypted log group, and the
 * default security group stripped of every rule.
 */
export class Network extends Construct {
  /** The `aws_vpc`. */
  public readonly vpc: Vpc;
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  /** Availability zone of each AZ index (subnet lists are in the same order). */
  public readonly availabilityZones: readonly string[];
  /** The computed subnet CIDRs per tier. */
  public readonly subnetCidrs: SubnetLayout;
  public readonly publicSubnetIds: readonly string[];
  public readonly privateSubnetIds: readonly string[];
  public readonly dataSubnetIds: readonly string[];
  public readonly publicRouteTableId: string;
  /** One private route table per AZ. */
  public readonly privateRouteTableIds: readonly string[];
  public readonly dataRouteTableId: string;
  public readonly natGatewayIds: readonly string[];
  /** Security group of the interface endpoints, when there are any. */
  public readonly endpointSecurityGroupId?: string;
  public readonly flowLogGroupName: string;
  public readonly flowLogKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    // Defaults: production shape. Three AZs, a NAT gateway per AZ, a year of one-minute flow logs.
    const azCount = props.azCount ?? 3;
    const natStrategy = props.natGateways ?? "one-per-az";
    const endpointServices = [...new Set(props.interfaceEndpoints ?? [])];
    const flowLogRetentionDays = props.flowLogRetentionDays ?? 365;
    const flowLogAggregationSeconds = props.flowLogAggregationSeconds ?? 60;

    this.validate(props, azCount, natStrategy, endpointServices, flowLogRetentionDays, flowLogAggregationSeconds);

    const name = (...parts: string[]) => joinName(props.namePrefix, ...parts);
    const zoneIndexes = Array.from({ length: azCount }, (_, index) => index);
    const zoneLabel = (index: number) => `az${index + 1}`;

    this.subnetCidrs = planSubnets(props.vpcCidr, azCount);
    this.vpcCidr = props.vpcCidr;

    this.vpc = new Vpc(this, "Resource", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name("vpc") },
    });
    this.vpcId = this.vpc.id;

    // The default security group is attached to anything launched without one; with no rules it lets nothing in
    // or out, so forgetting a security group fails closed (CKV2_AWS_12, AVD-AWS-0173).
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      tags: { Name: name("default-deny-all") },
    });

    if (props.availabilityZones) {
      this.availabilityZones = [...props.availabilityZones];
    } else {
      const zones = new DataAwsAvailabilityZones(this, "AvailabilityZones", {
        state: "available",
        filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
        lifecycle: {
          postcondition: [
            {
              condition: `\${length(self.names) >= ${azCount}}`,
              errorMessage: `The network needs ${azCount} availability zones, but ${props.region} has fewer available.`,
            },
          ],
        },
      });
      this.availabilityZones = zoneIndexes.map((index) => Token.asString(propertyAccess(zones.names, [index])));
    }

    const internetGateway = new InternetGateway(this, "InternetGateway", {
      vpcId: this.vpc.id,
      tags: { Name: name("igw") },
    });

    // Public tier: one route table with the internet route, shared by every public subnet.
    const publicSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `PublicSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.public[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("public", zoneLabel(index)), Tier: "public", "kubernetes.io/role/elb": "1" },
        }),
    );
    const publicRouteTable = new RouteTable(this, "PublicRouteTable", {
      vpcId: this.vpc.id,
      tags: { Name: name("public") },
    });
    new Route(this, "PublicInternetRoute", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    publicSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `PublicRouteTableAssociation${index + 1}`, {
          subnetId: subnet.id,
          routeTableId: publicRouteTable.id,
        }),
    );

    // NAT gateways, per strategy. Zonal ones live in public subnets and need an EIP each; the regional one is
    // attached to the VPC and gets its addresses from AWS.
    const natGateways: NatGateway[] = [];
    if (natStrategy === "regional") {
      natGateways.push(
        new NatGateway(this, "RegionalNatGateway", {
          availabilityMode: "regional",
          connectivityType: "public",
          vpcId: this.vpc.id,
          tags: { Name: name("nat-regional") },
          dependsOn: [internetGateway],
        }),
      );
    } else {
      const natZones = natStrategy === "single" ? [0] : zoneIndexes;
      for (const index of natZones) {
        const eip = new Eip(this, `NatEip${index + 1}`, {
          domain: "vpc",
          tags: { Name: name("nat", zoneLabel(index)) },
          dependsOn: [internetGateway],
        });
        natGateways.push(
          new NatGateway(this, `NatGateway${index + 1}`, {
            allocationId: eip.allocationId,
            subnetId: publicSubnets[index].id,
            connectivityType: "public",
            tags: { Name: name("nat", zoneLabel(index)) },
            dependsOn: [internetGateway],
          }),
        );
      }
    }
    const natFor = (index: number) => (natStrategy === "one-per-az" ? natGateways[index] : natGateways[0]);

    // Private tier: a route table per AZ, so that each AZ can have its own NAT gateway and switching strategies
    // only changes routes.
    const privateSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `PrivateSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.private[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("private", zoneLabel(index)), Tier: "private", "kubernetes.io/role/internal-elb": "1" },
        }),
    );
    const privateRouteTables = zoneIndexes.map((index) => {
      const table = new RouteTable(this, `PrivateRouteTable${index + 1}`, {
        vpcId: this.vpc.id,
        tags: { Name: name("private", zoneLabel(index)) },
      });
      new Route(this, `PrivateNatRoute${index + 1}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natFor(index).id,
      });
      new RouteTableAssociation(this, `PrivateRouteTableAssociation${index + 1}`, {
        subnetId: privateSubnets[index].id,
        routeTableId: table.id,
      });
      return table;
    });

    // Data tier: isolated. Its route table holds only the local route (and the S3 endpoint's prefix list).
    const dataSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `DataSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.data[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("data", zoneLabel(index)), Tier: "data" },
        }),
    );
    const dataRouteTable = new RouteTable(this, "DataRouteTable", {
      vpcId: this.vpc.id,
      tags: { Name: name("data") },
    });
    dataSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `DataRouteTableAssociation${index + 1}`, {
          subnetId: subnet.id,
          routeTableId: dataRouteTable.id,
        }),
    );

    // S3 through the gateway endpoint: free, keeps ECR layer pulls and backups off the NAT gateways.
    new VpcEndpoint(this, "S3Endpoint", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [...privateRouteTables.map((table) => table.id), dataRouteTable.id],
      tags: { Name: name("s3") },
    });

    if (endpointServices.length > 0) {
      const endpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", {
        name: name("vpc-endpoints"),
        description: "Interface VPC endpoints: HTTPS from inside the VPC",
        vpcId: this.vpc.id,
        tags: { Name: name("vpc-endpoints") },
      });
      new VpcSecurityGroupIngressRule(this, "EndpointHttpsIngress", {
        securityGroupId: endpointSecurityGroup.id,
        description: "HTTPS from the VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: props.vpcCidr,
      });
      for (const service of endpointServices) {
        new VpcEndpoint(this, INTERFACE_ENDPOINT_IDS[service], {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: privateSubnets.map((subnet) => subnet.id),
          securityGroupIds: [endpointSecurityGroup.id],
          tags: { Name: name(service.replace(/\./g, "-")) },
        });
      }
      this.endpointSecurityGroupId = endpointSecurityGroup.id;
    }

    this.flowLogGroupName = `/${props.namePrefix}/vpc/flow-logs`;
    this.flowLogKey = new EncryptionKey(this, "FlowLogKey", {
      aliasName: name("vpc-flow-logs"),
      description: `Encrypts the VPC flow logs of ${props.namePrefix}`,
      serviceGrants: [cloudWatchLogsGrant(this, props.region, [this.flowLogGroupName])],
      preventDestroy: props.preventDestroy ?? false,
    });
    this.createFlowLog(props.region, name("vpc-flow-logs"), flowLogRetentionDays, flowLogAggregationSeconds);

    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.dataSubnetIds = dataSubnets.map((subnet) => subnet.id);
    this.publicRouteTableId = publicRouteTable.id;
    this.privateRouteTableIds = privateRouteTables.map((table) => table.id);
    this.dataRouteTableId = dataRouteTable.id;
    this.natGatewayIds = natGateways.map((gateway) => gateway.id);
  }

  private createFlowLog(region: string, roleName: string, retentionDays: number, aggregationSeconds: number): void {
    const context = awsContext(this);
    const logGroup = new CloudwatchLogGroup(this, "FlowLogGroup", {
      name: this.flowLogGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: this.flowLogKey.keyArn,
    });

    // The flow logs service may assume the role only for flow logs of this account and region (confused deputy).
    const trust = new DataAwsIamPolicyDocument(this, "FlowLogTrustPolicy", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [context.accountId] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:${context.partition}:ec2:${region}:${context.accountId}:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    const role = new IamRole(this, "FlowLogRole", {
      name: roleName,
      description: "Lets VPC flow logs write to their log group",
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(this, "FlowLogPermissions", {
      statement: [
        {
          sid: "WriteFlowLogs",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
          resources: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "FlowLogRolePolicy", {
      name: "write-flow-logs",
      role: role.id,
      policy: permissions.json,
    });
    new FlowLog(this, "FlowLog", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: aggregationSeconds,
      tags: { Name: roleName },
      // Delivery starts with the role's permissions: the policy first.
      dependsOn: [rolePolicy],
    });
  }

  private validate(
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
        this,
      );
    }
    const cidrProblem = checkVpcCidr(props.vpcCidr);
    if (cidrProblem) {
      throw new ValidationError(`vpcCidr: ${show(props.vpcCidr)} ${cidrProblem}`, this);
    }
    if (!SUPPORTED_AZ_COUNTS.includes(azCount)) {
      throw new ValidationError(
        `azCount: ${azCount} is not supported; expected ${SUPPORTED_AZ_COUNTS.join(" or ")}`,
        this,
      );
    }
    if (props.availabilityZones && props.availabilityZones.length !== azCount) {
      throw new ValidationError(
        `availabilityZones: ${show(props.availabilityZones)} lists ${props.availabilityZones.length} zones; expected exactly azCount (${azCount})`,
        this,
      );
    }
    if (!(NAT_STRATEGIES as readonly string[]).includes(natStrategy)) {
      throw new ValidationError(
        `natGateways: ${show(natStrategy)} is not allowed; expected one of ${NAT_STRATEGIES.join(", ")}`,
        this,
      );
    }
    const unknownEndpoints = endpointServices.filter((service) => !(service in INTERFACE_ENDPOINT_IDS));
    if (unknownEndpoints.length > 0) {
      throw new ValidationError(
        `interfaceEndpoints: ${show(unknownEndpoints[0])} is not a known endpoint; expected any of ${Object.keys(INTERFACE_ENDPOINT_IDS).join(", ")}`,
        this,
      );
    }
    if (!isLogRetentionDays(flowLogRetentionDays)) {
      throw new ValidationError(
        `flowLogRetentionDays: ${flowLogRetentionDays} is not a CloudWatch Logs retention period; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
        this,
      );
    }
    if (flowLogAggregationSeconds !== 60 && flowLogAggregationSeconds !== 600) {
      throw new ValidationError(
        `flowLogAggregationSeconds: ${flowLogAggregationSeconds} is not allowed; expected 60 or 600`,
        this,
      );
    }
  }
}
