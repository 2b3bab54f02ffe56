import type { CookieOptions } from 'express';

/** The pages' login cookie (its name predates the word "login" in the code; browsers hold it). */
export const LOGIN_COOKIE = 'hotseat_session';

/** httpOnly (no script reads it), SameSite=Lax, Secure whenever Hotseat is served over https. */
export function loginCookieOptions(publicUrl: string, expiresAt?: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}
