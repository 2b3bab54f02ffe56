import { Matches } from 'class-validator';
import { CURSOR_PATTERN, Optional } from '@hotseat/validation';

const message = (list: string) => `${list} must be the cursor of the "older" link under that list`;

/** Where the dashboard's long lists continue: `?candidates=<cursor>&finished=<cursor>`. */
export class DashboardQuery {
  @Optional()
  @Matches(CURSOR_PATTERN, { message: message('candidates') })
  candidates?: string;

  @Optional()
  @Matches(CURSOR_PATTERN, { message: message('finished') })
  finished?: string;
}
