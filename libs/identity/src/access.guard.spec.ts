import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Guests, Public, Roles, SignedIn } from './access.decorators';
import { AccessGuard } from './access.guard';
import type { AuthService } from './auth.service';
import type { Principal } from './principal';

/** Socket event handlers get the same rules as HTTP routes, from the Principal of the handshake. */
class Handlers {
  @Roles('interviewer') interviewerOnly() {}
  @Guests('candidate') candidateOnly() {}
  @Public() anyone() {}
  @SignedIn() signedIn() {}
  anyStaff() {}
}

const later = new Date(Date.now() + 60_000);
const interviewer: Principal = {
  kind: 'staff',
  user: { id: 'u1', email: 'i@example.com', name: 'I', role: 'interviewer' },
  loginId: 's1',
  expiresAt: later,
  csrfToken: 'c',
};
const candidate: Principal = {
  kind: 'guest',
  link: { id: 'l1', scope: 'candidate', subjectId: 'session-1', expiresAt: later },
};

function socketContext(handler: keyof Handlers, principal: Principal | undefined, type = 'ws') {
  return {
    getType: () => type,
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToWs: () => ({ getClient: () => ({ data: { principal } }) }),
  } as unknown as ExecutionContext;
}

describe(`${AccessGuard.name} on sockets`, () => {
  const guard = new AccessGuard(new Reflector(), {} as AuthService);

  it('applies the role of the handler to the handshake principal', async () => {
    await expect(guard.canActivate(socketContext('interviewerOnly', interviewer))).resolves.toBe(
      true,
    );
    await expect(guard.canActivate(socketContext('interviewerOnly', candidate))).rejects.toThrow(
      ForbiddenException,
    );
  });

  it('keeps guests to their scope and staff out of guest handlers', async () => {
    await expect(guard.canActivate(socketContext('candidateOnly', candidate))).resolves.toBe(true);
    await expect(guard.canActivate(socketContext('candidateOnly', interviewer))).rejects.toThrow(
      ForbiddenException,
    );
    await expect(guard.canActivate(socketContext('anyStaff', candidate))).rejects.toThrow(
      ForbiddenException,
    );
  });

  it('lets staff and guests alike through a signed-in handler, but not a socket without a principal', async () => {
    await expect(guard.canActivate(socketContext('signedIn', candidate))).resolves.toBe(true);
    await expect(guard.canActivate(socketContext('signedIn', interviewer))).resolves.toBe(true);
    await expect(guard.canActivate(socketContext('signedIn', undefined))).rejects.toThrow(
      UnauthorizedException,
    );
  });

  it('refuses a socket without a principal, and one whose session or link has expired', async () => {
    await expect(guard.canActivate(socketContext('anyStaff', undefined))).rejects.toThrow(
      UnauthorizedException,
    );
    const expired = { ...interviewer, expiresAt: new Date(Date.now() - 1) };
    await expect(guard.canActivate(socketContext('anyStaff', expired))).rejects.toThrow(
      'Your session has ended',
    );
    const expiredLink = {
      ...candidate,
      link: { ...candidate.link, expiresAt: new Date(Date.now() - 1) },
    } as Principal;
    await expect(guard.canActivate(socketContext('candidateOnly', expiredLink))).rejects.toThrow(
      'This link is no longer valid',
    );
  });

  it('lets anyone reach a public handler', async () => {
    await expect(guard.canActivate(socketContext('anyone', undefined))).resolves.toBe(true);
  });

  it('refuses any other kind of context rather than let it through', async () => {
    await expect(guard.canActivate(socketContext('anyone', interviewer, 'rpc'))).resolves.toBe(
      false,
    );
  });
});
