import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { StaffPrincipal } from '@hotseat/identity';
import { requireAccess } from '@hotseat/identity';
import { DEFAULT_WEIGHTS, type ScoreWeights } from '@hotseat/metrics';
import { ScenariosService } from '@hotseat/scenarios';
import type { CreateOpeningDto } from './dto/create-opening.dto';
import type { OpeningWeightsDto } from './dto/opening-weights.dto';
import type { UpdateOpeningDto } from './dto/update-opening.dto';
import { Opening } from './entities/opening.entity';

export interface OpeningView {
  id: string;
  title: string;
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
    @InjectRepository(Opening) private readonly openings: Repository<Opening>,
    private readonly scenarios: ScenariosService,
  ) {}

  async create(staff: StaffPrincipal, body: CreateOpeningDto): Promise<OpeningView> {
    this.checkScenarios(body.scenarioIds);
    const opening = await this.openings.save(
      this.openings.create({
        title: body.title,
        scenarioIds: body.scenarioIds,
        weights: body.weights ? checkedWeights(body.weights) : null,
        createdById: staff.user.id,
      }),
    );
    return this.view(opening);
  }

  async list(): Promise<OpeningView[]> {
    const openings = await this.openings.find({ order: { createdAt: 'DESC' } });
    return openings.map((opening) => this.view(opening));
  }

  async get(id: string): Promise<OpeningView> {
    return this.view(await this.find(id));
  }

  async update(id: string, body: UpdateOpeningDto): Promise<OpeningView> {
    await this.find(id);
    if (body.scenarioIds) this.checkScenarios(body.scenarioIds);
    await this.openings.update(id, {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.scenarioIds && { scenarioIds: body.scenarioIds }),
      ...(body.weights && { weights: checkedWeights(body.weights) }),
    });
    return this.view(await this.find(id));
  }

  /** The opening, or 404. */
  async find(id: string): Promise<Opening> {
    const opening = await this.openings.findOneBy({ id });
    requireAccess(!!opening, 'opening');
    return opening!;
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

  private view(opening: Opening): OpeningView {
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
