import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Diagnostic } from './diagnostics';
import { parseArticle, type LoadedArticle } from './help-center/article-file';
import type { LoadedScenario } from './scenario-definition';
import { validateScenario } from './validate-scenario';

export interface InvalidFile {
  file: string;
  diagnostics: Diagnostic[];
}

/** Everything under a scenarios folder: what loaded, and each file that did not, with every reason. */
export interface Catalog {
  scenarios: LoadedScenario[];
  articles: LoadedArticle[];
  invalid: InvalidFile[];
}

const HELP_CENTER = 'help-center';

/**
 * Loads `root`: articles from `help-center/<product>/*.md` first (scenarios refer to them), then every
 * `*.yaml` scenario directly in `root`. A file with any problem is left out whole.
 * File names in results are relative to `reportFrom` (the working directory by default).
 */
export async function loadCatalog(root: string, reportFrom = process.cwd()): Promise<Catalog> {
  const name = (file: string) => relative(reportFrom, file) || file;
  const catalog: Catalog = { scenarios: [], articles: [], invalid: [] };
  const reject = (file: string, diagnostics: Diagnostic[]) =>
    catalog.invalid.push({ file, diagnostics });

  const articleIds = new Map<string, string>();
  for (const product of await folders(join(root, HELP_CENTER))) {
    for (const path of await files(join(root, HELP_CENTER, product), ['.md'])) {
      const { article, diagnostics } = parseArticle(
        name(path),
        await readFile(path, 'utf8'),
        product,
      );
      if (!article) {
        reject(name(path), diagnostics);
      } else if (articleIds.has(article.id)) {
        reject(name(path), [
          duplicate(name(path), `article id ${article.id}`, articleIds.get(article.id)!),
        ]);
      } else {
        articleIds.set(article.id, name(path));
        catalog.articles.push(article);
      }
    }
  }

  const index = new Map(catalog.articles.map((article) => [article.id, article.product]));
  const scenarioIds = new Map<string, string>();
  for (const path of await files(root, ['.yaml', '.yml'])) {
    const { scenario, diagnostics } = validateScenario(
      name(path),
      await readFile(path, 'utf8'),
      index,
    );
    if (!scenario) {
      reject(name(path), diagnostics);
    } else if (scenarioIds.has(scenario.definition.id)) {
      reject(name(path), [
        duplicate(
          name(path),
          `scenario id ${scenario.definition.id}`,
          scenarioIds.get(scenario.definition.id)!,
        ),
      ]);
    } else {
      scenarioIds.set(scenario.definition.id, name(path));
      catalog.scenarios.push(scenario);
    }
  }
  return catalog;
}

/** The scenarios folder a content file belongs to: its own folder, or three up for an article. */
export function catalogRootOf(file: string): string {
  return extname(file) === '.md' ? dirname(dirname(dirname(file))) : dirname(file);
}

function duplicate(file: string, what: string, first: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    path: 'id',
    message: `${what} is already used by ${first}; ids must be unique`,
  };
}

async function folders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function files(path: string, extensions: string[]): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries
    .filter(
      (entry) =>
        entry.isFile() &&
        extensions.includes(extname(entry.name)) &&
        basename(entry.name)[0] !== '.',
    )
    .map((entry) => join(path, entry.name))
    .sort();
}
