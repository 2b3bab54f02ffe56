import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeedbackModule } from '@hotseat/feedback';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { SessionFigures } from './entities/session-figures.entity';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';
import { SessionFiguresService } from './session-figures.service';

export const scorecardEntities = [SessionFigures];

/** Turns sessions, ratings and shadowing feedback into scorecards and side-by-side comparisons. */
@Module({
  imports: [
    TypeOrmModule.forFeature(scorecardEntities),
    ScenariosModule,
    RoleplayModule,
    FeedbackModule,
  ],
  controllers: [ScorecardsController],
  providers: [ScorecardsService, SessionFiguresService],
  exports: [ScorecardsService, SessionFiguresService],
})
export class ScorecardsModule {}
