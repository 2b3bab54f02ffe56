import { UnauthorizedException } from '@nestjs/common';
import { LINK_NO_LONGER_VALID } from '@hotseat/events';

// Kept with the events' vocabulary: the pages recognise it in a refused handshake.
export { LINK_NO_LONGER_VALID };
export const LOGIN_ENDED = 'Your session has ended. Log in again.';
export const WRONG_CREDENTIALS = 'The email or password is wrong.';

export class LinkNoLongerValidException extends UnauthorizedException {
  constructor() {
    super(LINK_NO_LONGER_VALID);
  }
}

export class LoginEndedException extends UnauthorizedException {
  constructor() {
    super(LOGIN_ENDED);
  }
}

/** True for PostgreSQL's unique_violation, so callers can answer 409 instead of 500. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}
