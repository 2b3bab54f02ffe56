import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '@hotseat/config';
import { STAFF_ROLES } from '../principal';

/** Shared field rules of the identity DTOs, so each rule and its message exist once. */

const applyAll =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

/** May be left out, but not sent as null (IsOptional would let null through to the database). */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const NameField = () =>
  applyAll(
    trim,
    IsString({ message: 'name must be text' }),
    Length(1, 100, { message: 'name must be 1 to 100 characters long' }),
  );

export const RoleField = () =>
  IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` });

export const NewPasswordField = (property = 'password') =>
  applyAll(
    IsString({ message: `${property} must be text` }),
    MinLength(MIN_PASSWORD_LENGTH, {
      message: `${property} must be at least ${MIN_PASSWORD_LENGTH} characters long`,
    }),
    MaxLength(200, { message: `${property} must be at most 200 characters long` }),
  );
