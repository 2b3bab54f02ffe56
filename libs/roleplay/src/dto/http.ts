import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { SESSION_STATUSES, type SessionStatus } from '../entities/roleplay-session.entity';

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export class CreateCandidateDto {
  @trim
  @IsString({ message: 'name must be text' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters long' })
  name!: string;

  @trim
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters long' })
  email!: string;
}

export class CreateSessionDto {
  @IsUUID('all', { message: 'candidateId must be the id of a candidate' })
  candidateId!: string;

  @IsString({
    message: 'scenarioId must be the id of a scenario, as GET /api/scenarios lists them',
  })
  @Length(1, 200, { message: 'scenarioId must be 1 to 200 characters long' })
  scenarioId!: string;
}

export class ListSessionsQuery {
  @ValidateIf((_object, value) => value !== undefined)
  @IsIn(SESSION_STATUSES, { message: `status must be one of ${SESSION_STATUSES.join(', ')}` })
  status?: SessionStatus;
}
