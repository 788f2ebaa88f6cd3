export * from "./signals";
export * from "./grafana-dashboard";
