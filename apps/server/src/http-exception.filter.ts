import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { PinoLogger } from 'nestjs-pino';

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
    const body = exception instanceof HttpException ? fromHttpException(exception) : undefined;
    if (body) {
      response.status(body.statusCode).json(body);
      return;
    }
    this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: `Something went wrong on our side. If it happens again, tell your administrator this reference: ${request.id}.`,
    } satisfies ErrorBody);
  }
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
