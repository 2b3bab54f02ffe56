import type { EntityList } from '@hotseat/database';
import { identityEntities } from '@hotseat/identity';
import { roleplayEntities } from '@hotseat/roleplay';
import { scenarioEntities } from '@hotseat/scenarios';

/** Every entity of every feature: the app and the migration tools must see the same model. */
export const entities: EntityList = [...identityEntities, ...scenarioEntities, ...roleplayEntities];
