import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from './user.entity';

/** A login: its token is the API bearer token and the pages' session cookie. Logout deletes it. */
@Entity('logins')
export class Login {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user!: User;

  @Column({ type: 'text', unique: true })
  selector!: string;

  /** SHA-256 of the token's verifier; the token itself is never stored. */
  @Column({ type: 'bytea' })
  verifierHash!: Buffer;

  /** Synchronizer token that forms posted with the session cookie must carry. */
  @Column({ type: 'text' })
  csrfToken!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
