export * from "./types";
export * from "./references";
export * from "./key-resources";
export * from "./graph";
export * from "./mermaid";
export * from "./outdir";
export * from "./docs";
