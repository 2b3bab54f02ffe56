import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ScoredNotesDto } from './scored-notes.dto';

const Answer = (field: string) =>
  applyDecorators(
    IsDefined({ message: `${field} is needed: a score from 1 to 4, with notes if you like` }),
    ValidateNested(),
    Type(() => ScoredNotesDto),
  );

/** A shadow host's three answers; sending them again replaces them until the link expires. */
export class SubmitShadowFeedbackDto {
  @Answer('learning')
  learning!: ScoredNotesDto;

  @Answer('understanding')
  understanding!: ScoredNotesDto;

  @Answer('engagement')
  engagement!: ScoredNotesDto;
}
