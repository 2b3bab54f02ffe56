import type { EntityList } from '@hotseat/database';
import { feedbackEntities } from '@hotseat/feedback';
import { hiringEntities } from '@hotseat/hiring';
import { identityEntities } from '@hotseat/identity';
import { roleplayEntities } from '@hotseat/roleplay';
import { scenarioEntities } from '@hotseat/scenarios';
import { scorecardEntities } from '@hotseat/scorecards';

/** Every entity of every feature: the app and the migration tools must see the same model. */
export const entities: EntityList = [
  ...identityEntities,
  ...scenarioEntities,
  ...hiringEntities,
  ...roleplayEntities,
  ...feedbackEntities,
  ...scorecardEntities,
];
