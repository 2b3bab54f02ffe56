import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { SessionEvent } from '@hotseat/events';

/** An event as it arrives on the wire, its payload read loosely: tests check what clients receive. */
export type WireEvent = Omit<SessionEvent, 'type' | 'actor' | 'payload'> & {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
};

export type Ack = {
  ok: boolean;
  event?: WireEvent;
  events?: WireEvent[];
  lastSeq?: number;
  more?: boolean;
  error?: { code: string; message: string; field?: string };
  [more: string]: unknown;
};

/**
 * A role-play client as docs/protocol.md describes one: it keeps every event it has seen by seq, and
 * after every (re)connect asks `sync` for what it missed. Built on the real socket.io-client.
 */
export class RoleplayClient {
  /** Every event received (live or through sync), by seq: a duplicate would overwrite, not add. */
  readonly events = new Map<number, WireEvent>();
  /** How many `event` messages arrived live, duplicates included. */
  liveCount = 0;
  readonly typing: Array<{ actor: string; typing: boolean }> = [];
  presence?: { candidate: boolean; interviewer: boolean };
  private lastSeq = 0;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on('event', (event: WireEvent) => {
      this.liveCount += 1;
      this.remember([event]);
    });
    socket.on('typing', (typing: { actor: string; typing: boolean }) => {
      this.typing.push(typing);
      this.notify();
    });
    socket.on('presence', (presence: { candidate: boolean; interviewer: boolean }) => {
      this.presence = presence;
      this.notify();
    });
    socket.on('connect', () => void this.sync().catch(() => undefined));
  }

  /** Connects to `${baseUrl}/roleplay`; rejects with the server's connect_error message. */
  static connect(
    baseUrl: string,
    auth: { token: string; sessionId?: string },
    options: Partial<ManagerOptions & SocketOptions> = {},
  ): Promise<RoleplayClient> {
    const socket = io(`${baseUrl}/roleplay`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      ...options,
    });
    const client = new RoleplayClient(socket);
    return new Promise((resolve, reject) => {
      const refused = (error: Error) => {
        socket.off('connect', connected);
        socket.close();
        reject(error);
      };
      const connected = () => {
        // Later connect errors (the server restarting) are the reconnection's business.
        socket.off('connect_error', refused);
        resolve(client);
      };
      socket.once('connect', connected);
      socket.once('connect_error', refused);
    });
  }

  /** Emits with an acknowledgement; fails the test if none comes. */
  emit(event: string, payload?: unknown, timeoutMs = 10_000): Promise<Ack> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;
  }

  /** An action with a fresh clientId. */
  act(event: string, payload: Record<string, unknown> = {}): Promise<Ack> {
    return this.emit(event, { clientId: randomUUID(), ...payload });
  }

  /** Asks for everything after the last seq seen, until the server says there is no more. */
  async sync(): Promise<void> {
    for (;;) {
      const answer = await this.emit('sync', { afterSeq: this.lastSeq });
      if (!answer.ok) throw new Error(`sync failed: ${JSON.stringify(answer.error)}`);
      this.remember(answer.events ?? []);
      this.lastSeq = Math.max(this.lastSeq, answer.lastSeq ?? 0);
      if (!answer.more) return;
    }
  }

  /** The events seen so far, in seq order. */
  ordered(): WireEvent[] {
    return [...this.events.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Resolves when `check` holds, re-checked on every message; fails after `timeoutMs`. */
  async until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for an event of `type` (optionally matching `where`) and returns it. */
  async next(type: string, where: (event: WireEvent) => boolean = () => true) {
    const find = () => this.ordered().find((event) => event.type === type && where(event));
    await this.until(() => find() !== undefined, `a ${type} event`);
    return find()!;
  }

  close(): void {
    this.socket.close();
  }

  private remember(events: WireEvent[]): void {
    for (const event of events) {
      this.events.set(event.seq, event);
      this.lastSeq = Math.max(this.lastSeq, event.seq);
    }
    this.notify();
  }

  private notify(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}
