import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn } from 'class-validator';
import { Optional } from '@hotseat/validation';

/** Query fields the exports share. */

export const BlindField = () =>
  applyDecorators(
    Optional(),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean({ message: 'blind must be true or false' }),
  );

export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const FormatField = () =>
  applyDecorators(Optional(), IsIn(FORMATS, { message: 'format must be json or csv' }));
