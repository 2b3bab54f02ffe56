export const STAFF_ROLES = ['admin', 'manager', 'interviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a capability link lets a guest do: join one session as its candidate, or give feedback on one candidate. */
export const LINK_SCOPES = ['candidate', 'shadow'] as const;
export type LinkScope = (typeof LINK_SCOPES)[number];

export interface StaffPrincipal {
  kind: 'staff';
  user: { id: string; email: string; name: string; role: StaffRole };
  /** The login this request authenticated with. */
  loginId: string;
  /** When the login ends: a long-lived connection (a socket) must stop then too. */
  expiresAt: Date;
  csrfToken: string;
}

export interface GuestPrincipal {
  kind: 'guest';
  link: { id: string; scope: LinkScope; subjectId: string; expiresAt: Date };
}

/** Who is calling: a staff member with an account, or a guest holding a capability link. */
export type Principal = StaffPrincipal | GuestPrincipal;
