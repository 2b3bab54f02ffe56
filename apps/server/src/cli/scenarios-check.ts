import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { catalogRootOf, formatDiagnostic, loadCatalog } from '@hotseat/scenarios';

/**
 * `npm run scenarios:check [path...]`: validates scenario files and help-center articles without
 * starting Hotseat. A folder is checked whole; a file is checked with the folder it belongs to, so
 * its article references can be resolved. Exits 1 when anything is wrong.
 */
async function main(paths: string[]): Promise<number> {
  const targets = paths.length > 0 ? paths : [loadEnvironment(process.env).HOTSEAT_SCENARIOS_DIR];
  let problems = 0;
  let valid = 0;
  for (const target of targets) {
    const path = resolve(target);
    const isFolder = (await stat(path).catch(() => undefined))?.isDirectory();
    const catalog = await loadCatalog(isFolder ? path : catalogRootOf(path));
    const matches = (file: string) => isFolder || resolve(file) === path;
    const loaded = [...catalog.scenarios, ...catalog.articles].filter(({ file }) => matches(file));
    const invalid = catalog.invalid.filter(({ file }) => matches(file));
    if (!isFolder && loaded.length + invalid.length === 0) {
      console.error(
        `${target}: not found, or not a scenario (*.yaml) or a help-center article (help-center/<product>/*.md)`,
      );
      problems++;
    }
    for (const { diagnostics } of invalid)
      diagnostics.forEach((d) => console.error(formatDiagnostic(d)));
    problems += invalid.reduce((sum, file) => sum + file.diagnostics.length, 0);
    valid += loaded.length;
  }
  console.log(
    problems
      ? `${problems} problem(s) found; ${valid} file(s) are valid.`
      : `All ${valid} file(s) are valid.`,
  );
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof InvalidEnvironmentError)
      error.problems.forEach((line) => console.error(line));
    else
      console.error(
        `scenarios:check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    process.exit(1);
  },
);
