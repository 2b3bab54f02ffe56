import { applyDecorators } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '@hotseat/validation';

/** Field rules the feedback DTOs share, each once. */

/** Notes and evidence: long enough for a paragraph or two of what was seen. */
export const MAX_NOTES_LENGTH = 4000;

export const Score = (field: string, max: number) => {
  const message = `${field} must be a whole number from 1 to ${max}`;
  return applyDecorators(IsInt({ message }), Min(1, { message }), Max(max, { message }));
};

export const Notes = (field: string) =>
  applyDecorators(
    Trim(),
    IsString({ message: `${field} must be text` }),
    MaxLength(MAX_NOTES_LENGTH, {
      message: `${field} must be at most ${MAX_NOTES_LENGTH} characters long`,
    }),
  );
