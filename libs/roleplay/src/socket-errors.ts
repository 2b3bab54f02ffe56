import {
  ArgumentMetadata,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { ActionRefused } from './roleplay.errors';

export interface AckError {
  code: string;
  message: string;
  /** The payload field at fault, for `invalid`. */
  field?: string;
}
export type AckFn = (answer: object) => void;

/** Answers through the acknowledgement, when the client asked for one. */
export function reply(ack: unknown, answer: object): void {
  if (typeof ack === 'function') (ack as AckFn)(answer);
}

export function refusal(code: string, message: string, field?: string) {
  return { ok: false as const, error: { code, message, ...(field ? { field } : {}) } };
}

/** Every payload must be an object, checked against its class; the first problem is answered with its field. */
class SocketValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new ActionRefused('invalid', 'The payload must be an object: see docs/protocol.md.');
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export const socketValidationPipe = new SocketValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors: ValidationError[]) => {
    const [first] = errors;
    const message = first.constraints?.whitelistValidation
      ? `${first.property} is not a field of this event`
      : (Object.values(first.constraints ?? {})[0] ?? `${first.property} is not valid`);
    return new ActionRefused('invalid', message, first.property);
  },
});

const HTTP_CODES: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
};

/**
 * Turns whatever a socket event handler throws into `{ ok: false, error: { code, message } }` on its
 * acknowledgement. Unexpected errors are logged and answered without their details.
 */
@Catch()
export class AckExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Roleplay');

  catch(exception: unknown, host: ArgumentsHost): void {
    reply(
      host.getArgs().find((arg) => typeof arg === 'function'),
      this.answer(exception, host),
    );
  }

  private answer(exception: unknown, host: ArgumentsHost) {
    if (exception instanceof ActionRefused) {
      return refusal(exception.code, exception.message, exception.field);
    }
    if (exception instanceof HttpException && HTTP_CODES[exception.getStatus()]) {
      return refusal(HTTP_CODES[exception.getStatus()], exception.message);
    }
    if (exception instanceof WsException) return refusal('forbidden', exception.message);
    this.logger.error(
      { err: exception, event: host.switchToWs().getPattern() },
      'Socket event failed',
    );
    return refusal('internal', 'Something went wrong on our side. Try again in a moment.');
  }
}
