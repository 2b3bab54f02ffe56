import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EVENT_TYPES } from './vocabulary';

/**
 * Outside @hotseat/events no code spells an event type as a string: it names it (`EVENT.helpOpened`),
 * so that a typo does not compile and a search for the name finds every use. Tests are left out on
 * purpose: they check the wire names clients rely on, which must be spelt out to be checked.
 */
const ROOT = join(__dirname, '../../..');
const SOURCES = ['apps', 'libs', 'bench'];
const OWN = join(ROOT, 'libs/events/src');
const SKIP = new Set(['node_modules', 'dist', 'public']);

function* sourceFiles(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (SKIP.has(name) || path.startsWith(OWN)) continue;
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|js|mjs|hbs)$/.test(name) && !/\.spec\.ts$/.test(name)) yield path;
  }
}

/** A line of a comment, where `session.started` in backticks names a type in prose. */
function isComment(line: string): boolean {
  return /^\s*(\/\/|\/\*|\*)/.test(line);
}

describe('event type names', () => {
  const literal = new RegExp(
    `['"\`](${EVENT_TYPES.map((type) => type.replace('.', '\\.')).join('|')})['"\`]`,
  );

  it('are never written as strings outside @hotseat/events', () => {
    const offenders = SOURCES.flatMap((source) => [...sourceFiles(join(ROOT, source))]).flatMap(
      (file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((text, index) =>
            literal.test(text) && !isComment(text)
              ? [`${relative(ROOT, file)}:${index + 1}: ${text.trim()}`]
              : [],
          ),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch one', () => {
    expect(literal.test(`if (event.type === 'help.opened')`)).toBe(true);
    expect(literal.test("WHERE type = 'checkpoint.hit'")).toBe(true);
    expect(literal.test('EVENT.helpOpened')).toBe(false);
    expect(isComment(' * `at` of `session.started`')).toBe(true);
  });
});
