import { Controller, Get, Param, Query, Render, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { Environment } from '@hotseat/config';
import { CandidatesService, OpeningsService } from '@hotseat/hiring';
import { CurrentStaff, Public, Roles, UsersService, type StaffPrincipal } from '@hotseat/identity';
import { SessionsService } from '@hotseat/roleplay';
import { conditionsInWords, cueScenarioOf } from '@hotseat/metrics';
import { deskInWords, ScenariosService } from '@hotseat/scenarios';
import { MAX_PAGE_SIZE } from '@hotseat/validation';
import { DashboardQuery } from './dashboard.query';
import { staffPage } from './page-context';

/** How many of each long list the dashboard shows at once; an "older" link continues it. */
const DASHBOARD_PAGE = 25;

/** Login and the dashboard: openings, candidates and role-plays, and starting one. */
@Controller()
export class StaffPagesController {
  constructor(
    private readonly openings: OpeningsService,
    private readonly candidates: CandidatesService,
    private readonly sessions: SessionsService,
    private readonly scenarios: ScenariosService,
    private readonly users: UsersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @Public()
  @Get('login')
  @Render('login')
  login(@Query('next') next?: string) {
    return { title: 'Log in', pageScript: 'login', next: typeof next === 'string' ? next : '/' };
  }

  @Get()
  @Render('dashboard')
  async dashboard(
    @CurrentStaff() staff: StaffPrincipal,
    @Query() query: DashboardQuery,
    @Req() request: Request,
  ) {
    const [openings, candidates, live, upcoming, finished] = await Promise.all([
      this.openings.list({ limit: MAX_PAGE_SIZE }),
      this.candidates.list(staff, { limit: DASHBOARD_PAGE, cursor: query.candidates }),
      this.sessions.list(staff, { statuses: ['live'], limit: DASHBOARD_PAGE }),
      this.sessions.list(staff, { statuses: ['scheduled'], limit: DASHBOARD_PAGE }),
      this.sessions.list(staff, {
        statuses: ['ended', 'cancelled'],
        limit: DASHBOARD_PAGE,
        cursor: query.finished,
      }),
    ]);
    return staffPage(staff, 'Dashboard', 'dashboard', {
      openings: openings.items,
      candidates: candidates.items,
      olderCandidates: candidates.next && `/?candidates=${candidates.next}`,
      scenarios: this.scenarios.list().flatMap((s) => (s.valid ? [s] : [])),
      live: live.items,
      upcoming: upcoming.items,
      finished: finished.items,
      olderFinished: finished.next && `/?finished=${finished.next}`,
      canManage: staff.user.role !== 'interviewer',
      otherAddress: otherAddress(request, this.config.get('publicUrl', { infer: true })),
    });
  }

  /** Every scenario file, valid or not, with what is wrong with the invalid ones. */
  @Get('scenarios')
  @Render('scenarios')
  scenarioLibrary(@CurrentStaff() staff: StaffPrincipal) {
    const all = this.scenarios.list();
    return staffPage(staff, 'Scenarios', null, {
      valid: all.filter((s) => s.valid),
      invalid: all.filter((s) => !s.valid),
    });
  }

  /** One scenario's script, read-only, as its file says (variables not filled in). */
  @Get('scenarios/:id')
  @Render('scenario')
  scenario(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    const { definition, hash } = this.scenarios.get(id);
    const { desk } = definition;
    const checkpoint = (checkpointId: string) =>
      definition.solution.checkpoints.find((c) => c.id === checkpointId)?.label ?? checkpointId;
    const { actionLabels } = cueScenarioOf(definition);
    return staffPage(staff, definition.title, 'scenario', {
      scenario: definition,
      beats: definition.beats.map((beat) => ({
        ...beat,
        when: beat.when && conditionsInWords(beat.when, actionLabels),
      })),
      version: hash.slice(0, 12),
      desk: desk && deskInWords(desk, checkpoint),
    });
  }

  @Get('users')
  @Roles('admin')
  @Render('users')
  async people(@CurrentStaff() staff: StaffPrincipal) {
    return staffPage(staff, 'People', 'users', { users: await this.users.list() });
  }
}

/**
 * The address this page was opened at, when it is not PUBLIC_URL's: candidates' and shadow hosts'
 * links are made for PUBLIC_URL, so they will open that one instead. `request.host` is the Host
 * header (X-Forwarded-Host behind trusted proxies), with its port.
 */
function otherAddress(request: Request, publicUrl: string) {
  const { protocol, host: publicHost } = new URL(publicUrl);
  // Parsed as a URL, so that "LOCALHOST" or a default port written out compare as browsers see them.
  const opened = `${protocol}//${request.host}`;
  if (!request.host || !URL.canParse(opened) || new URL(opened).host === publicHost) return null;
  return { host: request.host, publicUrl };
}
