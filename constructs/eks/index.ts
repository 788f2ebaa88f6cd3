export * from "./cluster-access";
export * from "./eks-cluster";
export * from "./managed-addons";
export * from "./node-group";
export * from "./options";
export * from "./placement";
export * from "./versions";
export * from "./workload-identity";
