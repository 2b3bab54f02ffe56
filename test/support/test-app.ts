import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadEnvironment } from '@hotseat/config';
import { createApp } from '../../apps/server/src/create-app';

export interface TestApp {
  app: NestExpressApplication;
  /** Base URL of the listening app, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * Boots the real application in this process, listening on a free port. `variables` are the
 * environment (usually a TestDatabase's), validated exactly as at a real start.
 */
export async function startTestApp(
  variables: Record<string, string | undefined>,
): Promise<TestApp> {
  const environment = loadEnvironment({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    ...variables,
  });
  const app = await createApp(environment);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
