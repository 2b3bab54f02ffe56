import { Column, Entity, Index, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Actor, EventType, RoleplayRole } from '@hotseat/events';
import { RoleplaySession } from './roleplay-session.entity';

/**
 * The append-only log of a role-play. `seq` counts 1, 2, 3... per session with no gaps; `clientId`,
 * scoped to the side that sent it, makes a retried action return its original event instead of a
 * second one (docs/protocol.md).
 */
@Entity('session_events')
@Unique('session_events_client_key', ['sessionId', 'clientRole', 'clientId'])
@Index('session_events_candidate_seq', ['sessionId', 'candidateSeq'])
export class SessionEventRow {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => RoleplaySession, { onDelete: 'CASCADE' })
  session!: RoleplaySession;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /**
   * The candidate's own numbering of the events they may see, 1, 2, 3... without gaps; null for the
   * others. A candidate is sent this as `seq`, so hidden events leave no trace in what they get.
   */
  @Column({ type: 'integer', nullable: true })
  candidateSeq!: number | null;

  @Column({ type: 'text' })
  type!: EventType;

  @Column({ type: 'text' })
  actor!: Actor;

  /** Null for events the server makes itself (the opening line, the time limit). */
  @Column({ type: 'uuid', nullable: true })
  clientId!: string | null;

  /** Who sent the action: `interviewer`, `candidate` or `observer`; set with clientId. */
  @Column({ type: 'text', nullable: true })
  clientRole!: RoleplayRole | null;

  /** SHA-256 (hex) of the action's name and payload, to refuse a clientId reused for another action. */
  @Column({ type: 'text', nullable: true })
  clientRequest!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Server time, taken after the session's lock, so it never goes backwards as seq goes up. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
