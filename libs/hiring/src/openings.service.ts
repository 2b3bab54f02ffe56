import { BadRequestException, Injectable } from '@nestjs/common';
import { requireAccess, type StaffPrincipal } from '@hotseat/identity';
import { DEFAULT_WEIGHTS, type ScoreWeights } from '@hotseat/metrics';
import { ScenariosService } from '@hotseat/scenarios';
import { DEFAULT_PAGE_SIZE, pageOf, type Page, type PageRequest } from '@hotseat/validation';
import type { CreateOpeningDto } from './dto/create-opening.dto';
import type { OpeningWeightsDto } from './dto/opening-weights.dto';
import type { UpdateOpeningDto } from './dto/update-opening.dto';
import { OpeningsRepository, type OpeningRow } from './openings.repository';

export interface OpeningView {
  id: string;
  title: string;
  /** In the order the hiring manager chose; `title` null for a scenario that no longer loads. */
  scenarios: Array<{ id: string; title: string | null }>;
  /** The weights the overall score uses, the defaults when the opening sets none. */
  weights: ScoreWeights;
  defaultWeights: boolean;
  createdAt: Date;
}

/** Openings: hiring managers and admins make and change them; every staff member sees them. */
@Injectable()
export class OpeningsService {
  constructor(
    private readonly openings: OpeningsRepository,
    private readonly scenarios: ScenariosService,
  ) {}

  async create(staff: StaffPrincipal, body: CreateOpeningDto): Promise<OpeningView> {
    this.checkScenarios(body.scenarioIds);
    const id = await this.openings.insert({
      title: body.title,
      scenarioIds: body.scenarioIds,
      weights: body.weights ? checkedWeights(body.weights) : null,
      createdById: staff.user.id,
    });
    return this.get(id);
  }

  /** Every opening, newest first, a page at a time. */
  async list({ limit = DEFAULT_PAGE_SIZE, cursor }: PageRequest = {}): Promise<Page<OpeningView>> {
    const rows = await this.openings.page(limit, cursor);
    return pageOf(
      rows,
      limit,
      (row) => ({ createdAt: row.position, id: row.id }),
      (row) => this.view(row),
    );
  }

  /** The opening, or 404. */
  async get(id: string): Promise<OpeningView> {
    const row = await this.openings.find(id);
    requireAccess(!!row, 'opening');
    return this.view(row!);
  }

  async update(id: string, body: UpdateOpeningDto): Promise<OpeningView> {
    if (Object.values(body).every((value) => value === undefined)) {
      throw new BadRequestException('Send at least one of title, scenarioIds or weights.');
    }
    await this.get(id);
    if (body.scenarioIds) this.checkScenarios(body.scenarioIds);
    await this.openings.update(id, {
      title: body.title,
      scenarioIds: body.scenarioIds,
      weights: body.weights && checkedWeights(body.weights),
    });
    return this.get(id);
  }

  private checkScenarios(ids: string[]): void {
    const known = new Set(this.scenarios.list().flatMap((s) => (s.valid ? [s.id] : [])));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new BadRequestException(
        `scenarioIds: there is no valid scenario ${unknown.map((id) => `"${id}"`).join(', ')}; GET /api/scenarios lists them.`,
      );
    }
  }

  private view(opening: OpeningRow): OpeningView {
    const titles = new Map(
      this.scenarios.list().flatMap((s) => (s.valid ? [[s.id, s.title] as const] : [])),
    );
    return {
      id: opening.id,
      title: opening.title,
      scenarios: opening.scenarioIds.map((id) => ({ id, title: titles.get(id) ?? null })),
      weights: opening.weights ?? DEFAULT_WEIGHTS,
      defaultWeights: opening.weights === null,
      createdAt: opening.createdAt,
    };
  }
}

function checkedWeights(weights: OpeningWeightsDto): ScoreWeights {
  const { rubric, csat, productTeam, shadowing, roleplay } = weights;
  if (rubric + csat + productTeam + shadowing + roleplay === 0) {
    throw new BadRequestException('weights: at least one weight must be above 0.');
  }
  return { rubric, csat, productTeam, shadowing, roleplay };
}
