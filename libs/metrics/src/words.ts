/**
 * How the word signals and the cues read text (docs/signals.md, "How words are read"): lowercase
 * words, and phrases matched on whole words, the longest first. No dependencies: the console bundles it.
 */

/**
 * Splits text into lowercase words of letters, digits and apostrophes. Curly apostrophes become
 * straight ones, markdown link targets are dropped, and any other character is a word break.
 */
export function wordsOf(text: string): string[] {
  const words = straightenApostrophes(text)
    .replace(/\]\([^)]*\)/g, ' ')
    .toLowerCase()
    .match(/[\p{L}\p{N}']+/gu);
  return (words ?? []).map((word) => word.replace(/^'+|'+$/g, '')).filter((word) => word !== '');
}

export function straightenApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'");
}

export interface Phrase {
  text: string;
  words: string[];
}

/**
 * Most words first, so the scan below prefers the longest phrase. Two phrases that match at the same
 * place are either equal or one extends the other, so no further tie-break is needed.
 */
export function compile(phrases: readonly string[]): Phrase[] {
  const unique = [...new Set(phrases.map((phrase) => wordsOf(phrase).join(' ')))];
  return unique
    .filter((text) => text !== '')
    .map((text) => ({ text, words: text.split(' ') }))
    .sort((a, b) => b.words.length - a.words.length);
}

/**
 * Left to right over the words; at each word the longest phrase that starts there matches and the
 * scan jumps past it, so matches never overlap and a short phrase inside a longer one is not counted.
 */
export function scan(words: string[], phrases: Phrase[]): Array<{ at: number; phrase: string }> {
  const found: Array<{ at: number; phrase: string }> = [];
  let at = 0;
  while (at < words.length) {
    const hit = phrases.find((phrase) => phrase.words.every((word, i) => words[at + i] === word));
    if (hit === undefined) {
      at += 1;
    } else {
      found.push({ at, phrase: hit.text });
      at += hit.words.length;
    }
  }
  return found;
}
