import { setTimeout as sleep } from 'node:timers/promises';

/** How long a health check waits for the database or Redis to answer. */
export const PING_TIMEOUT_MS = 2000;

/** `ping`'s answer, or an error "no answer within 2000 ms" once that time has passed. */
export async function withinPingTimeout<T>(ping: Promise<T>): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      ping,
      sleep(PING_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`no answer within ${PING_TIMEOUT_MS} ms`);
      }),
    ]);
  } finally {
    timeout.abort();
  }
}
