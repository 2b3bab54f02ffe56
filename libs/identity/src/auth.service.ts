import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Not, Repository } from 'typeorm';
import { CapabilityLinksService } from './capability-links.service';
import { StaffSession } from './entities/staff-session.entity';
import { User } from './entities/user.entity';
import { SessionEndedException, WRONG_CREDENTIALS } from './identity.errors';
import { hashPassword, unusablePasswordHash, verifyPassword } from './passwords';
import type { Principal, StaffPrincipal } from './principal';
import { issueToken, looksLikeLink, parseToken, verifierMatches } from './tokens';
import { normalizeEmail } from './email';

/** A staff login lasts this long; then the person logs in again. */
export const STAFF_SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffPrincipal['user'];
}

/** Staff logins and the one place any token (staff or link) becomes a Principal, for HTTP and sockets. */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(StaffSession) private readonly sessions: Repository<StaffSession>,
    private readonly links: CapabilityLinksService,
  ) {}

  /** The same answer, after the same work, for an unknown email, a wrong password and a disabled account. */
  async login(email: string, password: string): Promise<StartedSession> {
    const user = await this.users.findOneBy({ email: normalizeEmail(email) });
    const matches = await verifyPassword(
      password,
      user?.passwordHash ?? (await unusablePasswordHash()),
    );
    if (!user || !matches || user.disabledAt) throw new UnauthorizedException(WRONG_CREDENTIALS);
    return this.startSession(user);
  }

  async startSession(user: User): Promise<StartedSession> {
    const { token, selector, verifierHash } = issueToken('staff');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + STAFF_SESSION_LIFETIME_MS);
    await this.sessions.insert({ userId: user.id, selector, verifierHash, csrfToken, expiresAt });
    return { token, csrfToken, expiresAt, user: publicUser(user) };
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    await this.sessions.delete({ id: principal.sessionId });
  }

  /** Any token to the caller it stands for; 401 with a plain reason when it stands for no one now. */
  async authenticate(token: string): Promise<Principal> {
    if (looksLikeLink(token)) return this.links.authenticate(token);
    const parsed = parseToken(token);
    const session = parsed
      ? await this.sessions.findOne({
          where: { selector: parsed.selector },
          relations: { user: true },
        })
      : null;
    const matches = verifierMatches(
      parsed?.verifierHash ?? Buffer.alloc(32),
      session?.verifierHash,
    );
    if (!session || !matches || session.expiresAt <= new Date() || session.user.disabledAt) {
      throw new SessionEndedException();
    }
    return {
      kind: 'staff',
      user: publicUser(session.user),
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(principal: StaffPrincipal, current: string, next: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: principal.user.id });
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new UnauthorizedException('The current password is wrong.');
    }
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(next) });
    await this.sessions.delete({ userId: user.id, id: Not(principal.sessionId) });
  }
}

export function publicUser({ id, email, name, role }: User): StaffPrincipal['user'] {
  return { id, email, name, role };
}
