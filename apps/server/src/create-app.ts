import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { Environment } from '@hotseat/config';
import { join } from 'node:path';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { assignRequestId } from './logging';
import { RedisHealthIndicator } from './health/redis.health';
import { configurePages } from './pages/view-engine';
import { HotseatIoAdapter } from './socket-io.adapter';

/** Builds the whole application, ready to listen; main.ts and the end-to-end tests both use it. */
export async function createApp(environment: Environment): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(environment), {
    // Logs wait for the structured logger; a failed start is reported once by the caller instead.
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
    // Parsed by AppModule's middleware instead, where a bad body is answered like any other error.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  // First of all, before the router: a request it refuses (an address that does not decode) still
  // gets the security headers and a request id. Over plain http (a LAN install), asking browsers
  // to upgrade to https would break every page.
  const https = environment.publicUrl.startsWith('https://');
  app.use(
    assignRequestId,
    helmet({
      strictTransportSecurity: https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    }),
  );
  // Client addresses (login throttling, logs) come from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', environment.TRUST_PROXY_HOPS);
  // Beside src/ in the sources and, copied by the build (nest-cli.json assets), in dist/.
  configurePages(app, join(__dirname, '..'));
  const sockets = new HotseatIoAdapter(app);
  if (environment.REDIS_URL) {
    await sockets.connectToRedis(environment.REDIS_URL);
    // Made after the modules, so /health is handed the connections the broadcasts use.
    app.get(RedisHealthIndicator).watch(sockets);
  }
  app.useWebSocketAdapter(sockets);
  return app;
}
