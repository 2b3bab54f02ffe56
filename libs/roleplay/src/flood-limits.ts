import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Principal } from '@hotseat/identity';

/**
 * How much one link or login, and one role-play, may send (docs/protocol.md, "Limits"). Counted per
 * token rather than per connection, since one token may open many sockets; per instance, which with
 * sticky sessions is where a token's sockets are.
 */
export const FLOOD_LIMITS = {
  /**
   * Per token in one role-play: a burst of 40 events, then 20 a second on average, over all its
   * sockets (a staff login may run or watch several role-plays at once, each with its own budget).
   */
  token: { points: 40, duration: 2 },
  /** Per role-play, everyone in it together. */
  session: { points: 100, duration: 2 },
  /** Open sockets per token in one role-play: a phone, a laptop, a reload or two. */
  socketsPerToken: 5,
} as const;

/** The token a connection authenticated with: a guest's link or a staff member's login. */
export function tokenKey(principal: Principal): string {
  return principal.kind === 'guest' ? `link:${principal.link.id}` : `login:${principal.loginId}`;
}

export class FloodLimits {
  private readonly perToken = new RateLimiterMemory(FLOOD_LIMITS.token);
  private readonly perSession = new RateLimiterMemory(FLOOD_LIMITS.session);
  /** Socket ids per token and role-play, counted from admission until the socket or its connection closes. */
  private readonly open = new Map<string, Set<string>>();

  /**
   * Admits one more socket for `token` in the role-play (a staff login may watch several role-plays,
   * each with its own sockets), or says why not. Counted at once (not on `connection`), so
   * that 200 handshakes at the same moment cannot all pass; released when the socket disconnects or,
   * for a handshake that never completes, when its connection closes.
   */
  admit(
    token: string,
    sessionId: string,
    socket: { id: string; once(event: 'disconnect', listener: () => void): unknown },
    connection: { once(event: 'close', listener: () => void): unknown },
  ): boolean {
    const key = `${token} ${sessionId}`;
    const sockets = this.open.get(key) ?? new Set<string>();
    if (sockets.size >= FLOOD_LIMITS.socketsPerToken) return false;
    sockets.add(socket.id);
    this.open.set(key, sockets);
    const release = () => {
      sockets.delete(socket.id);
      if (sockets.size === 0 && this.open.get(key) === sockets) this.open.delete(key);
    };
    socket.once('disconnect', release);
    connection.once('close', release);
    return true;
  }

  /** Whether the token and the role-play may send one more event now. */
  async allow(token: string, sessionId: string): Promise<boolean> {
    try {
      await this.perToken.consume(`${token} ${sessionId}`);
      await this.perSession.consume(sessionId);
      return true;
    } catch {
      return false;
    }
  }
}
