import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService, Public, type GuestPrincipal, type LinkScope } from '@hotseat/identity';
import { ShadowingService } from '@hotseat/feedback';
import { SessionsService } from '@hotseat/roleplay';

/** The three shadowing questions in plain words, for a support agent who has never used Hotseat. */
const SHADOW_QUESTION_HELP = {
  learning:
    'Did they want to know how the product works: asking how things are done, why, and where to find answers?',
  understanding:
    "Did they understand what each customer's problem was, and why you answered the way you did?",
  engagement: 'Were they with you the whole time: attentive, taking part, not drifting off?',
} as const;

/**
 * Pages a guest opens from a link, without an account: the token is in the path. An unknown, expired
 * or revoked link gets a friendly page, whatever the reason, as the API answers 401 alike.
 */
@Controller()
export class GuestPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly shadowing: ShadowingService,
  ) {}

  @Public()
  @Get('join/:token')
  async join(@Param('token') token: string, @Res() response: Response) {
    const guest = await this.guest(token, 'candidate');
    if (!guest) return linkInvalid(response);
    const briefing = await this.sessions.briefing(guest, guest.link.subjectId);
    const practice = briefing.mode === 'practice';
    response.render('candidate-room', {
      title: practice ? 'Your practice chat' : 'Your support chat',
      bodyClass: 'guest',
      pageScript: 'candidate-room',
      practice,
      // The server's clock, so the page's "time left" holds on a phone whose clock is off.
      room: { ...briefing, token, serverTime: new Date().toISOString() },
    });
  }

  @Public()
  @Get('shadow/:token')
  async shadow(@Param('token') token: string, @Res() response: Response) {
    const guest = await this.guest(token, 'shadow');
    if (!guest) return linkInvalid(response);
    const form = await this.shadowing.form(guest);
    response.render('shadow-form', {
      title: 'Your feedback',
      bodyClass: 'guest',
      pageScript: 'shadow-form',
      form: { ...form, token },
      questions: Object.entries(SHADOW_QUESTION_HELP).map(([id, help]) => ({
        id,
        label: form.questions[id as keyof typeof form.questions],
        help,
        answer: form.feedback[id as keyof typeof SHADOW_QUESTION_HELP],
      })),
      scale: Object.entries(form.scale).map(([score, label]) => ({ score, label })),
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
