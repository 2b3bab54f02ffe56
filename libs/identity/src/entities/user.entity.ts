import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { StaffRole } from '../principal';

/** A staff member: admin, manager or interviewer. Candidates and shadow hosts have no account. */
@Entity('users')
@Check('users_role_check', `role IN ('admin', 'manager', 'interviewer')`)
@Check('users_email_lower_check', `email = lower(email)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case, so uniqueness is case-insensitive. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: StaffRole;

  @Column({ type: 'text' })
  passwordHash!: string;

  /** Set when an admin disables the account; a disabled user can neither log in nor use old tokens. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
