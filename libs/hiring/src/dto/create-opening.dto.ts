import { Optional } from '@hotseat/validation';
import { OpeningTitleField, ScenarioIdsField, WeightsField } from './opening-fields';
import type { OpeningWeightsDto } from './opening-weights.dto';

export class CreateOpeningDto {
  @OpeningTitleField()
  title!: string;

  @ScenarioIdsField()
  scenarioIds!: string[];

  /** The overall score's weights; left out: the defaults. */
  @Optional()
  @WeightsField()
  weights?: OpeningWeightsDto;
}
