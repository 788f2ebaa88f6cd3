/**
 * Process-level settings for running the cdktf app fast.
 *
 * cdktf captures a full stack trace for every token it creates (`captureStackTrace` in cdktf's token internals).
 * Under ts-node, each capture goes through the source-map-support hook ts-node installs, which made defining the
 * stacks about four times slower (measured: ~310 ms → ~65 ms for all environments). Synth never prints those
 * traces, so the app turns source mapping of stack traces off. Our own errors name the construct path and setting,
 * they do not rely on a stack trace; and transpile-only output keeps source line numbers.
 */
export function useFastStackTraces(): void {
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}
