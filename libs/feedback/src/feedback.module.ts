import { Module } from '@nestjs/common';
import { HiringModule } from '@hotseat/hiring';
import { IdentityModule } from '@hotseat/identity';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { Rating } from './entities/rating.entity';
import { ShadowFeedback } from './entities/shadow-feedback.entity';
import { RatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';
import { ShadowFeedbackRepository } from './shadow-feedback.repository';
import { ShadowingController } from './shadowing.controller';
import { ShadowingService } from './shadowing.service';

export const feedbackEntities = [Rating, ShadowFeedback];

/** What people say about a candidate: interviewers' ratings and shadow hosts' feedback. */
@Module({
  imports: [IdentityModule, ScenariosModule, HiringModule, RoleplayModule],
  controllers: [RatingsController, ShadowingController],
  providers: [RatingsRepository, RatingsService, ShadowFeedbackRepository, ShadowingService],
  exports: [RatingsService, ShadowingService],
})
export class FeedbackModule {}
