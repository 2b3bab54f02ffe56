import type { DefaultEventsMap, Socket } from 'socket.io';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

export type AuthenticatedSocket = Socket<
  DefaultEventsMap,
  DefaultEventsMap,
  DefaultEventsMap,
  { principal?: Principal }
>;

/**
 * Socket.IO middleware for `server.use()`: the handshake's `auth.token` (a staff session or a guest
 * link) goes through the same AuthService as HTTP. A refused handshake gets a connect_error whose
 * message says why; an accepted one carries its Principal in `socket.data.principal`.
 */
export function socketAuthentication(auth: AuthService) {
  return (socket: AuthenticatedSocket, next: (error?: Error) => void): void => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token === '') {
      next(
        new Error('Send your token as auth.token: log in first, or open the link you were sent.'),
      );
      return;
    }
    auth.authenticate(token).then(
      (principal) => {
        socket.data.principal = principal;
        next();
      },
      (error: unknown) => next(new Error(error instanceof Error ? error.message : 'Not allowed.')),
    );
  };
}
