/**
 * The layering DESIGN.md describes, checked on the source itself: config is data, stacks compose, constructs behave,
 * and constructs depend on nothing above them. Imports are read with the TypeScript compiler's own pre-processor, so
 * `import type`, `export … from` and `require()` all count: a type-only edge still ties two modules together for a
 * reader, even though it is erased at run time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_FOLDERS = ["src", "constructs", "stacks"];
/** The size at which a file stops being readable in one sitting; DESIGN.md asks for files split by concern below it. */
const MAX_LINES = 400;

function walk(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) return walk(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

const files = SOURCE_FOLDERS.flatMap(walk).sort();
const known = new Set(files);

/** The project files `file` imports (relative specifiers resolved to a .ts file or a folder's index.ts). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), "utf8"), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const resolved = [`${target}.ts`, `${target}/index.ts`].find((candidate) => known.has(candidate));
      if (resolved === undefined) throw new Error(`${file} imports ${specifier}, which is not a project source file`);
      return resolved;
    });
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Every import edge from files under `from` into files under one of `into`, as "importer -> imported". */
function edgesBetween(from: string, into: readonly string[]): string[] {
  return [...graph].flatMap(([file, imports]) =>
    file.startsWith(`${from}/`)
      ? imports.filter((target) => into.some((folder) => target.startsWith(`${folder}/`))).map((t) => `${file} -> ${t}`)
      : [],
  );
}

describe("architecture", () => {
  test("reads the whole source tree", () => {
    // A walk that found nothing would make every rule below pass vacuously.
    expect(files.length).toBeGreaterThan(150);
    expect(files).toEqual(expect.arrayContaining(["src/main.ts", "constructs/core/index.ts", "stacks/index.ts"]));
    expect([...graph.values()].reduce((sum, imports) => sum + imports.length, 0)).toBeGreaterThan(500);
  });

  test("constructs import nothing from src/ or stacks/", () => {
    expect(edgesBetween("constructs", ["src", "stacks"])).toEqual([]);
  });

  test("constructs/core imports no other construct folder", () => {
    const upward = edgesBetween("constructs/core", ["constructs"]).filter(
      (edge) => !edge.includes("-> constructs/core/"),
    );
    expect(upward).toEqual([]);
  });

  test("stacks import nothing from the tools (the CLI, review, bench)", () => {
    expect(edgesBetween("stacks", ["src/tools", "src/review"])).toEqual([]);
  });

  test("no import cycles, type-only imports included", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test(`no source file outside test/ is longer than ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  describe("the cycle finder", () => {
    test("finds a cycle through three files and a self-import, and nothing in a chain", () => {
      const found = cycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a", "d"]],
          ["d", ["d"]],
          ["e", ["a"]],
        ]),
      );
      expect(found).toEqual([["d"], ["a", "b", "c"]]);
      expect(
        cycles(
          new Map([
            ["x", ["y"]],
            ["y", ["z"]],
            ["z", []],
          ]),
        ),
      ).toEqual([]);
    });
  });
});
