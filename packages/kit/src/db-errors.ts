// PostgreSQL constraint violations as data, and the one way a service turns them into expected
// outcomes: a table from constraint name to domain error. The database settles races (two writers
// taking one name, a parent deleted meanwhile); this reports its verdict instead of a 500.

const kindOf: Readonly<Record<string, ConstraintKind>> = { "23505": "unique", "23503": "foreign_key", "23514": "check" };

export type ConstraintKind = "unique" | "foreign_key" | "check";

export interface ConstraintViolation {
  kind: ConstraintKind;
  /** The constraint's (or unique index's) name, as the migration declares it. */
  constraint: string;
}

/** The constraint `err` violated, looking through drizzle's wrapping (`cause`); else undefined. */
export function constraintViolation(err: unknown): ConstraintViolation | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const pg = e as Error & { code?: unknown; constraint?: unknown };
    const kind = typeof pg.code === "string" ? kindOf[pg.code] : undefined;
    if (kind) return { kind, constraint: typeof pg.constraint === "string" ? pg.constraint : "" };
  }
  return undefined;
}

/** What a violation of each named constraint means to the service: the error to report instead. */
export type ConstraintMeanings = Readonly<Record<string, (violation: ConstraintViolation) => unknown>>;

/**
 * The error to throw for `err`: the meaning of the constraint it violated when `meanings` names it,
 * else `err` itself (an unexpected violation is a bug and stays one).
 */
export function asDomainError(err: unknown, meanings: ConstraintMeanings): unknown {
  const violation = constraintViolation(err);
  const meaning = violation && Object.hasOwn(meanings, violation.constraint) ? meanings[violation.constraint] : undefined;
  return meaning && violation ? meaning(violation) : err;
}

/** Whether PostgreSQL cancelled the statement (57014): its statement_timeout, or a cancel request. */
export function isStatementCancelled(err: unknown): boolean {
  return codes(err).includes("57014");
}

/** The codes of `err` and its causes (drizzle wraps pg's error in its own). */
function codes(err: unknown): unknown[] {
  const found: unknown[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) found.push((e as Error & { code?: unknown }).code);
  return found;
}

// Connection exceptions (class 08), too many connections, the server shutting down or starting up.
const unavailableCodes = /^(08...|53300|57P0[123])$/;

const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH"]);
// pg-pool's connectionTimeoutMillis; pg on a connection that ended or broke (also under a caller
// that still holds the client); db-breaker.ts dropping a connection that stopped answering.
const lostConnection =
  /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|PostgreSQL not answering)/;

/**
 * Whether the database could not be reached or refused the connection (no free slot, shutting
 * down, the pool's wait for a connection timed out): a passing condition to retry, not a bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { code } = e as Error & { code?: unknown };
    if (typeof code === "string" && (unavailableCodes.test(code) || socketCodes.has(code))) return true;
    if (code === "EBREAKEROPEN" || lostConnection.test(e.message)) return true;
  }
  return false;
}

/** Whether PostgreSQL turned the connection away for a moment: every slot taken (53300), or still starting (57P03). */
export function isServerBusy(err: unknown): boolean {
  return codes(err).some((code) => code === "53300" || code === "57P03");
}
