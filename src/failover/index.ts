export * from "./failback";
export * from "./format";
export * from "./identifiers";
export * from "./runbook";
