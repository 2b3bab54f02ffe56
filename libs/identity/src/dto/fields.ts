import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '@hotseat/config';
import { STAFF_ROLES } from '../principal';

/** Shared field rules of the identity DTOs, so each rule and its message exist once. */

export const RoleField = () =>
  IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` });

export const NewPasswordField = (property = 'password') =>
  applyDecorators(
    IsString({ message: `${property} must be text` }),
    MinLength(MIN_PASSWORD_LENGTH, {
      message: `${property} must be at least ${MIN_PASSWORD_LENGTH} characters long`,
    }),
    MaxLength(200, { message: `${property} must be at most 200 characters long` }),
  );
