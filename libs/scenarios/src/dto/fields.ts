import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

/**
 * Field rules shared by scenario files and article front matter. With stopAtFirstError the rules of a
 * field run in the order they are applied, so each helper checks the type first: a number is told
 * "must be text", not "must be 1 to 80 characters".
 */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const applyAll =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

export const textField = (min: number, max: number, notText = 'must be text') =>
  applyAll([
    IsString({ message: notText }),
    Length(min, max, { message: `must be text of ${min} to ${max} characters` }),
  ]);

export const slugField = (example: string) =>
  applyAll([
    IsString({ message: 'must be text' }),
    Matches(SLUG, { message: `must be lower-case words joined by dashes, such as ${example}` }),
  ]);

export const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return applyAll([IsInt({ message }), Min(min, { message }), Max(max, { message })]);
};
