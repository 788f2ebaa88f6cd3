export * from "./bootstrap-stack";
export * from "./environment";
export * from "./network-stack";
export * from "./platform-stack";
