import { Network, type NetworkProps } from "../../constructs/network/network";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../../constructs/network/options";
import { dataNamed, listOf, named, onlyOf, ref, resourcesOf, synth, testStack, type StackJson } from "../helpers";

const BASE: NetworkProps = { namePrefix: "acme-test", region: "eu-west-1", vpcCidr: "10.0.0.0/16" };

function build(props: Partial<NetworkProps> = {}): { json: StackJson; network: Network } {
  const stack = testStack();
  const network = new Network(stack, "network", { ...BASE, ...props });
  return { json: synth(stack), network };
}

function subnetsOfTier(json: StackJson, tier: string): any[] {
  return listOf(json, "aws_subnet").filter((subnet) => subnet.tags.Tier === tier);
}

describe("Network", () => {
  describe("subnets", () => {
    test.each([2, 3])("creates one subnet per tier in each of %i AZs", (azCount) => {
      const { json } = build({ azCount });

      expect(listOf(json, "aws_subnet")).toHaveLength(azCount * 3);
      for (const tier of ["public", "private", "data"]) {
        expect(subnetsOfTier(json, tier)).toHaveLength(azCount);
      }
    });

    test("computes subnet CIDRs from the VPC CIDR", () => {
      const { json, network } = build({ vpcCidr: "10.20.0.0/16", azCount: 3 });

      const cidrs = (tier: string) => subnetsOfTier(json, tier).map((subnet) => subnet.cidr_block);
      expect(cidrs("private")).toEqual(["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"]);
      expect(cidrs("public")).toEqual(["10.20.192.0/21", "10.20.200.0/21", "10.20.208.0/21"]);
      expect(cidrs("data")).toEqual(["10.20.224.0/21", "10.20.232.0/21", "10.20.240.0/21"]);
      expect(network.subnetCidrs.private).toEqual(cidrs("private"));
    });

    test("keeps the first AZs' subnets in place when a third AZ is added", () => {
      const two = build({ azCount: 2 }).json;
      const three = build({ azCount: 3 }).json;

      for (const id of ["PublicSubnet1", "PrivateSubnet2", "DataSubnet2"]) {
        expect(named(three, "aws_subnet", id)).toEqual(named(two, "aws_subnet", id));
      }
    });

    test("spreads each tier over the region's first available AZs, Local Zones excluded", () => {
      const { json } = build({ azCount: 3 });

      const [zonesId, zones] = Object.entries(json.data?.aws_availability_zones ?? {})[0];
      expect(zones).toMatchObject({
        state: "available",
        filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      });
      expect(zones.lifecycle.postcondition).toEqual([
        {
          condition: "${length(self.names) >= 3}",
          error_message: "The network needs 3 availability zones, but eu-west-1 has fewer available.",
        },
      ]);
      // Index access (not element()), so that a region with too few zones fails instead of wrapping around.
      expect(subnetsOfTier(json, "private").map((subnet) => subnet.availability_zone)).toEqual(
        [0, 1, 2].map((index) => `\${data.aws_availability_zones.${zonesId}.names.${index}}`),
      );
    });

    test("uses pinned availability zones literally and reads no zone data source", () => {
      const { json, network } = build({ azCount: 2, availabilityZones: ["eu-west-1b", "eu-west-1c"] });

      expect(json.data?.aws_availability_zones).toBeUndefined();
      expect(subnetsOfTier(json, "data").map((subnet) => subnet.availability_zone)).toEqual([
        "eu-west-1b",
        "eu-west-1c",
      ]);
      expect(network.availabilityZones).toEqual(["eu-west-1b", "eu-west-1c"]);
    });

    test("tags public subnets for internet-facing and private subnets for internal load balancers", () => {
      const { json } = build();

      for (const subnet of subnetsOfTier(json, "public")) {
        expect(subnet.tags).toMatchObject({ "kubernetes.io/role/elb": "1" });
        expect(subnet.tags).not.toHaveProperty("kubernetes.io/role/internal-elb");
      }
      for (const subnet of subnetsOfTier(json, "private")) {
        expect(subnet.tags).toMatchObject({ "kubernetes.io/role/internal-elb": "1" });
        expect(subnet.tags).not.toHaveProperty("kubernetes.io/role/elb");
      }
      for (const subnet of subnetsOfTier(json, "data")) {
        expect(Object.keys(subnet.tags).filter((key) => key.startsWith("kubernetes.io"))).toEqual([]);
      }
    });

    test("never assigns public IPs on launch", () => {
      const { json } = build();

      expect(listOf(json, "aws_subnet").map((subnet) => subnet.map_public_ip_on_launch)).toEqual(Array(9).fill(false));
    });

    test("names subnets after project, environment, tier and AZ", () => {
      const { json } = build();

      expect(named(json, "aws_subnet", "PrivateSubnet2")[1].tags.Name).toBe("acme-test-private-az2");
    });
  });

  describe("internet egress", () => {
    test("routes the public route table to the internet gateway and associates every public subnet", () => {
      const { json } = build({ azCount: 3 });

      const [igwId] = named(json, "aws_internet_gateway", "InternetGateway");
      const [publicTableId] = named(json, "aws_route_table", "PublicRouteTable");
      expect(named(json, "aws_route", "PublicInternetRoute")[1]).toEqual({
        route_table_id: ref("aws_route_table", publicTableId),
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: ref("aws_internet_gateway", igwId),
      });
      const publicAssociations = listOf(json, "aws_route_table_association").filter(
        (association) => association.route_table_id === ref("aws_route_table", publicTableId),
      );
      expect(publicAssociations).toHaveLength(3);
    });

    test.each([
      ["single", 1, 1],
      ["one-per-az", 3, 3],
      ["regional", 1, 0],
    ] as const)("NAT strategy %s creates %i NAT gateway(s) and %i EIP(s)", (natGateways, gateways, eips) => {
      const { json, network } = build({ azCount: 3, natGateways });

      expect(listOf(json, "aws_nat_gateway")).toHaveLength(gateways);
      expect(listOf(json, "aws_eip")).toHaveLength(eips);
      expect(network.natGatewayIds).toHaveLength(gateways);
    });

    test("a single NAT gateway sits in the first public subnet and serves every private route table", () => {
      const { json } = build({ azCount: 3, natGateways: "single" });

      const [natId, nat] = named(json, "aws_nat_gateway", "NatGateway1");
      const [eipId] = named(json, "aws_eip", "NatEip1");
      const [subnetId] = named(json, "aws_subnet", "PublicSubnet1");
      expect(nat).toMatchObject({
        allocation_id: ref("aws_eip", eipId, "allocation_id"),
        subnet_id: ref("aws_subnet", subnetId),
      });
      for (const index of [1, 2, 3]) {
        const [tableId] = named(json, "aws_route_table", `PrivateRouteTable${index}`);
        expect(named(json, "aws_route", `PrivateNatRoute${index}`)[1]).toEqual({
          route_table_id: ref("aws_route_table", tableId),
          destination_cidr_block: "0.0.0.0/0",
          nat_gateway_id: ref("aws_nat_gateway", natId),
        });
      }
    });

    test("one NAT gateway per AZ: each private route table uses the NAT gateway of its own AZ", () => {
      const { json } = build({ azCount: 3, natGateways: "one-per-az" });

      for (const index of [1, 2, 3]) {
        const [natId, nat] = named(json, "aws_nat_gateway", `NatGateway${index}`);
        const [publicSubnetId] = named(json, "aws_subnet", `PublicSubnet${index}`);
        expect(nat.subnet_id).toBe(ref("aws_subnet", publicSubnetId));
        expect(named(json, "aws_route", `PrivateNatRoute${index}`)[1].nat_gateway_id).toBe(
          ref("aws_nat_gateway", natId),
        );
      }
    });

    test("a regional NAT gateway is attached to the VPC, not to a subnet, and serves every AZ", () => {
      const { json } = build({ azCount: 2, natGateways: "regional" });

      const [natId, nat] = named(json, "aws_nat_gateway", "RegionalNatGateway");
      const [vpcId] = Object.entries(resourcesOf(json, "aws_vpc"))[0];
      expect(nat).toMatchObject({
        availability_mode: "regional",
        connectivity_type: "public",
        vpc_id: ref("aws_vpc", vpcId),
      });
      expect(nat).not.toHaveProperty("subnet_id");
      expect(
        listOf(json, "aws_route").filter((route) => route.nat_gateway_id === ref("aws_nat_gateway", natId)),
      ).toHaveLength(2);
    });

    test("associates each private subnet with the route table of its AZ", () => {
      const { json } = build({ azCount: 2 });

      for (const index of [1, 2]) {
        const [subnetId] = named(json, "aws_subnet", `PrivateSubnet${index}`);
        const [tableId] = named(json, "aws_route_table", `PrivateRouteTable${index}`);
        expect(named(json, "aws_route_table_association", `PrivateRouteTableAssociation${index}`)[1]).toEqual({
          subnet_id: ref("aws_subnet", subnetId),
          route_table_id: ref("aws_route_table", tableId),
        });
      }
    });
  });

  describe("data tier", () => {
    test("data subnets use a route table with no route at all: no internet, no NAT", () => {
      const { json } = build({ azCount: 3 });

      const [dataTableId, dataTable] = named(json, "aws_route_table", "DataRouteTable");
      const dataTableRef = ref("aws_route_table", dataTableId);
      expect(dataTable).not.toHaveProperty("route");
      expect(listOf(json, "aws_route").filter((route) => route.route_table_id === dataTableRef)).toEqual([]);
      for (const index of [1, 2, 3]) {
        const [subnetId] = named(json, "aws_subnet", `DataSubnet${index}`);
        const associations = listOf(json, "aws_route_table_association").filter(
          (association) => association.subnet_id === ref("aws_subnet", subnetId),
        );
        expect(associations).toEqual([{ subnet_id: ref("aws_subnet", subnetId), route_table_id: dataTableRef }]);
      }
    });

    test("the S3 gateway endpoint serves the private and data route tables", () => {
      const { json } = build({ azCount: 2 });

      const [, endpoint] = named(json, "aws_vpc_endpoint", "S3Endpoint");
      const tables = ["PrivateRouteTable1", "PrivateRouteTable2", "DataRouteTable"].map((id) =>
        ref("aws_route_table", named(json, "aws_route_table", id)[0]),
      );
      expect(endpoint).toMatchObject({
        service_name: "com.amazonaws.eu-west-1.s3",
        vpc_endpoint_type: "Gateway",
        route_table_ids: tables,
      });
    });
  });

  describe("interface endpoints", () => {
    test("creates none, and no endpoint security group, by default", () => {
      const { json, network } = build();

      expect(listOf(json, "aws_vpc_endpoint").map((endpoint) => endpoint.vpc_endpoint_type)).toEqual(["Gateway"]);
      expect(listOf(json, "aws_security_group")).toEqual([]);
      expect(network.endpointSecurityGroupId).toBeUndefined();
    });

    test("creates the requested endpoints in the private subnets with private DNS", () => {
      const { json } = build({ azCount: 2, interfaceEndpoints: DEFAULT_INTERFACE_ENDPOINTS });

      const interfaces = listOf(json, "aws_vpc_endpoint").filter(
        (endpoint) => endpoint.vpc_endpoint_type === "Interface",
      );
      expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual([
        "com.amazonaws.eu-west-1.ecr.api",
        "com.amazonaws.eu-west-1.ecr.dkr",
        "com.amazonaws.eu-west-1.logs",
        "com.amazonaws.eu-west-1.sts",
      ]);
      const privateSubnets = [1, 2].map((index) =>
        ref("aws_subnet", named(json, "aws_subnet", `PrivateSubnet${index}`)[0]),
      );
      const [groupId] = named(json, "aws_security_group", "EndpointSecurityGroup");
      for (const endpoint of interfaces) {
        expect(endpoint).toMatchObject({
          private_dns_enabled: true,
          subnet_ids: privateSubnets,
          security_group_ids: [ref("aws_security_group", groupId)],
        });
      }
    });

    test("the endpoint security group admits HTTPS from the VPC CIDR only", () => {
      const { json } = build({ interfaceEndpoints: ["sts"] });

      const [groupId, group] = named(json, "aws_security_group", "EndpointSecurityGroup");
      expect(group).not.toHaveProperty("ingress");
      expect(group).not.toHaveProperty("egress");
      expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({
        security_group_id: ref("aws_security_group", groupId),
        description: "HTTPS from the VPC",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
      });
    });
  });

  describe("flow logs", () => {
    test("captures all traffic of the VPC into the flow log group through the flow log role", () => {
      const { json } = build({ flowLogAggregationSeconds: 600 });

      const [vpcId] = Object.entries(resourcesOf(json, "aws_vpc"))[0];
      const [groupId] = named(json, "aws_cloudwatch_log_group", "FlowLogGroup");
      const [roleId] = named(json, "aws_iam_role", "FlowLogRole");
      expect(onlyOf(json, "aws_flow_log")).toMatchObject({
        vpc_id: ref("aws_vpc", vpcId),
        traffic_type: "ALL",
        log_destination_type: "cloud-watch-logs",
        log_destination: ref("aws_cloudwatch_log_group", groupId, "arn"),
        iam_role_arn: ref("aws_iam_role", roleId, "arn"),
        max_aggregation_interval: 600,
      });
    });

    test("encrypts the log group with its own rotating customer-managed key and keeps logs for the retention period", () => {
      const { json } = build({ flowLogRetentionDays: 90 });

      const [keyId, key] = named(json, "aws_kms_key", "FlowLogKey");
      expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(onlyOf(json, "aws_cloudwatch_log_group")).toEqual({
        name: "/acme-test/vpc/flow-logs",
        retention_in_days: 90,
        kms_key_id: ref("aws_kms_key", keyId, "arn"),
      });
    });

    test.each([
      [{}, undefined],
      [{ preventDestroy: false }, undefined],
      [{ preventDestroy: true }, { prevent_destroy: true }],
    ])("preventDestroy %j sets the key's lifecycle to %j", (props, lifecycle) => {
      const { json } = build(props);

      expect(named(json, "aws_kms_key", "FlowLogKey")[1].lifecycle).toEqual(lifecycle);
    });

    test("the key lets CloudWatch Logs use it only for the flow log group", () => {
      const { json } = build();

      const statements = dataNamed(json, "aws_iam_policy_document", "FlowLogKey_Policy")[1].statement;
      const logs = statements.find((statement: any) => statement.sid === "AllowCloudWatchLogs");
      expect(logs.principals).toEqual([{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }]);
      expect(logs.condition).toEqual([
        {
          test: "ArnEquals",
          variable: "kms:EncryptionContext:aws:logs:arn",
          values: [
            "arn:${data.aws_partition.Partition.partition}:logs:eu-west-1:${data.aws_caller_identity.CallerIdentity.account_id}:log-group:/acme-test/vpc/flow-logs",
          ],
        },
      ]);
    });

    test("the flow log role may be assumed only by flow logs of this account and may only write to its log group", () => {
      const { json } = build();

      const trust = dataNamed(json, "aws_iam_policy_document", "FlowLogTrustPolicy")[1].statement[0];
      expect(trust.principals).toEqual([{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }]);
      expect(trust.condition.map((condition: any) => condition.variable)).toEqual([
        "aws:SourceAccount",
        "aws:SourceArn",
      ]);
      const [groupId] = named(json, "aws_cloudwatch_log_group", "FlowLogGroup");
      const permissions = dataNamed(json, "aws_iam_policy_document", "FlowLogPermissions")[1].statement;
      expect(permissions).toHaveLength(1);
      expect(permissions[0].resources).toEqual([
        ref("aws_cloudwatch_log_group", groupId, "arn"),
        `${ref("aws_cloudwatch_log_group", groupId, "arn")}:*`,
      ]);
    });
  });

  test("strips every rule from the default security group", () => {
    const { json } = build();

    const [vpcId] = Object.entries(resourcesOf(json, "aws_vpc"))[0];
    const group = onlyOf(json, "aws_default_security_group");
    expect(group.vpc_id).toBe(ref("aws_vpc", vpcId));
    expect(group).not.toHaveProperty("ingress");
    expect(group).not.toHaveProperty("egress");
  });

  test("enables DNS support and hostnames on the VPC", () => {
    const { json } = build({ vpcCidr: "10.1.0.0/20" });

    expect(onlyOf(json, "aws_vpc")).toEqual({
      cidr_block: "10.1.0.0/20",
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: "acme-test-vpc" },
    });
  });

  describe("validation", () => {
    test.each<[string, Partial<NetworkProps>, RegExp]>([
      ["a malformed CIDR", { vpcCidr: "10.0.0/16" }, /vpcCidr: "10\.0\.0\/16" is not an IPv4 CIDR block/],
      [
        "a CIDR too small for the layout",
        { vpcCidr: "10.0.0.0/24" },
        /vpcCidr: "10\.0\.0\.0\/24" is too small for the subnet layout/,
      ],
      [
        "a public CIDR",
        { vpcCidr: "8.8.0.0/16" },
        /vpcCidr: "8\.8\.0\.0\/16" is not inside a private \(RFC 1918\) range/,
      ],
      ["an AZ count of 1", { azCount: 1 }, /azCount: 1 is not supported; expected 2 or 3/],
      ["an AZ count of 4", { azCount: 4 }, /azCount: 4 is not supported; expected 2 or 3/],
      [
        "pinned zones not matching the AZ count",
        { azCount: 3, availabilityZones: ["eu-west-1a"] },
        /availabilityZones: \["eu-west-1a"\] lists 1 zones; expected exactly azCount \(3\)/,
      ],
      [
        "an unknown NAT strategy",
        { natGateways: "many" as never },
        /natGateways: "many" is not allowed; expected one of single, one-per-az, regional/,
      ],
      [
        "an unknown interface endpoint",
        { interfaceEndpoints: ["sqs" as never] },
        /interfaceEndpoints: "sqs" is not a known endpoint/,
      ],
      [
        "an invalid retention period",
        { flowLogRetentionDays: 2 },
        /flowLogRetentionDays: 2 is not a CloudWatch Logs retention period/,
      ],
      [
        "an invalid aggregation interval",
        { flowLogAggregationSeconds: 30 },
        /flowLogAggregationSeconds: 30 is not allowed; expected 60 or 600/,
      ],
      ["a name prefix with capitals", { namePrefix: "Acme" }, /namePrefix: "Acme" is not allowed/],
    ])("rejects %s, naming the construct path", (_case, props, message) => {
      const stack = testStack();

      expect(() => new Network(stack, "network", { ...BASE, ...props })).toThrow(message);
      expect(() => new Network(stack, "network2", { ...BASE, ...props })).toThrow(/^test\/network2: /);
    });
  });
});
