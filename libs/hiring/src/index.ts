export { HiringModule, hiringEntities } from './hiring.module';
export { CandidatesService, type CandidateView } from './candidates.service';
export { OpeningsService, type OpeningView } from './openings.service';
export { Candidate } from './entities/candidate.entity';
export { Opening } from './entities/opening.entity';
export { splitName } from './candidate-name';
