import {
  PRODUCT_TEAM_QUESTION,
  SCORE_LABELS,
  SHADOW_QUESTIONS,
  type ShadowFeedbackView,
} from '@hotseat/feedback';
import { DISAGREEMENT_POINTS, disagreements } from './disagreements';

type RatingInput = Parameters<typeof disagreements>[0][number];
type ShadowInput = Parameters<typeof disagreements>[1][number];
type Answer = ShadowFeedbackView['learning'];

const LABELS: Record<string, string> = { empathy: 'Empathy', accuracy: 'Accuracy' };

/** An interviewer's rating: rubric scores by attribute id, no CSAT or product-team answer unless given. */
const createRating = (
  rater: { id: string; name: string },
  rubric: Record<string, number>,
  { csat = null, productTeam = null }: { csat?: number | null; productTeam?: number | null } = {},
): RatingInput => ({
  rater,
  attributes: Object.entries(rubric).map(([id, score]) => ({
    id,
    label: LABELS[id] ?? id,
    score,
    scoreLabel: SCORE_LABELS[score as keyof typeof SCORE_LABELS],
    evidence: '',
  })),
  csat,
  productTeam: { question: PRODUCT_TEAM_QUESTION, score: productTeam, notes: '' },
});

const answer = (score: number): Answer => ({ score, notes: '' });

const createShadowing = (
  id: string,
  hostName: string,
  scores: { learning?: number; understanding?: number; engagement?: number } = {},
): ShadowInput => ({
  id,
  hostName,
  learning: scores.learning === undefined ? null : answer(scores.learning),
  understanding: scores.understanding === undefined ? null : answer(scores.understanding),
  engagement: scores.engagement === undefined ? null : answer(scores.engagement),
});

const ivy = { id: 'staff-ivy', name: 'Ivy' };
const max = { id: 'staff-max', name: 'Max' };
const sam = { id: 'staff-sam', name: 'Sam' };

describe(disagreements.name, () => {
  it('calls a gap of 2 points a disagreement', () => {
    expect(DISAGREEMENT_POINTS).toBe(2);
  });

  it('finds nothing without ratings or shadowing', () => {
    expect(disagreements([], [])).toEqual([]);
  });

  it('finds nothing with a single rater, however their scores go', () => {
    expect(
      disagreements([createRating(ivy, { empathy: 1 }, { csat: 5, productTeam: 4 })], []),
    ).toEqual([]);
  });

  it('reports two interviewers 2 points apart on a rubric attribute, with every score', () => {
    const result = disagreements(
      [
        createRating(ivy, { empathy: 1, accuracy: 3 }),
        createRating(max, { empathy: 3, accuracy: 3 }),
      ],
      [],
    );
    expect(result).toEqual([
      {
        attribute: 'rubric:empathy',
        label: 'Empathy',
        spread: 2,
        scores: [
          { rater: 'Ivy', score: 1 },
          { rater: 'Max', score: 3 },
        ],
      },
    ]);
  });

  it('lets a gap of 1 point pass: below DISAGREEMENT_POINTS', () => {
    expect(
      disagreements([createRating(ivy, { empathy: 2 }), createRating(max, { empathy: 3 })], []),
    ).toEqual([]);
  });

  it('measures the spread as the widest gap between two raters, whichever rated higher', () => {
    // 2, 4 and 1: the widest gap is 4 - 1 = 3, between Max and Sam.
    const [result] = disagreements(
      [
        createRating(ivy, { accuracy: 2 }),
        createRating(max, { accuracy: 4 }),
        createRating(sam, { accuracy: 1 }),
      ],
      [],
    );
    expect(result.spread).toBe(3);
    expect(result.scores.map((s) => s.rater)).toEqual(['Ivy', 'Max', 'Sam']);
  });

  it("ignores one interviewer's own two sessions that differ", () => {
    expect(
      disagreements([createRating(ivy, { empathy: 1 }), createRating(ivy, { empathy: 4 })], []),
    ).toEqual([]);
  });

  it("compares one interviewer's sessions with another rater, never with each other", () => {
    // Ivy 1 and 4, Max 3: Ivy's 1 vs Max's 3 is 2; Ivy's own 1 vs 4 (3) does not count.
    const [result] = disagreements(
      [
        createRating(ivy, { empathy: 1 }),
        createRating(ivy, { empathy: 4 }),
        createRating(max, { empathy: 3 }),
      ],
      [],
    );
    expect(result.spread).toBe(2);
    expect(result.scores).toEqual([
      { rater: 'Ivy', score: 1 },
      { rater: 'Ivy', score: 4 },
      { rater: 'Max', score: 3 },
    ]);
  });

  it('tells raters apart by id, not by name', () => {
    const otherIvy = { id: 'staff-ivy-2', name: 'Ivy' };
    expect(
      disagreements(
        [createRating(ivy, { empathy: 1 }), createRating(otherIvy, { empathy: 4 })],
        [],
      ).map((d) => d.spread),
    ).toEqual([3]);
  });

  it('compares CSAT and the product-team question too, leaving out unanswered ones', () => {
    const result = disagreements(
      [
        createRating(ivy, {}, { csat: 5, productTeam: 1 }),
        createRating(max, {}, { csat: 2, productTeam: null }),
        createRating(sam, {}, { csat: null, productTeam: 3 }),
      ],
      [],
    );
    expect(result).toEqual([
      {
        attribute: 'csat',
        label: 'CSAT as this customer',
        spread: 3,
        scores: [
          { rater: 'Ivy', score: 5 },
          { rater: 'Max', score: 2 },
        ],
      },
      {
        attribute: 'productTeam',
        label: 'Working with the product team',
        spread: 2,
        scores: [
          { rater: 'Ivy', score: 1 },
          { rater: 'Sam', score: 3 },
        ],
      },
    ]);
  });

  it('does not compare an unanswered question with an answer as if it were 0', () => {
    // If null counted as 0, 0 vs 4 would be a disagreement of 4.
    expect(
      disagreements(
        [createRating(ivy, {}, { csat: 4 }), createRating(max, {}, { csat: null })],
        [],
      ),
    ).toEqual([]);
  });

  it('compares shadow hosts on each question they answered, labelled with the question', () => {
    const result = disagreements(
      [],
      [
        createShadowing('fb-1', 'Hana', { learning: 4, understanding: 2, engagement: 3 }),
        createShadowing('fb-2', 'Omar', { learning: 1, understanding: 3, engagement: 3 }),
      ],
    );
    expect(result).toEqual([
      {
        attribute: 'shadow:learning',
        label: SHADOW_QUESTIONS.learning,
        spread: 3,
        scores: [
          { rater: 'Hana', score: 4 },
          { rater: 'Omar', score: 1 },
        ],
      },
    ]);
  });

  it('leaves out a shadow host who has not answered yet', () => {
    expect(
      disagreements(
        [],
        [createShadowing('fb-1', 'Hana', { engagement: 1 }), createShadowing('fb-2', 'Omar')],
      ),
    ).toEqual([]);
  });

  it('tells shadow hosts apart by their feedback, even with the same name', () => {
    const result = disagreements(
      [],
      [
        createShadowing('fb-1', 'Alex', { engagement: 1 }),
        createShadowing('fb-2', 'Alex', { engagement: 4 }),
      ],
    );
    expect(result.map((d) => [d.attribute, d.spread])).toEqual([['shadow:engagement', 3]]);
  });

  it('never compares an interviewer with a shadow host: each attribute has its own raters', () => {
    // Ivy's empathy 1 and Hana's learning 4 are different questions.
    expect(
      disagreements(
        [createRating(ivy, { empathy: 1 }, { csat: 1 })],
        [createShadowing('fb-1', 'Hana', { learning: 4, understanding: 4, engagement: 4 })],
      ),
    ).toEqual([]);
  });

  it('lists rubric attributes, then CSAT and product team, then shadowing', () => {
    const result = disagreements(
      [
        createRating(ivy, { accuracy: 1, empathy: 1 }, { csat: 1, productTeam: 1 }),
        createRating(max, { accuracy: 4, empathy: 4 }, { csat: 5, productTeam: 4 }),
      ],
      [
        createShadowing('fb-1', 'Hana', { learning: 1, understanding: 1, engagement: 1 }),
        createShadowing('fb-2', 'Omar', { learning: 4, understanding: 4, engagement: 4 }),
      ],
    );
    expect(result.map((d) => d.attribute)).toEqual([
      'rubric:accuracy',
      'rubric:empathy',
      'csat',
      'productTeam',
      'shadow:learning',
      'shadow:understanding',
      'shadow:engagement',
    ]);
    expect(result.map((d) => d.spread)).toEqual([3, 3, 4, 3, 3, 3, 3]);
  });
});
