import { Module } from '@nestjs/common';
import { HiringModule } from '@hotseat/hiring';
import { IdentityModule } from '@hotseat/identity';
import { ScenariosModule } from '@hotseat/scenarios';
import { CandidateLinks } from './candidate-links';
import { RoleplaySession } from './entities/roleplay-session.entity';
import { SessionEventRow } from './entities/session-event.entity';
import { EventLog } from './event-log';
import { PracticePlayer } from './practice-player';
import { RoleplayGateway } from './roleplay.gateway';
import { RoleplayService } from './roleplay.service';
import { SessionBroadcaster } from './session-broadcaster';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { TimeLimits } from './time-limits';

export const roleplayEntities = [RoleplaySession, SessionEventRow];

/** Role-play sessions, their event log, and the live chat over Socket.IO. */
@Module({
  imports: [IdentityModule, ScenariosModule, HiringModule],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    SessionsService,
    CandidateLinks,
    EventLog,
    SessionBroadcaster,
    RoleplayService,
    RoleplayGateway,
    PracticePlayer,
    TimeLimits,
  ],
  exports: [SessionsService, EventLog],
})
export class RoleplayModule {}
