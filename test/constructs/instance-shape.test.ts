import { checkSameShape, instanceShape } from "../../constructs/core/instance-shape";
import { containerUserData, PINNED_IMAGE } from "../../constructs/compute/container-user-data";

describe("instanceShape", () => {
  test.each<[string, number, number]>([
    ["m7g.large", 2, 8],
    ["m6gd.large", 2, 8],
    ["c7g.xlarge", 4, 8],
    ["r6i.2xlarge", 8, 64],
    ["m6i.24xlarge", 96, 384],
    ["m8g.48xlarge", 192, 768],
    ["c6g.medium", 1, 2],
    ["t4g.small", 2, 2],
    ["t3.large", 2, 8],
    ["t4g.xlarge", 4, 16],
  ])("%s has %i vCPUs and %i GiB", (type, vcpus, memoryGiB) => {
    expect(instanceShape(type)).toEqual({ vcpus, memoryGiB });
  });

  test.each(["x2gd.large", "i4i.large", "t2.micro", "m7i-flex.large", "c5.9xlarge", "m7g.metal", "large", "m5.large"])(
    "%s is not in the table",
    (type) => {
      expect(instanceShape(type)).toBeUndefined();
    },
  );

  test("one shape passes, two are named with their sizes", () => {
    expect(checkSameShape(["m7g.large", "m6g.large", "m6gd.large"], "why")).toBeUndefined();
    expect(checkSameShape(["t4g.large", "t4g.xlarge"], "because")).toBe(
      "mixes sizes (t4g.large: 2 vCPU / 8 GiB, t4g.xlarge: 4 vCPU / 16 GiB); expected types of one size, because",
    );
    expect(checkSameShape(["x2gd.large"], "why")).toMatch(/^has x2gd.large, whose size the platform cannot check/);
  });
});

describe("containerUserData", () => {
  const image = `ghcr.io/acme/monolith:7.3.0@sha256:${"a".repeat(64)}`;

  test("installs Docker, pulls the image by digest and runs it with restarts on its port", () => {
    expect(containerUserData({ image, name: "monolith", port: 8080 }).split("\n")).toEqual([
      "#!/bin/bash",
      "set -euo pipefail",
      "dnf install -y docker",
      "systemctl enable --now docker",
      `docker pull ${image}`,
      `docker run --detach --restart always --publish 8080:8080 --name monolith ${image}`,
      "",
    ]);
  });

  test.each([
    [image, true],
    [`public.ecr.aws/acme/monolith@sha256:${"0".repeat(64)}`, true],
    ["registry.example.com:5000/team/app:1.0@sha256:" + "b".repeat(64), true],
    ["ghcr.io/acme/monolith:7.3.0", false],
    ["ghcr.io/acme/monolith@sha256:abc", false],
    [`monolith@sha256:${"a".repeat(64)}`, false],
  ])("%s pinned by digest: %s", (reference, pinned) => {
    expect(PINNED_IMAGE.test(reference)).toBe(pinned);
  });
});
