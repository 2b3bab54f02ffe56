import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { DefaultEventsMap, Socket } from 'socket.io';
import type { LinkScope, Principal, StaffPrincipal, StaffRole } from './principal';

/**
 * Who may call a route. Without a decorator a route is for any active staff member; guests and
 * anonymous callers are refused. Read by AccessGuard.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'staff'; roles?: readonly StaffRole[] }
  | { kind: 'guests'; scopes: readonly LinkScope[] };

export const ACCESS_RULE = 'hotseat:access';

/** Anyone, signed in or not (health, login). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/**
 * Anyone who authenticated, staff or guest, for handlers that check the resource themselves: the
 * role-play socket events that both the candidate and the interviewer send.
 */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);

/** Staff members with one of these roles. */
export const Roles = (...roles: StaffRole[]) =>
  SetMetadata(ACCESS_RULE, { kind: 'staff', roles } satisfies AccessRule);

/** Guests holding a link of one of these scopes; staff are refused. */
export const Guests = (...scopes: LinkScope[]) =>
  SetMetadata(ACCESS_RULE, { kind: 'guests', scopes } satisfies AccessRule);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** A socket whose handshake guardSockets authenticated. */
export type AuthenticatedSocket = Socket<
  DefaultEventsMap,
  DefaultEventsMap,
  DefaultEventsMap,
  { principal?: Principal }
>;

/** The caller AccessGuard authenticated. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // A route that reads its caller must not be @Public: a programming error, hence a 500.
    if (!principal)
      throw new Error('CurrentPrincipal used on a route without an authenticated caller');
    return principal;
  },
);

/** The staff member calling a staff route. */
export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffPrincipal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal?.kind !== 'staff')
      throw new Error('CurrentStaff used on a route that is not staff-only');
    return principal;
  },
);
