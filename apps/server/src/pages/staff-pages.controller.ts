import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { CurrentStaff, Public, Roles, UsersService, type StaffPrincipal } from '@hotseat/identity';
import { CandidatesService, OpeningsService, SessionsService } from '@hotseat/roleplay';
import { ScenariosService } from '@hotseat/scenarios';
import { staffPage } from './page-context';

/** Login and the dashboard: openings, candidates and role-plays, and starting one. */
@Controller()
export class StaffPagesController {
  constructor(
    private readonly openings: OpeningsService,
    private readonly candidates: CandidatesService,
    private readonly sessions: SessionsService,
    private readonly scenarios: ScenariosService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Get('login')
  @Render('login')
  login(@Query('next') next?: string) {
    return { title: 'Log in', scripts: ['login.js'], next: typeof next === 'string' ? next : '/' };
  }

  @Get()
  @Render('dashboard')
  async dashboard(@CurrentStaff() staff: StaffPrincipal) {
    const [openings, candidates, sessions] = await Promise.all([
      this.openings.list(),
      this.candidates.list(staff),
      this.sessions.list(staff, {}),
    ]);
    const scenarios = this.scenarios.list().flatMap((s) => (s.valid ? [s] : []));
    const byStatus = (...statuses: string[]) => sessions.filter((s) => statuses.includes(s.status));
    return staffPage(staff, 'Dashboard', ['dashboard.js'], {
      openings,
      candidates,
      scenarios,
      upcoming: byStatus('scheduled'),
      live: byStatus('live'),
      finished: byStatus('ended', 'cancelled'),
      canManage: staff.user.role !== 'interviewer',
    });
  }

  /** Every scenario file, valid or not, with what is wrong with the invalid ones. */
  @Get('scenarios')
  @Render('scenarios')
  scenarioLibrary(@CurrentStaff() staff: StaffPrincipal) {
    const all = this.scenarios.list();
    return staffPage(staff, 'Scenarios', [], {
      valid: all.filter((s) => s.valid),
      invalid: all.filter((s) => !s.valid),
    });
  }

  /** One scenario's script, read-only, as its file says (variables not filled in). */
  @Get('scenarios/:id')
  @Render('scenario')
  scenario(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    const { definition, hash } = this.scenarios.get(id);
    return staffPage(staff, definition.title, [], {
      scenario: definition,
      version: hash.slice(0, 12),
    });
  }

  @Get('users')
  @Roles('admin')
  @Render('users')
  async people(@CurrentStaff() staff: StaffPrincipal) {
    return staffPage(staff, 'People', ['users.js'], { users: await this.users.list() });
  }
}
