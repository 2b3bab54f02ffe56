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

  // The first file (alphabetically) with an id keeps it; a later one is rejected, naming the first.
  const claimed = new Map<string, string>();
  const claim = (kind: string, id: string, file: string, source: string): boolean => {
    const key = `${kind} id ${id}`;
    const first = claimed.get(key);
    if (first) reject(file, [duplicate(file, source, key, first)]);
    else claimed.set(key, file);
    return !first;
  };

  for (const product of await folders(join(root, HELP_CENTER))) {
    for (const path of await files(join(root, HELP_CENTER, product), ['.md'])) {
      const source = await readFile(path, 'utf8');
      const { article, diagnostics } = parseArticle(name(path), source, product);
      if (!article) reject(name(path), diagnostics);
      else if (claim('article', article.id, name(path), source)) catalog.articles.push(article);
    }
  }

  const index = new Map(catalog.articles.map((article) => [article.id, article.product]));
  for (const path of await files(root, ['.yaml', '.yml'])) {
    const source = await readFile(path, 'utf8');
    const { scenario, diagnostics } = validateScenario(name(path), source, index);
    if (!scenario) reject(name(path), diagnostics);
    else if (claim('scenario', scenario.definition.id, name(path), source))
      catalog.scenarios.push(scenario);
  }
  return catalog;
}

/** The scenarios folder a content file belongs to: its own folder, or three up for an article. */
export function catalogRootOf(file: string): string {
  return extname(file) === '.md' ? dirname(dirname(dirname(file))) : dirname(file);
}

function duplicate(file: string, source: string, what: string, first: string): Diagnostic {
  const line = source.split('\n').findIndex((text) => /^id:/.test(text)) + 1 || 1;
  return {
    file,
    line,
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
