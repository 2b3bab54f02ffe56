import { UnauthorizedException } from '@nestjs/common';

/** The one answer for an unknown, expired or revoked link: it says nothing about any other link. */
export const LINK_NO_LONGER_VALID =
  'This link is no longer valid. Ask the person who sent it to you for a new one.';
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
