import { Testing } from "cdktf";
import { loadEnvironments } from "../../src/config/load";
import { definePlatform } from "../../stacks/environment";
import { synthApp } from "../helpers";

/**
 * One snapshot per stack per environment: a tripwire for any change in the synthesized Terraform. A diff that
 * renames or removes a stateful resource is a breaking change; review snapshot diffs like code.
 */
const app = Testing.app();
definePlatform(app, loadEnvironments());
const stacks = synthApp(app);

describe("synthesized stacks", () => {
  test("the platform has the expected stacks", () => {
    expect(Object.keys(stacks)).toEqual([
      "dev-network",
      "dev-data",
      "dev-cluster",
      "dev-addons",
      "dev-workloads",
      "dev-edge",
      "dev-observability",
      "staging-bootstrap",
      "staging-network",
      "staging-data",
      "staging-cluster",
      "staging-addons",
      "staging-workloads",
      "staging-edge",
      "staging-observability",
      "prod-bootstrap",
      "prod-network",
      "prod-data",
      "prod-cluster",
      "prod-addons",
      "prod-workloads",
      "prod-edge",
      "prod-observability",
    ]);
  });

  test.each(Object.keys(stacks))("%s matches its snapshot", (stackId) => {
    expect(stacks[stackId]).toMatchSnapshot();
  });
});
