import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The project's root folder (where package.json is), whether this code runs from its TypeScript sources (src/) or
 * from their build in dist/src/.
 */
export const PROJECT_ROOT: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      return path.resolve(__dirname, "..");
    }
    dir = parent;
  }
  return dir;
})();
