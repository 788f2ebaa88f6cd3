import { Testing } from "cdktf";
import { useFastStackTraces } from "../src/runtime";

// Registers cdktf's matchers (toHaveResourceWithProperties, ...).
Testing.setupJest();
// Same as the app: no source-mapped stack trace on every token cdktf creates.
useFastStackTraces();
