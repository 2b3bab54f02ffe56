import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import type { Environment } from '@hotseat/config';
import { CurrentStaff, Public } from './access.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import type { StaffPrincipal } from './principal';
import { LOGIN_COOKIE, loginCookieOptions } from './login-cookie';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** `{ token, csrfToken, expiresAt, user }`, and the same session as an httpOnly cookie for pages. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) response: Response) {
    const session = await this.auth.login(body.email, body.password);
    response.cookie(LOGIN_COOKIE, session.token, this.cookieOptions(session.expiresAt));
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.auth.logout(staff);
    response.clearCookie(LOGIN_COOKIE, this.cookieOptions());
  }

  /** The caller, and the CSRF token their pages put in forms. */
  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return { user: staff.user, csrfToken: staff.csrfToken };
  }

  @UseGuards(ThrottlerGuard)
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentStaff() staff: StaffPrincipal, @Body() body: ChangePasswordDto) {
    await this.auth.changePassword(staff, body.currentPassword, body.newPassword);
  }

  private cookieOptions(expiresAt?: Date) {
    return loginCookieOptions(this.config.get('publicUrl', { infer: true }), expiresAt);
  }
}
