import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import {
  ACCESS_RULE,
  type AccessRule,
  type AuthenticatedRequest,
  type AuthenticatedSocket,
} from './access.decorators';
import { AuthService } from './auth.service';
import { LinkNoLongerValidException, LoginEndedException } from './identity.errors';
import { LOGIN_COOKIE } from './login-cookie';
import type { Principal } from './principal';

export const CSRF_HEADER = 'x-csrf-token';
/** Form field that carries the CSRF token in pages' forms. */
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The route-level access rule of every HTTP route and socket event handler, in one place.
 * HTTP credentials: `Authorization: Bearer <token>` (staff session or guest link) or the session
 * cookie. A cookie is sent by the browser on its own, so a state-changing request that relies on it
 * must also carry the session's CSRF token (synchronizer-token pattern), and no state-changing request
 * may come from another site (Sec-Fetch-Site), which also stops login CSRF.
 * Sockets authenticate once at the handshake (socketAuthentication); here their rule is applied to
 * every event, and an expired session or link stops working even on a connection that stays open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]) ?? { kind: 'staff' };
    switch (context.getType()) {
      case 'http':
        return this.checkRequest(context.switchToHttp().getRequest<AuthenticatedRequest>(), rule);
      case 'ws':
        return checkSocket(context.switchToWs().getClient<AuthenticatedSocket>(), rule);
      case 'rpc':
        return false; // Hotseat has no microservice transport; refuse rather than let it through.
    }
  }

  private async checkRequest(request: AuthenticatedRequest, rule: AccessRule): Promise<boolean> {
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe && request.headers['sec-fetch-site'] === 'cross-site') {
      throw new ForbiddenException('Requests from other sites are not accepted.');
    }
    if (rule.kind === 'public') return true;
    const credentials = readCredentials(request);
    if (!credentials) throw new UnauthorizedException('Log in first.');
    const principal = await this.auth.authenticate(credentials.token);
    if (credentials.via === 'cookie' && unsafe) checkCsrf(request, principal);
    allow(rule, principal);
    request.principal = principal;
    return true;
  }
}

function checkSocket(socket: AuthenticatedSocket, rule: AccessRule): boolean {
  if (rule.kind === 'public') return true;
  const principal = socket.data.principal;
  if (!principal) throw new UnauthorizedException('Log in first.');
  const expiresAt = principal.kind === 'staff' ? principal.expiresAt : principal.link.expiresAt;
  if (expiresAt <= new Date()) {
    throw principal.kind === 'staff' ? new LoginEndedException() : new LinkNoLongerValidException();
  }
  allow(rule, principal);
  return true;
}

function readCredentials(request: AuthenticatedRequest) {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Send the token as "Authorization: Bearer <token>".');
    }
    return { token, via: 'bearer' as const };
  }
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[LOGIN_COOKIE];
  return typeof cookie === 'string' && cookie
    ? { token: cookie, via: 'cookie' as const }
    : undefined;
}

function checkCsrf(request: AuthenticatedRequest, principal: Principal): void {
  const body = request.body as Record<string, unknown> | undefined;
  const sent = request.headers[CSRF_HEADER] ?? body?.[CSRF_FIELD];
  const expected = principal.kind === 'staff' ? Buffer.from(principal.csrfToken) : undefined;
  const given = typeof sent === 'string' ? Buffer.from(sent) : undefined;
  if (
    !expected ||
    !given ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw new ForbiddenException('This form has expired. Reload the page and try again.');
  }
  // The token has done its job; it is not part of any DTO.
  if (body) delete body[CSRF_FIELD];
}

function allow(rule: Exclude<AccessRule, { kind: 'public' }>, principal: Principal): void {
  if (rule.kind === 'signed-in') return;
  if (rule.kind === 'guests') {
    if (principal.kind !== 'guest' || !rule.scopes.includes(principal.link.scope)) {
      throw new ForbiddenException('This is only for people who were sent a link for it.');
    }
    return;
  }
  if (principal.kind !== 'staff') throw new ForbiddenException('This is for staff members.');
  if (rule.roles && !rule.roles.includes(principal.user.role)) {
    throw new ForbiddenException(`This needs the role ${rule.roles.join(' or ')}.`);
  }
}
