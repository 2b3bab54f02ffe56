import { METRIC_DEFINITIONS } from '@hotseat/metrics';
import { comparisonRows, type ComparisonRow } from './comparison-rows';
import { RANKED_FIGURES, type RankedKey } from './ranked-figures';
import type { CandidateSummary, ShadowingOnCard, SignalSummary } from './summaries';

type Rating = CandidateSummary['ratings'][number];
type Figure = CandidateSummary['figures'][RankedKey];

const noFigures = () =>
  Object.fromEntries(
    RANKED_FIGURES.map(({ key }) => [key, { raw: null, missing: 0, percentile: null }]),
  ) as Record<RankedKey, Figure>;

const noSignals = (): SignalSummary => ({
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

const createRating = (
  productTeam: number | null,
  recommendation: Rating['recommendation'] = 'yes',
): Rating => ({
  id: 'r',
  sessionId: 's',
  candidateId: 'c',
  rater: { id: 'staff-1', name: 'Ivy' },
  attributes: [],
  rubricMean: 3,
  csat: 4,
  productTeam: { question: 'q', score: productTeam, notes: '' },
  recommendation,
  submittedAt: new Date(),
  updatedAt: new Date(),
});

const createShadowing = (
  learning: number | null,
  understanding: number | null,
  engagement: number | null,
): ShadowingOnCard => {
  const answer = (score: number | null) => (score === null ? null : { score, notes: '' });
  return {
    id: 'fb',
    hostName: 'Hana',
    learning: answer(learning),
    understanding: answer(understanding),
    engagement: answer(engagement),
    submittedAt: null,
    updatedAt: new Date(),
    candidateId: 'c',
    linkExpiresAt: new Date(),
    linkRevokedAt: null,
  };
};

/** A summary with nothing in it but its id and what the test gives. */
const createSummary = (
  id: string,
  {
    score = null,
    figures = {},
    ratings = [],
    shadowing = [],
    signals = {},
  }: {
    score?: number | null;
    figures?: Partial<Record<RankedKey, Figure>>;
    ratings?: Rating[];
    shadowing?: ShadowingOnCard[];
    signals?: Partial<SignalSummary>;
  } = {},
): CandidateSummary => ({
  candidate: { id, name: id, email: `${id}@example.com`, createdAt: new Date(), opening: null },
  sessions: [],
  ratings,
  shadowing,
  figures: { ...noFigures(), ...figures },
  signals: { ...noSignals(), ...signals },
  disagreements: [],
  overall: { score, formula: '', components: [] },
});

const ref = (summary: CandidateSummary) => summary.candidate.id;
const rowOf = (rows: ComparisonRow[], key: string) => {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key}`);
  return row;
};
/** The values of a row as [candidate, raw, best]. */
const cells = (row: ComparisonRow) => row.values.map((v) => [v.candidate, v.raw, v.best]);

describe(comparisonRows.name, () => {
  it('has the rows in order: overall, ranked figures, scores, then signals', () => {
    const rows = comparisonRows([createSummary('a')], ref);
    expect(rows.map((r) => r.key)).toEqual([
      'overallScore',
      'timeToSolutionMs',
      'timeToRequiredCheckpointsMs',
      'firstResponseMs',
      'timeToFirstActionMs',
      'medianResponseMs',
      'timeToCalmMs',
      'checkpointsHit',
      'rubricMean',
      'csat',
      'productTeam',
      'shadowing',
      'recommendation',
      'helpCenter.usage',
      'helpCenter.searches',
      'helpCenter.timeInArticlesMs',
      'desk.lookupsBeforeFirstAction',
      'desk.mistakes',
      'desk.confirmationSent',
      'desk.confirmationFacts',
      'desk.productReport',
      'signals.apology',
      'signals.empathy',
      'signals.ownership',
      'signals.nextSteps',
      'signals.rapport',
      'cannedAnswers',
      'heardFlags',
      'attention.pastes',
      'attention.awayMs',
    ]);
  });

  it("gives each ranked figure its metric's definition, and none to the rating figures", () => {
    const rows = comparisonRows([createSummary('a')], ref);
    expect(rowOf(rows, 'timeToCalmMs').definition).toBe(
      METRIC_DEFINITIONS['deEscalation.timeToCalmMs'],
    );
    expect(rowOf(rows, 'checkpointsHit').definition).toBe(METRIC_DEFINITIONS['checkpoints.hit']);
    expect(rowOf(rows, 'timeToRequiredCheckpointsMs').definition).toBe(
      METRIC_DEFINITIONS.timeToRequiredCheckpointsMs,
    );
    expect(rowOf(rows, 'timeToFirstActionMs').definition).toBe(
      METRIC_DEFINITIONS.timeToFirstActionMs,
    );
    expect(rowOf(rows, 'desk.mistakes').definition).toBe(METRIC_DEFINITIONS.mistakes);
    expect(rowOf(rows, 'desk.productReport').definition).toBe(METRIC_DEFINITIONS.productReport);
    expect(rowOf(rows, 'rubricMean').definition).toBeNull();
    expect(rowOf(rows, 'csat').definition).toBeNull();
    expect(rowOf(rows, 'signals.rapport').definition).toBe(
      METRIC_DEFINITIONS['deEscalation.signals'],
    );
  });

  it('has one value per candidate, in the order given, named by `ref`', () => {
    const rows = comparisonRows(
      [createSummary('b', { score: 1 }), createSummary('a', { score: 2 })],
      (s) => `Candidate ${s.candidate.id.toUpperCase()}`,
    );
    expect(rowOf(rows, 'overallScore').values.map((v) => v.candidate)).toEqual([
      'Candidate B',
      'Candidate A',
    ]);
  });

  it('has rows without values when there are no candidates', () => {
    const rows = comparisonRows([], ref);
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.values.length === 0)).toBe(true);
  });

  describe('overall score', () => {
    it('marks the highest score best', () => {
      const rows = comparisonRows(
        [
          createSummary('a', { score: 70 }),
          createSummary('b', { score: 82.5 }),
          createSummary('c', { score: 41 }),
        ],
        ref,
      );
      expect(cells(rowOf(rows, 'overallScore'))).toEqual([
        ['a', 70, false],
        ['b', 82.5, true],
        ['c', 41, false],
      ]);
    });

    it('marks every tied candidate best', () => {
      const rows = comparisonRows(
        [
          createSummary('a', { score: 80 }),
          createSummary('b', { score: 60 }),
          createSummary('c', { score: 80 }),
        ],
        ref,
      );
      expect(rowOf(rows, 'overallScore').values.map((v) => v.best)).toEqual([true, false, true]);
    });

    it('never marks a candidate without a score, and nobody when none has one', () => {
      const some = comparisonRows(
        [createSummary('a', { score: null }), createSummary('b', { score: 10 })],
        ref,
      );
      expect(cells(rowOf(some, 'overallScore'))).toEqual([
        ['a', null, false],
        ['b', 10, true],
      ]);
      const none = comparisonRows([createSummary('a'), createSummary('b')], ref);
      expect(rowOf(none, 'overallScore').values.map((v) => v.best)).toEqual([false, false]);
    });

    it('marks a lone candidate with a score best', () => {
      const rows = comparisonRows([createSummary('a', { score: 0 })], ref);
      expect(cells(rowOf(rows, 'overallScore'))).toEqual([['a', 0, true]]);
    });
  });

  describe('ranked figures', () => {
    it('marks the highest percentile best even where lower raw values are better', () => {
      // Different scenarios: b took longer, but beat more of its scenario's sessions.
      const rows = comparisonRows(
        [
          createSummary('a', {
            figures: { timeToSolutionMs: { raw: 60_000, missing: 0, percentile: 40 } },
          }),
          createSummary('b', {
            figures: { timeToSolutionMs: { raw: 300_000, missing: 1, percentile: 90 } },
          }),
        ],
        ref,
      );
      const row = rowOf(rows, 'timeToSolutionMs');
      expect(row.better).toBe('lower');
      expect(row.values).toEqual([
        { candidate: 'a', raw: 60_000, missing: 0, percentile: 40, best: false },
        { candidate: 'b', raw: 300_000, missing: 1, percentile: 90, best: true },
      ]);
    });

    it('marks the highest percentile best for a higher-is-better figure', () => {
      const rows = comparisonRows(
        [
          createSummary('a', { figures: { csat: { raw: 5, missing: 0, percentile: 70 } } }),
          createSummary('b', { figures: { csat: { raw: 3, missing: 0, percentile: 75 } } }),
        ],
        ref,
      );
      expect(rowOf(rows, 'csat').values.map((v) => v.best)).toEqual([false, true]);
    });

    it('leaves a candidate without a percentile unmarked, whatever their raw value', () => {
      const rows = comparisonRows(
        [
          createSummary('a', {
            figures: { firstResponseMs: { raw: 1, missing: 0, percentile: null } },
          }),
          createSummary('b', {
            figures: { firstResponseMs: { raw: 9000, missing: 0, percentile: 12.5 } },
          }),
        ],
        ref,
      );
      expect(rowOf(rows, 'firstResponseMs').values.map((v) => v.best)).toEqual([false, true]);
    });

    it('marks nobody when no candidate has a percentile', () => {
      const rows = comparisonRows([createSummary('a'), createSummary('b')], ref);
      for (const { key } of RANKED_FIGURES) {
        expect(rowOf(rows, key).values.map((v) => v.best)).toEqual([false, false]);
      }
    });

    it("ranks the desk's times lower-is-better by percentile, the never-met one unmarked", () => {
      const rows = comparisonRows(
        [
          createSummary('a', {
            figures: {
              timeToRequiredCheckpointsMs: { raw: 240_000, missing: 0, percentile: 80 },
              timeToFirstActionMs: { raw: 95_000, missing: 0, percentile: 50 },
            },
          }),
          createSummary('b', {
            figures: {
              timeToRequiredCheckpointsMs: { raw: null, missing: 1, percentile: 0 },
              timeToFirstActionMs: { raw: 30_000, missing: 0, percentile: 100 },
            },
          }),
        ],
        ref,
      );
      const required = rowOf(rows, 'timeToRequiredCheckpointsMs');
      expect(required).toMatchObject({
        better: 'lower',
        label: 'Time to the required checkpoints (ms)',
      });
      expect(required.values).toEqual([
        { candidate: 'a', raw: 240_000, missing: 0, percentile: 80, best: true },
        { candidate: 'b', raw: null, missing: 1, percentile: 0, best: false },
      ]);
      expect(rowOf(rows, 'timeToFirstActionMs').values.map((v) => v.best)).toEqual([false, true]);
    });

    it('never marks an empty value best, even when every candidate has one at percentile 0', () => {
      const never = { raw: null, missing: 1, percentile: 0 };
      const rows = comparisonRows(
        [
          createSummary('a', { figures: { timeToFirstActionMs: never } }),
          createSummary('b', { figures: { timeToFirstActionMs: never } }),
        ],
        ref,
      );
      expect(rowOf(rows, 'timeToFirstActionMs').values.map((v) => v.best)).toEqual([false, false]);
    });

    it('marks tied percentiles best together', () => {
      const tied = { raw: 0.5, missing: 0, percentile: 50 };
      const rows = comparisonRows(
        [
          createSummary('a', { figures: { checkpointsHit: tied } }),
          createSummary('b', { figures: { checkpointsHit: { ...tied, raw: 0.75 } } }),
        ],
        ref,
      );
      expect(rowOf(rows, 'checkpointsHit').values.map((v) => v.best)).toEqual([true, true]);
    });
  });

  describe('scores of the ratings and the shadowing', () => {
    it('averages the product-team answers given, with one decimal, and marks the highest', () => {
      const rows = comparisonRows(
        [
          // (3 + 4) / 2 = 3.5; the unanswered one is left out, not counted as 0
          createSummary('a', { ratings: [createRating(3), createRating(4), createRating(null)] }),
          // (2 + 3 + 3) / 3 = 2.666... -> 2.7
          createSummary('b', { ratings: [createRating(2), createRating(3), createRating(3)] }),
          createSummary('c'),
        ],
        ref,
      );
      expect(cells(rowOf(rows, 'productTeam'))).toEqual([
        ['a', 3.5, true],
        ['b', 2.7, false],
        ['c', null, false],
      ]);
    });

    it("averages the shadow hosts' means, leaving out hosts who have not answered everything", () => {
      const rows = comparisonRows(
        [
          // (4 + 4 + 3) / 3 = 3.666... -> 3.7; the half-answered host is left out
          createSummary('a', {
            shadowing: [createShadowing(4, 4, 3), createShadowing(1, 1, null)],
          }),
          // host means 3 and 2 -> 2.5
          createSummary('b', {
            shadowing: [createShadowing(3, 3, 3), createShadowing(2, 2, 2)],
          }),
          createSummary('c', { shadowing: [createShadowing(null, null, null)] }),
        ],
        ref,
      );
      expect(cells(rowOf(rows, 'shadowing'))).toEqual([
        ['a', 3.7, true],
        ['b', 2.5, false],
        ['c', null, false],
      ]);
    });
  });

  describe('signals', () => {
    it('lists the recommendations in order, or null without ratings, never marking one', () => {
      const rows = comparisonRows(
        [
          createSummary('a', {
            ratings: [createRating(1, 'strong-yes'), createRating(1, 'no')],
          }),
          createSummary('b'),
        ],
        ref,
      );
      const row = rowOf(rows, 'recommendation');
      expect(row.better).toBeNull();
      expect(cells(row)).toEqual([
        ['a', 'strong-yes, no', false],
        ['b', null, false],
      ]);
    });

    it('shows the signal counts without marking the highest or the lowest', () => {
      const rows = comparisonRows(
        [
          createSummary('a', {
            signals: {
              searches: 5,
              timeInArticlesMs: 42_000,
              pastes: 3,
              awayMs: 1500,
              phrases: { apology: 2, empathy: 0, ownership: 1, nextSteps: 0, rapport: 4 },
            },
          }),
          createSummary('b', { signals: { searches: 1 } }),
        ],
        ref,
      );
      expect(cells(rowOf(rows, 'helpCenter.searches'))).toEqual([
        ['a', 5, false],
        ['b', 1, false],
      ]);
      expect(rowOf(rows, 'helpCenter.timeInArticlesMs').values[0].raw).toBe(42_000);
      expect(rowOf(rows, 'attention.pastes').values[0].raw).toBe(3);
      expect(rowOf(rows, 'attention.awayMs').values[0].raw).toBe(1500);
      expect(rowOf(rows, 'signals.rapport').values.map((v) => v.raw)).toEqual([4, 0]);
      expect(rowOf(rows, 'signals.apology').values.map((v) => v.raw)).toEqual([2, 0]);
      const signalRows = rows.filter((row) => row.better === null);
      expect(signalRows.flatMap((row) => row.values).some((v) => v.best)).toBe(false);
    });

    it('joins help-center usage per session, or null without sessions', () => {
      const rows = comparisonRows(
        [
          createSummary('a', { signals: { helpCenterUsage: ['none', 'relied', 'consulted'] } }),
          createSummary('b'),
        ],
        ref,
      );
      expect(rowOf(rows, 'helpCenter.usage').values.map((v) => v.raw)).toEqual([
        'none, relied, consulted',
        null,
      ]);
    });

    it("shows the desk's signals, per session where it is a yes or no, never marking one", () => {
      const rows = comparisonRows(
        [
          createSummary('a', {
            signals: {
              lookupsBeforeFirstAction: 3,
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
            },
          }),
          createSummary('b'),
        ],
        ref,
      );
      expect(cells(rowOf(rows, 'desk.lookupsBeforeFirstAction'))).toEqual([
        ['a', 3, false],
        ['b', 0, false],
      ]);
      expect(cells(rowOf(rows, 'desk.mistakes'))).toEqual([
        ['a', 2, false],
        ['b', 0, false],
      ]);
      // A session whose scenario names no facts has nothing to count.
      expect(rowOf(rows, 'desk.confirmationFacts').values.map((v) => v.raw)).toEqual([
        '1 of 2',
        null,
      ]);
      expect(rowOf(rows, 'desk.confirmationSent').values.map((v) => v.raw)).toEqual([
        'yes, no',
        null,
      ]);
      expect(rowOf(rows, 'desk.productReport').values.map((v) => v.raw)).toEqual([
        'yes (4 of 5 fields), no',
        null,
      ]);
      for (const key of ['desk.mistakes', 'desk.confirmationSent', 'desk.productReport']) {
        expect(rowOf(rows, key).better).toBeNull();
      }
    });

    it('counts canned answers and joins the HEARD flags into one text', () => {
      const canned = {
        seq: 3,
        atMs: 1000,
        articleId: 'refunds',
        articleTitle: 'Refunds',
        words: 14,
        excerpt: 'x',
      };
      const rows = comparisonRows(
        [
          createSummary('a', {
            signals: {
              cannedAnswers: [canned, { ...canned, seq: 7 }],
              heardFlags: [
                { code: 'late-apology', message: 'Apologised late.', seq: 9 },
                { code: 'no-diagnosis', message: 'Never asked.', seq: null },
              ],
            },
          }),
          createSummary('b'),
        ],
        ref,
      );
      expect(rowOf(rows, 'cannedAnswers').values.map((v) => v.raw)).toEqual([2, 0]);
      expect(rowOf(rows, 'heardFlags').values.map((v) => v.raw)).toEqual([
        'Apologised late. Never asked.',
        null,
      ]);
    });
  });
});
