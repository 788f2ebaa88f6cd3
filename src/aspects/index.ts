export * from "./guardrails";
export * from "./rule";
export { findRule, isPublicEdge, PUBLIC_EDGE_TAG, RULES, STATEFUL_TYPES } from "./rules";
export * from "../../constructs/core/suppress";
