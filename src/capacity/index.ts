export * from "./instance-data";
export * from "./report";
export * from "./rows";
export * from "./settings";
export { formatCapacityTable } from "./table";
