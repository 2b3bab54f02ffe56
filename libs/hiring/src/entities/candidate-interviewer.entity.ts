import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@hotseat/identity';
import { Candidate } from './candidate.entity';

/**
 * Who interviews a candidate: written when a role-play is scheduled for them, so that an
 * interviewer's candidates are a query on the hiring pipeline's own tables.
 */
@Entity('candidate_interviewers')
@Index(['interviewerId', 'candidateId'])
export class CandidateInterviewer {
  @PrimaryColumn({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  candidate!: Candidate;

  @PrimaryColumn({ type: 'uuid' })
  interviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  interviewer!: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
