import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import type { ScoreWeights } from '@hotseat/metrics';

const Weight = (name: string) => {
  const message = `weights.${name} must be a whole number from 0 to 100`;
  return applyDecorators(IsInt({ message }), Min(0, { message }), Max(100, { message }));
};

/** Every component's weight in an opening's overall score (docs/scorecards.md); all five are given. */
export class OpeningWeightsDto implements ScoreWeights {
  @Weight('rubric')
  rubric!: number;

  @Weight('csat')
  csat!: number;

  @Weight('productTeam')
  productTeam!: number;

  @Weight('shadowing')
  shadowing!: number;

  @Weight('roleplay')
  roleplay!: number;
}
