export * from "./aws-context";
export * from "./log-retention";
