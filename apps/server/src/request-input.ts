import {
  BadRequestException,
  HttpException,
  HttpStatus,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json, urlencoded } from 'express';
import { untrustedInputProblem, type InputProblem } from '@hotseat/validation';

/** The largest request body, in bytes; no form of Hotseat comes near it. */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * Bodies (JSON for the API, form fields for the pages' plain forms), parsed inside the middleware
 * chain (after the request id and the security headers, unlike Nest's own parser, which runs before
 * both), so that a parser failure is answered by the exception filter like any other error. Nest
 * itself turns invalid JSON into a 400.
 */
export const parseBody = [
  json({ limit: MAX_BODY_BYTES }),
  urlencoded({ extended: false, limit: MAX_BODY_BYTES }),
];

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

/**
 * Refuses a request whose address, body or query breaks the shared input rule (@hotseat/validation)
 * before any route or DTO sees it, and a body of a type Hotseat does not read (which would otherwise
 * reach the route as no body at all).
 */
export function checkUntrustedInput(request: Request, _response: Response, next: NextFunction) {
  if (hasBody(request) && !request.is(BODY_TYPES)) {
    next(
      new UnsupportedMediaTypeException(
        'Send the body as JSON, with Content-Type: application/json.',
      ),
    );
    return;
  }
  const problem =
    pathProblem(request.originalUrl.split('?')[0]) ??
    untrustedInputProblem(request.body, 'body') ??
    untrustedInputProblem(request.query, 'query');
  next(problem ? new BadRequestException(problem.message) : undefined);
}

/** As body-parser decides it: a chunked body, or a Content-Length above 0. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (!!length && length !== '0');
}

/** Path parameters (ids, tokens) come from the address: held to the same rule as text. */
function pathProblem(path: string): InputProblem | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { field: 'path', message: 'The address is not valid: check the link.' };
  }
  return untrustedInputProblem(decoded, 'The address');
}

/** What body-parser's errors (http-errors, `expose: true` for the client's own mistakes) mean. */
const PARSER_ANSWERS: Record<string, { status: HttpStatus; message: string }> = {
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
  },
  'encoding.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: 'Content-Encoding must be gzip, deflate, br or none.',
  },
  'charset.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: 'The body must be UTF-8 JSON.',
  },
};

/**
 * The HttpException a body-parser failure stands for, or undefined for any other error. A body that
 * does not decode as its Content-Encoding says, or stops half-way, is the client's mistake too.
 */
export function parserFailure(error: unknown): HttpException | undefined {
  const { type, status, expose } = (error ?? {}) as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) {
    return undefined;
  }
  const known = typeof type === 'string' ? PARSER_ANSWERS[type] : undefined;
  if (known) return new HttpException(known.message, known.status);
  return new BadRequestException(
    'The request body could not be read: check that it is complete and that Content-Encoding matches how it was compressed.',
  );
}
