import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '@hotseat/database';
import { parserFailure } from './request-input';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/**
 * Every HTTP error leaves as `{ statusCode, error, message }`. Unexpected errors are logged with the
 * request id and answered with that id as a reference, never with their message or stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext(HttpExceptionFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    const failure = exception instanceof HttpException ? exception : clientOrOutage(exception);
    const known = failure ? fromHttpException(failure) : undefined;
    if (!known) this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    if (failure instanceof DatabaseOutage) {
      this.logger.warn({ err: exception, requestId: request.id }, 'The database is not answering');
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    const body: ErrorBody = known ?? {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: `Something went wrong on our side. If it happens again, tell your administrator this reference: ${request.id}.`,
    };
    if (!isPage(request)) {
      response.status(body.statusCode).json(body);
    } else if (body.statusCode === Number(HttpStatus.UNAUTHORIZED)) {
      response.redirect(303, `/login?next=${encodeURIComponent(request.originalUrl)}`);
    } else {
      response.status(body.statusCode).render('error', {
        title: body.statusCode === 404 ? 'Not found' : body.error,
        message: Array.isArray(body.message) ? body.message.join(' ') : body.message,
      });
    }
  }
}

/** How long to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

class DatabaseOutage extends ServiceUnavailableException {
  constructor() {
    super(
      `Hotseat cannot reach its database just now. Try again in ${RETRY_AFTER_SECONDS} seconds; if it lasts, tell your administrator.`,
    );
  }
}

/** A body-parser failure (the client's), or the database away (503, worth a retry); else undefined. */
function clientOrOutage(exception: unknown): HttpException | undefined {
  return (
    parserFailure(exception) ??
    (isDatabaseUnavailable(exception) ? new DatabaseOutage() : undefined)
  );
}

/** A browser asking for a page, not a client of the JSON API. */
function isPage(request: Request): boolean {
  return (
    request.method === 'GET' && !request.path.startsWith('/api/') && request.path !== '/health'
  );
}

function fromHttpException(exception: HttpException): ErrorBody | undefined {
  const statusCode = exception.getStatus();
  if (statusCode >= 500 && statusCode !== Number(HttpStatus.SERVICE_UNAVAILABLE)) return undefined;
  const answer = exception.getResponse();
  const details =
    typeof answer === 'object' && answer !== null ? (answer as Partial<ErrorBody>) : {};
  return {
    statusCode,
    error:
      typeof details.error === 'string' ? details.error : (STATUS_CODES[statusCode] ?? 'Error'),
    message: details.message ?? (typeof answer === 'string' ? answer : exception.message),
  };
}
