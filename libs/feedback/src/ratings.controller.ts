import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentStaff, type StaffPrincipal } from '@hotseat/identity';
import { SaveRatingDto } from './dto/save-rating.dto';
import { RatingsService } from './ratings.service';

/** The interviewer's rating of a role-play they ran: saved as a draft until submitted. */
@Controller('api/sessions/:id/ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Post()
  @HttpCode(200)
  save(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveRatingDto,
  ) {
    return this.ratings.save(staff, id, body);
  }

  @Get()
  list(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.ratings.forSession(staff, id);
  }
}
