import type { FactMention } from '@hotseat/events';
import type { MetricsScenario } from './types';

/**
 * Whether a text mentions each fact, leniently (docs/scorecards.md, "confirmationFacts"): a fact is
 * mentioned when every one of its words is in the text, in any order. Case, punctuation and currency
 * signs do not count; numbers compare by value ("$801" is in "801.00 dollars"), "3-5" is in "3 to 5",
 * and a plural is its singular ("days" is in "day"). A signal for the interviewer, not a verdict.
 */
export function factsMentioned(text: string, facts: readonly string[]): FactMention[] {
  const words = new Set(tokens(text));
  return facts.map((fact) => ({ fact, found: tokens(fact).every((word) => words.has(word)) }));
}

const FILLER = new Set(['to', 'and', 'or']);

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9.,]+/)
    .map((word) => word.replace(/^[.,]+|[.,]+$/g, ''))
    .filter((word) => word && !FILLER.has(word))
    .map((word) => {
      // 1,250.00 and 801 are numbers; "1.5" stays one.
      const number = /^\d[\d,]*(\.\d+)?$/.test(word) ? Number(word.replace(/,/g, '')) : NaN;
      if (!Number.isNaN(number)) return String(number);
      return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
    });
}

/** The facts the scenario's email rule asks the confirmation to mention (docs/scenario-format.md). */
export function confirmationFactsOf(scenario: Pick<MetricsScenario, 'desk'>): string[] {
  const rules = scenario.desk?.rules ?? [];
  return [...new Set(rules.flatMap((rule) => (rule.when.email ? (rule.when.mentions ?? []) : [])))];
}
