export * from "./auto-scaling-group";
export * from "./options";
