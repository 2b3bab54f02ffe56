import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentStaff, Roles, type StaffPrincipal } from '@hotseat/identity';
import { comparisonCsv, sessionsCsv } from './csv';
import { CompareQuery } from './dto/compare.query';
import { SessionsExportQuery } from './dto/sessions-export.query';
import { ScorecardsService } from './scorecards.service';

/** Figures, scorecards, comparisons and their spreadsheet exports. */
@Controller('api')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  /** Staff who may see the session; live sessions get their figures so far. */
  @Get('sessions/:id/metrics')
  metrics(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.scorecards.sessionMetrics(staff, id);
  }

  /** Managers and admins; interviewers once they have submitted their own rating. */
  @Get('candidates/:id/scorecard')
  scorecard(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.scorecards.scorecard(staff, id);
  }

  @Get('scorecards/compare')
  @Roles('admin', 'manager')
  async compare(
    @CurrentStaff() staff: StaffPrincipal,
    @Query() query: CompareQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const comparison = await this.scorecards.compare(staff, query.candidates, query.blind ?? false);
    if (query.format !== 'csv') return comparison;
    return csvFile(response, 'comparison.csv', comparisonCsv(comparison));
  }

  @Get('sessions.csv')
  @Roles('admin', 'manager')
  async sessions(
    @CurrentStaff() staff: StaffPrincipal,
    @Query() query: SessionsExportQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const sessions = await this.scorecards.openingSessions(
      staff,
      query.openingId,
      query.blind ?? false,
    );
    return csvFile(response, 'sessions.csv', sessionsCsv(sessions));
  }
}

function csvFile(response: Response, name: string, body: string): string {
  response.type('text/csv; charset=utf-8');
  response.attachment(name);
  return body;
}
