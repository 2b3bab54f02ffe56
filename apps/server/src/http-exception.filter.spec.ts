import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { HttpExceptionFilter } from './http-exception.filter';

function answer(exception: unknown) {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-7' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  const logged: unknown[] = [];
  const logger = { setContext: () => undefined, error: (...args: unknown[]) => logged.push(args) };
  new HttpExceptionFilter(logger as unknown as PinoLogger).catch(exception, host);
  return { ...sent, logged };
}

describe(HttpExceptionFilter.name, () => {
  it('answers HTTP errors as { statusCode, error, message }', () => {
    expect(answer(new NotFoundException('No such session')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No such session',
    });
  });

  it('keeps the list of validation messages', () => {
    expect(answer(new BadRequestException(['email must be an email'])).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['email must be an email'],
    });
  });

  it('names the status for an exception built from a plain string', () => {
    expect(answer(new HttpException('Slow down', 429)).body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Slow down',
    });
  });

  it('passes 503 through, since its message is meant for the caller', () => {
    expect(
      answer(new ServiceUnavailableException('The database is not answering: timeout')).status,
    ).toBe(503);
  });

  it('hides the details of an unexpected error, logs it, and gives the request id as reference', () => {
    const result = answer(new Error('relation "users" does not exist'));
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: expect.stringContaining('reference: req-7'),
    });
    expect(JSON.stringify(result.body)).not.toContain('relation');
    expect(result.logged).toHaveLength(1);
  });
});
