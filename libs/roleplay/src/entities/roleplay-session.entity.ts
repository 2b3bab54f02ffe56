import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import {
  SESSION_MODES,
  SESSION_STATUSES,
  type SessionMode,
  type SessionStatus,
} from '@hotseat/events';
import { Candidate } from '@hotseat/hiring';
import { User } from '@hotseat/identity';
import { ScenarioVersion } from '@hotseat/scenarios';

/**
 * One role-play: a candidate, a scenario version and the interviewer running it. What happened in it
 * is its event log (session_events); the columns here are the state that log has reached
 * (STATE_CHANGES in @hotseat/events), kept in step by EventLog in the same transaction as each event.
 */
@Entity('roleplay_sessions')
@Check(
  'roleplay_sessions_status_check',
  `status IN (${SESSION_STATUSES.map((status) => `'${status}'`).join(', ')})`,
)
@Check(
  'roleplay_sessions_mode_check',
  `mode IN (${SESSION_MODES.map((mode) => `'${mode}'`).join(', ')})`,
)
// A practice session staff make needs no candidate; a live one always has one.
@Check('roleplay_sessions_candidate_check', `candidate_id IS NOT NULL OR mode = 'practice'`)
// The time-limit sweep looks only at live sessions.
@Index('roleplay_sessions_live_ends_at', ['endsAt'], { where: `status = 'live'` })
// Lists are newest first, a page at a time: everyone's for managers, an interviewer's own for them.
@Index('roleplay_sessions_created_at_id', ['createdAt', 'id'])
@Index('roleplay_sessions_interviewer_created_at_id', ['interviewerId', 'createdAt', 'id'])
export class RoleplaySession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  candidateId!: string | null;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT', nullable: true })
  candidate!: Candidate | null;

  /** Practice: the script plays the customer, and the session never counts (docs/protocol.md). */
  @Column({ type: 'text', default: 'live' })
  mode!: SessionMode;

  @Column({ type: 'text' })
  scenarioId!: string;

  @Column({ type: 'uuid' })
  scenarioVersionId!: string;

  @ManyToOne(() => ScenarioVersion, { onDelete: 'RESTRICT' })
  scenarioVersion!: ScenarioVersion;

  @Column({ type: 'uuid' })
  interviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  interviewer!: User;

  @Column({ type: 'text', default: 'scheduled' })
  status!: SessionStatus;

  /** The seq of the log's latest event; the next one gets this + 1, under this row's lock. */
  @Column({ type: 'integer', default: 0 })
  lastSeq!: number;

  /** The candidate's own numbering: the candidate_seq of the latest event the candidate may see. */
  @Column({ type: 'integer', default: 0 })
  lastCandidateSeq!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** When the scenario's time limit runs out; set at start. */
  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  solvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}
