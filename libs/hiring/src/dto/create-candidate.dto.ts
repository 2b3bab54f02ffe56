import { IsEmail, IsUUID, MaxLength } from 'class-validator';
import { NameField, Optional, Trim } from '@hotseat/validation';

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
