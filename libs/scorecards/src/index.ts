export { ScorecardsModule, scorecardEntities } from './scorecards.module';
export { ScorecardsService, DISAGREEMENT_POINTS, type ComparisonRow } from './scorecards.service';
export { SessionFiguresService } from './session-figures.service';
export { SessionFigures } from './entities/session-figures.entity';
export { RANKED_FIGURES, type RankedKey } from './ranked-figures';
