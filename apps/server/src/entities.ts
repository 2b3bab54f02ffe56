import type { EntityList } from '@hotseat/database';
import { identityEntities } from '@hotseat/identity';

/** Every entity of every feature: the app and the migration tools must see the same model. */
export const entities: EntityList = [...identityEntities];
