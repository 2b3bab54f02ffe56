import { Matches } from 'class-validator';
import { Optional } from '@hotseat/validation';

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;
const message = (list: string) => `${list} must be the cursor of the "older" link under that list`;

/** Where the dashboard's long lists continue: `?candidates=<cursor>&finished=<cursor>`. */
export class DashboardQuery {
  @Optional()
  @Matches(CURSOR, { message: message('candidates') })
  candidates?: string;

  @Optional()
  @Matches(CURSOR, { message: message('finished') })
  finished?: string;
}
