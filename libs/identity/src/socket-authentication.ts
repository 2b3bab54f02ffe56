import { HttpException, Logger } from '@nestjs/common';
import { parse as parseCookies } from 'cookie';
import type { Namespace, Server } from 'socket.io';
import type { AuthenticatedSocket } from './access.decorators';
import { AuthService } from './auth.service';
import { LOGIN_COOKIE } from './login-cookie';
import type { Principal } from './principal';
import { principalRooms, revocationRoom, Revocations } from './revocations';
import { parseToken } from './tokens';

// setTimeout cannot wait longer; a connection older than this simply re-authenticates.
const MAX_TIMER_MS = 2 ** 31 - 1;
const logger = new Logger('Sockets');

/** No token in the handshake: not logged in, or the login just ended. */
const NO_TOKEN =
  'You are not logged in: log in again, or open the link you were sent (clients send auth.token).';

/**
 * Puts identity in front of a Socket.IO server or namespace:
 * - the handshake is authenticated by the same AuthService as HTTP, with `auth.token` or, for pages,
 *   the session cookie; a browser must be on a page of Hotseat (acceptedOrigin); a refusal is a
 *   connect_error that says why;
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
  const publicOrigin = new URL(publicUrl).origin;
  server.use((socket: AuthenticatedSocket, next: (error?: Error) => void) => {
    const { origin, host } = socket.handshake.headers;
    const token = handshakeToken(socket);
    if (origin !== undefined && !acceptedOrigin(origin, host, publicOrigin)) {
      logger.warn({ origin, host }, 'Refused a socket opened from a page of another address');
      // A candidate can do nothing about PUBLIC_URL, but can open their link again as it was sent.
      const guest = token !== undefined && parseToken(token).kind === 'link';
      next(
        new Error(
          guest
            ? 'This page could not connect to the chat. Open the link exactly as you received it.'
            : `Connections are accepted only from pages of ${publicOrigin} (PUBLIC_URL) or of the address they are made to; this page is at ${origin}.`,
        ),
      );
      return;
    }
    if (!token) {
      // A page whose login just ended (a logout in another tab clears the cookie) lands here too.
      next(new Error(NO_TOKEN));
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

/**
 * The Origin check exists against other sites opening a socket with the visitor's cookie (cross-site
 * WebSocket hijacking). A page at PUBLIC_URL passes, and so does a page on the very address the
 * socket was opened at (Origin's host:port = the handshake's Host: Hotseat reached at 127.0.0.1 or
 * a LAN address): Hotseat served that page, so it is not another site. A DNS-rebound page passes
 * too, but under its own name it holds no Hotseat cookie, only tokens it already had.
 */
function acceptedOrigin(origin: string, host: string | undefined, publicOrigin: string): boolean {
  if (origin === publicOrigin) return true;
  if (!host) return false;
  try {
    const page = new URL(origin);
    // Parsed with the page's scheme, so a default port written in Host (":80") compares equal.
    return page.host === new URL(`${page.protocol}//${host}`).host;
  } catch {
    return false; // "null" (a sandboxed frame or a file) or a malformed header: not a page of ours.
  }
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
