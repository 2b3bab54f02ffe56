import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentStaff, type StaffPrincipal } from '@hotseat/identity';
import { sendPage } from '@hotseat/validation';
import { CandidatesService } from './candidates.service';
import { CreateCandidateDto } from './dto/create-candidate.dto';
import { ListCandidatesQuery } from './dto/list-candidates.query';

/** Any staff member adds candidates; each sees those they added or interview (managers: all). */
@Controller('api/candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateCandidateDto) {
    return this.candidates.create(staff, body);
  }

  /** Newest first, a page at a time: the next page is in the Link header. */
  @Get()
  async list(
    @CurrentStaff() staff: StaffPrincipal,
    @Query() query: ListCandidatesQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendPage(request, response, await this.candidates.list(staff, query));
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.candidates.get(staff, id);
  }
}
