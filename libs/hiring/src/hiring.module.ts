import { Module } from '@nestjs/common';
import { IdentityModule } from '@hotseat/identity';
import { ScenariosModule } from '@hotseat/scenarios';
import { CandidatesController } from './candidates.controller';
import { CandidatesRepository } from './candidates.repository';
import { CandidatesService } from './candidates.service';
import { CandidateInterviewer } from './entities/candidate-interviewer.entity';
import { Candidate } from './entities/candidate.entity';
import { Opening } from './entities/opening.entity';
import { OpeningsController } from './openings.controller';
import { OpeningsRepository } from './openings.repository';
import { OpeningsService } from './openings.service';

export const hiringEntities = [Opening, Candidate, CandidateInterviewer];

/** The hiring pipeline: openings (the jobs) and their candidates, apart from the live role-play. */
@Module({
  imports: [IdentityModule, ScenariosModule],
  controllers: [OpeningsController, CandidatesController],
  providers: [OpeningsRepository, OpeningsService, CandidatesRepository, CandidatesService],
  exports: [OpeningsService, CandidatesService],
})
export class HiringModule {}
