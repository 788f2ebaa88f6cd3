export * from "./internal-load-balancer";
export * from "./metrics";
