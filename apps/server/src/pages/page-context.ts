import type { StaffPrincipal } from '@hotseat/identity';

/** What every staff page's layout needs: who is signed in, the CSRF token, the page's scripts. */
export function staffPage(
  staff: StaffPrincipal,
  title: string,
  scripts: string[],
  data: object = {},
) {
  return { staff: staff.user, csrfToken: staff.csrfToken, title, scripts, ...data };
}
