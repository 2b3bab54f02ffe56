import { IsString, IsUUID, Length } from 'class-validator';
import { Optional } from '@hotseat/validation';

export class CreateSessionDto {
  @IsUUID('all', { message: 'candidateId must be the id of a candidate' })
  candidateId!: string;

  @IsString({
    message: 'scenarioId must be the id of a scenario, as GET /api/scenarios lists them',
  })
  @Length(1, 200, { message: 'scenarioId must be 1 to 200 characters long' })
  scenarioId!: string;

  /** Who runs it; left out: the caller. Managers and admins may schedule it for someone else. */
  @Optional()
  @IsUUID('all', { message: 'interviewerId must be the id of a staff member' })
  interviewerId?: string;
}
