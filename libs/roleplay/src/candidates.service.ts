import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  canSeeCandidate,
  requireAccess,
  type CandidateFacts,
  type Principal,
  type StaffPrincipal,
} from '@hotseat/identity';
import type { CreateCandidateDto, ListCandidatesQuery } from './dto/http';
import { Candidate } from './entities/candidate.entity';
import { Opening } from './entities/opening.entity';

export type CandidateView = Pick<Candidate, 'id' | 'name' | 'email' | 'createdAt'> & {
  opening: Pick<Opening, 'id' | 'title'> | null;
};

@Injectable()
export class CandidatesService {
  constructor(@InjectRepository(Candidate) private readonly candidates: Repository<Candidate>) {}

  async create(
    staff: StaffPrincipal,
    { name, email, openingId }: CreateCandidateDto,
  ): Promise<CandidateView> {
    if (openingId && !(await this.candidates.manager.existsBy(Opening, { id: openingId }))) {
      throw new BadRequestException(
        'openingId: there is no opening with this id; GET /api/openings lists them.',
      );
    }
    const { id } = await this.candidates.save(
      this.candidates.create({
        name,
        email: email.toLowerCase(),
        openingId: openingId ?? null,
        createdById: staff.user.id,
      }),
    );
    return this.get(staff, id);
  }

  /** The candidates `principal` may see, newest first; of one opening if `openingId` is given. */
  async list(
    principal: Principal,
    { openingId }: ListCandidatesQuery = {},
  ): Promise<CandidateView[]> {
    const rows = await this.withInterviewers()
      .where(openingId ? 'candidate.opening_id = :openingId' : 'TRUE', { openingId })
      .orderBy('candidate.created_at', 'DESC')
      .getRawAndEntities();
    return rows.entities
      .filter((candidate, index) =>
        canSeeCandidate(principal, facts(candidate, (rows.raw as RawFacts[])[index])),
      )
      .map(view);
  }

  /** One candidate; 404 when it does not exist or `principal` may not see it. */
  async get(principal: Principal, id: string): Promise<CandidateView> {
    const rows = await this.withInterviewers()
      .where('candidate.id = :id', { id })
      .getRawAndEntities();
    const [candidate] = rows.entities;
    requireAccess(
      !!candidate && canSeeCandidate(principal, facts(candidate, (rows.raw as RawFacts[])[0])),
      'candidate',
    );
    return view(candidate);
  }

  private withInterviewers() {
    return this.candidates
      .createQueryBuilder('candidate')
      .leftJoinAndSelect('candidate.opening', 'opening')
      .addSelect(
        'ARRAY(SELECT DISTINCT interviewer_id FROM roleplay_sessions WHERE candidate_id = candidate.id)',
        'interviewer_ids',
      );
  }
}

interface RawFacts {
  interviewer_ids: string[];
}

function facts(candidate: Candidate, raw: RawFacts): CandidateFacts {
  return {
    id: candidate.id,
    interviewerIds: [
      ...raw.interviewer_ids,
      ...(candidate.createdById ? [candidate.createdById] : []),
    ],
  };
}

function view({ id, name, email, createdAt, opening }: Candidate): CandidateView {
  return {
    id,
    name,
    email,
    createdAt,
    opening: opening && { id: opening.id, title: opening.title },
  };
}
