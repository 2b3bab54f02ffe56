import { applyDecorators } from '@nestjs/common';
import { IsDefined } from 'class-validator';
import { NestedField } from '@hotseat/validation';
import { ScoredNotesDto } from './scored-notes.dto';

const Answer = (field: string) =>
  applyDecorators(
    IsDefined({ message: `${field} is needed: a score from 1 to 4, with notes if you like` }),
    NestedField(() => ScoredNotesDto, `${field} must be { score, notes }: a score from 1 to 4`),
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
