// Expected outcomes are AppErrors: a kind, a stable reason and details. They are mapped to Connect
// codes here and only here; anything else that escapes a handler is a bug and becomes INTERNAL.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorsv1 } from "@shop/contracts";

export type ErrorKind =
  "invalid_argument" | "not_found" | "already_exists" | "failed_precondition" | "unauthenticated" | "permission_denied" | "resource_exhausted" | "unavailable";

const codeOf: Record<ErrorKind, Code> = {
  invalid_argument: Code.InvalidArgument,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  failed_precondition: Code.FailedPrecondition,
  unauthenticated: Code.Unauthenticated,
  permission_denied: Code.PermissionDenied,
  resource_exhausted: Code.ResourceExhausted,
  unavailable: Code.Unavailable,
};

export interface AppErrorOptions {
  metadata?: Record<string, string>;
  retryAfterSeconds?: number;
  violations?: { field: string; message: string; rule?: string }[];
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly reason: string,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what.toUpperCase()}_NOT_FOUND`, `${what} not found`);

export function toConnectError(err: AppError): ConnectError {
  const detail = create(errorsv1.ErrorDetailSchema, {
    reason: err.reason,
    metadata: err.options.metadata ?? {},
    retryAfterSeconds: err.options.retryAfterSeconds ?? 0,
    violations: (err.options.violations ?? []).map((v) => ({ field: v.field, message: v.message, rule: v.rule ?? "" })),
  });
  return new ConnectError(err.message, codeOf[err.kind], undefined, [{ desc: errorsv1.ErrorDetailSchema, value: detail }]);
}

/** The ErrorDetail a ConnectError carries, if any. */
export function errorDetailOf(err: ConnectError): errorsv1.ErrorDetail | undefined {
  return err.findDetails(errorsv1.ErrorDetailSchema)[0];
}
