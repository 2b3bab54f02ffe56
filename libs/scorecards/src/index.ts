export { ScorecardsModule, scorecardEntities } from './scorecards.module';
export { ScorecardsService } from './scorecards.service';
export { ScorecardPresenter } from './scorecard.presenter';
export { SessionFiguresService } from './session-figures.service';
export { SessionFigures } from './entities/session-figures.entity';
export { RANKED_FIGURES, type RankedKey } from './ranked-figures';
