import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requireAccess, type Principal, type StaffPrincipal } from '@hotseat/identity';
import { DEFAULT_PAGE_SIZE, pageOf, type Page, type PageRequest } from '@hotseat/validation';
import { CandidatesRepository, type CandidateRow } from './candidates.repository';
import type { CreateCandidateDto } from './dto/create-candidate.dto';
import { OpeningsRepository } from './openings.repository';

export interface CandidateView {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  opening: { id: string; title: string } | null;
}

/** Candidates of the hiring pipeline: any staff member adds them; who sees which is the repository's rule. */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly candidates: CandidatesRepository,
    private readonly openings: OpeningsRepository,
  ) {}

  async create(
    staff: StaffPrincipal,
    { name, email, openingId }: CreateCandidateDto,
  ): Promise<CandidateView> {
    if (openingId && !(await this.openings.find(openingId))) {
      throw new BadRequestException(
        'openingId: there is no opening with this id; GET /api/openings lists them.',
      );
    }
    const id = await this.candidates.insert({
      name,
      email: email.toLowerCase(),
      openingId: openingId ?? null,
      createdById: staff.user.id,
    });
    return this.get(staff, id);
  }

  /** The candidates `principal` may see, newest first, a page at a time; of one opening if asked. */
  async list(
    principal: Principal,
    { openingId, limit = DEFAULT_PAGE_SIZE, cursor }: PageRequest & { openingId?: string },
  ): Promise<Page<CandidateView>> {
    const rows = await this.candidates.page(principal, { openingId }, { limit, cursor });
    return pageOf(rows, limit, positionOf, view);
  }

  /** One candidate; 404 when it does not exist or `principal` may not see it. */
  async get(principal: Principal, id: string): Promise<CandidateView> {
    const row = await this.candidates.find(principal, id);
    requireAccess(!!row, 'candidate');
    return view(row!);
  }

  /** These candidates, in the order given; 404 naming those that do not exist or are not visible. */
  async getMany(principal: Principal, ids: string[]): Promise<CandidateView[]> {
    const rows = await this.candidates.page(principal, { ids }, { limit: ids.length });
    const byId = new Map(rows.map((row) => [row.id, view(row)]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new NotFoundException(`There is no candidate with the id ${missing.join(', ')}.`);
    }
    return ids.map((id) => byId.get(id)!);
  }

  /** Names by id, for features that have checked access already (a role-play's own candidate). */
  names(ids: string[]): Promise<Map<string, string>> {
    return this.candidates.names(ids);
  }

  /** The ids of an opening's candidates, oldest first. */
  ofOpening(openingId: string): Promise<string[]> {
    return this.candidates.ofOpening(openingId);
  }

  /** From now on `interviewerId` interviews the candidate (and may see them); in the caller's transaction. */
  /** Locks the candidate until `manager`'s transaction ends (see the repository). */
  lock(candidateId: string, manager: EntityManager) {
    return this.candidates.lock(candidateId, manager);
  }

  assignInterviewer(candidateId: string, interviewerId: string, manager: EntityManager) {
    return this.candidates.assignInterviewer(candidateId, interviewerId, manager);
  }
}

function positionOf(row: CandidateRow) {
  return { createdAt: row.position, id: row.id };
}

function view(row: CandidateRow): CandidateView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: row.createdAt,
    opening: row.openingId ? { id: row.openingId, title: row.openingTitle! } : null,
  };
}
