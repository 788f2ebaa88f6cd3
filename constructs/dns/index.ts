export * from "./api-failover";
