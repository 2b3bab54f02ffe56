/**
 * Signals from the words of a role-play: phrase counts, sentiment, answers copied from the help
 * center and the HEARD order. They are shown beside the figures as evidence for a person to weigh,
 * never as a verdict. docs/signals.md explains every rule in plain words.
 */
import Sentiment from 'sentiment';
import { HEARD_PHRASES, PHRASE_CATEGORIES, PHRASE_LEXICON, type PhraseCategory } from './lexicon';
import type { ArticleText, TimedMessage } from './types';
import { compile, scan, straightenApostrophes, wordsOf, type Phrase } from './words';

export interface SignalsInput {
  /** In log order. */
  candidateMessages: TimedMessage[];
  /** In log order (the interviewer speaking as the customer). */
  customerMessages: TimedMessage[];
  /** Persona name, e.g. "Dana Whitfield": using the customer's first name counts as rapport. */
  customerName: string;
  /** The help-center articles the candidate could see (plain text). */
  articles: ArticleText[];
}

export interface PhraseMatch {
  seq: number;
  atMs: number;
  category: PhraseCategory;
  /** The lexicon phrase that matched (the first name for a name match), lowercase. */
  phrase: string;
}

export interface MessageSentiment {
  seq: number;
  atMs: number;
  /** AFINN-165 score: sum of the word scores. */
  score: number;
  /** Score per word, rounded to 3 decimals. */
  comparative: number;
}

export interface CannedAnswer {
  seq: number;
  atMs: number;
  articleId: string;
  articleTitle: string;
  /** Length of the longest run of consecutive words copied from the article. */
  words: number;
  /** That run, lowercase words joined by spaces, cut to at most EXCERPT_CHARS characters. */
  excerpt: string;
}

export type HeardStep = 'hear' | 'empathise' | 'apologise' | 'resolve' | 'diagnose';

export interface HeardFlag {
  code: string;
  message: string;
  seq: number | null;
}

export interface Signals {
  /** Count of phrase matches per category over all candidate messages. */
  phrases: Record<PhraseCategory, number>;
  /** Every match, in message order (evidence for the counts). */
  matches: PhraseMatch[];
  sentiment: {
    candidate: MessageSentiment[];
    customer: MessageSentiment[];
    /** The customer's mood over the chat: comparative score of the first vs the last customer message. */
    customerTrend: {
      first: number;
      last: number;
      change: number;
      direction: 'improving' | 'worsening' | 'steady';
    } | null;
  };
  /** Candidate messages copying a run of >= CANNED_RUN_WORDS consecutive words from an article. */
  cannedAnswers: CannedAnswer[];
  /** First candidate message showing each step, and what the order suggests. */
  heard: { steps: Record<HeardStep, { seq: number; atMs: number } | null>; flags: HeardFlag[] };
}

export const CANNED_RUN_WORDS = 12;

/** A change of the customer's comparative score of at most this, either way, is "steady". */
const TREND_THRESHOLD = 0.05;

/** Longest excerpt of a copied run, in characters (an ellipsis included). */
const EXCERPT_CHARS = 120;

const HEARD_STEPS = ['hear', 'empathise', 'apologise', 'resolve', 'diagnose'] as const;

const sentiment = new Sentiment();

export function signalsOf(input: SignalsInput): Signals {
  const { candidateMessages, customerMessages } = input;
  const byMessage = phraseMatchesByMessage(candidateMessages, input.customerName);
  const matches = byMessage.flat();
  const customer = customerMessages.map(sentimentOf);
  return {
    phrases: countByCategory(matches),
    matches,
    sentiment: {
      candidate: candidateMessages.map(sentimentOf),
      customer,
      customerTrend: trendOf(customer),
    },
    cannedAnswers: cannedAnswers(candidateMessages, input.articles),
    heard: heardOf(candidateMessages, byMessage),
  };
}

const COMPILED_LEXICON: Record<PhraseCategory, Phrase[]> = {
  apology: compile(PHRASE_LEXICON.apology),
  empathy: compile(PHRASE_LEXICON.empathy),
  ownership: compile(PHRASE_LEXICON.ownership),
  nextSteps: compile(PHRASE_LEXICON.nextSteps),
  rapport: compile(PHRASE_LEXICON.rapport),
};
const HEAR = compile(HEARD_PHRASES.hear);
const DIAGNOSE = compile(HEARD_PHRASES.diagnose);

/** "Dana Whitfield" -> "dana"; a hyphenated first name ("Mary-Jane") stays whole ("mary jane"). */
function firstNameOf(customerName: string): string {
  const first = customerName.trim().split(/\s+/)[0] ?? '';
  return wordsOf(first).join(' ');
}

/** One list per message, each in the order the phrases occur in the message. */
function phraseMatchesByMessage(messages: TimedMessage[], customerName: string): PhraseMatch[][] {
  const firstName = firstNameOf(customerName);
  const lexicon: Record<PhraseCategory, Phrase[]> = {
    ...COMPILED_LEXICON,
    rapport: compile(
      firstName === '' ? PHRASE_LEXICON.rapport : [...PHRASE_LEXICON.rapport, firstName],
    ),
  };
  return messages.map((message) => {
    const words = wordsOf(message.text);
    return PHRASE_CATEGORIES.flatMap((category) =>
      scan(words, lexicon[category]).map((hit) => ({ ...hit, category })),
    )
      .sort((a, b) => a.at - b.at)
      .map(({ category, phrase }) => ({ seq: message.seq, atMs: message.atMs, category, phrase }));
  });
}

function countByCategory(matches: PhraseMatch[]): Record<PhraseCategory, number> {
  const counts: Record<PhraseCategory, number> = {
    apology: 0,
    empathy: 0,
    ownership: 0,
    nextSteps: 0,
    rapport: 0,
  };
  for (const match of matches) counts[match.category] += 1;
  return counts;
}

function round3(value: number): number {
  // Adding 0 turns -0 into 0, so a rounded "no change" compares equal to 0.
  return Math.round(value * 1000) / 1000 + 0;
}

function sentimentOf(message: TimedMessage): MessageSentiment {
  // Straight apostrophes let AFINN's negators ("don't", "isn't") recognise curly-quoted ones.
  const { score, comparative } = sentiment.analyze(straightenApostrophes(message.text));
  return { seq: message.seq, atMs: message.atMs, score, comparative: round3(comparative) };
}

function trendOf(customer: MessageSentiment[]): Signals['sentiment']['customerTrend'] {
  const first = customer[0];
  const last = customer[customer.length - 1];
  if (customer.length < 2 || first === undefined || last === undefined) return null;
  const change = round3(last.comparative - first.comparative);
  const direction =
    change > TREND_THRESHOLD ? 'improving' : change < -TREND_THRESHOLD ? 'worsening' : 'steady';
  return { first: first.comparative, last: last.comparative, change, direction };
}

interface ArticleWords {
  article: ArticleText;
  words: string[];
}

/**
 * Every run of CANNED_RUN_WORDS words of every article, indexed once per call, then each message's
 * windows are looked up and the runs that start there are extended word by word.
 */
function cannedAnswers(messages: TimedMessage[], articles: ArticleText[]): CannedAnswer[] {
  const texts: ArticleWords[] = articles.map((article) => ({
    article,
    words: wordsOf(article.text),
  }));
  const shingles = new Map<string, Array<{ text: ArticleWords; at: number }>>();
  for (const text of texts) {
    for (let at = 0; at + CANNED_RUN_WORDS <= text.words.length; at += 1) {
      const key = text.words.slice(at, at + CANNED_RUN_WORDS).join(' ');
      const places = shingles.get(key);
      if (places === undefined) shingles.set(key, [{ text, at }]);
      else places.push({ text, at });
    }
  }

  const found: CannedAnswer[] = [];
  for (const message of messages) {
    const words = wordsOf(message.text);
    let best: { text: ArticleWords; from: number; length: number } | undefined;
    for (let from = 0; from + CANNED_RUN_WORDS <= words.length; from += 1) {
      const places = shingles.get(words.slice(from, from + CANNED_RUN_WORDS).join(' ')) ?? [];
      for (const { text, at } of places) {
        // A run that also matches one word earlier was already measured from its real start.
        if (from > 0 && at > 0 && words[from - 1] === text.words[at - 1]) continue;
        let length = CANNED_RUN_WORDS;
        while (from + length < words.length && words[from + length] === text.words[at + length]) {
          length += 1;
        }
        if (best === undefined || length > best.length) best = { text, from, length };
      }
    }
    if (best !== undefined) {
      found.push({
        seq: message.seq,
        atMs: message.atMs,
        articleId: best.text.article.id,
        articleTitle: best.text.article.title,
        words: best.length,
        excerpt: excerptOf(words.slice(best.from, best.from + best.length)),
      });
    }
  }
  return found;
}

/** The words joined by spaces; past EXCERPT_CHARS, cut after a whole word and end with "…". */
function excerptOf(words: string[]): string {
  const whole = words.join(' ');
  if (whole.length <= EXCERPT_CHARS) return whole;
  let cut = '';
  for (const word of words) {
    const next = cut === '' ? word : `${cut} ${word}`;
    if (next.length + 1 > EXCERPT_CHARS) break;
    cut = next;
  }
  return `${cut}…`;
}

const ACKNOWLEDGING_STEPS = ['hear', 'empathise', 'apologise'] as const;

function heardOf(messages: TimedMessage[], byMessage: PhraseMatch[][]): Signals['heard'] {
  const first: Record<HeardStep, number | null> = {
    hear: null,
    empathise: null,
    apologise: null,
    resolve: null,
    diagnose: null,
  };
  messages.forEach((message, index) => {
    const categories = new Set((byMessage[index] ?? []).map((match) => match.category));
    const words = wordsOf(message.text);
    const shows: Record<HeardStep, boolean> = {
      hear: scan(words, HEAR).length > 0,
      empathise: categories.has('empathy'),
      apologise: categories.has('apology'),
      resolve: categories.has('ownership') || categories.has('nextSteps'),
      diagnose: scan(words, DIAGNOSE).length > 0,
    };
    for (const step of HEARD_STEPS) {
      if (shows[step] && first[step] === null) first[step] = index;
    }
  });
  const stepAt = (index: number | null): { seq: number; atMs: number } | null => {
    const message = index === null ? undefined : messages[index];
    return message === undefined ? null : { seq: message.seq, atMs: message.atMs };
  };
  const steps: Record<HeardStep, { seq: number; atMs: number } | null> = {
    hear: stepAt(first.hear),
    empathise: stepAt(first.empathise),
    apologise: stepAt(first.apologise),
    resolve: stepAt(first.resolve),
    diagnose: stepAt(first.diagnose),
  };

  const flags: HeardFlag[] = [];
  if (messages.length === 0) return { steps, flags };

  const acknowledged = ACKNOWLEDGING_STEPS.map((step) => first[step]).filter(
    (index): index is number => index !== null,
  );
  const resolved = first.resolve;
  if (resolved !== null && (acknowledged.length === 0 || resolved < Math.min(...acknowledged))) {
    flags.push({
      code: 'fix-before-acknowledging',
      message: "Offered a fix before acknowledging the customer's frustration.",
      seq: steps.resolve?.seq ?? null,
    });
  }
  if (steps.apologise === null) {
    flags.push({ code: 'no-apology', message: 'Never apologised to the customer.', seq: null });
  }
  if (steps.empathise === null) {
    flags.push({
      code: 'no-empathy',
      message: 'Never acknowledged how the customer felt (no empathy phrase).',
      seq: null,
    });
  }
  if (steps.diagnose === null) {
    flags.push({
      code: 'no-diagnosis',
      message: 'Never explained the cause or how it will be prevented from happening again.',
      seq: null,
    });
  }
  return { steps, flags };
}
