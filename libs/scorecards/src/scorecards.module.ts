import { Module } from '@nestjs/common';
import { FeedbackModule } from '@hotseat/feedback';
import { HiringModule } from '@hotseat/hiring';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { SessionFigures } from './entities/session-figures.entity';
import { ScorecardPresenter } from './scorecard.presenter';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';
import { SessionFiguresRepository } from './session-figures.repository';
import { SessionFiguresService } from './session-figures.service';

export const scorecardEntities = [SessionFigures];

/** Turns sessions, ratings and shadowing feedback into scorecards and side-by-side comparisons. */
@Module({
  imports: [ScenariosModule, HiringModule, RoleplayModule, FeedbackModule],
  controllers: [ScorecardsController],
  providers: [
    SessionFiguresRepository,
    SessionFiguresService,
    ScorecardsService,
    ScorecardPresenter,
  ],
  exports: [ScorecardsService, ScorecardPresenter, SessionFiguresService],
})
export class ScorecardsModule {}
