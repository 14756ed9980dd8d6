/**
 * Whether a database error says the database cannot be reached or cannot take writes just now (connection lost or
 * refused, server shutting down, disk full), as opposed to refusing this statement (a constraint, bad data): the
 * first is worth trying again later, the second would fail the same way every time.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, message } of causesOf(error)) {
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || (UNAVAILABLE_CLASSES.has(code.slice(0, 2)) && /^[0-9A-Z]{5}$/.test(code)))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/**
 * The name of the unique index or constraint a database error says was violated (SQLSTATE 23505), if it says so:
 * a check before an insert cannot see another request inserting the same at the same moment, and the index can.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (const { code, constraint } of causesOf(error)) if (code === '23505') return typeof constraint === 'string' ? constraint : null;
  return null;
}

/** An error and the errors it wraps (the query builder wraps the driver's). */
function* causesOf(error: unknown): Generator<{ code?: unknown; message?: unknown; constraint?: unknown }> {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 8; cause = (cause as { cause?: unknown }).cause, depth++) {
    yield cause;
  }
}

/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 58 system error. */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '58']);
/** Shutting down or starting (57P01–57P03), and the socket errors of Node's drivers. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres says these in words only. */
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/];
