import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { NameField, Optional, Trim } from '@hotseat/config';
import { SESSION_STATUSES, type SessionStatus } from '../entities/roleplay-session.entity';

export class CreateCandidateDto {
  @NameField()
  name!: string;

  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  email!: string;

  /** The opening they apply for; left out: none yet. */
  @Optional()
  @IsUUID('all', {
    message: 'openingId must be the id of an opening, as GET /api/openings lists them',
  })
  openingId?: string;
}

export class ListCandidatesQuery {
  @Optional()
  @IsUUID('all', { message: 'openingId must be the id of an opening' })
  openingId?: string;
}

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

export class ListSessionsQuery {
  @Optional()
  @IsIn(SESSION_STATUSES, { message: `status must be one of ${SESSION_STATUSES.join(', ')}` })
  status?: SessionStatus;
}
