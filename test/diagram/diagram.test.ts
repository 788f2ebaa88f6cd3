import { spawnSync } from "node:child_process";
import * as path from "node:path";
import {
  type Diagram,
  type StackJson,
  type SynthesizedStack,
  architectureDocs,
  buildDiagram,
  deployOrder,
  interpolations,
  readSynthesizedEnvironments,
  renderEnvironmentMarkdown,
  renderMermaid,
} from "../../src/diagram";
import { platformOutput } from "../synthesized";

const ROOT = path.resolve(__dirname, "../..");
const REMOTE = "data.terraform_remote_state.cross-stack-reference-input-test-base.outputs";

/** Metadata as cdktf writes it on every resource. */
const meta = (stack: string, id: string) => ({ "//": { metadata: { path: `${stack}/${id}`, uniqueId: id } } });

/**
 * The producer stack: a VPC, a PostgreSQL instance with its security group, an EKS cluster and a node group whose
 * launch template puts the nodes in a node security group, and a rule letting the nodes reach the database.
 */
function baseStack(): SynthesizedStack {
  const m = (id: string) => meta("test-base", id);
  const json: StackJson = {
    resource: {
      aws_vpc: { Vpc: { ...m("Vpc"), cidr_block: "10.0.0.0/16", tags: { Name: "test-vpc" } } },
      aws_kms_key: { Key: { ...m("Key"), description: "database storage" } },
      aws_security_group: {
        DbSg: { ...m("DbSg"), name: "test-db", vpc_id: "${aws_vpc.Vpc.id}" },
        NodeSg: { ...m("NodeSg"), name: "test-nodes", vpc_id: "${aws_vpc.Vpc.id}" },
      },
      aws_db_instance: {
        Db: {
          ...m("Db"),
          identifier: "test-db",
          engine: "postgres",
          instance_class: "db.t4g.small",
          kms_key_id: "${aws_kms_key.Key.arn}",
          vpc_security_group_ids: ["${aws_security_group.DbSg.id}"],
        },
      },
      aws_eks_cluster: {
        Cluster: { ...m("Cluster"), name: "test-eks", version: "1.35", vpc_config: { subnet_ids: ["subnet-1"] } },
      },
      aws_launch_template: {
        NodeTemplate: { ...m("NodeTemplate"), vpc_security_group_ids: ["${aws_security_group.NodeSg.id}"] },
      },
      aws_eks_node_group: {
        Nodes: {
          ...m("Nodes"),
          cluster_name: "${aws_eks_cluster.Cluster.name}",
          node_group_name: "general",
          launch_template: { id: "${aws_launch_template.NodeTemplate.id}", version: "$$Latest" },
        },
      },
      aws_vpc_security_group_ingress_rule: {
        NodesToDb: {
          ...m("NodesToDb"),
          security_group_id: "${aws_security_group.DbSg.id}",
          referenced_security_group_id: "${aws_security_group.NodeSg.id}",
          ip_protocol: "tcp",
          from_port: 5432,
          to_port: 5432,
        },
      },
    },
    output: {
      "cross-stack-output-aws_db_instanceDbaddress": { value: "${aws_db_instance.Db.address}" },
      "cross-stack-output-aws_db_instanceDbidentifier": { value: "${aws_db_instance.Db.identifier}" },
    },
  };
  return { id: "test-base", json };
}

/** The consumer stack: a deployment and five alarms that refer to the database through remote-state outputs. */
function appStack(): SynthesizedStack {
  const m = (id: string) => meta("test-app", id);
  const alarms = Object.fromEntries(
    [1, 2, 3, 4, 5].map((index) => [
      `Alarm${index}`,
      {
        ...m(`Alarm${index}`),
        alarm_name: `test-alarm-${index}`,
        alarm_actions: ["${aws_sns_topic.Topic.arn}"],
        dimensions: { DBInstanceIdentifier: `\${${REMOTE}.cross-stack-output-aws_db_instanceDbidentifier}` },
      },
    ]),
  );
  const json: StackJson = {
    data: {
      terraform_remote_state: {
        "cross-stack-reference-input-test-base": { backend: "local", config: { path: "base.tfstate" } },
      },
    },
    resource: {
      aws_sns_topic: { Topic: { ...m("Topic"), name: "test-alarms" } },
      aws_cloudwatch_metric_alarm: alarms,
      kubernetes_deployment_v1: {
        Api: {
          ...m("Api"),
          metadata: { name: "api", namespace: "api" },
          spec: {
            template: {
              spec: {
                container: [
                  { env: [{ name: "DB_HOST", value: `\${${REMOTE}.cross-stack-output-aws_db_instanceDbaddress}` }] },
                ],
              },
            },
          },
        },
      },
    },
  };
  return { id: "test-app", json };
}

/** Node ids and label lines, per subgraph. */
const nodesOf = (diagram: Diagram) =>
  diagram.subgraphs.map((subgraph) => ({
    stack: subgraph.stack,
    nodes: subgraph.nodes.map((node) => [node.id, node.lines.join(" | ")]),
  }));

/** A copy of a JSON value with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(reversedKeys) as T;
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, nested]) => [key, reversedKeys(nested)]),
    ) as T;
  }
  return value;
}

describe("buildDiagram on two hand-written stacks", () => {
  const diagram = buildDiagram([baseStack(), appStack()]);

  test("draws the key resources, one subgraph per stack in the given order, many alarms as one node", () => {
    expect(nodesOf(diagram)).toEqual([
      {
        stack: "test-base",
        nodes: [
          ["test_base__Vpc", "VPC | test-vpc | 10.0.0.0/16"],
          ["test_base__Db", "RDS instance | test-db | primary · postgres · db.t4g.small"],
          ["test_base__Cluster", "EKS cluster | test-eks | Kubernetes 1.35"],
          ["test_base__Nodes", "EKS node group | general"],
        ],
      },
      {
        stack: "test-app",
        nodes: [
          ["test_app__Api", "Kubernetes deployment | api"],
          ["test_app__Topic", "SNS topic | test-alarms"],
          ["test_app__all_alarm", "CloudWatch alarm ×5"],
        ],
      },
    ]);
    const alarms = diagram.subgraphs[1].nodes[2];
    expect(alarms.resources).toEqual([1, 2, 3, 4, 5].map((index) => `aws_cloudwatch_metric_alarm.Alarm${index}`));
    expect(diagram.subgraphs[0].nodes[1].shape).toBe("store");
  });

  test("draws references (across stacks too) and security-group grants with their port, once per pair", () => {
    expect(diagram.edges).toEqual([
      // Cross-stack: the deployment's environment reads the database address from the base stack's outputs.
      { from: "test_app__Api", to: "test_base__Db", kind: "reference" },
      { from: "test_app__all_alarm", to: "test_app__Topic", kind: "reference", label: "notifies" },
      { from: "test_app__all_alarm", to: "test_base__Db", kind: "reference", label: "monitors" },
      // Reference: the node group names its cluster.
      { from: "test_base__Nodes", to: "test_base__Cluster", kind: "reference" },
      // Grant: the database's group lets the node group's group (through its launch template) in on 5432.
      { from: "test_base__Nodes", to: "test_base__Db", kind: "network", label: "tcp 5432" },
    ]);
  });

  test("renders Mermaid: a subgraph per stack titled with its id, shapes, arrows and labels", () => {
    const mermaid = renderMermaid(diagram);
    expect(mermaid).toBe(
      [
        "flowchart LR",
        '  subgraph test_base["test-base"]',
        '    test_base__Vpc["VPC<br/>test-vpc<br/>10.0.0.0/16"]',
        '    test_base__Db[("RDS instance<br/>test-db<br/>primary · postgres · db.t4g.small")]',
        '    test_base__Cluster["EKS cluster<br/>test-eks<br/>Kubernetes 1.35"]',
        '    test_base__Nodes["EKS node group<br/>general"]',
        "  end",
        '  subgraph test_app["test-app"]',
        '    test_app__Api["Kubernetes deployment<br/>api"]',
        '    test_app__Topic["SNS topic<br/>test-alarms"]',
        '    test_app__all_alarm["CloudWatch alarm ×5"]',
        "  end",
        "  test_app__Api --> test_base__Db",
        '  test_app__all_alarm -->|"notifies"| test_app__Topic',
        '  test_app__all_alarm -->|"monitors"| test_base__Db',
        "  test_base__Nodes --> test_base__Cluster",
        '  test_base__Nodes ==>|"tcp 5432"| test_base__Db',
        "",
      ].join("\n"),
    );
  });

  test("is deterministic: the same text twice, and whatever the order of keys in the JSON", () => {
    const first = renderEnvironmentMarkdown("test", buildDiagram([baseStack(), appStack()]));
    const second = renderEnvironmentMarkdown("test", buildDiagram([baseStack(), appStack()]));
    const reordered = renderEnvironmentMarkdown(
      "test",
      buildDiagram([baseStack(), appStack()].map((stack) => ({ id: stack.id, json: reversedKeys(stack.json) }))),
    );
    expect(second).toBe(first);
    expect(reordered).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}|\/tmp\/|\/work\//);
  });

  test("drops cross-stack references to a stack that is not in the input", () => {
    const alone = buildDiagram([appStack()]);
    expect(alone.edges).toEqual([
      { from: "test_app__all_alarm", to: "test_app__Topic", kind: "reference", label: "notifies" },
    ]);
  });

  test("writes pages in prettier's format, and an index linking every known environment", () => {
    const files = architectureDocs([{ environment: "test", stacks: [baseStack(), appStack()] }], ["dev", "test"]);
    expect(files.map((file) => file.name)).toEqual(["test.md", "README.md"]);
    expect(files[1].content).toContain("- [dev](dev.md)\n- [test](test.md)\n");
    for (const file of files) {
      const prettier = spawnSync(
        path.join(ROOT, "node_modules/.bin/prettier"),
        ["--stdin-filepath", `docs/architecture/${file.name}`],
        { cwd: ROOT, input: file.content, encoding: "utf8" },
      );
      expect(prettier.stderr).toBe("");
      expect(prettier.stdout).toBe(file.content);
    }
  });
});

describe("reference parsing", () => {
  test("finds interpolations, with nested braces and quoted strings, and skips escaped ones", () => {
    expect(interpolations('a ${aws_x.A.id} $${literal} ${jsonencode({ k = "}" })} b')).toEqual([
      "aws_x.A.id",
      'jsonencode({ k = "}" })',
    ]);
  });

  test("orders stacks after their dependencies, ties by id", () => {
    const dependencies = new Map([
      ["e-workloads", ["e-data", "e-cluster"]],
      ["e-data", ["e-network"]],
      ["e-cluster", ["e-network"]],
      ["e-network", []],
      ["e-bootstrap", []],
    ]);
    expect(deployOrder(dependencies)).toEqual(["e-bootstrap", "e-network", "e-cluster", "e-data", "e-workloads"]);
    expect(() =>
      deployOrder(
        new Map([
          ["a", ["b"]],
          ["b", ["a"]],
        ]),
      ),
    ).toThrow(/cycle: a, b/);
  });
});

describe("the prod diagram, from the synthesis of the platform", () => {
  const prod = readSynthesizedEnvironments(platformOutput().outdir).find(({ environment }) => environment === "prod")!;
  const diagram = buildDiagram(prod.stacks);
  const nodes = diagram.subgraphs.flatMap((subgraph) => subgraph.nodes);
  const node = (stack: string, label: string) => {
    const found = nodes.filter((candidate) => candidate.stack === stack && candidate.lines[0].startsWith(label));
    expect(found.length).toBeGreaterThan(0);
    return found[0];
  };

  test("has a subgraph per stack in deploy order", () => {
    expect(prod.environment).toBe("prod");
    expect(diagram.subgraphs.map((subgraph) => subgraph.stack)).toEqual([
      "prod-bootstrap",
      "prod-network",
      "prod-cluster",
      "prod-data",
      "prod-addons",
      "prod-workloads",
      "prod-edge",
      "prod-observability",
    ]);
  });

  test("shows the database, cache, Kafka, cluster, load balancer, API and CDN, and the nodes reaching the database", () => {
    const database = node("prod-data", "RDS instance");
    expect(database.lines).toContain("acme-prod-db-shard-0");
    expect(node("prod-data", "ElastiCache replication group").lines).toContain("acme-prod-cache");
    expect(node("prod-data", "MSK Kafka cluster").lines).toContain("acme-prod-kafka");
    expect(node("prod-cluster", "EKS cluster").lines).toContain("acme-prod-eks");
    expect(node("prod-workloads", "Load balancer").lines).toContain("acme-prod-internal");
    expect(node("prod-edge", "API Gateway REST API").lines).toContain("acme-prod-api");
    node("prod-edge", "CloudFront distribution");
    const nodeGroups = node("prod-cluster", "EKS node group");
    expect(diagram.edges).toContainEqual({ from: nodeGroups.id, to: database.id, kind: "network", label: "tcp 5432" });
  });

  test("draws CloudFront's API origin, which names the API's custom domain (prod's record fails over) instead of referring to it", () => {
    const cdn = node("prod-edge", "CloudFront distribution");
    const api = node("prod-edge", "API Gateway REST API");
    expect(diagram.edges.filter((edge) => edge.from === cdn.id && edge.to === api.id)).toEqual([
      expect.objectContaining({ label: "origin" }),
    ]);
  });
});
