import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentStaff, Roles, type StaffPrincipal } from '@hotseat/identity';
import { PageQuery, sendPage } from '@hotseat/validation';
import { CreateOpeningDto } from './dto/create-opening.dto';
import { UpdateOpeningDto } from './dto/update-opening.dto';
import { OpeningsService } from './openings.service';

/** Hiring managers and admins define openings; every staff member sees them to add candidates. */
@Controller('api/openings')
export class OpeningsController {
  constructor(private readonly openings: OpeningsService) {}

  @Post()
  @Roles('admin', 'manager')
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateOpeningDto) {
    return this.openings.create(staff, body);
  }

  /** Newest first, a page at a time: the next page is in the Link header. */
  @Get()
  async list(
    @Query() query: PageQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendPage(request, response, await this.openings.list(query));
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.openings.get(id);
  }

  @Patch(':id')
  @Roles('admin', 'manager')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateOpeningDto) {
    return this.openings.update(id, body);
  }
}
