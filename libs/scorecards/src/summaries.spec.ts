import type { CandidateView } from '@hotseat/hiring';
import { DEFAULT_WEIGHTS, type ScoreWeights, type SessionMetrics } from '@hotseat/metrics';
import { RANKED_FIGURES, type RankedKey, type RankedSession } from './ranked-figures';
import {
  signalSummary,
  summarize,
  type ShadowingOnCard,
  type SummarySession,
  type CandidateSummary,
} from './summaries';

type Rating = CandidateSummary['ratings'][number];
type CannedAnswer = SessionMetrics['conversation']['cannedAnswers'][number];
type Trend = NonNullable<SessionMetrics['conversation']['sentiment']['customerTrend']>;

const candidate: CandidateView = {
  id: 'cand-1',
  name: 'Casey Candidate',
  email: 'casey@example.com',
  createdAt: new Date('2024-05-01T00:00:00Z'),
  opening: { id: 'opening-1', title: 'Support engineer' },
};

/** The figures of an ended session where nothing happened, with the signals the test gives. */
const createFigures = (
  signals: {
    usage?: SessionMetrics['helpCenter']['usage'];
    searches?: number;
    timeInArticlesMs?: number;
    phrases?: Partial<SessionMetrics['deEscalation']['signals']>;
    cannedAnswers?: CannedAnswer[];
    flags?: string[];
    trend?: Trend['direction'] | null;
    pastes?: number;
    awayMs?: number;
  } = {},
): SessionMetrics => ({
  version: 3,
  t0: '2024-05-01T10:00:00.000Z',
  durationMs: 600_000,
  solved: false,
  timeToSolutionMs: null,
  firstResponseMs: null,
  medianResponseMs: null,
  candidateMessages: 0,
  helpCenter: {
    searches: signals.searches ?? 0,
    articlesOpened: 0,
    uniqueArticles: 0,
    timeInArticlesMs: signals.timeInArticlesMs ?? 0,
    openedSolutionArticle: false,
    usage: signals.usage ?? 'none',
  },
  deEscalation: {
    initialAnger: 8,
    peakAnger: 8,
    finalAnger: 8,
    timeToCalmMs: null,
    calmAtMs: null,
    timeline: [{ atMs: 0, level: 8 }],
    signals: { apology: 0, empathy: 0, ownership: 0, nextSteps: 0, rapport: 0, ...signals.phrases },
  },
  checkpoints: { hit: [], missed: [] },
  timeToRequiredCheckpointsMs: null,
  timeToFirstActionMs: null,
  lookups: 0,
  lookupsBeforeFirstAction: 0,
  actions: [],
  mistakes: [],
  confirmationSent: false,
  confirmationFacts: [],
  productReport: { present: false, length: 0, fieldsFilled: 0, fields: 5 },
  attention: { pastes: signals.pastes ?? 0, aways: 0, awayMs: signals.awayMs ?? 0 },
  conversation: {
    matches: [],
    sentiment: {
      candidate: [],
      customer: [],
      customerTrend:
        signals.trend === undefined || signals.trend === null
          ? null
          : { first: 0, last: 0, change: 0, direction: signals.trend },
    },
    cannedAnswers: signals.cannedAnswers ?? [],
    heard: {
      steps: { hear: null, empathise: null, apologise: null, resolve: null, diagnose: null },
      flags: (signals.flags ?? []).map((message, index) => ({
        code: `f${index}`,
        message,
        seq: null,
      })),
    },
  },
});

const nothing = () =>
  Object.fromEntries(RANKED_FIGURES.map(({ key }) => [key, null])) as Record<
    RankedKey,
    number | null
  >;

const createRanked = (
  raw: Partial<Record<RankedKey, number | null>>,
  percentile: Partial<Record<RankedKey, number | null>>,
): RankedSession => ({
  sessionId: 's',
  candidateId: candidate.id,
  scenarioId: 'billing',
  scenarioSessions: 4,
  raw: { ...nothing(), ...raw },
  percentile: { ...nothing(), ...percentile },
});

const createSession = (
  id: string,
  figures: SessionMetrics | null,
  ranked: RankedSession | null,
): SummarySession => ({
  id,
  status: figures ? 'ended' : 'scheduled',
  scenario: { id: 'billing', title: 'Double billing', version: '1' },
  scenarioVersionId: 'v1',
  interviewer: { id: 'staff-ivy', name: 'Ivy' },
  startedAt: null,
  endedAt: null,
  figures,
  ranked,
  rating: null,
});

const createRating = (
  rater: { id: string; name: string },
  scores: { rubricMean: number | null; csat: number | null; productTeam: number | null },
  empathy = 3,
): Rating => ({
  id: `rating-${rater.id}`,
  sessionId: 's',
  candidateId: candidate.id,
  rater,
  attributes: [
    { id: 'empathy', label: 'Empathy', score: empathy, scoreLabel: 'yes', evidence: '' },
  ],
  rubricMean: scores.rubricMean,
  csat: scores.csat,
  productTeam: { question: 'q', score: scores.productTeam, notes: '' },
  recommendation: 'yes',
  submittedAt: new Date(),
  updatedAt: new Date(),
});

const createShadowing = (
  id: string,
  scores: [number | null, number | null, number | null],
): ShadowingOnCard => {
  const answer = (score: number | null) => (score === null ? null : { score, notes: '' });
  return {
    id,
    hostName: `Host ${id}`,
    learning: answer(scores[0]),
    understanding: answer(scores[1]),
    engagement: answer(scores[2]),
    submittedAt: null,
    updatedAt: new Date(),
    candidateId: candidate.id,
    linkExpiresAt: new Date(),
    linkRevokedAt: null,
  };
};

const componentValues = (summary: CandidateSummary) =>
  Object.fromEntries(summary.overall.components.map((c) => [c.id, c.value]));

describe(summarize.name, () => {
  const ivy = { id: 'staff-ivy', name: 'Ivy' };
  const max = { id: 'staff-max', name: 'Max' };

  // Two ended sessions (one of them ranked twice as well) and one that never ran.
  const sessions = [
    createSession(
      'session-1',
      createFigures({ searches: 2 }),
      createRanked(
        { timeToSolutionMs: 60_000 },
        {
          timeToSolutionMs: 100,
          firstResponseMs: 50,
          medianResponseMs: 50,
          timeToCalmMs: 0,
          checkpointsHit: 100,
          rubricMean: 10,
        },
      ),
    ),
    createSession('session-2', null, null),
    createSession(
      'session-3',
      createFigures({ searches: 3 }),
      createRanked(
        { timeToSolutionMs: null },
        {
          timeToSolutionMs: 50,
          firstResponseMs: 50,
          medianResponseMs: 100,
          timeToCalmMs: 100,
          checkpointsHit: 50,
          rubricMean: 10,
        },
      ),
    ),
  ];
  const ratings = [
    createRating(ivy, { rubricMean: 3, csat: 4, productTeam: 2 }, 1),
    createRating(max, { rubricMean: 3.5, csat: 5, productTeam: null }, 4),
  ];
  const shadowing = [createShadowing('fb-1', [4, 4, 4]), createShadowing('fb-2', [1, null, 1])];

  it('scales each component to 0-100 from the means of what was answered', () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    expect(componentValues(summary)).toEqual({
      // rubric means (3 + 3.5) / 2 = 3.25 on 1-4: 2.25 / 3 = 75
      rubric: 75,
      // CSAT (4 + 5) / 2 = 4.5 on 1-5: 3.5 / 4 = 87.5
      csat: 87.5,
      // only Ivy answered: 2 on 1-4 = 33.3
      productTeam: 33.3,
      // only fb-1 answered everything: 4 on 1-4 = 100
      shadowing: 100,
      // percentiles per figure over the two ranked sessions: 75, 50, 75, 50, 75 -> 325 / 5 = 65;
      // the rating's rubricMean percentile (10) is not a role-play figure
      roleplay: 65,
    });
  });

  it("weighs the components with the opening's weights", () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    // (35 * 75 + 15 * 87.5 + 10 * 33.3 + 20 * 100 + 20 * 65) / 100 = 7570.5 / 100
    expect(summary.overall.score).toBe(75.7);
    const onlyRoleplay: ScoreWeights = {
      rubric: 0,
      csat: 0,
      productTeam: 0,
      shadowing: 0,
      roleplay: 1,
    };
    expect(summarize(candidate, sessions, ratings, shadowing, onlyRoleplay).overall.score).toBe(65);
  });

  it('takes the ranked figures from the ranked sessions only', () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    // session-3 was never solved: left out of raw, counted as missing, at its percentile 50
    expect(summary.figures.timeToSolutionMs).toEqual({ raw: 60_000, missing: 1, percentile: 75 });
    expect(summary.figures.rubricMean.percentile).toBe(10);
  });

  it('sums the signals of the sessions that have figures', () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    expect(summary.signals.searches).toBe(5);
    expect(summary.signals.helpCenterUsage).toEqual(['none', 'none']);
  });

  it("finds the raters' disagreements", () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    // Ivy 1 and Max 4 on empathy; CSAT 4 vs 5 is within a point; the hosts 4 vs 1 on the two
    // questions both answered (a question one host left open is not compared).
    expect(summary.disagreements.map((d) => [d.attribute, d.spread])).toEqual([
      ['rubric:empathy', 3],
      ['shadow:learning', 3],
      ['shadow:engagement', 3],
    ]);
  });

  it('passes its inputs through unchanged', () => {
    const summary = summarize(candidate, sessions, ratings, shadowing, DEFAULT_WEIGHTS);
    expect(summary.candidate).toBe(candidate);
    expect(summary.sessions).toBe(sessions);
    expect(summary.ratings).toBe(ratings);
    expect(summary.shadowing).toBe(shadowing);
  });

  it('has no score, empty figures and zero signals for a candidate with nothing yet', () => {
    const summary = summarize(candidate, [], [], [], DEFAULT_WEIGHTS);
    expect(summary.overall.score).toBeNull();
    expect(Object.values(componentValues(summary))).toEqual([null, null, null, null, null]);
    expect(summary.figures.csat).toEqual({ raw: null, missing: 0, percentile: null });
    expect(summary.signals.searches).toBe(0);
    expect(summary.disagreements).toEqual([]);
  });

  it('leaves out the components without data and scores from the rest', () => {
    // Only a rating: rubric 4 -> 100, CSAT 1 -> 0; nothing else.
    const summary = summarize(
      candidate,
      [],
      [createRating(ivy, { rubricMean: 4, csat: 1, productTeam: null })],
      [createShadowing('fb-1', [null, null, null])],
      DEFAULT_WEIGHTS,
    );
    expect(componentValues(summary)).toEqual({
      rubric: 100,
      csat: 0,
      productTeam: null,
      shadowing: null,
      roleplay: null,
    });
    // (35 * 100 + 15 * 0) / 50 = 70
    expect(summary.overall.score).toBe(70);
  });
});

describe(signalSummary.name, () => {
  const canned = (seq: number): CannedAnswer => ({
    seq,
    atMs: seq * 1000,
    articleId: 'refunds',
    articleTitle: 'Refunds',
    words: 12,
    excerpt: 'copied',
  });

  it('is empty, with every count at zero, without sessions', () => {
    expect(signalSummary([])).toEqual({
      helpCenterUsage: [],
      searches: 0,
      timeInArticlesMs: 0,
      phrases: { apology: 0, empathy: 0, ownership: 0, nextSteps: 0, rapport: 0 },
      cannedAnswers: [],
      heardFlags: [],
      customerTrend: [],
      pastes: 0,
      awayMs: 0,
      lookupsBeforeFirstAction: 0,
      mistakes: 0,
      confirmationSent: [],
      confirmationFacts: [],
      productReports: [],
    });
  });

  it('sums the counts and times over the sessions and lists the rest per session', () => {
    const summary = signalSummary([
      createFigures({
        usage: 'relied',
        searches: 2,
        timeInArticlesMs: 30_000,
        phrases: { apology: 1, rapport: 2 },
        cannedAnswers: [canned(4)],
        flags: ['Apologised late.'],
        trend: 'improving',
        pastes: 1,
        awayMs: 2500,
      }),
      createFigures({
        usage: 'consulted',
        searches: 3,
        timeInArticlesMs: 12_500,
        phrases: { apology: 2, nextSteps: 1 },
        cannedAnswers: [canned(7), canned(9)],
        flags: ['Never asked.', 'Jumped to a fix.'],
        trend: null,
        pastes: 0,
        awayMs: 500,
      }),
    ]);
    expect(summary).toEqual({
      helpCenterUsage: ['relied', 'consulted'],
      searches: 5,
      timeInArticlesMs: 42_500,
      phrases: { apology: 3, empathy: 0, ownership: 0, nextSteps: 1, rapport: 2 },
      cannedAnswers: [canned(4), canned(7), canned(9)],
      heardFlags: [
        { code: 'f0', message: 'Apologised late.', seq: null },
        { code: 'f0', message: 'Never asked.', seq: null },
        { code: 'f1', message: 'Jumped to a fix.', seq: null },
      ],
      // The session without a trend (fewer than two customer messages) keeps its place as null.
      customerTrend: ['improving', null],
      pastes: 1,
      awayMs: 3000,
      lookupsBeforeFirstAction: 0,
      mistakes: 0,
      confirmationSent: [false, false],
      confirmationFacts: [
        { found: 0, of: 0 },
        { found: 0, of: 0 },
      ],
      productReports: [
        { present: false, fieldsFilled: 0, fields: 5 },
        { present: false, fieldsFilled: 0, fields: 5 },
      ],
    });
  });

  it("sums the desk's lookups and mistakes and lists the email and the report per session", () => {
    const acted: SessionMetrics = {
      ...createFigures(),
      lookups: 4,
      lookupsBeforeFirstAction: 3,
      actions: [
        { atMs: 9000, actionId: 'refund', label: 'Refund', mistakes: ['refunded-valid-ticket'] },
        { atMs: 12_000, actionId: 'cancel', label: 'Cancel', mistakes: ['cancelled-order'] },
      ],
      mistakes: [
        { id: 'refunded-valid-ticket', atMs: 9000, actionId: 'refund' },
        { id: 'cancelled-order', atMs: 12_000, actionId: 'cancel' },
      ],
      confirmationSent: true,
      confirmationFacts: [
        { fact: '$801', found: true },
        { fact: '3-5 business days', found: false },
      ],
      productReport: { present: true, length: 240, fieldsFilled: 4, fields: 5 },
    };
    const looked: SessionMetrics = { ...createFigures(), lookups: 2, lookupsBeforeFirstAction: 2 };
    const summary = signalSummary([acted, looked]);
    expect(summary).toMatchObject({
      lookupsBeforeFirstAction: 5,
      mistakes: 2,
      confirmationSent: [true, false],
      confirmationFacts: [
        { found: 1, of: 2 },
        { found: 0, of: 0 },
      ],
      productReports: [
        { present: true, fieldsFilled: 4, fields: 5 },
        { present: false, fieldsFilled: 0, fields: 5 },
      ],
    });
  });

  it('counts figures stored before METRICS_VERSION 3 (no desk figures) as no desk activity', () => {
    // As JSON stored by version 2 reads back: without the desk's fields.
    const older: Partial<SessionMetrics> = { ...createFigures(), version: 2 };
    for (const key of [
      'lookupsBeforeFirstAction',
      'mistakes',
      'confirmationSent',
      'confirmationFacts',
      'productReport',
    ] as const) {
      delete older[key];
    }
    const summary = signalSummary([older as SessionMetrics]);
    expect(summary).toMatchObject({
      lookupsBeforeFirstAction: 0,
      mistakes: 0,
      confirmationSent: [false],
      confirmationFacts: [{ found: 0, of: 0 }],
      productReports: [{ present: false, fieldsFilled: 0, fields: 0 }],
    });
  });
});
