import { Optional } from '@hotseat/validation';
import { Notes, Score } from './fields';

/** A 1-4 answer with optional notes: the product-team question, each shadowing question. */
export class ScoredNotesDto {
  @Score('score', 4)
  score!: number;

  @Optional()
  @Notes('notes')
  notes?: string;
}
