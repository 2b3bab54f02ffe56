import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Query,
  Render,
} from '@nestjs/common';
import { SHADOW_QUESTIONS, type ShadowQuestion } from '@hotseat/feedback';
import { canSeeSession, CurrentStaff, Roles, type StaffPrincipal } from '@hotseat/identity';
import { METRIC_DEFINITIONS, PHRASE_CATEGORIES, type SessionMetrics } from '@hotseat/metrics';
import { OpeningsService, SessionsService, type SessionEvent } from '@hotseat/roleplay';
import { RANKED_FIGURES, ScorecardsService } from '@hotseat/scorecards';
import { staffPage } from './page-context';

type Scorecard = Awaited<ReturnType<ScorecardsService['scorecard']>>;
type CardSession = Scorecard['sessions'][number];
type StaffScript = Awaited<ReturnType<SessionsService['script']>>;

/**
 * A candidate's scorecard (figures, curve, replay, transcript, ratings, shadowing), the print view
 * of a transcript, and the comparison page. Access is the API's: ScorecardsService.scorecard refuses
 * with its reason, SessionsService refuses a session the caller may not see.
 */
@Controller()
export class ScorecardPagesController {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly sessions: SessionsService,
    private readonly openings: OpeningsService,
  ) {}

  @Get('candidates/:id')
  @Render('scorecard')
  async scorecard(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    const card = await this.scorecards.scorecard(staff, id);
    const sessions = await Promise.all(
      card.sessions.map(async (session) => {
        // An interviewer who rated sees every figure, but the log only of the role-plays they ran.
        const own = canSeeSession(staff, { id: session.id, interviewerId: session.interviewer.id });
        const [script, events] = own
          ? await Promise.all([
              this.sessions.script(staff, session.id),
              this.sessions.events(staff, session.id),
            ])
          : [];
        return sessionView(card.candidate, session, script && events ? { script, events } : null);
      }),
    );
    return staffPage(staff, `Scorecard: ${card.candidate.name}`, ['charts.js', 'scorecard.js'], {
      card,
      sessions,
      t0Definition: METRIC_DEFINITIONS.t0,
      score: card.overall.score === null ? null : card.overall.score.toFixed(1),
      components: card.overall.components.map((component) => ({
        ...component,
        value: component.value === null ? 'no data yet' : component.value.toFixed(1),
      })),
      shadowing: card.shadowing.map(shadowView),
    });
  }

  /** A plain page to print: the conversation, with the interviewer's notes only when asked. */
  @Get('candidates/:id/sessions/:sessionId/transcript')
  @Render('transcript')
  async transcript(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query(
      'notes',
      new ParseBoolPipe({
        optional: true,
        exceptionFactory: () => new BadRequestException('notes must be true or false.'),
      }),
    )
    notes = false,
  ) {
    const card = await this.scorecards.scorecard(staff, id);
    const session = card.sessions.find((s) => s.id === sessionId);
    if (!session)
      throw new NotFoundException('There is no role-play with this id for this candidate.');
    const [script, events] = await Promise.all([
      this.sessions.script(staff, sessionId),
      this.sessions.events(staff, sessionId),
    ]);
    return staffPage(staff, `Transcript: ${card.candidate.name}`, [], {
      bodyClass: 'print-view',
      candidate: card.candidate,
      session,
      notes,
      startedAt: session.startedAt?.toISOString().replace('T', ' ').slice(0, 16),
      lines: transcript(events, card.candidate.name, script.persona.name, new Map(), notes),
    });
  }

  @Get('compare')
  @Roles('admin', 'manager')
  @Render('compare')
  async compare(@CurrentStaff() staff: StaffPrincipal, @Query('openingId') openingId?: unknown) {
    const openings = await this.openings.list();
    return staffPage(staff, 'Compare candidates', ['charts.js', 'compare.js'], {
      openings: openings.map(({ id, title }) => ({ id, title, selected: id === openingId })),
    });
  }
}

/** A time from the start, for people: "4.2 s", "2 min 05 s". */
function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A transcript timestamp from the start: "1:05". */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Why a session has no figures to show. */
const PENDING: Record<CardSession['status'], string> = {
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
};

function rankedValue(key: string, value: number | null): string {
  if (value === null) return 'none';
  if (key.endsWith('Ms')) return duration(value);
  if (key === 'checkpointsHit') return `${Math.round(value * 100)}%`;
  return String(Math.round(value * 10) / 10);
}

/** Everything the page shows of one session; the log only for staff who may read it. */
function sessionView(
  candidate: Scorecard['candidate'],
  session: CardSession,
  log: { script: StaffScript; events: SessionEvent[] } | null,
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
  const labelOf = new Map(log?.script.solution.checkpoints.map((c) => [c.id, c.label]));
  const checkpointLabel = (id: string) => labelOf.get(id) ?? id;
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
      ranked: RANKED_FIGURES.map(({ key, label, definition }) => {
        const raw = session.ranked?.raw[key] ?? null;
        const jump = raw === null ? undefined : JUMPS[key];
        return {
          label: label.replace(/ \(ms\)$/, ''),
          value: rankedValue(key, raw),
          percentile: session.ranked?.percentile[key] ?? 'none',
          definition: definition
            ? definitions[definition]
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
        clock: clock(c.atMs),
      })),
      missed: figures.checkpoints.missed.map((c) => ({ ...c, label: checkpointLabel(c.id) })),
    },
    signals: signalsView(figures),
    lines: log && transcript(log.events, candidate.name, log.script.persona.name, canned, true),
    replay: log && {
      durationMs: figures.durationMs ?? figures.deEscalation.timeline.at(-1)!.atMs,
      timeline: figures.deEscalation.timeline,
      calmAt: log.script.persona.calmAt,
      firstResponseMs: figures.firstResponseMs,
      timeToSolutionMs: figures.timeToSolutionMs,
      timeToCalmMs: figures.deEscalation.timeToCalmMs,
      checkpoints: figures.checkpoints.hit.map((c) => ({
        atMs: c.atMs,
        label: checkpointLabel(c.id),
      })),
    },
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

const PHRASE_LABELS: Record<(typeof PHRASE_CATEGORIES)[number], string> = {
  apology: 'Apology',
  empathy: 'Empathy',
  ownership: 'Ownership',
  nextSteps: 'Next steps',
  rapport: 'Rapport',
};

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
    canned: conversation.cannedAnswers.map((c) => ({ ...c, clock: clock(c.atMs) })),
    heard: conversation.heard.flags,
    pastes: attention.pastes,
    aways: attention.aways,
    away: duration(attention.awayMs),
  };
}

function shadowView(feedback: Scorecard['shadowing'][number]) {
  return {
    hostName: feedback.hostName,
    answered: feedback.submittedAt !== null,
    expiresAt: new Date(feedback.linkExpiresAt).toISOString().slice(0, 10),
    answers: (Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]).map((question) => ({
      question: SHADOW_QUESTIONS[question],
      score: feedback[question]?.score ?? 'no answer',
      notes: feedback[question]?.notes ?? '',
    })),
  };
}

/**
 * The log as lines to read: chat, help-center activity, paste and away flags, the start, solve and
 * end, and the interviewer's notes when `notes`. Anger and checkpoints have their own chart and list.
 */
function transcript(
  events: SessionEvent[],
  candidateName: string,
  customerName: string,
  signals: Map<number, string>,
  notes: boolean,
) {
  const started = events.find((event) => event.type === 'session.started');
  if (!started) return [];
  const t0 = new Date(started.at).getTime();
  const titles = new Map<string, string>();
  return events.flatMap((event) => {
    const line = describe(event, candidateName, customerName, titles);
    if (!line || (line.kind === 'note' && !notes)) return [];
    const atMs = new Date(event.at).getTime() - t0;
    return [{ ...line, at: event.at, atMs, clock: clock(atMs), signal: signals.get(event.seq) }];
  });
}

function describe(
  { type, actor, payload }: SessionEvent,
  candidateName: string,
  customerName: string,
  titles: Map<string, string>,
): { kind: string; who: string; text: string } | null {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const help = (said: string) => ({ kind: 'help', who: 'Help center', text: said });
  const flag = (said: string) => ({ kind: 'attention', who: 'Signal', text: said });
  const system = (said: string) => ({ kind: 'system', who: 'Hotseat', text: said });
  switch (type) {
    case 'chat.message':
      return actor === 'candidate'
        ? { kind: 'candidate', who: `${candidateName} (candidate)`, text: text(payload.text) }
        : { kind: 'customer', who: `${customerName} (customer)`, text: text(payload.text) };
    case 'help.searched': {
      const results = Array.isArray(payload.results) ? payload.results.length : 0;
      return help(`Searched for "${text(payload.query)}": ${results} results`);
    }
    case 'help.opened':
      titles.set(text(payload.articleId), text(payload.title));
      return help(`Opened "${text(payload.title)}"`);
    case 'help.closed': {
      const id = text(payload.articleId);
      return help(`Closed "${titles.get(id) ?? id}"`);
    }
    case 'note.added':
      return { kind: 'note', who: 'Interviewer note', text: text(payload.text) };
    case 'candidate.pasted':
      return flag('Pasted into the reply box');
    case 'candidate.away':
      return flag('Left the chat for another tab or window');
    case 'candidate.back':
      return flag('Came back to the chat');
    case 'session.started':
      return system('The role-play started');
    case 'session.solved':
      return system('The interviewer marked the issue solved');
    case 'session.ended':
      return system(
        payload.endedBy === 'time-limit'
          ? 'The role-play ended at its time limit'
          : `The interviewer ended the role-play${payload.reason ? `: ${text(payload.reason)}` : ''}`,
      );
    case 'anger.changed':
    case 'checkpoint.hit':
      return null;
  }
}
