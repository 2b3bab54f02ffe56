/**
 * A candidate's overall score: a weighted mean of components that are each scaled to 0-100. Components
 * without data (no rating submitted yet, no shadowing) are left out and the others' weights count in
 * full, so a missing piece neither helps nor hurts; the formula says which were left out.
 */
export const SCORE_COMPONENTS = {
  rubric: 'Interviewer ratings of the rubric attributes (1-4), mean over submitted ratings',
  csat: '"As this customer, how satisfied would you be" (1-5), mean over submitted ratings',
  productTeam: 'The product-team question (1-4), mean over submitted ratings',
  shadowing: "Shadow hosts' ratings of learning, understanding and engagement (1-4), mean",
  roleplay:
    'Role-play figures as percentiles among all sessions of the same scenario: time to solution, first and median response, time to calm, checkpoints hit, mean',
} as const;

export type ScoreComponent = keyof typeof SCORE_COMPONENTS;
export type ScoreWeights = Record<ScoreComponent, number>;

/** The weights an opening uses unless it sets its own (docs/scorecards.md explains the choice). */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  rubric: 35,
  csat: 15,
  productTeam: 10,
  shadowing: 20,
  roleplay: 20,
};

/** Each component's value on 0-100, or null when there is no data for it. */
export type ScoreInputs = Record<ScoreComponent, number | null>;

export interface OverallScore {
  /** 0-100 with one decimal; null when no component has data. */
  score: number | null;
  formula: string;
  components: Array<{
    id: ScoreComponent;
    label: string;
    weight: number;
    value: number | null;
  }>;
}

/** A 1..max rating on 0-100: 1 is 0, max is 100. */
export function scaleRating(value: number, max: number): number {
  return ((value - 1) / (max - 1)) * 100;
}

export function overallScore(inputs: ScoreInputs, weights: ScoreWeights): OverallScore {
  const ids = Object.keys(SCORE_COMPONENTS) as ScoreComponent[];
  const components = ids.map((id) => ({
    id,
    label: SCORE_COMPONENTS[id],
    weight: weights[id],
    value: inputs[id] === null ? null : round1(inputs[id]),
  }));
  const counted = components.filter((c) => c.value !== null && c.weight > 0);
  const leftOut = components.filter((c) => c.value === null && c.weight > 0).map((c) => c.id);
  const totalWeight = counted.reduce((sum, c) => sum + c.weight, 0);
  const score =
    totalWeight === 0
      ? null
      : round1(counted.reduce((sum, c) => sum + c.weight * c.value!, 0) / totalWeight);
  const terms = counted.map((c) => `${c.weight} × ${c.id} ${c.value!.toFixed(1)}`).join(' + ');
  const formula =
    score === null
      ? 'No score yet: no component has data.'
      : `(${terms}) / ${totalWeight} = ${score.toFixed(1)}` +
        (leftOut.length ? `; left out for lack of data: ${leftOut.join(', ')}` : '');
  return { score, formula, components };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
