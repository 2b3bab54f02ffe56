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
import { User } from '@hotseat/identity';
import { RoleplaySession } from '@hotseat/roleplay';

export const RECOMMENDATIONS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export interface AttributeRating {
  /** A rubric attribute id of the session's scenario version. */
  id: string;
  score: number;
  evidence: string;
}

/**
 * The interviewer's rating of one role-play: a draft they may change until they submit it. Only
 * submitted ratings count anywhere else, and others see them only after submitting their own.
 */
@Entity('ratings')
@Check('ratings_csat_check', 'csat BETWEEN 1 AND 5')
@Check('ratings_product_team_score_check', 'product_team_score BETWEEN 1 AND 4')
@Check('ratings_recommendation_check', `recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')`)
export class Rating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One rating per session: its interviewer's. */
  @Column({ type: 'uuid', unique: true })
  sessionId!: string;

  @ManyToOne(() => RoleplaySession, { onDelete: 'CASCADE' })
  session!: RoleplaySession;

  @Index()
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  candidate!: Candidate;

  @Index()
  @Column({ type: 'uuid' })
  raterId!: string;

  /** The session's scenario, kept here so that ratings are ranked among their scenario's. */
  @Index()
  @Column({ type: 'text' })
  scenarioId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  rater!: User;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attributes!: AttributeRating[];

  /** Mean of the attribute scores, kept at submit so that comparisons rank it in SQL. */
  @Column({ type: 'double precision', nullable: true })
  rubricMean!: number | null;

  @Column({ type: 'smallint', nullable: true })
  csat!: number | null;

  @Column({ type: 'smallint', nullable: true })
  productTeamScore!: number | null;

  @Column({ type: 'text', default: '' })
  productTeamNotes!: string;

  @Column({ type: 'text', nullable: true })
  recommendation!: Recommendation | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
