import { buildDiagram } from "./graph";
import { nodeCount, renderEnvironmentMarkdown, renderIndexMarkdown } from "./mermaid";
import type { SynthesizedEnvironment } from "./types";

/** One generated page: its file name inside the docs folder and its content. */
export interface DocumentFile {
  readonly name: string;
  readonly content: string;
  /** What the page shows, for the tool's report (`31 nodes, 38 edges`). */
  readonly summary: string;
}

/** The file name of an environment's page. */
export const environmentPage = (environment: string): string => `${environment}.md`;

/** The file name of the index page. */
export const INDEX_PAGE = "README.md";

/**
 * The pages of the architecture docs: one per given environment, and the index, which links every known
 * environment (so that generating a selection of environments leaves the index as it is), then any given one the
 * list does not name.
 *
 * @param environments - the environments to draw, each with its stacks in deploy order
 * @param known - every environment the index links, in order
 */
export function architectureDocs(
  environments: readonly SynthesizedEnvironment[],
  known: readonly string[],
): DocumentFile[] {
  const pages = environments.map(({ environment, stacks }): DocumentFile => {
    const diagram = buildDiagram(stacks);
    return {
      name: environmentPage(environment),
      content: renderEnvironmentMarkdown(environment, diagram),
      summary: `${nodeCount(diagram)} nodes, ${diagram.edges.length} edges`,
    };
  });
  const linked = [
    ...known,
    ...environments.map(({ environment }) => environment).filter((name) => !known.includes(name)),
  ];
  return [
    ...pages,
    { name: INDEX_PAGE, content: renderIndexMarkdown(linked), summary: `links ${linked.length} environments` },
  ];
}
