import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hotseat/identity';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { Rating } from './entities/rating.entity';
import { ShadowFeedback } from './entities/shadow-feedback.entity';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';
import { ShadowingController } from './shadowing.controller';
import { ShadowingService } from './shadowing.service';

export const feedbackEntities = [Rating, ShadowFeedback];

/** What people say about a candidate: interviewers' ratings and shadow hosts' feedback. */
@Module({
  imports: [
    TypeOrmModule.forFeature(feedbackEntities),
    IdentityModule,
    ScenariosModule,
    RoleplayModule,
  ],
  controllers: [RatingsController, ShadowingController],
  providers: [RatingsService, ShadowingService],
  exports: [RatingsService, ShadowingService],
})
export class FeedbackModule {}
