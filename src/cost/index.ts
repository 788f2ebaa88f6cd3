export * from "./estimate";
export * from "./model";
export * from "./prices";
export * from "./report";
export * from "./sources";
export * from "./usage";
export * from "./change";
