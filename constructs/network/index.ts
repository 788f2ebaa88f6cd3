export * from "./network";
export * from "./options";
export * from "./subnet-layout";
