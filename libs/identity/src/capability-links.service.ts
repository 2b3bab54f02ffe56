import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { CapabilityLink } from './entities/capability-link.entity';
import { LinkNoLongerValidException } from './identity.errors';
import type { GuestPrincipal, LinkScope } from './principal';
import { issueToken, parseToken, verifierMatches } from './tokens';

/** Links live at most this long; features choose shorter lifetimes. */
export const MAX_LINK_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

export interface IssueLinkInput {
  scope: LinkScope;
  subjectId: string;
  expiresAt: Date;
  createdById: string | null;
}

/** Every link a guest uses (candidate, shadow host) is issued, checked and revoked here. */
@Injectable()
export class CapabilityLinksService {
  constructor(
    @InjectRepository(CapabilityLink) private readonly links: Repository<CapabilityLink>,
  ) {}

  /** Pass `manager` to issue the link inside the caller's transaction. */
  async issue(
    input: IssueLinkInput,
    manager?: EntityManager,
  ): Promise<{ token: string; link: CapabilityLink }> {
    const lifetime = input.expiresAt.getTime() - Date.now();
    if (!(lifetime > 0 && lifetime <= MAX_LINK_LIFETIME_MS)) {
      throw new BadRequestException('A link must expire in the future and within 90 days.');
    }
    const { token, selector, verifierHash } = issueToken('link');
    const repository = manager ? manager.getRepository(CapabilityLink) : this.links;
    const link = await repository.save(repository.create({ ...input, selector, verifierHash }));
    return { token, link };
  }

  /** The guest the token stands for; LinkNoLongerValidException when unknown, expired or revoked. */
  async authenticate(token: string): Promise<GuestPrincipal> {
    const parsed = parseToken(token);
    const link =
      parsed?.kind === 'link' ? await this.links.findOneBy({ selector: parsed.selector }) : null;
    const matches = verifierMatches(parsed?.verifierHash ?? Buffer.alloc(32), link?.verifierHash);
    if (!link || !matches || link.revokedAt || link.expiresAt <= new Date()) {
      throw new LinkNoLongerValidException();
    }
    const { id, scope, subjectId, expiresAt } = link;
    return { kind: 'guest', link: { id, scope, subjectId, expiresAt } };
  }

  async revoke(linkId: string): Promise<void> {
    await this.links.update({ id: linkId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revokes every live link to one subject, e.g. when a session is cancelled. */
  async revokeAll(scope: LinkScope, subjectId: string, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(CapabilityLink) : this.links;
    await repository.update({ scope, subjectId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
