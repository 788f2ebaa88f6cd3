// @ts-check
/**
 * Compiles the app (src/, constructs/, stacks/) to JavaScript in dist/ with SWC, only the files that changed since
 * the last build, so that `npm run synth` and the tools start from plain JavaScript: no TypeScript compiler loaded,
 * nothing transpiled at start-up. Types are checked by `tsc --noEmit` (npm test), not here.
 *
 *   node scripts/build.js           compile what changed, remove what has no source any more
 *   node scripts/build.js --clean   start over
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist");
const SOURCES = ["src", "constructs", "stacks"];
/** SWC's options for the app, and for the tests' TypeScript hook (test/typescript.js): types stripped, nothing else. */
const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022", transform: { useDefineForClassFields: true } },
  module: { type: "commonjs" },
  sourceMaps: false,
  swcrc: false,
  configFile: false,
};

/** Every .ts file under the source folders, relative to the root. */
function sources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(relative);
    }
  };
  SOURCES.forEach(walk);
  return files;
}

function build(clean) {
  if (clean) fs.rmSync(OUT, { recursive: true, force: true });
  const files = sources();
  const wanted = new Set(files.map((file) => path.join(OUT, file.replace(/\.ts$/, ".js"))));
  const stale = files.filter((file) => {
    const target = path.join(OUT, file.replace(/\.ts$/, ".js"));
    return !fs.existsSync(target) || fs.statSync(target).mtimeMs < fs.statSync(path.join(ROOT, file)).mtimeMs;
  });
  if (stale.length > 0) {
    // Loaded only when something changed: SWC's native module is most of this script's cost.
    const swc = require("@swc/core");
    for (const file of stale) {
      const output = swc.transformFileSync(path.join(ROOT, file), SWC_OPTIONS);
      const target = path.join(OUT, file.replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Written beside and renamed, so a build running at the same time never loads half a file.
      const partial = `${target}.${process.pid}.partial`;
      fs.writeFileSync(partial, output.code);
      fs.renameSync(partial, target);
    }
  }
  // Outputs whose source is gone (a renamed or deleted file) must not be loadable.
  const removed = [];
  const sweep = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) sweep(full);
      else if (!wanted.has(full) && !entry.name.endsWith(".partial")) {
        fs.rmSync(full);
        removed.push(full);
      }
    }
  };
  sweep(OUT);
  return { compiled: stale.length, removed: removed.length, total: files.length };
}

if (require.main === module) {
  build(process.argv.includes("--clean"));
}

module.exports = { build, SWC_OPTIONS };
