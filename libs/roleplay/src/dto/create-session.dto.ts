import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { SESSION_MODES, type SessionMode } from '@hotseat/events';
import { Optional } from '@hotseat/validation';

export class CreateSessionDto {
  /** Required for a live role-play; a practice session staff make may have none. */
  @Optional()
  @IsUUID('all', { message: 'candidateId must be the id of a candidate' })
  candidateId?: string;

  @IsString({
    message: 'scenarioId must be the id of a scenario, as GET /api/scenarios lists them',
  })
  @Length(1, 200, { message: 'scenarioId must be 1 to 200 characters long' })
  scenarioId!: string;

  /** Who runs it; left out: the caller. Managers and admins may schedule it for someone else. */
  @Optional()
  @IsUUID('all', { message: 'interviewerId must be the id of a staff member' })
  interviewerId?: string;

  /** `live` (the default): scored; `practice`: the script plays the customer and nothing counts. */
  @Optional()
  @IsIn(SESSION_MODES, { message: `mode must be one of ${SESSION_MODES.join(', ')}` })
  mode?: SessionMode;
}
