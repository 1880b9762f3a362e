// What another service's refusal means to our caller: its expected outcomes (OUT_OF_STOCK,
// ADDRESS_NOT_FOUND, …) pass through as ours, with their reason and details; a service that
// cannot be reached is UNAVAILABLE, naming it. Anything else is a bug and stays an error.
import { Code, ConnectError } from "@connectrpc/connect";
import { AppError, errorDetailOf, type ErrorKind } from "../errors.ts";
import { isTransportFailure } from "./failures.ts";

const passedThrough: Partial<Record<Code, ErrorKind>> = {
  [Code.FailedPrecondition]: "failed_precondition",
  [Code.NotFound]: "not_found",
};

export function asUpstreamError(err: unknown, service: string): unknown {
  if (!(err instanceof ConnectError)) return err;
  const detail = errorDetailOf(err);
  const kind = passedThrough[err.code];
  if (kind && detail) return new AppError(kind, detail.reason, err.rawMessage, { metadata: { ...detail.metadata } });
  if (isTransportFailure(err) || err.code === Code.ResourceExhausted) {
    return new AppError("unavailable", `${service.toUpperCase()}_UNAVAILABLE`, `the ${service} service did not answer: try again shortly`, {
      retryAfterSeconds: 1,
    });
  }
  return err;
}

/** Runs `call`, turning its failure into what it means here (see asUpstreamError). */
export async function upstream<T>(service: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw asUpstreamError(err, service);
  }
}
