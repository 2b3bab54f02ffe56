import {
  BadRequestException,
  Injectable,
  OnModuleInit,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CapabilityLinksService } from './capability-links.service';
import { normalizeEmail } from './email';
import { Login } from './entities/login.entity';
import { User } from './entities/user.entity';
import { FailedAttempts } from './failed-attempts';
import { LoginEndedException, WRONG_CREDENTIALS } from './identity.errors';
import { hashPassword, unusablePasswordHash, verifyPassword } from './passwords';
import type { Principal, StaffPrincipal } from './principal';
import { Revocations } from './revocations';
import { issueToken, parseToken, verifierMatches } from './tokens';

/** A staff login lasts this long; then the person logs in again. */
export const LOGIN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface StartedLogin {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffPrincipal['user'];
}

/** Staff logins and the one place any token (staff or link) becomes a Principal, for HTTP and sockets. */
@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: CapabilityLinksService,
    private readonly failures: FailedAttempts,
    private readonly revocations: Revocations,
  ) {}

  async onModuleInit(): Promise<void> {
    // Ready before the first login, so an unknown email costs the same time as a known one.
    await unusablePasswordHash();
  }

  /**
   * The same answer, after the same work, for an unknown email, a wrong password and a disabled
   * account. Repeated failures for one email lock it for a while (FailedAttempts).
   */
  async login(email: string, password: string): Promise<StartedLogin> {
    const account = `email:${normalizeEmail(email)}`;
    this.failures.check(account);
    const user = await this.dataSource
      .getRepository(User)
      .findOneBy({ email: normalizeEmail(email) });
    const matches = await verifyPassword(
      password,
      user?.passwordHash ?? (await unusablePasswordHash()),
    );
    const session = user && matches && !user.disabledAt ? await this.startLogin(user) : undefined;
    if (!session) {
      this.failures.fail(account);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    this.failures.succeed(account);
    return session;
  }

  /**
   * Opens a session for `user` as loaded, unless the account changed since: a login that checked the
   * old password must not survive a password change or a disable that happened meanwhile.
   */
  async startLogin(user: User): Promise<StartedLogin | undefined> {
    const { token, selector, verifierHash } = issueToken('staff');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + LOGIN_LIFETIME_MS);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO logins (user_id, selector, verifier_hash, csrf_token, expires_at)
       SELECT id, $2, $3, $4, $5 FROM users WHERE id = $1 AND password_hash = $6 AND disabled_at IS NULL
       RETURNING id`,
      [user.id, selector, verifierHash, csrfToken, expiresAt, user.passwordHash],
    );
    if (inserted.length === 0) return undefined;
    const { id, email, name, role } = user;
    return { token, csrfToken, expiresAt, user: { id, email, name, role } };
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    await this.dataSource.getRepository(Login).delete({ id: principal.loginId });
    this.revocations.publish({ kind: 'login', loginId: principal.loginId });
  }

  /** Any token to the caller it stands for; 401 with a plain reason when it stands for no one now. */
  async authenticate(token: string): Promise<Principal> {
    const parsed = parseToken(token);
    if (parsed.kind === 'link') return this.links.authenticate(parsed);
    const session = parsed.secret
      ? await this.dataSource
          .getRepository(Login)
          .findOne({ where: { selector: parsed.secret.selector }, relations: { user: true } })
      : null;
    if (
      !session ||
      !verifierMatches(parsed.secret!.verifierHash, session.verifierHash) ||
      session.expiresAt <= new Date() ||
      session.user.disabledAt
    ) {
      throw new LoginEndedException();
    }
    const { id, email, name, role } = session.user;
    return {
      kind: 'staff',
      user: { id, email, name, role },
      loginId: session.id,
      expiresAt: session.expiresAt,
      csrfToken: session.csrfToken,
    };
  }

  /**
   * Changes the caller's password and ends their other logins, closing those logins' sockets; the
   * login that asked, and its sockets, go on.
   */
  async changePassword(principal: StaffPrincipal, current: string, next: string): Promise<void> {
    const account = `user:${principal.user.id}`;
    this.failures.check(account);
    const user = await this.dataSource
      .getRepository(User)
      .findOneByOrFail({ id: principal.user.id });
    if (!(await verifyPassword(current, user.passwordHash))) {
      this.failures.fail(account);
      throw new BadRequestException('currentPassword is not your current password.');
    }
    this.failures.succeed(account);
    const passwordHash = await hashPassword(next);
    const ended = await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      const deleted = await manager
        .createQueryBuilder()
        .delete()
        .from(Login)
        .where('user_id = :userId AND id <> :loginId', {
          userId: user.id,
          loginId: principal.loginId,
        })
        .returning('id')
        .execute();
      return deleted.raw as Array<{ id: string }>;
    });
    // One per login, not one for the user: that would close the caller's own sockets too.
    for (const { id } of ended) this.revocations.publish({ kind: 'login', loginId: id });
  }
}
