import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { Environment } from '@hotseat/config';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { configurePages } from './pages/view-engine';
import { HotseatIoAdapter } from './socket-io.adapter';

/** Builds the whole application, ready to listen; main.ts and the end-to-end tests both use it. */
export async function createApp(environment: Environment): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(environment), {
    // Logs wait for the structured logger; a failed start is reported once by the caller instead.
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  // Client addresses (login throttling, logs) come from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', environment.TRUST_PROXY_HOPS);
  // Beside src/ in the sources and, copied by the build (nest-cli.json assets), in dist/.
  configurePages(app, join(__dirname, '..'));
  const sockets = new HotseatIoAdapter(app);
  if (environment.REDIS_URL) await sockets.connectToRedis(environment.REDIS_URL);
  app.useWebSocketAdapter(sockets);
  return app;
}
