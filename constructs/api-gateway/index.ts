export * from "./api-gateway-account";
export * from "./options";
export * from "./public-api";
export * from "./routes";
export * from "./user-pool";
export * from "./metrics";
