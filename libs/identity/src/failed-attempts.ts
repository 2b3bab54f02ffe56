import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

const WINDOW_MS = 15 * 60 * 1000;
const LIMIT = 5;

/**
 * Failed password checks per account: 5 failures within 15 minutes lock that account's password
 * checks for 15 minutes. Only failures count, so someone who logs in often is never locked.
 * In memory, per instance (like the login throttle). @nestjs/throttler counts requests, not
 * outcomes, which is why this small counter exists beside it.
 */
@Injectable()
export class FailedAttempts {
  private readonly failures = new Map<string, number[]>();

  /** Throws 429 while `account` is locked. */
  check(account: string): void {
    const recent = this.recent(account);
    if (recent.length >= LIMIT) {
      const minutes = Math.ceil((recent[recent.length - LIMIT] + WINDOW_MS - Date.now()) / 60_000);
      throw new HttpException(
        `Too many wrong passwords for this account. Wait ${minutes} minute(s), or ask an admin to set a new password.`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  fail(account: string): void {
    this.failures.set(account, [...this.recent(account), Date.now()]);
  }

  succeed(account: string): void {
    this.failures.delete(account);
  }

  private recent(account: string): number[] {
    const since = Date.now() - WINDOW_MS;
    const recent = (this.failures.get(account) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(account);
    return recent;
  }
}
