import * as fs from "node:fs";

let capturePatched = false;
let mapsDropped = false;

/**
 * Process-level settings for running the cdktf app fast.
 *
 * cdktf captures a full stack trace for every token it creates (`captureStackTrace` in cdktf's token internals, with
 * an unlimited depth) and formats it at once. Synth never prints those traces, yet formatting them was the largest
 * cost of synth: under ts-node each went through source-map-support (~310 ms → ~65 ms for the foundation's stacks
 * once that was off), and with the data tier V8's own formatting of the deep traces took about half of the
 * in-process synth time. So stack traces of anything that is not an Error (cdktf's capture target is a plain
 * object) are not formatted at all, and real errors get V8's usual format, without source mapping. Our own errors
 * name the construct path and setting and do not rely on a stack trace; transpile-only output keeps line numbers.
 */
export function useFastStackTraces(): void {
  skipTokenStackTraces();
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]): string => {
    if (!(error instanceof Error)) {
      return "";
    }
    const header = error.message ? `${error.name}: ${error.message}` : error.name;
    return [header, ...frames.map((frame) => `    at ${String(frame)}`)].join("\n");
  };
}

/**
 * The first half of `useFastStackTraces`: traces captured on anything that is not an Error (cdktf's tokens) are
 * not even collected; real errors keep whatever formatting is installed. The tests use this alone, so that a failing
 * test's trace stays source-mapped to the TypeScript line.
 */
export function skipTokenStackTraces(): void {
  // Not even collected: V8 gathers the frames of an unlimited-depth capture before anyone formats them (~75 ms of
  // every synth). cdktf keeps them only to name where a token was made when it cannot resolve one, and our errors
  // name the construct path instead.
  if (!capturePatched) {
    const capture = Error.captureStackTrace.bind(Error);
    Error.captureStackTrace = (...args: Parameters<typeof Error.captureStackTrace>): void => {
      if (args[0] instanceof Error) {
        capture(...args);
      }
    };
    capturePatched = true;
  }
}

/** cdktf and the provider bindings (jsii-compiled TypeScript), by path. */
const BINDINGS = /[\\/]node_modules[\\/](cdktf|@cdktf[\\/]provider-[a-z0-9-]+)[\\/]/;
/** Where jsii ends each compiled file: an inline source map, one base64 comment line to the end of the file. */
const INLINE_MAP = Buffer.from("\n//# sourceMappingURL=data:");

/**
 * Loads cdktf and the provider bindings without the inline source map at the end of each file: 20.6 of the 32.7 MB
 * of JavaScript a synth loads (the Kubernetes Deployment structs: 1.7 of their 2.5 MB). Node reads, decodes and
 * scans that comment on every run, for traces into the bindings that nothing here maps; without it loading the app
 * takes ~0.69 s instead of ~0.87 s. The code Node compiles is the same bytes up to the map, so behaviour and output
 * are unchanged. Call it before the app loads (main.ts requires the synth afterwards); files that are not the
 * bindings load as Node loads them.
 */
export function loadBindingsWithoutSourceMaps(): void {
  if (mapsDropped) {
    return;
  }
  // require.extensions is Node's CommonJS loader table (what every require hook builds on); the bindings are CommonJS.
  const extensions = require.extensions;
  const load = extensions[".js"];
  extensions[".js"] = (module: NodeJS.Module, filename: string) => {
    if (!BINDINGS.test(filename)) {
      return load(module, filename);
    }
    const source = fs.readFileSync(filename);
    const end = source.lastIndexOf(INLINE_MAP);
    (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(
      (end >= 0 ? source.subarray(0, end) : source).toString("utf8"),
      filename,
    );
  };
  mapsDropped = true;
}
