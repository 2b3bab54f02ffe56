import { Identity1795432182652 } from './1795432182652-Identity';
import { ScenariosAndHelpCenter1795433710806 } from './1795433710806-ScenariosAndHelpCenter';
import { Roleplay1795440622345 } from './1795440622345-Roleplay';
import { ScorecardsAndFeedback1795443847783 } from './1795443847783-ScorecardsAndFeedback';
import { EventSpine1796238346696 } from './1796238346696-EventSpine';
import { DeskFigures1796294285006 } from './1796294285006-DeskFigures';
import { CandidateSeq1796310000000 } from './1796310000000-CandidateSeq';
import { ScopedClientKeys1796400000000 } from './1796400000000-ScopedClientKeys';
import { PracticeSessions1796500000000 } from './1796500000000-PracticeSessions';

/**
 * Every migration, oldest first. `npm run db:generate -- libs/database/src/migrations/Name` writes a
 * new file here; add its class to this list (the "migrations match the entities" test fails until you do).
 */
export const migrations: Array<new () => object> = [
  Identity1795432182652,
  ScenariosAndHelpCenter1795433710806,
  Roleplay1795440622345,
  ScorecardsAndFeedback1795443847783,
  EventSpine1796238346696,
  DeskFigures1796294285006,
  CandidateSeq1796310000000,
  ScopedClientKeys1796400000000,
  PracticeSessions1796500000000,
];
