import {
  BadRequestException,
  Controller,
  Get,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Query,
  Render,
} from '@nestjs/common';
import { OpeningsService } from '@hotseat/hiring';
import { CurrentStaff, Roles, type StaffPrincipal } from '@hotseat/identity';
import { ScorecardPresenter } from '@hotseat/scorecards';
import { MAX_PAGE_SIZE } from '@hotseat/validation';
import { staffPage } from './page-context';

/**
 * A candidate's scorecard (figures, curve, replay, transcript, ratings, shadowing), the print view
 * of a transcript, and the comparison page. The models and their access checks are ScorecardPresenter's.
 */
@Controller()
export class ScorecardPagesController {
  constructor(
    private readonly scorecards: ScorecardPresenter,
    private readonly openings: OpeningsService,
  ) {}

  @Get('candidates/:id')
  @Render('scorecard')
  async scorecard(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    const page = await this.scorecards.scorecardPage(staff, id);
    return staffPage(staff, `Scorecard: ${page.card.candidate.name}`, 'scorecard', page);
  }

  /** A plain page to print: the conversation, with the interviewer's notes only when asked. */
  @Get('candidates/:id/sessions/:sessionId/transcript')
  @Render('transcript')
  async transcript(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Query(
      'notes',
      new ParseBoolPipe({
        optional: true,
        exceptionFactory: () => new BadRequestException('notes must be true or false.'),
      }),
    )
    notes = false,
  ) {
    const page = await this.scorecards.transcriptPage(staff, id, sessionId, notes);
    return staffPage(staff, `Transcript: ${page.candidate.name}`, null, {
      bodyClass: 'print-view',
      ...page,
    });
  }

  @Get('compare')
  @Roles('admin', 'manager')
  @Render('compare')
  async compare(@CurrentStaff() staff: StaffPrincipal, @Query('openingId') openingId?: unknown) {
    const openings = await this.openings.list({ limit: MAX_PAGE_SIZE });
    return staffPage(staff, 'Compare candidates', 'compare', {
      openings: openings.items.map(({ id, title }) => ({ id, title, selected: id === openingId })),
    });
  }
}
