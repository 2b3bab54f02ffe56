import { IsUUID } from 'class-validator';
import { Optional, PageQuery } from '@hotseat/validation';

/** `?openingId=&limit=&cursor=` */
export class ListCandidatesQuery extends PageQuery {
  @Optional()
  @IsUUID('all', { message: 'openingId must be the id of an opening' })
  openingId?: string;
}
