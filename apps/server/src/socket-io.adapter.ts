import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Logger } from 'nestjs-pino';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_TEXT_LENGTH } from '@hotseat/roleplay';

/**
 * Largest message a client may send, in bytes: the longest chat text in 4-byte characters, plus room
 * for the rest of the payload. Socket.IO closes a connection that sends more (its default is 1 MB).
 */
export const MAX_SOCKET_MESSAGE_BYTES = MAX_TEXT_LENGTH * 4 + 16 * 1024;
const REDIS_CONNECT_TIMEOUT_MS = 10_000;

type RedisClient = ReturnType<typeof createClient>;

/**
 * Socket.IO as Hotseat runs it: incoming messages capped, and with REDIS_URL the official Redis
 * adapter, so that rooms span every instance.
 */
export class HotseatIoAdapter extends IoAdapter {
  private redisAdapter?: ReturnType<typeof createAdapter>;
  private readonly clients: RedisClient[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  /** Connects to Redis; throws a one-line reason when it cannot. */
  async connectToRedis(url: string): Promise<void> {
    const logger = this.app.get(Logger);
    const publisher = createClient({
      url,
      socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
    });
    const subscriber = publisher.duplicate();
    for (const client of [publisher, subscriber]) {
      this.clients.push(client);
      // Without a listener an error would crash the process; the client reconnects by itself.
      client.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection problem'));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Could not connect to Redis at REDIS_URL within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s. Check that it runs and that the URL is right.`,
            ),
          ),
        REDIS_CONNECT_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([Promise.all([publisher.connect(), subscriber.connect()]), timeout]);
    } catch (error) {
      await this.dispose();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    // The adapter publishes without waiting for the answer; while Redis is away those commands fail,
    // and an unhandled rejection would stop the process. A lost broadcast is recovered by `sync`.
    const publish = publisher.publish.bind(publisher);
    Object.defineProperty(publisher, 'publish', {
      value: (...args: Parameters<typeof publish>) =>
        publish(...args).catch((error: unknown) => {
          logger.warn({ err: error }, 'A broadcast to other instances was lost');
          return 0;
        }),
    });
    this.redisAdapter = createAdapter(publisher, subscriber);
  }

  /**
   * Resolves when both Redis connections answer (/health); throws when either is down, while the
   * client reconnects by itself. Only called with REDIS_URL set.
   */
  async pingRedis(): Promise<void> {
    if (this.clients.some((client) => !client.isReady)) throw new Error('not connected');
    await Promise.all(this.clients.map((client) => client.ping()));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    }) as Server;
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    return server;
  }

  override async dispose(): Promise<void> {
    for (const client of this.clients.splice(0)) {
      if (client.isOpen) await client.close();
      else client.destroy();
    }
  }
}
