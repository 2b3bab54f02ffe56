import { IsBoolean } from 'class-validator';
import type { StaffRole } from '../principal';
import { NameField, Optional } from '@hotseat/validation';
import { NewPasswordField, RoleField } from './fields';

/** What an admin may change about a staff account. Email stays: it identifies the person. */
export class UpdateUserDto {
  @Optional()
  @NameField()
  name?: string;

  @Optional()
  @RoleField()
  role?: StaffRole;

  /** true disables the account at once (its sessions end); false enables it again. */
  @Optional()
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;

  /** Sets a new password, e.g. for someone who lost theirs; their sessions end. */
  @Optional()
  @NewPasswordField()
  password?: string;
}
