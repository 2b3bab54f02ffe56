import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CurrentStaff, type StaffPrincipal } from '@hotseat/identity';
import { CandidatesService } from './candidates.service';
import { CreateCandidateDto, ListCandidatesQuery } from './dto/http';

/** Any staff member adds candidates; each sees those they added or interview (managers: all). */
@Controller('api/candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateCandidateDto) {
    return this.candidates.create(staff, body);
  }

  @Get()
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: ListCandidatesQuery) {
    return this.candidates.list(staff, query);
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.candidates.get(staff, id);
  }
}
