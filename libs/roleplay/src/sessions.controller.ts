import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  CurrentPrincipal,
  CurrentStaff,
  Guests,
  type GuestPrincipal,
  type StaffPrincipal,
} from '@hotseat/identity';
import { sendPage } from '@hotseat/validation';
import { CreateSessionDto } from './dto/create-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionsService } from './sessions.service';

/** Role-play sessions: any staff member may run one; who sees which is SessionsService.visible's rule. */
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** `{ id, ..., candidateUrl, candidateToken, interviewerUrl }`: the link is shown this once. */
  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateSessionDto) {
    return this.sessions.create(staff, body);
  }

  /** Newest first, a page at a time: the next page is in the Link header. */
  @Get()
  async list(
    @CurrentStaff() staff: StaffPrincipal,
    @Query() query: ListSessionsQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendPage(request, response, await this.sessions.list(staff, query));
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.get(staff, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.cancel(staff, id);
  }

  /** `{ ...the session, candidateUrl, candidateToken, candidateLinkExpiresAt }`, shown this once. */
  @Post(':id/candidate-link')
  renewCandidateLink(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.sessions.renewCandidateLink(staff, id);
  }

  @Delete(':id/candidate-link')
  @HttpCode(204)
  revokeCandidateLink(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.sessions.revokeCandidateLink(staff, id);
  }

  /**
   * "Practise first", from the candidate's link to a role-play that has not started:
   * `{ id, candidateUrl, candidateToken, candidateLinkExpiresAt }` of a new practice session.
   */
  @Post(':id/practice')
  @Guests('candidate')
  practiseFirst(@CurrentPrincipal() guest: GuestPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.practiseFirst(guest, id);
  }

  /** What the practice's candidate did and met, once it is over. */
  @Get(':id/debrief')
  @Guests('candidate')
  debrief(@CurrentPrincipal() guest: GuestPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.debrief(guest, id);
  }

  @Get(':id/events')
  events(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.events(staff, id);
  }
}
