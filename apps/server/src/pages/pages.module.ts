import { Module } from '@nestjs/common';
import { FeedbackModule } from '@hotseat/feedback';
import { HiringModule } from '@hotseat/hiring';
import { IdentityModule } from '@hotseat/identity';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { ScorecardsModule } from '@hotseat/scorecards';
import { ConsolePageController } from './console-page.controller';
import { GuestPagesController } from './guest-pages.controller';
import { ScorecardPagesController } from './scorecard-pages.controller';
import { StaffPagesController } from './staff-pages.controller';

/** The server-rendered pages; each reads through the features' services, as the API does. */
@Module({
  imports: [
    IdentityModule,
    ScenariosModule,
    HiringModule,
    RoleplayModule,
    FeedbackModule,
    ScorecardsModule,
  ],
  controllers: [
    StaffPagesController,
    GuestPagesController,
    ConsolePageController,
    ScorecardPagesController,
  ],
})
export class PagesModule {}
