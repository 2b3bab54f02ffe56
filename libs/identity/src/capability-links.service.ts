import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { CapabilityLink } from './entities/capability-link.entity';
import { LinkNoLongerValidException } from './identity.errors';
import type { GuestPrincipal, LinkScope } from './principal';
import { Revocations } from './revocations';
import { issueToken, verifierMatches, type ParsedToken } from './tokens';

/** Links live at most this long; features choose shorter lifetimes. */
export const MAX_LINK_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

export interface IssueLinkInput {
  scope: LinkScope;
  subjectId: string;
  expiresAt: Date;
  createdById: string | null;
}

/**
 * Every link a guest uses (candidate, shadow host) is issued, checked and revoked here. Methods that
 * write take an optional EntityManager, to run inside the caller's transaction.
 */
@Injectable()
export class CapabilityLinksService {
  constructor(
    @InjectRepository(CapabilityLink) private readonly links: Repository<CapabilityLink>,
    private readonly revocations: Revocations,
  ) {}

  async issue(
    input: IssueLinkInput,
    manager?: EntityManager,
  ): Promise<{ token: string; link: CapabilityLink }> {
    const lifetime = input.expiresAt.getTime() - Date.now();
    if (!(lifetime > 0 && lifetime <= MAX_LINK_LIFETIME_MS)) {
      throw new BadRequestException('A link must expire in the future and within 90 days.');
    }
    const { token, selector, verifierHash } = issueToken('link');
    const repository = this.repository(manager);
    const link = await repository.save(repository.create({ ...input, selector, verifierHash }));
    return { token, link };
  }

  /** The guest a parsed link token stands for; LinkNoLongerValidException when it stands for none. */
  async authenticate({ secret }: ParsedToken): Promise<GuestPrincipal> {
    const link = secret ? await this.links.findOneBy({ selector: secret.selector }) : null;
    if (
      !link ||
      !verifierMatches(secret!.verifierHash, link.verifierHash) ||
      link.revokedAt ||
      link.expiresAt <= new Date()
    ) {
      throw new LinkNoLongerValidException();
    }
    const { id, scope, subjectId, expiresAt } = link;
    return { kind: 'guest', link: { id, scope, subjectId, expiresAt } };
  }

  async revoke(linkId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update(
      { id: linkId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    this.revocations.publish({ kind: 'link', linkId });
  }

  /** Revokes every live link to one subject, e.g. when a session is cancelled. */
  async revokeAll(scope: LinkScope, subjectId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update(
      { scope, subjectId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    this.revocations.publish({ kind: 'link-subject', scope, subjectId });
  }

  /** Revokes every other live link to `kept`'s subject: the one just issued in their place stays. */
  async revokeOthers(kept: Pick<CapabilityLink, 'id' | 'scope' | 'subjectId'>): Promise<void> {
    const others = await this.links.find({
      where: {
        scope: kept.scope,
        subjectId: kept.subjectId,
        revokedAt: IsNull(),
        id: Not(kept.id),
      },
      select: { id: true },
    });
    for (const { id } of others) await this.revoke(id);
  }

  /**
   * Every live link to one subject stops working within `lifetimeMs` from now, or sooner if it
   * already did. Timed by the database's clock, the one that stamps the event log. It publishes
   * nothing: open connections must be closed by the caller once the change is committed.
   */
  async shorten(
    scope: LinkScope,
    subjectId: string,
    lifetimeMs: number,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repository(manager).query(
      `UPDATE capability_links
       SET expires_at = LEAST(expires_at, clock_timestamp() + $3::float8 * interval '1 millisecond')
       WHERE scope = $1 AND subject_id = $2 AND revoked_at IS NULL`,
      [scope, subjectId, lifetimeMs],
    );
  }

  /** Until when each of these links works, and when it was revoked if it was, by id. */
  async lifetimes(
    linkIds: string[],
  ): Promise<Map<string, Pick<CapabilityLink, 'expiresAt' | 'revokedAt'>>> {
    const links = await this.links.find({
      where: { id: In(linkIds) },
      select: { id: true, expiresAt: true, revokedAt: true },
    });
    return new Map(links.map(({ id, expiresAt, revokedAt }) => [id, { expiresAt, revokedAt }]));
  }

  private repository(manager?: EntityManager): Repository<CapabilityLink> {
    return manager ? manager.getRepository(CapabilityLink) : this.links;
  }
}
