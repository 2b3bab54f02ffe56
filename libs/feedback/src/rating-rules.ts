import { BadRequestException } from '@nestjs/common';
import type { ScenarioDefinition } from '@hotseat/scenarios';
import type { SaveRatingDto } from './dto/save-rating.dto';
import type { Rating } from './entities/rating.entity';

/** How the 1-4 scale reads, for attributes and the product-team question alike. */
export const SCORE_LABELS = { 1: 'strong no', 2: 'no', 3: 'yes', 4: 'strong yes' } as const;

export const PRODUCT_TEAM_QUESTION =
  'How do you work with the product team when customers keep reporting the same problem?';

export type RatingView = ReturnType<typeof ratingView>;

/** The attribute scores of a draft, checked against the scenario's rubric: known, each once. */
export function checkedAttributes(
  attributes: NonNullable<SaveRatingDto['attributes']>,
  rubric: ScenarioDefinition['rubric'],
): Rating['attributes'] {
  const ids = rubric.map((attribute) => attribute.id);
  const seen = new Set<string>();
  return attributes.map(({ id, score, evidence }, index) => {
    if (!ids.includes(id)) {
      throw new BadRequestException(
        `attributes.${index}.id: "${id}" is not in this scenario's rubric; rate ${ids.join(', ')}.`,
      );
    }
    if (seen.has(id)) {
      throw new BadRequestException(`attributes.${index}.id: "${id}" is rated twice.`);
    }
    seen.add(id);
    return { id, score, evidence: evidence ?? '' };
  });
}

/** What a draft still lacks before it may be submitted, in the words of the answer; empty when complete. */
export function missingParts(
  draft: Pick<Rating, 'attributes' | 'csat' | 'productTeamScore' | 'recommendation'>,
  rubric: ScenarioDefinition['rubric'],
): string[] {
  const rated = new Set(draft.attributes.map((attribute) => attribute.id));
  return [
    ...rubric.filter(({ id }) => !rated.has(id)).map(({ id }) => `attributes: ${id}`),
    ...(draft.csat === null ? ['csat'] : []),
    ...(draft.productTeamScore === null ? ['productTeam'] : []),
    ...(draft.recommendation === null ? ['recommendation'] : []),
  ];
}

/** The mean of the attribute scores, kept at submit so that comparisons rank it in SQL. */
export function rubricMean(attributes: Rating['attributes']): number {
  return attributes.reduce((sum, a) => sum + a.score, 0) / attributes.length;
}

export function ratingView(
  rating: Rating,
  rubric: ScenarioDefinition['rubric'],
  raterName: string,
) {
  const labels = new Map(rubric.map((attribute) => [attribute.id, attribute.label]));
  return {
    id: rating.id,
    sessionId: rating.sessionId,
    rater: { id: rating.raterId, name: raterName },
    attributes: rating.attributes.map(({ id, score, evidence }) => ({
      id,
      label: labels.get(id) ?? id,
      score,
      scoreLabel: SCORE_LABELS[score as keyof typeof SCORE_LABELS],
      evidence,
    })),
    rubricMean: rating.rubricMean,
    csat: rating.csat,
    productTeam: {
      question: PRODUCT_TEAM_QUESTION,
      score: rating.productTeamScore,
      notes: rating.productTeamNotes,
    },
    recommendation: rating.recommendation,
    submittedAt: rating.submittedAt,
    updatedAt: rating.updatedAt,
  };
}
