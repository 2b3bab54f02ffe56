import { IsString, Length } from 'class-validator';
import { Optional } from '@hotseat/validation';
import { Notes, Score } from './fields';

/** One rubric attribute rated 1-4 (strong no, no, yes, strong yes) with the evidence for it. */
export class AttributeRatingDto {
  @IsString({ message: 'id must be the id of a rubric attribute of the scenario' })
  @Length(1, 100, { message: 'id must be the id of a rubric attribute of the scenario' })
  id!: string;

  @Score('score', 4)
  score!: number;

  @Optional()
  @Notes('evidence')
  evidence?: string;
}
