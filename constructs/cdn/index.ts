export * from "./cdn-distribution";
export * from "./options";
export * from "./security-headers";
export * from "./site-replica";
