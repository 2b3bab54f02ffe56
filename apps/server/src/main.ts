import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { createApp } from './create-app';
import { describeStartupError } from './startup-error';

let app: NestExpressApplication | undefined;

async function main(): Promise<void> {
  const environment = loadEnvironment(process.env);
  app = await createApp(environment);
  // SIGTERM and SIGINT close the HTTP server, then the database pool, then flush the embedded database.
  app.enableShutdownHooks();
  await app.listen(environment.PORT, environment.HOST);
  new Logger('Hotseat').log(`Hotseat is running. Open ${environment.publicUrl} in your browser.`);
}

main().catch(async (error: unknown) => {
  const lines =
    error instanceof InvalidEnvironmentError ? error.problems : [describeStartupError(error)];
  for (const line of lines) console.error(`Hotseat cannot start: ${line}`);
  // Failing after the app was built (a port in use, say): still close the database cleanly.
  await app?.close().catch(() => undefined);
  process.exit(1);
});
