import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { LinkScope } from '../principal';
import { User } from './user.entity';

/**
 * A link a guest uses without an account. `scope` says what it opens and `subjectId` which one:
 * `candidate` -> a role-play session, `shadow` -> the candidate a shadow host gives feedback on.
 */
@Entity('capability_links')
@Index(['scope', 'subjectId'])
@Check('capability_links_scope_check', `scope IN ('candidate', 'shadow')`)
export class CapabilityLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  scope!: LinkScope;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text', unique: true })
  selector!: string;

  /** SHA-256 of the token's verifier; the token itself is never stored. */
  @Column({ type: 'bytea' })
  verifierHash!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  createdBy!: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
