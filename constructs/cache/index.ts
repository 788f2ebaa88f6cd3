export * from "./cache-users";
export * from "./metrics";
export * from "./options";
export * from "./redis-cluster";
