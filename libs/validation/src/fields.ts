import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';

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

/**
 * A field holding one object of `type`'s shape. IsObject first: ValidateNested alone accepts a list
 * and checks its items instead, so `[]` or `[{...}]` would pass for the object.
 */
export const NestedField = (type: () => new () => object, message: string) =>
  applyDecorators(IsObject({ message }), ValidateNested(), Type(type));
