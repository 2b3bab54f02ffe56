/**
 * Cues Hotseat can see (docs/scenario-format.md, "Cues Hotseat can see"): a beat's `when:` conditions,
 * read from the session's log. The interviewer console marks the beats that hold now as suggested and
 * the practice room's scripted customer answers with them; both call `suggestedBeats`, so they agree.
 * This module depends only on @hotseat/events, the word lists and re2js: the console bundles it.
 */
import { RE2JS } from 're2js';
import { EVENT, type SessionEvent } from '@hotseat/events';
import { PHRASE_CATEGORIES, PHRASE_LEXICON, type PhraseCategory } from './lexicon';
import { compile, scan, wordsOf, type Phrase } from './words';

/** A beat's conditions: every one given must hold (docs/scenario-format.md). */
export interface BeatConditions {
  /** Seconds since the customer's last line, without a candidate message since. */
  noReplyFor?: number;
  /** A candidate message since the customer's last line has any of these. */
  candidateSays?: {
    categories?: PhraseCategory[];
    phrases?: string[];
    /** A regular expression (RE2's syntax), matched case-insensitively in linear time. */
    pattern?: string;
  };
  /** That beat has been used. */
  afterBeat?: string;
  angerAtLeast?: number;
  angerAtMost?: number;
  /** The candidate applied this desk action since the customer's last line. */
  action?: string;
}

/** What the cues need of a beat. */
export interface CueBeat {
  id: string;
  anger: number;
  /** Used once, never suggested again. */
  once?: boolean;
  when?: BeatConditions;
}

/** What the cues need of the scenario. */
export interface CueScenario {
  persona: { initialAnger: number };
  beats: readonly CueBeat[];
  /** Desk action labels by id, for the reasons; absent without a desk. */
  actionLabels?: Readonly<Record<string, string>>;
}

/** What the cues read of a scenario (its definition, or the console's script): beats, anger, desk labels. */
export function cueScenarioOf({
  persona,
  beats,
  desk,
}: {
  persona: { initialAnger: number };
  beats: readonly CueBeat[];
  desk?: { actions: ReadonlyArray<{ id: string; label: string }> } | null;
}): CueScenario {
  return {
    persona,
    beats,
    actionLabels: Object.fromEntries((desk?.actions ?? []).map((a) => [a.id, a.label])),
  };
}

/** A beat whose conditions hold now, and why, in words for the interviewer. */
export interface Suggestion {
  beatId: string;
  reasons: string[];
}

/** How many conditions a beat's `when` gives: the more, the more specific, the earlier suggested. */
function conditionCount(when: BeatConditions): number {
  return Object.values(when).filter((value) => value !== undefined).length;
}

/** The log read for the cues: where the conversation is now. */
interface Moment {
  live: boolean;
  anger: number;
  /** When the customer's last line was logged (epoch ms); null before the opening. */
  lastCustomerAt: number | null;
  /** The candidate's messages since the customer's last line, oldest first. */
  saidSince: string[];
  /** The desk actions the candidate applied since the customer's last line. */
  actedSince: Set<string>;
  /** The candidate said or did something (a message, a desk action, an email, a report) since the customer's last line. */
  candidateMovedSince: boolean;
  /** Each beat used, and the index of its last use in the log. */
  lastUse: Map<string, number>;
  /** The index of the candidate's last message or desk event; -1 for none. */
  lastCandidateMove: number;
}

const CANDIDATE_MOVES = new Set<string>([EVENT.deskActed, EVENT.deskEmailed, EVENT.deskReported]);

function momentOf(initialAnger: number, events: readonly SessionEvent[]): Moment {
  const moment: Moment = {
    live: false,
    anger: initialAnger,
    lastCustomerAt: null,
    saidSince: [],
    actedSince: new Set(),
    candidateMovedSince: false,
    lastUse: new Map(),
    lastCandidateMove: -1,
  };
  events.forEach((event, index) => {
    if (event.type === EVENT.sessionStarted) moment.live = true;
    else if (event.type === EVENT.sessionEnded || event.type === EVENT.sessionCancelled) {
      moment.live = false;
    } else if (event.type === EVENT.angerChanged) moment.anger = event.payload.level;
    else if (event.type === EVENT.chatMessage && event.actor === 'customer') {
      moment.lastCustomerAt = Date.parse(event.at);
      moment.saidSince = [];
      moment.actedSince = new Set();
      moment.candidateMovedSince = false;
      if (event.payload.beatId !== undefined) moment.lastUse.set(event.payload.beatId, index);
    } else if (event.type === EVENT.chatMessage || CANDIDATE_MOVES.has(event.type)) {
      if (event.type === EVENT.chatMessage) moment.saidSince.push(event.payload.text);
      if (event.type === EVENT.deskActed) moment.actedSince.add(event.payload.actionId);
      moment.candidateMovedSince = true;
      moment.lastCandidateMove = index;
    }
  });
  return moment;
}

const LEXICON = Object.fromEntries(
  PHRASE_CATEGORIES.map((category) => [category, compile(PHRASE_LEXICON[category])]),
) as Record<PhraseCategory, Phrase[]>;

/**
 * An author's `candidateSays.pattern`, compiled for RE2 (re2js): its matching never backtracks, so
 * it takes time linear in the message whatever the pattern, and no message can stall the server or
 * the console. Throws RE2JSSyntaxException for a pattern RE2 cannot read.
 */
function compilePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/** Why an author's pattern cannot be used, in plain words; undefined when it can (the validator's check). */
export function patternProblem(pattern: string): string | undefined {
  try {
    return compilePattern(pattern).matcher('').find()
      ? 'it matches an empty message, so every message would match'
      : undefined;
  } catch (error) {
    // "error parsing regexp: missing closing ): `(?i)(refund`": the reason is in the middle.
    const message = error instanceof Error ? error.message : String(error);
    return /regexp: (.*?)(?:: `|$)/.exec(message)?.[1] ?? message;
  }
}

/** The author's phrases and pattern, compiled once per scenario's conditions. */
const compiled = new WeakMap<object, { phrases: Phrase[]; pattern: RE2JS | null }>();

function compiledOf(says: NonNullable<BeatConditions['candidateSays']>) {
  let found = compiled.get(says);
  if (!found) {
    found = {
      phrases: compile(says.phrases ?? []),
      pattern: says.pattern === undefined ? null : compilePattern(says.pattern),
    };
    compiled.set(says, found);
  }
  return found;
}

/** What in the candidate's words meets `candidateSays`, in words; null when nothing does. */
function saidReason(
  says: NonNullable<BeatConditions['candidateSays']>,
  messages: readonly string[],
): string | null {
  const { phrases, pattern } = compiledOf(says);
  // The newest message first: the reason quotes what the candidate has just said.
  for (const text of [...messages].reverse()) {
    const words = wordsOf(text);
    for (const category of says.categories ?? []) {
      const [hit] = scan(words, LEXICON[category]);
      if (hit) return `The candidate said “${hit.phrase}” (${CATEGORY_WORDS[category]})`;
    }
    const [hit] = scan(words, phrases);
    if (hit) return `The candidate said “${hit.phrase}”`;
    const match = pattern?.matcher(text);
    if (match?.find()) return `The candidate said “${match.group()}”`;
  }
  return null;
}

const CATEGORY_WORDS: Record<PhraseCategory, string> = {
  apology: 'an apology',
  empathy: 'empathy',
  ownership: 'ownership',
  nextSteps: 'next steps',
  rapport: 'rapport',
};

/** Why each condition of `when` holds now, in words; null as soon as one does not. */
function reasonsFor(
  when: BeatConditions,
  moment: Moment,
  scenario: CueScenario,
  now: number,
): string[] | null {
  const reasons: string[] = [];
  if (when.noReplyFor !== undefined) {
    const waited = moment.lastCustomerAt === null ? 0 : now - moment.lastCustomerAt;
    if (moment.saidSince.length > 0 || waited < when.noReplyFor * 1000) return null;
    reasons.push(`No reply for ${Math.floor(waited / 1000)} s`);
  }
  if (when.candidateSays !== undefined) {
    const reason = saidReason(when.candidateSays, moment.saidSince);
    if (reason === null) return null;
    reasons.push(reason);
  }
  if (when.action !== undefined) {
    if (!moment.actedSince.has(when.action)) return null;
    const label = scenario.actionLabels?.[when.action] ?? when.action;
    reasons.push(`The candidate did “${label}”`);
  }
  if (when.afterBeat !== undefined) {
    if (!moment.lastUse.has(when.afterBeat)) return null;
    reasons.push(`After the beat “${when.afterBeat}”`);
  }
  const { angerAtLeast = 0, angerAtMost = 10 } = when;
  if (when.angerAtLeast !== undefined || when.angerAtMost !== undefined) {
    if (moment.anger < angerAtLeast || moment.anger > angerAtMost) return null;
    reasons.push(`Anger is ${moment.anger}`);
  }
  return reasons;
}

/**
 * Whether a beat may be suggested at all now: it has conditions, a once-only beat has not been used,
 * and a beat used before waits until the candidate has said or done something since.
 */
function eligible(beat: CueBeat, moment: Moment): beat is CueBeat & { when: BeatConditions } {
  if (!beat.when) return false;
  const used = moment.lastUse.get(beat.id);
  return used === undefined || (!beat.once && moment.lastCandidateMove > used);
}

/**
 * The beats whose conditions hold at `now` (epoch ms) in a live session, best first: more
 * conditions first, then the order of the file. Nothing before the start or after the end.
 */
export function suggestedBeats(
  scenario: CueScenario,
  events: readonly SessionEvent[],
  now: number,
): Suggestion[] {
  const moment = momentOf(scenario.persona.initialAnger, events);
  if (!moment.live) return [];
  return scenario.beats
    .map((beat, order) => {
      if (!eligible(beat, moment)) return null;
      const reasons = reasonsFor(beat.when, moment, scenario, now);
      return reasons && { beatId: beat.id, reasons, order, count: conditionCount(beat.when) };
    })
    .filter((found) => found !== null)
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ beatId, reasons }) => ({ beatId, reasons }));
}

/**
 * When (epoch ms, after `now`) a `noReplyFor` of an eligible beat comes due if the candidate stays
 * silent; null when none can. The practice room sets its timer by it.
 */
export function nextCueAt(
  scenario: CueScenario,
  events: readonly SessionEvent[],
  now: number,
): number | null {
  const moment = momentOf(scenario.persona.initialAnger, events);
  if (!moment.live || moment.lastCustomerAt === null || moment.saidSince.length > 0) return null;
  const due = scenario.beats
    .filter((beat) => eligible(beat, moment) && beat.when?.noReplyFor !== undefined)
    .map((beat) => moment.lastCustomerAt! + beat.when!.noReplyFor! * 1000)
    .filter((at) => at > now);
  return due.length === 0 ? null : Math.min(...due);
}

/** Whether the candidate has said or done something the customer has not answered yet. */
export function candidateAwaitsAnswer(initialAnger: number, events: readonly SessionEvent[]) {
  const moment = momentOf(initialAnger, events);
  return moment.live && moment.candidateMovedSince;
}

/** A beat's conditions in words, for the scenario page: "no reply for 60 s; anger at least 7". */
export function conditionsInWords(when: BeatConditions, labels: CueScenario['actionLabels'] = {}) {
  const parts: string[] = [];
  if (when.noReplyFor !== undefined) parts.push(`no reply for ${when.noReplyFor} s`);
  const says = when.candidateSays;
  if (says) {
    const what = [
      ...(says.categories ?? []).map((category) => CATEGORY_WORDS[category]),
      ...(says.phrases ?? []).map((phrase) => `“${phrase}”`),
      ...(says.pattern === undefined ? [] : [`words matching /${says.pattern}/`]),
    ];
    parts.push(`the candidate says ${what.join(' or ')}`);
  }
  if (when.action !== undefined) {
    parts.push(`the candidate does “${labels[when.action] ?? when.action}”`);
  }
  if (when.afterBeat !== undefined) parts.push(`after the beat “${when.afterBeat}”`);
  if (when.angerAtLeast !== undefined && when.angerAtMost !== undefined) {
    parts.push(`anger ${when.angerAtLeast} to ${when.angerAtMost}`);
  } else if (when.angerAtLeast !== undefined) {
    parts.push(`anger at least ${when.angerAtLeast}`);
  } else if (when.angerAtMost !== undefined) {
    parts.push(`anger at most ${when.angerAtMost}`);
  }
  return parts.join('; ');
}
