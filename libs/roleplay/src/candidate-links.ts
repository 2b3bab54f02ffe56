import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { Environment } from '@hotseat/config';
import { EVENT } from '@hotseat/events';
import { CapabilityLinksService, Revocations } from '@hotseat/identity';
import { EventLog, type Committed } from './event-log';

/** How long a candidate's link works: time to schedule the interview, then to read the transcript. */
export const CANDIDATE_LINK_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

// setTimeout cannot wait longer; no candidate link lives that long, and a socket's own timer
// (guardSockets) closes it when its link expires as it was at the handshake.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A candidate link as it is shown once, to the staff member who made it. */
export interface IssuedCandidateLink {
  candidateUrl: string;
  candidateToken: string;
  candidateLinkExpiresAt: Date;
}

/**
 * The candidate's link to a role-play (a capability link of scope `candidate`): issued with the
 * session or in place of a leaked one, and cut short once the session ends, to
 * CANDIDATE_LINK_HOURS_AFTER_END after the end.
 */
@Injectable()
export class CandidateLinks implements OnModuleInit, OnModuleDestroy {
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe?: () => void;

  constructor(
    private readonly links: CapabilityLinksService,
    private readonly revocations: Revocations,
    private readonly log: EventLog,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A new link to `sessionId`, in the caller's transaction; the token is in it this once. */
  async issue(
    sessionId: string,
    createdById: string,
    manager: EntityManager,
  ): Promise<{ linkId: string; shown: IssuedCandidateLink }> {
    const { token, link } = await this.links.issue(
      {
        scope: 'candidate',
        subjectId: sessionId,
        expiresAt: new Date(Date.now() + CANDIDATE_LINK_LIFETIME_MS),
        createdById,
      },
      manager,
    );
    return {
      linkId: link.id,
      shown: {
        candidateUrl: `${this.config.get('publicUrl', { infer: true })}/join/${token}`,
        candidateToken: token,
        candidateLinkExpiresAt: link.expiresAt,
      },
    };
  }

  /** In the transaction that ends the session: its link works at most the configured hours more. */
  expireAfterEnd(sessionId: string, manager: EntityManager): Promise<void> {
    return this.links.shorten('candidate', sessionId, this.afterEndMs, manager);
  }

  onModuleInit(): void {
    // Subscribed after SessionBroadcaster (it subscribes when built), so the candidate is sent
    // `session.ended` before a link that ends with the session closes their socket.
    this.unsubscribe = this.log.subscribe((committed) => this.closeWhenExpired(committed));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
  }

  /**
   * A socket opened before the end keeps the expiry its link had then: close it at the new one.
   * The timer lives in this instance; were it to stop first, such a socket stays open (it can only
   * read the transcript) until its link's first expiry, and a new handshake is refused meanwhile.
   */
  private closeWhenExpired({ sessionId, events, duplicate }: Committed): void {
    const ended = !duplicate && events.find((event) => event.type === EVENT.sessionEnded);
    if (!ended) return;
    const delay = new Date(ended.at).getTime() + this.afterEndMs - Date.now();
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.revocations.publish({
          kind: 'link-subject',
          scope: 'candidate',
          subjectId: sessionId,
        });
      },
      Math.max(delay, 0),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private get afterEndMs(): number {
    return this.config.get('CANDIDATE_LINK_HOURS_AFTER_END', { infer: true }) * 60 * 60 * 1000;
  }
}
