import { Injectable, NotFoundException } from '@nestjs/common';
import {
  deskInputText,
  duration,
  EVENT,
  isEvent,
  presenter,
  REPORT_FIELDS,
  sinceStart,
  type DeskFormInput,
  type LineKind,
  type RecordView,
  type ReportField,
  type SessionEvent,
  type SessionStatus,
} from '@hotseat/events';
import { SHADOW_QUESTIONS, type ShadowQuestion } from '@hotseat/feedback';
import type { StaffPrincipal } from '@hotseat/identity';
import { METRIC_DEFINITIONS, PHRASE_CATEGORIES, type SessionMetrics } from '@hotseat/metrics';
import { EventLog, SessionsService } from '@hotseat/roleplay';
import { splitName } from '@hotseat/hiring';
import {
  deskRecords,
  ScenariosService,
  templateContext,
  type Application,
  type ScenarioDefinition,
} from '@hotseat/scenarios';
import { RANKED_FIGURES } from './ranked-figures';
import { ScorecardsService } from './scorecards.service';
import type { ShadowingOnCard } from './summaries';

type Scorecard = Awaited<ReturnType<ScorecardsService['scorecard']>>;

/** Why a session has no figures to show. */
const PENDING: Record<SessionStatus, string> = {
  scheduled: 'This role-play has not started yet.',
  live: 'This role-play is live: its figures come when it ends.',
  ended: 'This role-play ended before it started: there is nothing to measure.',
  cancelled: 'This role-play was cancelled.',
};

/** The figures that are moments of the replay, and the buttons that jump to them. */
const JUMPS: Partial<Record<string, { jump: string; jumpLabel: string }>> = {
  firstResponseMs: { jump: 'firstReply', jumpLabel: 'Jump to the first reply' },
  timeToSolutionMs: { jump: 'solved', jumpLabel: 'Jump to the solve' },
  timeToCalmMs: { jump: 'calm', jumpLabel: 'Jump to the calm moment' },
  timeToRequiredCheckpointsMs: {
    jump: 'requiredCheckpoints',
    jumpLabel: 'Jump to the last required checkpoint',
  },
  timeToFirstActionMs: { jump: 'firstAction', jumpLabel: 'Jump to the first action' },
};

/** The fields of a report to the product team, as the candidate's form names them. */
const REPORT_LABELS: Record<ReportField, string> = {
  body: 'What happened',
  steps: 'Steps to reproduce',
  impact: 'Impact',
  customersAffected: 'Customers affected',
  suggestion: 'Suggestion',
};

const PHRASE_LABELS: Record<(typeof PHRASE_CATEGORIES)[number], string> = {
  apology: 'Apology',
  empathy: 'Empathy',
  ownership: 'Ownership',
  nextSteps: 'Next steps',
  rapport: 'Rapport',
};

/**
 * The transcript's lines: the conversation and what happened around it (the help center, the desk);
 * anger and checkpoints have their own chart and list.
 */
const TRANSCRIPT_KINDS = new Set<LineKind>([
  'candidate',
  'customer',
  'note',
  'help',
  'desk',
  'attention',
  'system',
]);

/**
 * The scorecard page, the print view of a transcript, in the words and order the pages show them.
 * Access is ScorecardsService.scorecard's (who may see the candidate's scorecard) and, for a log,
 * SessionsService's (an interviewer who rated reads only the logs of the role-plays they ran). The
 * logs of all of a candidate's role-plays are read in one query.
 */
@Injectable()
export class ScorecardPresenter {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly sessions: SessionsService,
    private readonly log: EventLog,
    private readonly scenarios: ScenariosService,
  ) {}

  async scorecardPage(staff: StaffPrincipal, candidateId: string) {
    const card = await this.scorecards.scorecard(staff, candidateId);
    const ids = card.sessions.map((session) => session.id);
    const [readable, logs, definitions] = await Promise.all([
      this.sessions.visibleAmong(staff, ids),
      this.log.ofSessions(ids),
      Promise.all(
        card.sessions.map((session) => this.scenarios.version(session.scenarioVersionId)),
      ),
    ]);
    return {
      card,
      sessions: card.sessions.map((session, index) =>
        sessionView(
          card.candidate.name,
          session,
          definitions[index],
          readable.has(session.id) ? logs.get(session.id)! : null,
        ),
      ),
      t0Definition: METRIC_DEFINITIONS.t0,
      score: card.overall.score === null ? null : card.overall.score.toFixed(1),
      components: card.overall.components.map((component) => ({
        ...component,
        value: component.value === null ? 'no data yet' : component.value.toFixed(1),
      })),
      shadowing: card.shadowing.map(shadowView),
    };
  }

  /** A plain page to print: the conversation, with the interviewer's notes only when asked. */
  async transcriptPage(
    staff: StaffPrincipal,
    candidateId: string,
    sessionId: string,
    notes: boolean,
  ) {
    const card = await this.scorecards.scorecard(staff, candidateId);
    const session = card.sessions.find((s) => s.id === sessionId);
    if (!session) {
      throw new NotFoundException('There is no role-play with this id for this candidate.');
    }
    const [events, definition] = await Promise.all([
      this.readableLog(staff, sessionId),
      this.scenarios.version(session.scenarioVersionId),
    ]);
    return {
      candidate: card.candidate,
      session,
      notes,
      startedAt: session.startedAt?.toISOString().replace('T', ' ').slice(0, 16),
      lines: transcript(events, card.candidate.name, definition, new Map(), notes),
    };
  }

  private async readableLog(staff: StaffPrincipal, sessionId: string): Promise<SessionEvent[]> {
    await this.sessions.visible(staff, sessionId);
    return (await this.log.ofSessions([sessionId])).get(sessionId)!;
  }
}

function rankedValue(key: string, value: number | null): string {
  if (value === null) return 'none';
  if (key.endsWith('Ms')) return duration(value);
  if (key === 'checkpointsHit') return `${Math.round(value * 100)}%`;
  return String(Math.round(value * 10) / 10);
}

/** Everything the page shows of one session; the log only for staff who may read it. */
function sessionView(
  candidateName: string,
  session: Scorecard['sessions'][number],
  definition: ScenarioDefinition,
  log: SessionEvent[] | null,
) {
  const figures = session.figures;
  const base = {
    id: session.id,
    status: session.status,
    scenario: session.scenario,
    interviewer: session.interviewer,
    rating: session.rating && {
      ...session.rating,
      recommendation: session.rating.recommendation?.replace('-', ' '),
    },
    canReadLog: log !== null,
  };
  if (!figures || figures.t0 === null)
    return { ...base, figures: null, pending: PENDING[session.status] };
  const definitions: Record<string, string> = METRIC_DEFINITIONS;
  const checkpointLabel = labelsOf(definition);
  const canned = new Map(
    figures.conversation.cannedAnswers.map((c) => [
      c.seq,
      `Signal: ${c.words} words in a row copied from "${c.articleTitle}"`,
    ]),
  );
  return {
    ...base,
    figures: {
      percentileBase: session.ranked?.scenarioSessions ?? null,
      ranked: RANKED_FIGURES.map(({ key, label, definition: explained }) => {
        const raw = session.ranked?.raw[key] ?? null;
        const jump = raw === null ? undefined : JUMPS[key];
        return {
          label: label.replace(/ \(ms\)$/, ''),
          value: rankedValue(key, raw),
          percentile: session.ranked?.percentile[key] ?? 'none',
          definition: explained
            ? definitions[explained]
            : 'From the submitted rating of this role-play.',
          ...jump,
        };
      }),
      other: otherFigures(figures).map(([key, label, value]) => ({
        label,
        value,
        definition: definitions[key],
      })),
    },
    checkpoints: {
      hit: figures.checkpoints.hit.map((c) => ({
        label: checkpointLabel(c.id),
        atMs: c.atMs,
        clock: sinceStart(c.atMs),
        // Figures stored before METRICS_VERSION 3 knew only the interviewer's ticks.
        by: c.by === 'desk' ? 'met by the desk' : 'ticked by the interviewer',
      })),
      missed: figures.checkpoints.missed.map((c) => ({ ...c, label: checkpointLabel(c.id) })),
    },
    signals: signalsView(figures),
    desk: deskView(figures, definition, log, session.rating),
    lines: log && transcript(log, candidateName, definition, canned, true),
    replay: log && {
      durationMs: figures.durationMs ?? figures.deEscalation.timeline.at(-1)!.atMs,
      timeline: figures.deEscalation.timeline,
      calmAt: definition.persona.calmAt,
      // The moments the jump buttons go to, as the metrics computed them.
      moments: {
        firstReply: figures.firstResponseMs,
        solved: figures.timeToSolutionMs,
        calm: figures.deEscalation.calmAtMs,
        requiredCheckpoints: figures.timeToRequiredCheckpointsMs ?? null,
        firstAction: figures.timeToFirstActionMs ?? null,
      },
      checkpoints: figures.checkpoints.hit.map((c) => ({
        atMs: c.atMs,
        label: `${checkpointLabel(c.id)}${c.by === 'desk' ? ' (met by the desk)' : ''}`,
      })),
    },
  };
}

/** Each desk action's inputs, for the presenter to word what was entered. */
function deskFormOf(definition: ScenarioDefinition): (actionId: string) => DeskFormInput[] {
  return (actionId) => definition.desk?.actions.find((a) => a.id === actionId)?.inputs ?? [];
}

function labelsOf(definition: ScenarioDefinition): (id: string) => string {
  const labels = new Map(definition.solution.checkpoints.map((c) => [c.id, c.label]));
  return (id) => labels.get(id) ?? id;
}

/** A desk mistake's note for the interviewer, from the pinned definition; its id when unknown. */
function mistakeNotesOf(definition: ScenarioDefinition): (id: string) => string {
  const notes = new Map((definition.desk?.mistakes ?? []).map((m) => [m.id, m.note]));
  return (id) => notes.get(id) ?? id;
}

/**
 * The agent desk of one session: what the candidate looked up and did, with the story's mistakes
 * flagged, the confirmation email and the report to the product team beside the rating's
 * product-team question. The figures come from the stored figures; the words the candidate wrote
 * (the inputs, the email, the report) from the log, for staff who may read it. Null when the
 * scenario has no desk and the candidate did nothing on one (or the figures predate the desk).
 */
function deskView(
  figures: SessionMetrics,
  definition: ScenarioDefinition,
  log: SessionEvent[] | null,
  rating: Scorecard['sessions'][number]['rating'],
) {
  if (!figures.productReport) return null;
  const { actions, mistakes, confirmationFacts, productReport } = figures;
  const used =
    figures.lookups > 0 || actions.length > 0 || figures.confirmationSent || productReport.present;
  if (!definition.desk && !used) return null;
  const events = log ?? [];
  const t0 = Date.parse(figures.t0!);
  const acted = events.filter((event) => isEvent(event, EVENT.deskActed));
  const note = mistakeNotesOf(definition);
  const emails = events.flatMap((event) =>
    isEvent(event, EVENT.deskEmailed)
      ? [{ ...event.payload, clock: sinceStart(Date.parse(event.at) - t0) }]
      : [],
  );
  const reported = events.filter((event) => isEvent(event, EVENT.deskReported)).at(-1);
  return {
    used,
    canReadLog: log !== null,
    firstAction:
      figures.timeToFirstActionMs === null ? 'no action' : duration(figures.timeToFirstActionMs),
    lookups: figures.lookups,
    lookupsBeforeFirstAction: figures.lookupsBeforeFirstAction,
    // desk.acted events and the figures' actions are the same events in the same order.
    actions: actions.map((action, index) => {
      const payload = acted[index]?.payload;
      return {
        clock: sinceStart(action.atMs),
        label: action.label,
        input: payload
          ? deskInputText(payload.input, deskFormOf(definition)(action.actionId)) || null
          : null,
        result: payload?.result ?? null,
        mistakes: action.mistakes.map((id) => ({ id, note: note(id) })),
      };
    }),
    mistakes: mistakes.length,
    confirmation: {
      sent: figures.confirmationSent,
      emails,
      facts: confirmationFacts.map(({ fact, found }) => ({
        fact,
        found,
        shown: found ? 'mentioned' : 'not found',
      })),
    },
    report: {
      ...productReport,
      title: reported?.payload.title ?? null,
      answers: REPORT_FIELDS.map((field) => ({
        label: REPORT_LABELS[field],
        value: reported?.payload[field]?.trim() || null,
      })),
      at: reported ? sinceStart(Date.parse(reported.at) - t0) : null,
    },
    productTeam: rating?.productTeam ?? null,
  };
}

/** The figures that are not ranked, with their METRIC_DEFINITIONS key. */
function otherFigures({
  helpCenter,
  deEscalation,
}: SessionMetrics): Array<[string, string, string]> {
  return [
    ['helpCenter.usage', 'Help-center usage', helpCenter.usage],
    ['helpCenter.searches', 'Searches', String(helpCenter.searches)],
    ['helpCenter.articlesOpened', 'Articles opened', String(helpCenter.articlesOpened)],
    ['helpCenter.uniqueArticles', 'Different articles', String(helpCenter.uniqueArticles)],
    ['helpCenter.timeInArticlesMs', 'Time in articles', duration(helpCenter.timeInArticlesMs)],
    [
      'helpCenter.openedSolutionArticle',
      'Opened a solution article',
      helpCenter.openedSolutionArticle ? 'yes' : 'no',
    ],
    ['deEscalation.initialAnger', 'Anger at the start', `${deEscalation.initialAnger} of 10`],
    ['deEscalation.peakAnger', 'Peak anger', `${deEscalation.peakAnger} of 10`],
    ['deEscalation.finalAnger', 'Anger at the end', `${deEscalation.finalAnger} of 10`],
  ];
}

/** The words behind the figures: evidence for a person to weigh, never a verdict. */
function signalsView({ deEscalation, conversation, attention }: SessionMetrics) {
  const trend = conversation.sentiment.customerTrend;
  return {
    phrases: PHRASE_CATEGORIES.map((category) => ({
      label: PHRASE_LABELS[category],
      count: deEscalation.signals[category],
      phrases: [
        ...new Set(
          conversation.matches.filter((m) => m.category === category).map((m) => m.phrase),
        ),
      ].join(', '),
    })),
    trend: trend && {
      direction: trend.direction,
      first: trend.first,
      last: trend.last,
    },
    canned: conversation.cannedAnswers.map((c) => ({ ...c, clock: sinceStart(c.atMs) })),
    heard: conversation.heard.flags,
    pastes: attention.pastes,
    aways: attention.aways,
    away: duration(attention.awayMs),
  };
}

function shadowView(feedback: ShadowingOnCard) {
  const day = (at: Date) => new Date(at).toISOString().slice(0, 10);
  const revoked = feedback.linkRevokedAt !== null;
  return {
    id: feedback.id,
    hostName: feedback.hostName,
    answered: feedback.submittedAt !== null,
    expiresAt: day(feedback.linkExpiresAt),
    revokedAt: revoked ? day(feedback.linkRevokedAt!) : null,
    linkWorks: !revoked && new Date(feedback.linkExpiresAt) > new Date(),
    answers: (Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]).map((question) => ({
      question: SHADOW_QUESTIONS[question],
      score: feedback[question]?.score ?? 'no answer',
      notes: feedback[question]?.notes ?? '',
    })),
  };
}

/**
 * The log as lines to read, worded by the shared presenter (@hotseat/events): chat, help-center
 * activity, paste and away flags, the start, solve and end, and the interviewer's notes when `notes`.
 */
function transcript(
  events: SessionEvent[],
  candidateName: string,
  definition: ScenarioDefinition,
  signals: Map<number, string>,
  notes: boolean,
) {
  const started = events.find((event) => isEvent(event, EVENT.sessionStarted));
  if (!started) return [];
  const t0 = Date.parse(started.at);
  const present = presenter({
    audience: 'staff',
    candidateName,
    customerName: definition.persona.name,
    checkpointLabel: labelsOf(definition),
    mistakeNote: mistakeNotesOf(definition),
    deskForm: deskFormOf(definition),
  });
  const context = templateContext(definition, splitName(candidateName));
  // The desk's actions so far: each lookup shows its record as the candidate saw it then.
  const applications: Application[] = [];
  return events.flatMap((event) => {
    if (isEvent(event, EVENT.deskActed)) applications.push(event.payload);
    const line = present(event);
    if (!line || !TRANSCRIPT_KINDS.has(line.kind) || (line.kind === 'note' && !notes)) return [];
    const atMs = Date.parse(event.at) - t0;
    return [
      {
        ...line,
        // A desk line's detail (its mistake's note, an email's facts) is shown; a beat id is not.
        detail: line.kind === 'desk' ? line.detail : undefined,
        mistake: line.mistake ?? false,
        at: event.at,
        atMs,
        clock: sinceStart(atMs),
        signal: signals.get(event.seq),
        record:
          isEvent(event, EVENT.deskViewed) && definition.desk
            ? recordSeen(
                deskRecords(definition.desk, context, applications),
                event.payload.recordId,
              )
            : undefined,
      },
    ];
  });
}

/** A record as the page draws it: a single record's fields, or a table's headings and cells. */
function recordSeen(records: RecordView[], recordId: string) {
  const record = records.find((r) => r.id === recordId);
  if (!record) return undefined;
  if ('fields' in record) return { fields: record.fields };
  return {
    columns: record.columns.map((column) => column.label),
    rows: record.rows.map((row) => record.columns.map((column) => row.cells[column.key] ?? '')),
  };
}
