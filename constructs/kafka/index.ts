export * from "./kafka-cluster";
export * from "./metrics";
export * from "./options";
export * from "./server-properties";
