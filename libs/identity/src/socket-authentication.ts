import { HttpException, Logger } from '@nestjs/common';
import { parse as parseCookies } from 'cookie';
import type { Namespace, Server } from 'socket.io';
import type { AuthenticatedSocket } from './access.decorators';
import { AuthService } from './auth.service';
import { LOGIN_COOKIE } from './login-cookie';
import type { Principal } from './principal';
import { principalRooms, revocationRoom, Revocations } from './revocations';

// setTimeout cannot wait longer; a connection older than this simply re-authenticates.
const MAX_TIMER_MS = 2 ** 31 - 1;
const logger = new Logger('Sockets');

/**
 * Puts identity in front of a Socket.IO server or namespace:
 * - the handshake is authenticated by the same AuthService as HTTP, with `auth.token` or, for pages,
 *   the session cookie; a browser's Origin must be `publicUrl`'s (no other site may open a socket
 *   with the visitor's cookie); a refusal is a connect_error that says why;
 * - an open connection is closed the moment its access ends: logout, disable, role or password
 *   change, link revoked, or the session or link expiring.
 * Returns a function that stops listening for revocations.
 */
export function guardSockets(
  server: Server | Namespace,
  auth: AuthService,
  revocations: Revocations,
  { publicUrl }: { publicUrl: string },
): () => void {
  const allowedOrigin = new URL(publicUrl).origin;
  server.use((socket: AuthenticatedSocket, next: (error?: Error) => void) => {
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && origin !== allowedOrigin) {
      next(new Error(`Connections are accepted only from pages of ${allowedOrigin}.`));
      return;
    }
    const token = handshakeToken(socket);
    if (!token) {
      next(
        new Error('Send your token as auth.token: log in first, or open the link you were sent.'),
      );
      return;
    }
    auth.authenticate(token).then(
      (principal) => {
        socket.data.principal = principal;
        void socket.join(principalRooms(principal));
        closeWhenExpired(socket, principal);
        next();
      },
      (error: unknown) => {
        if (error instanceof HttpException) {
          next(new Error(error.message));
          return;
        }
        logger.error(error, 'Handshake authentication failed');
        next(new Error('Hotseat could not check your access just now. Try again in a moment.'));
      },
    );
  });
  const subscription = revocations.revoked$.subscribe((revocation) => {
    server.in(revocationRoom(revocation)).disconnectSockets(true);
  });
  return () => subscription.unsubscribe();
}

function handshakeToken(socket: AuthenticatedSocket): string | undefined {
  const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && token !== '') return token;
  const cookie = socket.handshake.headers.cookie;
  return cookie ? parseCookies(cookie)[LOGIN_COOKIE] || undefined : undefined;
}

function closeWhenExpired(socket: AuthenticatedSocket, principal: Principal): void {
  const expiresAt = principal.kind === 'staff' ? principal.expiresAt : principal.link.expiresAt;
  const timer = setTimeout(
    () => socket.disconnect(true),
    Math.min(expiresAt.getTime() - Date.now(), MAX_TIMER_MS),
  );
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
