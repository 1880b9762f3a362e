// Throttling over a sliding window (failed logins, registrations): with `limit` attempts inside it,
// the next one waits until the limit-th newest one leaves the window (normally the oldest counted).

/** Seconds to wait, given the age of the limit-th newest failure in the window; 0 when not throttled. */
export function retryAfterSeconds(limitThNewestAgeSeconds: number | undefined, windowSeconds: number): number {
  if (limitThNewestAgeSeconds === undefined) return 0;
  return Math.max(1, Math.ceil(windowSeconds - limitThNewestAgeSeconds));
}
