import type { EntityList } from '@hotseat/database';
import { feedbackEntities } from '@hotseat/feedback';
import { identityEntities } from '@hotseat/identity';
import { roleplayEntities } from '@hotseat/roleplay';
import { scenarioEntities } from '@hotseat/scenarios';
import { scorecardEntities } from '@hotseat/scorecards';

/** Every entity of every feature: the app and the migration tools must see the same model. */
export const entities: EntityList = [
  ...identityEntities,
  ...scenarioEntities,
  ...roleplayEntities,
  ...feedbackEntities,
  ...scorecardEntities,
];
