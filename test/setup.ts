import { skipTokenStackTraces } from "../src/runtime";

// Before cdktf loads: it makes tokens at load time, each with a full stack trace. Real errors keep their source-mapped
// traces, so a failing test points at its TypeScript line. (Once per worker: the light runner shares modules.)
skipTokenStackTraces();

// Registers cdktf's matchers (toHaveResourceWithProperties, ...).
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require("cdktf") as typeof import("cdktf")).Testing.setupJest();
