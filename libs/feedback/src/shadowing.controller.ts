import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  CurrentPrincipal,
  CurrentStaff,
  Guests,
  type GuestPrincipal,
  type StaffPrincipal,
} from '@hotseat/identity';
import { CreateShadowLinkDto } from './dto/create-shadow-link.dto';
import { SubmitShadowFeedbackDto } from './dto/submit-shadow-feedback.dto';
import { ShadowingService } from './shadowing.service';

/** Staff make a shadow link per host; the host answers through it without an account. */
@Controller('api')
export class ShadowingController {
  constructor(private readonly shadowing: ShadowingService) {}

  /** `{ id, hostName, url, token, expiresAt }`: the link is shown this once. */
  @Post('candidates/:id/shadow-links')
  createLink(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateShadowLinkDto,
  ) {
    return this.shadowing.createLink(staff, id, body.hostName);
  }

  /** `:id` is the `id` createLink answered; the host's answers stay, the link stops working. */
  @Delete('shadow-links/:id')
  @HttpCode(204)
  revokeLink(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shadowing.revokeLink(staff, id);
  }

  @Get('shadow-feedback')
  @Guests('shadow')
  form(@CurrentPrincipal() guest: GuestPrincipal) {
    return this.shadowing.form(guest);
  }

  @Put('shadow-feedback')
  @Guests('shadow')
  submit(@CurrentPrincipal() guest: GuestPrincipal, @Body() body: SubmitShadowFeedbackDto) {
    return this.shadowing.submit(guest, body);
  }
}
