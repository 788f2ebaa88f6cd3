// @ts-check

/**
 * Node's module hooks for the test workers (registered by test/typescript.js): a `.ts` file imported with import()
 * (as jest-light-runner loads each test file) is CommonJS, which Node then loads through require.extensions, where
 * test/typescript.js compiles it. Everything else loads as Node would.
 *
 * @type {import("node:module").LoadHook}
 */
export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && /\.ts(\?|$)/.test(url)) {
    return { format: "commonjs", shortCircuit: true };
  }
  return nextLoad(url, context);
}
