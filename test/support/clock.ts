import type { DataSource } from 'typeorm';

/**
 * Waits until the database's clock, which stamps every logged event (`clock_timestamp()`), has
 * reached `instant` (ms since the epoch): an event logged afterwards is logged at `instant` or later.
 * It sleeps for the time left by that clock and asks again, so a slow query never ends it early.
 */
export async function untilDatabaseClock(
  dataSource: DataSource,
  instant: number,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ now }] = await dataSource.query<Array<{ now: number }>>(
      'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now',
    );
    const left = instant - Number(now);
    if (left <= 0) return;
    if (Date.now() + left > deadline) {
      throw new Error(
        `the database clock is ${left} ms short of ${new Date(instant).toISOString()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}

/**
 * Waits until this process's clock (the app's, in tests that start it in-process) is past `instant`:
 * then something that holds "until `instant`" no longer does.
 */
export async function untilPast(instant: Date): Promise<void> {
  while (Date.now() <= instant.getTime()) {
    await new Promise((resolve) => setTimeout(resolve, instant.getTime() - Date.now() + 1));
  }
}
