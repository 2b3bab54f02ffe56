import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '@hotseat/identity';
import { Opening } from './opening.entity';

/** Someone applying for a support role, usually for one opening. */
@Entity('candidates')
// Lists are newest first, a page at a time.
@Index('candidates_created_at_id', ['createdAt', 'id'])
export class Candidate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  openingId!: string | null;

  @ManyToOne(() => Opening, { onDelete: 'RESTRICT' })
  opening!: Opening | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy!: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
