import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Candidate } from '@hotseat/hiring';
import { CapabilityLink, User } from '@hotseat/identity';

/** What a shadow host rates, 1-4 each, with the words the form explains them in. */
export const SHADOW_QUESTIONS = {
  learning: 'Interest in learning the product',
  understanding: "Understanding of the customers' problems and of your answers",
  engagement: 'Engagement throughout',
} as const;
export type ShadowQuestion = keyof typeof SHADOW_QUESTIONS;

/**
 * A shadow host's feedback on a candidate who sat with them. Made with its link (one per host), empty
 * until the host answers; the host may change the answers until the link expires.
 */
@Entity('shadow_feedback')
@Check(
  'shadow_feedback_scores_check',
  'learning BETWEEN 1 AND 4 AND understanding BETWEEN 1 AND 4 AND engagement BETWEEN 1 AND 4',
)
export class ShadowFeedback {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', unique: true })
  linkId!: string;

  @ManyToOne(() => CapabilityLink, { onDelete: 'CASCADE' })
  link!: CapabilityLink;

  @Index()
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  candidate!: Candidate;

  @Column({ type: 'text' })
  hostName!: string;

  @Column({ type: 'smallint', nullable: true })
  learning!: number | null;

  @Column({ type: 'text', default: '' })
  learningNotes!: string;

  @Column({ type: 'smallint', nullable: true })
  understanding!: number | null;

  @Column({ type: 'text', default: '' })
  understandingNotes!: string;

  @Column({ type: 'smallint', nullable: true })
  engagement!: number | null;

  @Column({ type: 'text', default: '' })
  engagementNotes!: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy!: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
