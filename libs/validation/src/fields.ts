import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, ValidateIf } from 'class-validator';

/** Field rules that inputs of several features share (HTTP bodies, socket payloads), each once. */

/** May be left out, but not sent as null (IsOptional would let null through to the database). */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

/** Surrounding whitespace is dropped from text before it is checked. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A person's name: staff members, candidates and shadow hosts alike. */
export const NameField = (field = 'name') =>
  applyDecorators(
    Trim(),
    IsString({ message: `${field} must be text` }),
    Length(1, 100, { message: `${field} must be 1 to 100 characters long` }),
  );
