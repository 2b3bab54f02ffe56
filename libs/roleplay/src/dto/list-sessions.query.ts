import { IsIn } from 'class-validator';
import { SESSION_STATUSES, type SessionStatus } from '@hotseat/events';
import { Optional, PageQuery } from '@hotseat/validation';

/** `?status=&limit=&cursor=` */
export class ListSessionsQuery extends PageQuery {
  @Optional()
  @IsIn(SESSION_STATUSES, { message: `status must be one of ${SESSION_STATUSES.join(', ')}` })
  status?: SessionStatus;
}
