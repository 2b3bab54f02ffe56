/**
 * Whether an error means the database cannot be reached just now (refused, lost, shutting down, out
 * of connections), rather than that a query was wrong: the one case where trying again later helps.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message, driverError } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  };
  const codes = [code, driverError?.code].filter((value) => typeof value === 'string');
  // Node's socket errors; SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down,
  // cannot connect now) and 53300 (too many connections).
  if (
    codes.some(
      (value) =>
        /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(value) ||
        /^(08...|57P0[123]|53300)$/.test(value),
    )
  ) {
    return true;
  }
  const text = [message, driverError?.message].filter((value) => typeof value === 'string');
  // pg's own words when a connection ends or the pool cannot get one.
  return text.some((value) =>
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
      value,
    ),
  );
}
