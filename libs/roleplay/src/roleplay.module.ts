import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hotseat/identity';
import { ScenariosModule } from '@hotseat/scenarios';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { Candidate } from './entities/candidate.entity';
import { RoleplaySession } from './entities/roleplay-session.entity';
import { SessionEventRow } from './entities/session-event.entity';
import { EventLog } from './event-log';
import { RoleplayGateway } from './roleplay.gateway';
import { RoleplayService } from './roleplay.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { TimeLimits } from './time-limits';

export const roleplayEntities = [Candidate, RoleplaySession, SessionEventRow];

/** Candidates, role-play sessions, their event log and the live chat over Socket.IO. */
@Module({
  imports: [TypeOrmModule.forFeature(roleplayEntities), IdentityModule, ScenariosModule],
  controllers: [CandidatesController, SessionsController],
  providers: [
    CandidatesService,
    SessionsService,
    EventLog,
    RoleplayService,
    RoleplayGateway,
    TimeLimits,
  ],
  exports: [CandidatesService, SessionsService, EventLog],
})
export class RoleplayModule {}
