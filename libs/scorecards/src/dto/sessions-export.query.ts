import { IsUUID } from 'class-validator';
import { BlindField } from './fields';

/** `?openingId=...[&blind=true]`: one CSV row per session of the opening's candidates. */
export class SessionsExportQuery {
  @IsUUID('all', {
    message: 'openingId must be the id of an opening, as GET /api/openings lists them',
  })
  openingId!: string;

  @BlindField()
  blind?: boolean;
}
