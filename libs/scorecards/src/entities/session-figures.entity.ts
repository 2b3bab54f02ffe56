import {
  Column,
  Entity,
  Index,
  ManyToOne,
  OneToOne,
  JoinColumn,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SessionMetrics } from '@hotseat/metrics';
import { Candidate } from '@hotseat/hiring';
import { RoleplaySession } from '@hotseat/roleplay';

/**
 * The figures of an ended session, computed from its log by @hotseat/metrics and kept so that
 * comparisons rank them in SQL instead of recomputing thousands of logs. `version` is the
 * METRICS_VERSION they were computed with: rows of an older one are recomputed.
 */
@Entity('session_figures')
@Index(['scenarioId'])
export class SessionFigures {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @OneToOne(() => RoleplaySession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session!: RoleplaySession;

  @Index()
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  candidate!: Candidate;

  @Column({ type: 'text' })
  scenarioId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  figures!: SessionMetrics;

  // The ranked figures, as columns: what percentiles are computed over.
  @Column({ type: 'integer', nullable: true })
  timeToSolutionMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  firstResponseMs!: number | null;

  @Column({ type: 'double precision', nullable: true })
  medianResponseMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  timeToCalmMs!: number | null;

  /** When the last required checkpoint was met (by the desk or a tick); null if never. */
  @Column({ type: 'integer', nullable: true })
  timeToRequiredCheckpointsMs!: number | null;

  @Column({ type: 'integer', nullable: true })
  timeToFirstActionMs!: number | null;

  /** Checkpoints hit / the scenario's checkpoints, 0-1. */
  @Column({ type: 'double precision' })
  checkpointsHit!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  computedAt!: Date;
}
