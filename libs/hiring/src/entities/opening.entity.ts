import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '@hotseat/identity';
import type { ScoreWeights } from '@hotseat/metrics';

/** A job being hired for: it groups candidates and the scenarios they run. */
@Entity('openings')
@Index('openings_created_at_id', ['createdAt', 'id'])
export class Opening {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The scenarios this opening's candidates run, in the order the hiring manager chose. */
  @Column({ type: 'text', array: true })
  scenarioIds!: string[];

  /** The overall score's weights; null: DEFAULT_WEIGHTS. */
  @Column({ type: 'jsonb', nullable: true })
  weights!: ScoreWeights | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy!: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
