import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CurrentStaff, type StaffPrincipal } from '@hotseat/identity';
import { CreateSessionDto, ListSessionsQuery } from './dto/http';
import { SessionsService } from './sessions.service';

/** Role-play sessions: any staff member may run one; each sees the sessions DESIGN section 1 allows. */
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** `{ id, ..., candidateUrl, candidateToken, interviewerUrl }`: the link is shown this once. */
  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateSessionDto) {
    return this.sessions.create(staff, body);
  }

  @Get()
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: ListSessionsQuery) {
    return this.sessions.list(staff, query);
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

  @Get(':id/events')
  events(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.sessions.events(staff, id);
  }
}
