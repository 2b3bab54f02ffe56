import { patternProblem, PHRASE_CATEGORIES } from '@hotseat/metrics';
import type { Diagnostic, FieldPath, PositionedYaml } from './diagnostics';

/**
 * The checks of beats' `when:` and `once:` that need more than one field (docs/scenario-format.md,
 * "Cues Hotseat can see"): references to other beats and to desk actions, anger ranges, conditions
 * that can never hold together, patterns that do not compile, and what the field-by-field shape
 * (scenario-file.ts) cannot see, such as an empty map or a category that does not exist.
 */
export const CONDITIONS = [
  'noReplyFor',
  'candidateSays',
  'afterBeat',
  'angerAtLeast',
  'angerAtMost',
  'action',
] as const;
const SAYS = ['categories', 'phrases', 'pattern'] as const;

const CONDITION_LIST = 'noReplyFor, candidateSays, afterBeat, angerAtLeast, angerAtMost or action';
const CATEGORY_LIST = `${PHRASE_CATEGORIES.join(', ')} (docs/signals.md, "The phrase lexicon")`;
/** What each condition holds, for a condition left empty. */
const EXPECTED: Record<(typeof CONDITIONS)[number] | (typeof SAYS)[number], string> = {
  noReplyFor: 'a whole number of seconds from 10 to 600',
  candidateSays: 'a map of categories, phrases or a pattern',
  afterBeat: 'the id of another beat',
  angerAtLeast: 'a whole number from 0 to 10',
  angerAtMost: 'a whole number from 0 to 10',
  action: 'the id of a desk action',
  categories: `a list of phrase categories: ${CATEGORY_LIST}`,
  phrases: 'a list of 1 to 20 phrases',
  pattern: 'a regular expression',
};

export function cueDiagnostics(yaml: PositionedYaml, raw: Record<string, unknown>): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (path: FieldPath, message: string) => found.push(yaml.at(path, message));
  // An empty value has no position of its own: point at its key.
  const empty = (path: FieldPath, message: string) => found.push(yaml.atKey(path, message));
  const beats = asArray(raw.beats).map(asRecord);
  const beatIds = beats.map((beat) => beat.id).filter((id) => typeof id === 'string');
  const hasDesk = 'desk' in raw;
  const actionIds = asArray(asRecord(raw.desk).actions)
    .map((action) => asRecord(action).id)
    .filter((id) => typeof id === 'string');

  beats.forEach((beat, index) => {
    const path = ['beats', index];
    // Optional fields skip null, so `once:` or `when:` with nothing after them is caught here.
    if ('once' in beat && beat.once === null) {
      empty([...path, 'once'], 'is empty: it must be true or false');
    }
    if (!('when' in beat)) return;
    const when = beat.when;
    const whenPath = [...path, 'when'];
    if (when === null || (isRecord(when) && Object.keys(when).length === 0)) {
      empty(
        whenPath,
        `must give at least one condition (${CONDITION_LIST}); leave when out for a cue the interviewer judges`,
      );
      return;
    }
    if (!isRecord(when)) return;
    for (const key of CONDITIONS) {
      if (key in when && when[key] === null) {
        empty([...whenPath, key], `is empty: it must be ${EXPECTED[key]}`);
      }
    }

    const says = when.candidateSays;
    const saysPath = [...whenPath, 'candidateSays'];
    if (isRecord(says)) {
      if (Object.keys(says).length === 0) {
        at(saysPath, 'must give at least one of categories, phrases or pattern');
      }
      for (const key of SAYS) {
        if (key in says && says[key] === null) {
          empty([...saysPath, key], `is empty: it must be ${EXPECTED[key]}`);
        }
      }
      asArray(says.categories).forEach((category, item) => {
        if (typeof category !== 'string') return;
        if (!(PHRASE_CATEGORIES as readonly string[]).includes(category)) {
          at(
            [...saysPath, 'categories', item],
            `names ${category}, which is not a phrase category${didYouMean(category, PHRASE_CATEGORIES)} (the categories: ${CATEGORY_LIST})`,
          );
        }
      });
      asArray(says.phrases).forEach((phrase, item) => {
        if (typeof phrase !== 'string') return;
        const phrasePath = [...saysPath, 'phrases', item];
        if (phrase.length < 1 || phrase.length > 100) {
          at(phrasePath, 'must be a phrase of 1 to 100 characters');
        } else if (!/[\p{L}\p{N}]/u.test(phrase)) {
          at(
            phrasePath,
            'must have at least one letter or digit: phrases are read as whole words, without punctuation',
          );
        }
      });
      if (typeof says.pattern === 'string') {
        const problem = patternProblem(says.pattern);
        if (problem) {
          at([...saysPath, 'pattern'], `is not a regular expression Hotseat can read: ${problem}`);
        }
      }
    }

    if (typeof when.afterBeat === 'string') {
      if (when.afterBeat === beat.id) {
        at(
          [...whenPath, 'afterBeat'],
          'names this beat itself: afterBeat must be another beat of this scenario',
        );
      } else if (!beatIds.includes(when.afterBeat)) {
        at(
          [...whenPath, 'afterBeat'],
          `names the beat ${when.afterBeat}, which this scenario does not have${didYouMean(when.afterBeat, beatIds)}`,
        );
      }
    }

    if (
      typeof when.angerAtLeast === 'number' &&
      typeof when.angerAtMost === 'number' &&
      when.angerAtLeast > when.angerAtMost
    ) {
      at(
        [...whenPath, 'angerAtLeast'],
        `must be at most angerAtMost (${when.angerAtMost}): no anger level is both at least ${when.angerAtLeast} and at most ${when.angerAtMost}`,
      );
    }

    if (typeof when.action === 'string') {
      if (!hasDesk) {
        at(
          [...whenPath, 'action'],
          `names the action ${when.action}, but this scenario has no desk: the candidate has no actions to apply`,
        );
      } else if (!actionIds.includes(when.action)) {
        at(
          [...whenPath, 'action'],
          `names the action ${when.action}, which the desk does not have${didYouMean(when.action, actionIds)} (its actions: ${actionIds.join(', ')})`,
        );
      }
    }

    if ('noReplyFor' in when) {
      const needs = [
        ...('candidateSays' in when ? ['candidateSays (a message from the candidate)'] : []),
        ...('action' in when ? ['action (an action the candidate applied)'] : []),
      ];
      if (needs.length > 0) {
        at(
          [...whenPath, 'noReplyFor'],
          `can never hold together with ${needs.join(' or ')}: noReplyFor waits for the candidate to stay silent since the customer's last line, the other needs them to have done something since; make them two beats`,
        );
      }
    }
  });
  return found;
}

/**
 * The message for a field that `when` or `candidateSays` does not have, with the fields it does;
 * undefined for any other path.
 */
export function unknownConditionMessage(path: FieldPath): string | undefined {
  const [list, , field, nested] = path;
  if (list !== 'beats' || field !== 'when') return undefined;
  const name = String(path[path.length - 1]);
  if (path.length === 4) {
    return `is not a condition: a when may give ${CONDITION_LIST}${didYouMean(name, CONDITIONS)}`;
  }
  if (path.length === 5 && nested === 'candidateSays') {
    return `is not a field of candidateSays: it may give categories, phrases or pattern${didYouMean(name, SAYS)}`;
  }
  return undefined;
}

/** ` (did you mean x?)` for the closest of `known`, if one is close enough to be a typo. */
function didYouMean(given: string, known: readonly string[]): string {
  const lower = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best || best.distance > Math.max(2, Math.floor(given.length / 3))) return '';
  return ` (did you mean ${best.name}?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
