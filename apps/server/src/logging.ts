import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import pretty from 'pino-pretty';
import type { Environment } from '@hotseat/config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
// Capability tokens travel in link paths; keep them out of the logs. Ids (UUIDs) stay readable.
const TOKEN_LIKE = /[A-Za-z0-9_-]{32,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function redactTokens(url: string): string {
  return url.replace(TOKEN_LIKE, (run) => (UUID.test(run) ? run : '[token]'));
}

/**
 * Gives the request its id (a valid `x-request-id` the client sent, or a new one) and sends it back;
 * runs first of all, so that even an answer the router gives by itself carries it.
 */
export function assignRequestId(
  req: IncomingMessage,
  res: ServerResponse,
  next?: () => void,
): string {
  const request = req as IncomingMessage & { id?: unknown };
  let id = request.id;
  if (typeof id !== 'string') {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    request.id = id;
    res.setHeader('x-request-id', id);
  }
  next?.();
  return id;
}

/** Structured request logs (pino): one line per request with its id, method, path, status and time. */
export function loggingParams(environment: Environment): Params {
  const options = {
    level: environment.LOG_LEVEL,
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req, res),
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // A failed query's parameters (hashes, people's data) must not reach the log with its error.
    redact: { paths: ['err.parameters', 'err.driverError.parameters'], censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactTokens(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  // Synchronous writes, so that the last lines are not lost when the process stops on a signal.
  const stream =
    environment.LOG_FORMAT === 'json'
      ? destination({ dest: 1, sync: true })
      : pretty({
          sync: true,
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname',
        });
  return { pinoHttp: [options, stream] };
}
