import { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { stringify } from "yaml";
import { show, ValidationError } from "../../core/errors";
import { requireWholeNumber } from "../../core/validation";

/** A chart at an exact version. */
export interface HelmChart {
  /** Chart repository URL (HTTPS). */
  readonly repository: string;
  readonly chart: string;
  /** Exact chart version: ranges and "latest" would make installs unreproducible. */
  readonly version: string;
}

/** Helm values: plain data, rendered to YAML. */
export type HelmValues = Readonly<Record<string, unknown>>;

export interface HelmAddonProps {
  readonly chart: HelmChart;
  /** Release name, at most 53 characters (Helm's limit). */
  readonly releaseName: string;
  /** Namespace of the release; it must exist (the stack creates it, with its labels). */
  readonly namespace: string;
  /** Values of the release, typed in the add-on's file. */
  readonly values: HelmValues;
  /**
   * Seconds Helm waits for the release's resources to become ready.
   *
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Roll back a failed install or upgrade (implies waiting).
   *
   * @default true
   */
  readonly atomic?: boolean;
  /**
   * Wait for Deployments, StatefulSets and Jobs to be ready before the apply succeeds.
   *
   * @default true
   */
  readonly wait?: boolean;
  /**
   * What must exist first (roles, namespaces, other releases).
   *
   * @default - nothing beyond references
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/;

/** Helm values as YAML, in the order the add-on wrote them; long strings stay on one line. */
export function renderValues(values: HelmValues): string {
  return stringify(values, { lineWidth: 0 });
}

/**
 * One Helm release of a platform add-on: pinned chart version, values from typed objects rendered to YAML,
 * atomic installs that roll back on failure, waits with a timeout, cleanup of failed upgrades and a bounded history.
 */
export class HelmAddon extends Construct {
  public readonly release: Release;
  /** The rendered values, as Helm receives them. */
  public readonly valuesYaml: string;

  constructor(scope: Construct, id: string, props: HelmAddonProps) {
    super(scope, id);

    // Defaults: atomic and waiting, ten minutes.
    const timeoutSeconds = props.timeoutSeconds ?? 600;
    const atomic = props.atomic ?? true;
    const wait = props.wait ?? true;

    const chart = props.chart;
    if (!chart.version) {
      throw new ValidationError(
        `chart.version: nothing is set for the ${show(chart.chart)} chart; expected an exact version such as 1.2.3, so that every install is reproducible`,
        this,
      );
    }
    if (!EXACT_VERSION.test(chart.version)) {
      throw new ValidationError(
        `chart.version: ${show(chart.version)} of the ${show(chart.chart)} chart is not an exact version; expected one such as 1.2.3 (no ranges, no "latest")`,
        this,
      );
    }
    if (!chart.repository.startsWith("https://")) {
      throw new ValidationError(
        `chart.repository: ${show(chart.repository)} is not an HTTPS URL; expected https://...`,
        this,
      );
    }
    if (!RELEASE_NAME.test(props.releaseName)) {
      throw new ValidationError(
        `releaseName: ${show(props.releaseName)} is not allowed; expected up to 53 lower-case letters, digits or hyphens`,
        this,
      );
    }
    requireWholeNumber(this, "timeoutSeconds", timeoutSeconds, 60, 3600);

    this.valuesYaml = renderValues(props.values);
    this.release = new Release(this, "Release", {
      name: props.releaseName,
      repository: chart.repository,
      chart: chart.chart,
      version: chart.version,
      namespace: props.namespace,
      createNamespace: false,
      atomic,
      wait,
      waitForJobs: wait,
      cleanupOnFail: true,
      timeout: timeoutSeconds,
      maxHistory: 10,
      values: [this.valuesYaml],
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
