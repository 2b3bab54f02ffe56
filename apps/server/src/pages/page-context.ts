import type { StaffPrincipal } from '@hotseat/identity';

/**
 * What every staff page's layout needs: who is signed in, the CSRF token, and the page's script (a
 * bundle built from apps/server/browser/pages/, by its name), if it has one beyond logging out.
 */
export function staffPage(
  staff: StaffPrincipal,
  title: string,
  pageScript: string | null,
  data: object = {},
) {
  return { staff: staff.user, csrfToken: staff.csrfToken, title, pageScript, ...data };
}
