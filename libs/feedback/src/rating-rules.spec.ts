import { BadRequestException } from '@nestjs/common';
import type { ScenarioDefinition } from '@hotseat/scenarios';
import type { Rating } from './entities/rating.entity';
import {
  checkedAttributes,
  missingParts,
  PRODUCT_TEAM_QUESTION,
  ratingView,
  rubricMean,
  SCORE_LABELS,
} from './rating-rules';

type Rubric = ScenarioDefinition['rubric'];

const rubricOf = (...attributes: Array<[id: string, label: string]>): Rubric =>
  attributes.map(([id, label]) => ({
    id,
    label,
    lookFor: `what ${label} looks like`,
    anchors: { '1': 'poor', '2': 'weak', '3': 'good', '4': 'excellent' },
  }));

const rubric = rubricOf(
  ['empathy', 'Empathy'],
  ['accuracy', 'Accuracy'],
  ['ownership', 'Ownership'],
);

// Only the columns ratingView reads; the relations stay unloaded, as in a query without joins.
const createRating = (overrides: Partial<Rating> = {}): Rating =>
  ({
    id: 'rating-1',
    sessionId: 'session-1',
    candidateId: 'cand-1',
    raterId: 'staff-1',
    scenarioId: 'billing',
    attributes: [],
    rubricMean: null,
    csat: null,
    productTeamScore: null,
    productTeamNotes: '',
    recommendation: null,
    submittedAt: null,
    createdAt: new Date('2024-05-01T10:00:00Z'),
    updatedAt: new Date('2024-05-01T11:00:00Z'),
    ...overrides,
  }) as Rating;

describe('SCORE_LABELS', () => {
  it('reads the 1-4 scale from strong no to strong yes', () => {
    expect(SCORE_LABELS).toEqual({ 1: 'strong no', 2: 'no', 3: 'yes', 4: 'strong yes' });
  });
});

describe(checkedAttributes.name, () => {
  it('keeps the scores in the order given and fills a missing evidence with an empty string', () => {
    expect(
      checkedAttributes(
        [
          { id: 'accuracy', score: 2 },
          { id: 'empathy', score: 4, evidence: 'named her frustration' },
        ],
        rubric,
      ),
    ).toEqual([
      { id: 'accuracy', score: 2, evidence: '' },
      { id: 'empathy', score: 4, evidence: 'named her frustration' },
    ]);
  });

  it('accepts an empty list: a draft may rate nothing yet', () => {
    expect(checkedAttributes([], rubric)).toEqual([]);
  });

  it('accepts a partial list: only known ids are checked, not completeness', () => {
    expect(checkedAttributes([{ id: 'ownership', score: 1, evidence: 'x' }], rubric)).toEqual([
      { id: 'ownership', score: 1, evidence: 'x' },
    ]);
  });

  it('refuses an id outside the rubric, naming its index and the ids that may be rated', () => {
    const attempt = () =>
      checkedAttributes(
        [
          { id: 'empathy', score: 3 },
          { id: 'humour', score: 4 },
        ],
        rubric,
      );
    expect(attempt).toThrow(BadRequestException);
    expect(attempt).toThrow(
      `attributes.1.id: "humour" is not in this scenario's rubric; rate empathy, accuracy, ownership.`,
    );
  });

  it('refuses an id rated twice, at the index of the second one', () => {
    const attempt = () =>
      checkedAttributes(
        [
          { id: 'empathy', score: 3 },
          { id: 'accuracy', score: 2 },
          { id: 'empathy', score: 1 },
        ],
        rubric,
      );
    expect(attempt).toThrow(BadRequestException);
    expect(attempt).toThrow('attributes.2.id: "empathy" is rated twice.');
  });

  it('matches ids exactly: a different case is not the same attribute', () => {
    expect(() => checkedAttributes([{ id: 'Empathy', score: 3 }], rubric)).toThrow(
      /"Empathy" is not in this scenario's rubric/,
    );
  });
});

describe(missingParts.name, () => {
  const complete = {
    attributes: rubric.map(({ id }) => ({ id, score: 3, evidence: '' })),
    csat: 4,
    productTeamScore: 2,
    recommendation: 'yes' as const,
  };

  it('is empty for a draft that answers every part', () => {
    expect(missingParts(complete, rubric)).toEqual([]);
  });

  it('lists every part of an empty draft: unrated attributes in rubric order, then the questions', () => {
    expect(
      missingParts(
        { attributes: [], csat: null, productTeamScore: null, recommendation: null },
        rubric,
      ),
    ).toEqual([
      'attributes: empathy',
      'attributes: accuracy',
      'attributes: ownership',
      'csat',
      'productTeam',
      'recommendation',
    ]);
  });

  it('names only the attributes not rated, whatever order the draft rated the others in', () => {
    const draft = {
      ...complete,
      attributes: [
        { id: 'ownership', score: 1, evidence: '' },
        { id: 'empathy', score: 2, evidence: '' },
      ],
    };
    expect(missingParts(draft, rubric)).toEqual(['attributes: accuracy']);
  });

  it.each([
    ['csat', { csat: null }],
    ['productTeam', { productTeamScore: null }],
    ['recommendation', { recommendation: null }],
  ])('names %s alone when only it is unanswered', (part, unanswered) => {
    expect(missingParts({ ...complete, ...unanswered }, rubric)).toEqual([part]);
  });

  it('counts the lowest score (1) as answered: only null is missing', () => {
    expect(missingParts({ ...complete, csat: 1, productTeamScore: 1 }, rubric)).toEqual([]);
  });
});

describe(rubricMean.name, () => {
  it('is the plain mean of the scores: (1 + 2 + 4) / 3 = 2.333...', () => {
    expect(
      rubricMean([
        { id: 'a', score: 1, evidence: '' },
        { id: 'b', score: 2, evidence: '' },
        { id: 'c', score: 4, evidence: '' },
      ]),
    ).toBeCloseTo(7 / 3, 10);
  });

  it('is the score itself for a single attribute', () => {
    expect(rubricMean([{ id: 'a', score: 3, evidence: '' }])).toBe(3);
  });

  it('is not rounded: (3 + 4) / 2 stays 3.5', () => {
    expect(
      rubricMean([
        { id: 'a', score: 3, evidence: '' },
        { id: 'b', score: 4, evidence: '' },
      ]),
    ).toBe(3.5);
  });
});

describe(ratingView.name, () => {
  it('labels each attribute from the rubric and its score from SCORE_LABELS', () => {
    const view = ratingView(
      createRating({
        attributes: [
          { id: 'empathy', score: 1, evidence: 'interrupted twice' },
          { id: 'accuracy', score: 4, evidence: 'right refund policy' },
        ],
      }),
      rubric,
      'Ivy Interviewer',
    );
    expect(view.attributes).toEqual([
      {
        id: 'empathy',
        label: 'Empathy',
        score: 1,
        scoreLabel: 'strong no',
        evidence: 'interrupted twice',
      },
      {
        id: 'accuracy',
        label: 'Accuracy',
        score: 4,
        scoreLabel: 'strong yes',
        evidence: 'right refund policy',
      },
    ]);
  });

  it('falls back to the id as label for an attribute the rubric no longer has', () => {
    const view = ratingView(
      createRating({ attributes: [{ id: 'retired', score: 2, evidence: '' }] }),
      rubric,
      'Ivy',
    );
    expect(view.attributes[0]).toMatchObject({ id: 'retired', label: 'retired', scoreLabel: 'no' });
  });

  it('puts the rater, the product-team question and the stored figures in place', () => {
    const submittedAt = new Date('2024-05-02T09:00:00Z');
    const rating = createRating({
      rubricMean: 2.5,
      csat: 5,
      productTeamScore: 3,
      productTeamNotes: 'files a ticket with repro steps',
      recommendation: 'strong-yes',
      submittedAt,
    });
    expect(ratingView(rating, rubric, 'Ivy Interviewer')).toEqual({
      id: 'rating-1',
      sessionId: 'session-1',
      rater: { id: 'staff-1', name: 'Ivy Interviewer' },
      attributes: [],
      rubricMean: 2.5,
      csat: 5,
      productTeam: {
        question: PRODUCT_TEAM_QUESTION,
        score: 3,
        notes: 'files a ticket with repro steps',
      },
      recommendation: 'strong-yes',
      submittedAt,
      updatedAt: new Date('2024-05-01T11:00:00Z'),
    });
  });

  it('keeps a draft’s empty answers as null', () => {
    const view = ratingView(createRating(), rubric, '');
    expect([view.rubricMean, view.csat, view.productTeam.score, view.recommendation]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(view.submittedAt).toBeNull();
  });
});
