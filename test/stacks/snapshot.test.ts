import { REFERENCE_ENVIRONMENTS } from "../helpers";
import { platformStacks } from "../synthesized";

/**
 * One snapshot per stack of the reference environments (dev, staging, prod): a tripwire for any change in the
 * synthesized Terraform. A diff that renames or removes a stateful resource is a breaking change; review snapshot
 * diffs like code. Other environment files are covered by the guardrails, preflight and synth tests, not snapshots,
 * so that adding one is the whole change.
 */
const all = platformStacks();
const stacks = Object.fromEntries(
  Object.entries(all).filter(([id]) => REFERENCE_ENVIRONMENTS.includes(id.split("-")[0])),
);

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
      "prod-euc1-bootstrap",
      "prod-euc1-network",
      "prod-euc1-data",
      "prod-euc1-cluster",
      "prod-euc1-addons",
      "prod-euc1-workloads",
      "prod-euc1-edge",
      "prod-euc1-observability",
    ]);
  });

  test.each(Object.keys(stacks))("%s matches its snapshot", (stackId) => {
    expect(stacks[stackId]).toMatchSnapshot();
  });
});
