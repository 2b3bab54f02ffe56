import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentStaff, Public, type StaffPrincipal } from '@hotseat/identity';
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
}
