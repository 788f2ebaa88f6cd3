export * from "./bucket-name";
export * from "./state-bucket";
