import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hotseat/identity';
import { ScenariosModule } from '@hotseat/scenarios';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { Candidate } from './entities/candidate.entity';
import { Opening } from './entities/opening.entity';
import { RoleplaySession } from './entities/roleplay-session.entity';
import { SessionEventRow } from './entities/session-event.entity';
import { EventLog } from './event-log';
import { OpeningsController } from './openings.controller';
import { OpeningsService } from './openings.service';
import { RoleplayGateway } from './roleplay.gateway';
import { RoleplayService } from './roleplay.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { TimeLimits } from './time-limits';

export const roleplayEntities = [Opening, Candidate, RoleplaySession, SessionEventRow];

/** Openings, candidates, role-play sessions, their event log and the live chat over Socket.IO. */
@Module({
  imports: [TypeOrmModule.forFeature(roleplayEntities), IdentityModule, ScenariosModule],
  controllers: [OpeningsController, CandidatesController, SessionsController],
  providers: [
    OpeningsService,
    CandidatesService,
    SessionsService,
    EventLog,
    RoleplayService,
    RoleplayGateway,
    TimeLimits,
  ],
  exports: [OpeningsService, CandidatesService, SessionsService, EventLog],
})
export class RoleplayModule {}
