import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '@hotseat/config';
import { STAFF_ROLES, type StaffRole } from '../principal';

/** What an admin may change about a staff account. Email stays: it identifies the person. */
export class UpdateUserDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters long' })
  name?: string;

  @IsOptional()
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role?: StaffRole;

  /** true disables the account at once (its sessions end); false enables it again. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** Sets a new password, e.g. for someone who lost theirs; their sessions end. */
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(200)
  password?: string;
}
