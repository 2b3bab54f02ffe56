const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** One line an operator can act on, for an error that stopped the start. */
export function describeStartupError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const text = message ?? String(error);
  if (code && UNREACHABLE.has(code)) {
    return `the database server does not answer (${text}). Check DATABASE_URL, or unset it to use the embedded database.`;
  }
  if (code === 'EADDRINUSE')
    return `the port is already in use (${text}). Set PORT to a free port.`;
  if (code === '28P01' || code === '3D000' || code === '28000') {
    return `the database refused the connection (${text}). Check the user, password and database name in DATABASE_URL.`;
  }
  return text;
}
