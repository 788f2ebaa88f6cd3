import type { MetricDescriptor } from "../core/metric";

/**
 * The CloudWatch dashboard body format (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html)
 * as types, and the one place that turns a `MetricDescriptor` into a widget's metric array.
 */

/** Rendering options of one metric in a widget: `[namespace, name, dim, value, ..., options]`. */
export interface MetricRenderOptions {
  readonly id?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly period?: number;
  readonly visible?: boolean;
}

/** A metric math expression line of a widget. */
export interface ExpressionLine {
  readonly expression: string;
  readonly label: string;
  readonly id: string;
}

export type MetricLine = readonly [...string[], MetricRenderOptions] | readonly [ExpressionLine];

/** Where a widget sits on the 24-column grid, in grid units. */
export interface WidgetPosition {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MetricWidget extends WidgetPosition {
  readonly type: "metric";
  readonly properties: {
    readonly title: string;
    readonly region: string;
    readonly view: "timeSeries";
    readonly stacked: boolean;
    readonly period: number;
    readonly metrics: readonly MetricLine[];
    readonly yAxis?: { readonly left: { readonly min?: number; readonly max?: number; readonly label?: string } };
    readonly annotations?: {
      readonly horizontal: readonly { readonly label: string; readonly value: number; readonly color?: string }[];
    };
  };
}

export interface TextWidget extends WidgetPosition {
  readonly type: "text";
  readonly properties: { readonly markdown: string };
}

export interface AlarmWidget extends WidgetPosition {
  readonly type: "alarm";
  readonly properties: {
    readonly title: string;
    readonly alarms: readonly string[];
    readonly sortBy: "stateUpdatedTimestamp";
  };
}

export type Widget = MetricWidget | TextWidget | AlarmWidget;

/**
 * A descriptor as a widget metric line: namespace, name, its dimensions as name/value pairs in the descriptor's
 * order, then the statistic, period and label. `overrides` sets an id, hides the line or relabels it.
 */
export function metricLine(descriptor: MetricDescriptor, overrides: MetricRenderOptions = {}): MetricLine {
  const dimensions = Object.entries(descriptor.dimensions).flat();
  return [
    descriptor.namespace,
    descriptor.metricName,
    ...dimensions,
    {
      ...(overrides.id === undefined ? {} : { id: overrides.id }),
      label: overrides.label ?? descriptor.label,
      stat: overrides.stat ?? descriptor.statistic,
      period: overrides.period ?? descriptor.periodSeconds,
      ...(overrides.visible === undefined ? {} : { visible: overrides.visible }),
    },
  ];
}

/** A metric math line. */
export function expressionLine(id: string, expression: string, label: string): MetricLine {
  return [{ expression, label, id }];
}
