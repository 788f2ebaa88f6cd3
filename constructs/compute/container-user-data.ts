/**
 * User data that runs one container image on Amazon Linux 2023, pulled by digest: Docker checks the image it
 * downloads against the digest and refuses anything else, so a re-pushed tag or a tampered registry cannot change
 * what runs (Docker documentation, "docker image pull", pull an image by digest).
 */

/** `registry/repository[:tag]@sha256:<64 hex>`: an image reference pinned to its content. */
export const PINNED_IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:[\w][\w.-]{0,127})?@sha256:[a-f0-9]{64}$/;
export const PINNED_IMAGE_EXPECTATION =
  "an image reference with its digest, such as ghcr.io/acme/monolith:7.3.0@sha256:<64 hex digits>";

export interface ContainerUserDataOptions {
  /** The image, pinned by digest (`PINNED_IMAGE`). */
  readonly image: string;
  /** Container name, e.g. `monolith`. */
  readonly name: string;
  /** Port the container listens on, published on the same host port. */
  readonly port: number;
}

/** The boot script: install Docker from the distribution's signed packages, pull by digest, run with restarts. */
export function containerUserData(options: ContainerUserDataOptions): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "dnf install -y docker",
    "systemctl enable --now docker",
    `docker pull ${options.image}`,
    `docker run --detach --restart always --publish ${options.port}:${options.port} --name ${options.name} ${options.image}`,
    "",
  ].join("\n");
}
