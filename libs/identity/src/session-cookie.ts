import type { CookieOptions } from 'express';

/** httpOnly (no script reads it), SameSite=Lax, Secure whenever Hotseat is served over https. */
export function sessionCookieOptions(publicUrl: string, expiresAt?: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}
