// The gateway's one error shape, `{code, message, details: {reason, metadata, violations}}`, as a
// typed error the pages can show: the message for people, the reason for code that branches on it.
export interface Violation {
  field: string;
  message: string;
  rule: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
    readonly violations: Violation[] = [],
    readonly metadata: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: { reason?: unknown; metadata?: unknown; violations?: unknown };
}

export function errorFrom(status: number, body: unknown): ApiError {
  const b = (typeof body === "object" && body !== null ? body : {}) as ErrorBody;
  const str = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);
  const violations = Array.isArray(b.details?.violations) ? (b.details.violations as Violation[]) : [];
  const metadata = typeof b.details?.metadata === "object" && b.details.metadata ? (b.details.metadata as Record<string, string>) : {};
  return new ApiError(status, str(b.code, "unknown"), str(b.details?.reason, "UNKNOWN"), str(b.message, `request failed (${status})`), violations, metadata);
}

/** The message of any error thrown by a call, for the UI. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
