/**
 * The role-play connection both sides use (docs/protocol.md): every event is kept by seq, so a message
 * that arrives twice (live and through sync) is shown once, and after every (re)connect the page asks
 * `sync` for what it missed, in order. Rendering is the page's: it gets each new event once, in order.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientAnswer,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  Presence,
  ServerToClientEvents,
  SessionEvent,
  TypingNotice,
} from '@hotseat/events';

export type Connection = 'online' | 'reconnecting';

export interface ConnectOptions {
  /** `{ token }` for the candidate's link, `{ sessionId }` for staff (the login cookie goes along). */
  auth: { token: string } | { sessionId: string };
  onEvent: (event: SessionEvent) => void;
  onTyping?: (typing: TypingNotice) => void;
  onPresence?: (presence: Presence) => void;
  /** `why`: the server's reason when it refused the handshake. */
  onConnection?: (connection: Connection, why?: string) => void;
  /** false: connect only on `socket.connect()` (a practice starts when its candidate connects). */
  autoConnect?: boolean;
}

export interface ActOptions {
  /** The action's clientId, to send again an action that was refused or never answered. */
  clientId?: string;
  /**
   * Wait for the connection however long it is down, and send only while connected, rather than
   * give up after the retries (a chat message typed offline goes once the line is back). Still
   * rejects when the connection is closed for good (a revoked link).
   */
  untilConnected?: boolean;
}

/** Actions: the client events that log something and carry a clientId. */
export type ActionName = Exclude<ClientEventName, 'typing' | 'sync'>;
export type ActionInput<E extends ActionName> = Omit<ClientPayload<E>, 'clientId'>;

export interface RoleplayConnection {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** An action with a fresh clientId; a retry after a drop re-sends the same clientId. */
  act<E extends ActionName>(
    name: E,
    payload: ActionInput<E>,
    options?: ActOptions,
  ): Promise<ClientAnswer<E>>;
  /** Whether the typing hint reached the server does not matter: it is never logged. */
  typing(typing: boolean): void;
}

interface UntypedSocket {
  timeout(ms: number): { emitWithAck(name: string, payload: object): Promise<unknown> };
}

const ANSWER_WITHIN_MS = 10_000;
const RETRIES = 5;
const DROPPED = Symbol('dropped');

export function connect(options: ConnectOptions): RoleplayConnection {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io('/roleplay', {
    auth: options.auth,
    transports: ['websocket'],
    autoConnect: options.autoConnect ?? true,
  });
  const seen = new Set<number>();
  let lastSeq = 0;
  let syncing: Promise<void> | null = null;

  function accept(event: SessionEvent): void {
    seen.add(event.seq);
    lastSeq = Math.max(lastSeq, event.seq);
    options.onEvent(event);
  }

  function remember(event: SessionEvent): void {
    if (seen.has(event.seq)) return;
    // Maybe something was missed (or, for a candidate, hidden): sync fills the gap in order.
    if (event.seq > lastSeq + 1) void sync();
    else accept(event);
  }

  function sync(): Promise<void> {
    syncing ??= (async () => {
      try {
        for (;;) {
          const answer = await request('sync', { afterSeq: lastSeq });
          if (!answer.ok) return;
          // A sync answer is complete and in order; a candidate's has gaps where hidden events are.
          for (const event of answer.events) {
            if (!seen.has(event.seq) && event.seq > lastSeq) accept(event);
          }
          lastSeq = Math.max(lastSeq, answer.lastSeq);
          if (!answer.more) return;
        }
      } catch {
        // A timed-out sync is retried at the next connect.
      } finally {
        syncing = null;
      }
    })();
    return syncing;
  }

  socket.on('event', (event) => {
    if (syncing) void syncing.then(() => remember(event));
    else remember(event);
  });
  socket.on('typing', (typing) => options.onTyping?.(typing));
  socket.on('presence', (presence) => options.onPresence?.(presence));
  socket.on('connect', () => {
    options.onConnection?.('online');
    void sync();
  });
  socket.on('disconnect', (reason) => {
    // The server closes a connection when its access ends (a link revoked or expired, a logout),
    // and Socket.IO does not retry that: one more handshake tells why, in the server's words.
    if (reason === 'io server disconnect') socket.connect();
    options.onConnection?.('reconnecting');
  });
  socket.on('connect_error', (error) => options.onConnection?.('reconnecting', error.message));

  /** One message and its answer; throws when none comes within ANSWER_WITHIN_MS. */
  async function request<E extends ClientEventName>(
    name: E,
    payload: ClientPayload<E>,
  ): Promise<ClientAnswer<E>> {
    // Socket.IO's typed emit cannot follow a generic event name; the maps fix what goes in and out.
    const untyped = socket as unknown as UntypedSocket;
    return (await untyped.timeout(ANSWER_WITHIN_MS).emitWithAck(name, payload)) as ClientAnswer<E>;
  }

  /** Resolves once connected; rejects when the connection is closed for good. */
  function connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (socket.connected) settle(resolve);
        else if (!socket.active) settle(() => reject(new Error('The connection is closed.')));
      };
      const settle = (then: () => void) => {
        for (const name of ['connect', 'connect_error', 'disconnect'] as const)
          socket.off(name, check);
        then();
      };
      for (const name of ['connect', 'connect_error', 'disconnect'] as const)
        socket.on(name, check);
      check();
    });
  }

  /** `answer`, or `DROPPED` as soon as the connection drops: its acknowledgement will never come. */
  function whileConnected<T>(answer: Promise<T>): Promise<T | typeof DROPPED> {
    return new Promise((resolve, reject) => {
      const dropped = () => resolve(DROPPED);
      socket.once('disconnect', dropped);
      void answer.then(resolve, reject).finally(() => socket.off('disconnect', dropped));
    });
  }

  async function act<E extends ActionName>(
    name: E,
    payload: ActionInput<E>,
    { clientId = uuid(), untilConnected = false }: ActOptions = {},
  ): Promise<ClientAnswer<E>> {
    const message = { clientId, ...payload } as ClientPayload<E>;
    for (let attempt = 0; ;) {
      try {
        if (untilConnected) await connected();
        const answer = untilConnected
          ? await whileConnected(request(name, message))
          : await request(name, message);
        // Dropped on the way: sent again, with the same clientId, once the line is back.
        if (answer === DROPPED) continue;
        if (answer.ok && answer.event) remember(answer.event);
        return answer;
      } catch (timeout) {
        attempt += 1;
        if (attempt > RETRIES || (untilConnected && !socket.active)) throw timeout;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  function typing(now: boolean): void {
    request('typing', { typing: now }).catch(() => undefined);
  }

  return { socket, act, typing };
}

/** A random UUID v4; crypto.randomUUID exists only on https or localhost, this works on a LAN too. */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
