import { Optional } from '@hotseat/validation';
import { OpeningTitleField, ScenarioIdsField, WeightsField } from './opening-fields';
import type { OpeningWeightsDto } from './opening-weights.dto';

/** What a hiring manager may change about an opening; candidates keep the sessions they ran. */
export class UpdateOpeningDto {
  @Optional()
  @OpeningTitleField()
  title?: string;

  @Optional()
  @ScenarioIdsField()
  scenarioIds?: string[];

  @Optional()
  @WeightsField()
  weights?: OpeningWeightsDto;
}
