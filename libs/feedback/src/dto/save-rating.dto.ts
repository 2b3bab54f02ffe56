import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { NestedField, Optional } from '@hotseat/validation';
import { RECOMMENDATIONS, type Recommendation } from '../entities/rating.entity';
import { AttributeRatingDto } from './attribute-rating.dto';
import { Score } from './fields';
import { ScoredNotesDto } from './scored-notes.dto';

/**
 * Saves the interviewer's draft: every field given replaces the draft's, fields left out keep theirs.
 * `submit: true` makes it final, once every part is there.
 */
export class SaveRatingDto {
  @Optional()
  @IsArray({ message: 'attributes must be a list of { id, score, evidence }' })
  @ArrayMaxSize(50, { message: 'attributes may hold at most 50 ratings' })
  @ValidateNested({ each: true })
  @Type(() => AttributeRatingDto)
  attributes?: AttributeRatingDto[];

  /** "As this customer, how satisfied would you be?" 1-5. */
  @Optional()
  @Score('csat', 5)
  csat?: number;

  /** "How do you work with the product team when customers keep reporting the same problem?" */
  @Optional()
  @NestedField(() => ScoredNotesDto, 'productTeam must be { score, notes }: a score from 1 to 4')
  productTeam?: ScoredNotesDto;

  @Optional()
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of ${RECOMMENDATIONS.join(', ')}` })
  recommendation?: Recommendation;

  @Optional()
  @IsBoolean({ message: 'submit must be true or false' })
  submit?: boolean;
}
