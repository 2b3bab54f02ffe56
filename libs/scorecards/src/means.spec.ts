import { mean, meanRanked, round1, shadowMean } from './means';
import { RANKED_FIGURES, type RankedKey, type RankedSession } from './ranked-figures';

const KEYS = RANKED_FIGURES.map(({ key }) => key);
const nothing = () =>
  Object.fromEntries(KEYS.map((key) => [key, null])) as Record<RankedKey, number | null>;

const createSession = (
  raw: Partial<Record<RankedKey, number | null>>,
  percentile: Partial<Record<RankedKey, number | null>>,
): RankedSession => ({
  sessionId: 's',
  candidateId: 'c',
  scenarioId: 'billing',
  scenarioSessions: 10,
  raw: { ...nothing(), ...raw },
  percentile: { ...nothing(), ...percentile },
});

describe(mean.name, () => {
  it('averages the values: (1 + 2 + 6) / 3 = 3', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('leaves nulls out of both the sum and the count: (2 + 4) / 2 = 3, not 6 / 3', () => {
    expect(mean([2, null, 4, null])).toBe(3);
  });

  it('is null for no values and for only nulls', () => {
    expect(mean([])).toBeNull();
    expect(mean([null, null])).toBeNull();
  });

  it('counts zero as a value: (0 + 4) / 2 = 2', () => {
    expect(mean([0, null, 4])).toBe(2);
  });

  it('passes the mean through `then`: (2 + 4) / 2 = 3, doubled 6', () => {
    expect(mean([2, 4], (m) => m * 2)).toBe(6);
  });

  it('does not call `then` when there is no mean', () => {
    const then = jest.fn((m: number) => m);
    expect(mean([null], then)).toBeNull();
    expect(then).not.toHaveBeenCalled();
  });
});

describe('round1', () => {
  it.each([
    [2.34, 2.3],
    [2.35, 2.4],
    [2.96, 3],
    [-1.26, -1.3],
    [7, 7],
  ])('rounds %p to one decimal: %p', (value, rounded) => {
    expect(round1(value)).toBe(rounded);
  });

  it('keeps null', () => {
    expect(round1(null)).toBeNull();
  });
});

describe(meanRanked.name, () => {
  it('has every ranked figure, empty, for a candidate without sessions', () => {
    const figures = meanRanked([]);
    expect(Object.keys(figures).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect(figures[key]).toEqual({ raw: null, missing: 0, percentile: null });
    }
  });

  it('is the session itself for one session', () => {
    const figures = meanRanked([
      createSession({ firstResponseMs: 4200, csat: 4 }, { firstResponseMs: 62.5, csat: 80 }),
    ]);
    expect(figures.firstResponseMs).toEqual({ raw: 4200, missing: 0, percentile: 62.5 });
    expect(figures.csat).toEqual({ raw: 4, missing: 0, percentile: 80 });
  });

  it('averages raw values and percentiles with one decimal', () => {
    const figures = meanRanked([
      createSession({ medianResponseMs: 1000 }, { medianResponseMs: 10 }),
      createSession({ medianResponseMs: 2000 }, { medianResponseMs: 20 }),
      createSession({ medianResponseMs: 2001 }, { medianResponseMs: 25.5 }),
    ]);
    // raw: 5001 / 3 = 1667, percentile: 55.5 / 3 = 18.5
    expect(figures.medianResponseMs).toEqual({ raw: 1667, missing: 0, percentile: 18.5 });
  });

  it('rounds the mean percentile: (33.3 + 66.7 + 100) / 3 = 66.666... -> 66.7', () => {
    const figures = meanRanked([
      createSession({ checkpointsHit: 0.5 }, { checkpointsHit: 33.3 }),
      createSession({ checkpointsHit: 0.75 }, { checkpointsHit: 66.7 }),
      createSession({ checkpointsHit: 1 }, { checkpointsHit: 100 }),
    ]);
    // raw: 2.25 / 3 = 0.75 -> 0.8 with one decimal
    expect(figures.checkpointsHit).toEqual({ raw: 0.8, missing: 0, percentile: 66.7 });
  });

  it('counts sessions without a raw value as missing and leaves them out of the raw mean', () => {
    // Never solved: no raw time, and the ranking put it at percentile 0.
    const figures = meanRanked([
      createSession({ timeToSolutionMs: 60_000 }, { timeToSolutionMs: 80 }),
      createSession({ timeToSolutionMs: null }, { timeToSolutionMs: 0 }),
      createSession({ timeToSolutionMs: 90_000 }, { timeToSolutionMs: 40 }),
    ]);
    // raw: (60000 + 90000) / 2; percentile: (80 + 0 + 40) / 3, the unsolved one counted at 0
    expect(figures.timeToSolutionMs).toEqual({ raw: 75_000, missing: 1, percentile: 40 });
  });

  it('leaves an unranked figure (a session not rated) out of the percentile mean', () => {
    const figures = meanRanked([
      createSession({ rubricMean: 3 }, { rubricMean: 90 }),
      createSession({ rubricMean: null }, { rubricMean: null }),
    ]);
    expect(figures.rubricMean).toEqual({ raw: 3, missing: 1, percentile: 90 });
  });

  it('keeps each figure to itself', () => {
    const figures = meanRanked([
      createSession({ timeToCalmMs: 5000 }, { timeToCalmMs: 50 }),
      createSession({ timeToCalmMs: 7000 }, { timeToCalmMs: 30 }),
    ]);
    expect(figures.timeToCalmMs).toEqual({ raw: 6000, missing: 0, percentile: 40 });
    // Every other figure is null in both sessions.
    expect(figures.firstResponseMs).toEqual({ raw: null, missing: 2, percentile: null });
  });
});

describe(shadowMean.name, () => {
  const answer = (score: number | null) => ({ score });

  it('averages the three answers: (2 + 3 + 3) / 3 = 2.666...', () => {
    expect(
      shadowMean({ learning: answer(2), understanding: answer(3), engagement: answer(3) }),
    ).toBeCloseTo(8 / 3, 10);
  });

  it('is not rounded: (4 + 4 + 3) / 3 stays 3.666...', () => {
    expect(
      shadowMean({ learning: answer(4), understanding: answer(4), engagement: answer(3) }),
    ).toBe(11 / 3);
  });

  it.each(['learning', 'understanding', 'engagement'] as const)(
    'is null while %s is unanswered, instead of averaging the other two',
    (question) => {
      const feedback = { learning: answer(1), understanding: answer(1), engagement: answer(1) };
      expect(shadowMean({ ...feedback, [question]: null })).toBeNull();
      expect(shadowMean({ ...feedback, [question]: answer(null) })).toBeNull();
    },
  );

  it('is null for a link nobody answered yet', () => {
    expect(shadowMean({ learning: null, understanding: null, engagement: null })).toBeNull();
  });
});
