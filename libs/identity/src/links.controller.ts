import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, Guests } from './access.decorators';
import type { GuestPrincipal } from './principal';

@Controller('api/links')
export class LinksController {
  /** What the caller's link opens and until when, so a guest's page can say so. */
  @Guests('candidate', 'shadow')
  @Get('current')
  current(@CurrentPrincipal() guest: GuestPrincipal) {
    return { scope: guest.link.scope, expiresAt: guest.link.expiresAt };
  }
}
