import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { BlindField, FormatField, type Format } from './fields';

export const MAX_COMPARED = 20;

/** `?candidates=a,b,c[&blind=true][&format=csv]` */
export class CompareQuery {
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((id) => id.trim()) : value,
  )
  @IsArray({ message: 'candidates must be candidate ids separated by commas' })
  @ArrayMinSize(1, { message: 'candidates must name at least one candidate' })
  @ArrayMaxSize(MAX_COMPARED, {
    message: `candidates may name at most ${MAX_COMPARED} candidates`,
  })
  @ArrayUnique({ message: 'candidates must not name a candidate twice' })
  @IsUUID('all', { each: true, message: 'candidates must be candidate ids separated by commas' })
  candidates!: string[];

  @BlindField()
  blind?: boolean;

  @FormatField()
  format?: Format;
}
