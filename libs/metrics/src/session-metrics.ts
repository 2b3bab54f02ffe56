import {
  EVENT,
  isEvent,
  REPORT_FIELDS,
  type Actor,
  type EventType,
  type FactMention,
  type ProductReport,
  type SessionEvent,
} from '@hotseat/events';
import { METRICS_VERSION } from './definitions';
import { confirmationFactsOf, factsMentioned } from './facts';
import type { PhraseCategory } from './lexicon';
import { signalsOf, type Signals } from './signals';
import type { ArticleText, MetricsScenario, TimedMessage } from './types';

export type HelpCenterUsage = 'none' | 'consulted' | 'relied';

/** A session's figures, as METRIC_DEFINITIONS explains them. Times in ms from t0. */
export interface SessionMetrics {
  version: number;
  /** `at` of `session.started`; null while the session has not started (then every figure is empty). */
  t0: string | null;
  /** From t0 to `session.ended`; null while it has not ended. */
  durationMs: number | null;
  solved: boolean;
  timeToSolutionMs: number | null;
  firstResponseMs: number | null;
  medianResponseMs: number | null;
  candidateMessages: number;
  helpCenter: {
    searches: number;
    articlesOpened: number;
    uniqueArticles: number;
    timeInArticlesMs: number;
    openedSolutionArticle: boolean;
    usage: HelpCenterUsage;
  };
  deEscalation: {
    initialAnger: number;
    peakAnger: number;
    finalAnger: number;
    timeToCalmMs: number | null;
    /** The calm moment itself, from t0: the last peak plus timeToCalmMs; null when never calm. */
    calmAtMs: number | null;
    timeline: Array<{ atMs: number; level: number }>;
    signals: Record<PhraseCategory, number>;
  };
  checkpoints: {
    /** Met at the end, each with the hit that counts (the last, after any untick) and who made it. */
    hit: Array<{ id: string; atMs: number; by: 'interviewer' | 'desk' }>;
    missed: Array<{ id: string; required: boolean }>;
  };
  /** When the last required checkpoint was met, of those met at the end; null unless all are. */
  timeToRequiredCheckpointsMs: number | null;
  timeToFirstActionMs: number | null;
  lookups: number;
  lookupsBeforeFirstAction: number;
  actions: Array<{ atMs: number; actionId: string; label: string; mistakes: string[] }>;
  mistakes: Array<{ id: string; atMs: number; actionId: string }>;
  confirmationSent: boolean;
  /** The facts the desk's email rule names, each found in any email or not. */
  confirmationFacts: FactMention[];
  productReport: {
    present: boolean;
    /** Characters of the last report, its title and every field. */
    length: number;
    /** Fields of the last report with an answer, of REPORT_FIELDS. */
    fieldsFilled: number;
    fields: number;
  };
  attention: { pastes: number; aways: number; awayMs: number };
  /** The words behind the figures: phrase evidence, sentiment, canned answers, HEARD order. */
  conversation: Omit<Signals, 'phrases'>;
}

/**
 * Every figure of a session from its log (in seq order) and the scenario version it pinned. Pure:
 * the same log always gives the same figures, live, on a scorecard or in a replay.
 */
export function sessionMetrics(
  events: readonly SessionEvent[],
  scenario: MetricsScenario,
  articles: readonly ArticleText[] = [],
): SessionMetrics {
  const started = events.find((event) => isEvent(event, EVENT.sessionStarted));
  const t0 = started ? Date.parse(started.at) : null;
  const logged: TimedEvent[] =
    t0 === null ? [] : events.map((event) => ({ ...event, atMs: Date.parse(event.at) - t0 }));
  const first = (type: EventType) => logged.find((event) => event.type === type);
  const solved = first(EVENT.sessionSolved);
  const ended = first(EVENT.sessionEnded);
  // What an open article or an absence runs until: the end, or while live the latest event.
  const horizonMs = ended?.atMs ?? logged.at(-1)?.atMs ?? 0;

  const messages = (actor: Actor): TimedMessage[] =>
    logged.flatMap((event) =>
      isEvent(event, EVENT.chatMessage) && event.actor === actor
        ? [{ seq: event.seq, atMs: event.atMs, text: event.payload.text }]
        : [],
    );
  const candidateMessages = messages('candidate');
  const customerMessages = messages('customer');
  const { phrases, ...conversation } = signalsOf({
    candidateMessages,
    customerMessages,
    customerName: scenario.persona.name,
    articles: [...articles],
  });

  return {
    version: METRICS_VERSION,
    t0: t0 === null ? null : new Date(t0).toISOString(),
    durationMs: ended?.atMs ?? null,
    solved: !!solved,
    timeToSolutionMs: solved?.atMs ?? null,
    firstResponseMs: candidateMessages[0]?.atMs ?? null,
    medianResponseMs: median(responseDelays(customerMessages, candidateMessages)),
    candidateMessages: candidateMessages.length,
    helpCenter: helpCenter(logged, scenario, solved?.seq ?? null, horizonMs),
    deEscalation: {
      ...anger(logged, scenario.persona),
      signals: phrases,
    },
    ...checkpoints(logged, scenario),
    ...desk(logged, scenario),
    attention: attention(logged, horizonMs),
    conversation,
  };
}

type TimedEvent = SessionEvent & { atMs: number };

/** For each customer message that a candidate message follows: the wait until that next message. */
function responseDelays(customer: TimedMessage[], candidate: TimedMessage[]): number[] {
  return customer.flatMap((message) => {
    const reply = candidate.find((next) => next.seq > message.seq);
    return reply ? [reply.atMs - message.atMs] : [];
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function helpCenter(
  logged: TimedEvent[],
  scenario: MetricsScenario,
  solvedSeq: number | null,
  horizonMs: number,
): SessionMetrics['helpCenter'] {
  let searches = 0;
  let articlesOpened = 0;
  let timeInArticlesMs = 0;
  let openedSolutionArticle = false;
  const unique = new Set<string>();
  let open: { articleId: string; sinceMs: number } | null = null;
  const closeAt = (atMs: number) => {
    if (open) timeInArticlesMs += atMs - open.sinceMs;
    open = null;
  };
  for (const event of logged) {
    if (isEvent(event, EVENT.helpSearched)) searches += 1;
    if (isEvent(event, EVENT.helpOpened)) {
      const { articleId } = event.payload;
      closeAt(event.atMs);
      open = { articleId, sinceMs: event.atMs };
      articlesOpened += 1;
      unique.add(articleId);
      // By seq: an open logged after the solve, even within the same millisecond, is not before it.
      const beforeSolve = solvedSeq === null || event.seq < solvedSeq;
      if (beforeSolve && scenario.solution.articles.includes(articleId))
        openedSolutionArticle = true;
    }
    // A close for another article than the open one changes nothing: that one was closed already.
    if (isEvent(event, EVENT.helpClosed) && open?.articleId === event.payload.articleId) {
      closeAt(event.atMs);
    }
    if (isEvent(event, EVENT.sessionEnded)) closeAt(event.atMs);
  }
  closeAt(horizonMs);
  const usage: HelpCenterUsage = openedSolutionArticle
    ? 'relied'
    : searches + articlesOpened > 0
      ? 'consulted'
      : 'none';
  return {
    searches,
    articlesOpened,
    uniqueArticles: unique.size,
    timeInArticlesMs,
    openedSolutionArticle,
    usage,
  };
}

function anger(
  logged: TimedEvent[],
  persona: MetricsScenario['persona'],
): Omit<SessionMetrics['deEscalation'], 'signals'> {
  const timeline = [{ atMs: 0, level: persona.initialAnger }];
  for (const event of logged) {
    if (isEvent(event, EVENT.angerChanged)) {
      timeline.push({ atMs: event.atMs, level: event.payload.level });
    }
  }
  const peakAnger = Math.max(...timeline.map((point) => point.level));
  // The last time the level *reached* the peak: a repeated set at the same level reaches nothing.
  const lastPeak = timeline.findLastIndex(
    (point, index) =>
      point.level === peakAnger && (index === 0 || timeline[index - 1].level !== peakAnger),
  );
  const calm = timeline.slice(lastPeak).find((point) => point.level <= persona.calmAt);
  return {
    initialAnger: persona.initialAnger,
    peakAnger,
    finalAnger: timeline.at(-1)!.level,
    timeToCalmMs: calm ? calm.atMs - timeline[lastPeak].atMs : null,
    calmAtMs: calm ? calm.atMs : null,
    timeline,
  };
}

function checkpoints(
  logged: TimedEvent[],
  scenario: MetricsScenario,
): Pick<SessionMetrics, 'checkpoints' | 'timeToRequiredCheckpointsMs'> {
  // A checkpoint counts as met from its latest hit, unless the interviewer unticked it after.
  const met = new Map<string, { atMs: number; by: 'interviewer' | 'desk' }>();
  const required = scenario.solution.checkpoints.filter((c) => c.required).map((c) => c.id);
  let allRequiredAtMs: number | null = null;
  for (const event of logged) {
    if (isEvent(event, EVENT.checkpointHit)) {
      met.set(event.payload.checkpointId, {
        atMs: event.atMs,
        by: event.actor === 'system' ? 'desk' : 'interviewer',
      });
    } else if (isEvent(event, EVENT.checkpointCleared)) {
      met.delete(event.payload.checkpointId);
    } else continue;
    const all = required.length > 0 && required.every((id) => met.has(id));
    if (!all) allRequiredAtMs = null;
    else if (allRequiredAtMs === null) allRequiredAtMs = event.atMs;
  }
  const hit = [...met]
    .map(([id, { atMs, by }]) => ({ id, atMs, by }))
    .sort((a, b) => a.atMs - b.atMs);
  const missed = scenario.solution.checkpoints
    .filter((checkpoint) => !met.has(checkpoint.id))
    .map(({ id, required }) => ({ id, required }));
  return { checkpoints: { hit, missed }, timeToRequiredCheckpointsMs: allRequiredAtMs };
}

type DeskFigures = Pick<
  SessionMetrics,
  | 'timeToFirstActionMs'
  | 'lookups'
  | 'lookupsBeforeFirstAction'
  | 'actions'
  | 'mistakes'
  | 'confirmationSent'
  | 'confirmationFacts'
  | 'productReport'
>;

/** What the candidate looked up and did on the desk, wrote to the customer and reported. */
function desk(logged: TimedEvent[], scenario: MetricsScenario): DeskFigures {
  const actions: DeskFigures['actions'] = [];
  let lookups = 0;
  let lookupsBeforeFirstAction = 0;
  const emails: string[] = [];
  let report: ProductReport | null = null;
  for (const event of logged) {
    if (isEvent(event, EVENT.deskViewed)) {
      lookups += 1;
      if (actions.length === 0) lookupsBeforeFirstAction += 1;
    }
    if (isEvent(event, EVENT.deskActed)) {
      const { actionId, label, mistakes = [] } = event.payload;
      actions.push({ atMs: event.atMs, actionId, label, mistakes });
    }
    if (isEvent(event, EVENT.deskEmailed)) {
      emails.push(`${event.payload.subject}\n${event.payload.body}`);
    }
    if (isEvent(event, EVENT.deskReported)) report = event.payload;
  }
  const facts = confirmationFactsOf(scenario);
  const filled = report
    ? REPORT_FIELDS.filter((field) => (report[field] ?? '').trim() !== '').length
    : 0;
  return {
    timeToFirstActionMs: actions[0]?.atMs ?? null,
    lookups,
    lookupsBeforeFirstAction,
    actions,
    mistakes: actions.flatMap(({ atMs, actionId, mistakes }) =>
      mistakes.map((id) => ({ id, atMs, actionId })),
    ),
    confirmationSent: emails.length > 0,
    // Each fact in one email: words spread over two emails do not make it.
    confirmationFacts: facts.map((fact) => ({
      fact,
      found: emails.some((email) => factsMentioned(email, [fact])[0].found),
    })),
    productReport: {
      present: report !== null,
      length: report
        ? [report.title, ...REPORT_FIELDS.map((field) => report[field])].join('').length
        : 0,
      fieldsFilled: filled,
      fields: REPORT_FIELDS.length,
    },
  };
}

function attention(logged: TimedEvent[], horizonMs: number): SessionMetrics['attention'] {
  let pastes = 0;
  let aways = 0;
  let awayMs = 0;
  let awaySinceMs: number | null = null;
  for (const event of logged) {
    if (event.type === EVENT.candidatePasted) pastes += 1;
    if (event.type === EVENT.candidateAway && awaySinceMs === null) {
      aways += 1;
      awaySinceMs = event.atMs;
    }
    const back = event.type === EVENT.candidateBack || event.type === EVENT.sessionEnded;
    if (back && awaySinceMs !== null) {
      awayMs += event.atMs - awaySinceMs;
      awaySinceMs = null;
    }
  }
  if (awaySinceMs !== null) awayMs += horizonMs - awaySinceMs;
  return { pastes, aways, awayMs };
}
