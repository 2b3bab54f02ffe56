import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { NameField, Optional } from '@hotseat/validation';
import { normalizeEmail } from '../email';
import type { StaffRole } from '../principal';
import { NewPasswordField, RoleField } from './fields';

export class CreateUserDto {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeEmail(value) : value,
  )
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  email!: string;

  @NameField()
  name!: string;

  @RoleField()
  role!: StaffRole;

  /** Left out: Hotseat generates one and returns it once. */
  @Optional()
  @NewPasswordField()
  password?: string;
}
