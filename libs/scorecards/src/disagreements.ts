import {
  SHADOW_QUESTIONS,
  type RatingView,
  type ShadowFeedbackView,
  type ShadowQuestion,
} from '@hotseat/feedback';

/** Raters who differ by this much on one attribute are worth a conversation. */
export const DISAGREEMENT_POINTS = 2;

export interface Disagreement {
  /** `rubric:<attribute>`, `csat`, `productTeam` or `shadow:<question>`. */
  attribute: string;
  label: string;
  spread: number;
  scores: Array<{ rater: string; score: number }>;
}

/**
 * What this candidate's raters (interviewers on rubric attributes, CSAT and the product-team question;
 * shadow hosts on their questions) differ on by DISAGREEMENT_POINTS or more: two different raters,
 * not one rater's two sessions.
 */
export function disagreements(
  ratings: Array<Pick<RatingView, 'rater' | 'attributes' | 'csat' | 'productTeam'>>,
  shadowing: Array<Pick<ShadowFeedbackView, 'id' | 'hostName' | ShadowQuestion>>,
): Disagreement[] {
  type Score = { rater: string; raterKey: string; score: number };
  const byAttribute = new Map<string, { label: string; scores: Score[] }>();
  const add = (
    attribute: string,
    label: string,
    rater: string,
    raterKey: string,
    score: number | null,
  ) => {
    if (score === null) return;
    const entry = byAttribute.get(attribute) ?? { label, scores: [] };
    entry.scores.push({ rater, raterKey, score });
    byAttribute.set(attribute, entry);
  };
  for (const rating of ratings) {
    const rater = [rating.rater.name, `staff:${rating.rater.id}`] as const;
    for (const attribute of rating.attributes) {
      add(`rubric:${attribute.id}`, attribute.label, ...rater, attribute.score);
    }
    add('csat', 'CSAT as this customer', ...rater, rating.csat);
    add('productTeam', 'Working with the product team', ...rater, rating.productTeam.score);
  }
  for (const feedback of shadowing) {
    for (const question of Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]) {
      const score = feedback[question]?.score ?? null;
      add(
        `shadow:${question}`,
        SHADOW_QUESTIONS[question],
        feedback.hostName,
        `host:${feedback.id}`,
        score,
      );
    }
  }
  return [...byAttribute.entries()].flatMap(([attribute, { label, scores }]) => {
    const spread = Math.max(
      0,
      ...scores.flatMap((a) =>
        scores.filter((b) => b.raterKey !== a.raterKey).map((b) => a.score - b.score),
      ),
    );
    return spread >= DISAGREEMENT_POINTS
      ? [{ attribute, label, spread, scores: scores.map(({ rater, score }) => ({ rater, score })) }]
      : [];
  });
}
