import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService, Public, type GuestPrincipal, type LinkScope } from '@hotseat/identity';
import { SessionsService } from '@hotseat/roleplay';

/**
 * Pages a guest opens from a link, without an account: the token is in the path. An unknown, expired
 * or revoked link gets a friendly page, whatever the reason, as the API answers 401 alike.
 */
@Controller()
export class GuestPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Get('join/:token')
  async join(@Param('token') token: string, @Res() response: Response) {
    const guest = await this.guest(token, 'candidate');
    if (!guest) return linkInvalid(response);
    const script = await this.sessions.script(guest, guest.link.subjectId);
    response.render('candidate-room', {
      title: 'Your support chat',
      bodyClass: 'guest',
      scripts: ['/socket.io/socket.io.js', 'chat.js', 'candidate-room.js'],
      room: { ...script, token },
    });
  }

  private async guest(token: string, scope: LinkScope): Promise<GuestPrincipal | null> {
    const principal = await this.auth.authenticate(token).catch(() => null);
    return principal?.kind === 'guest' && principal.link.scope === scope ? principal : null;
  }
}

function linkInvalid(response: Response): void {
  response.status(404).render('link-invalid', { title: 'This link no longer works' });
}
