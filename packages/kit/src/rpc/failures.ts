// How a failed call attempt is judged: did the request reach a server, is the instance at fault
// (its circuit breaker counts it), and may the call be sent again.
import type { DescMethod } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "../errors.ts";

export function isIdempotent(method: DescMethod): boolean {
  return method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS || method.idempotency === MethodOptions_IdempotencyLevel.IDEMPOTENT;
}

/**
 * The connection broke under the call (the server was killed, a proxy hung up): Connect reports
 * that as Canceled or Aborted, which would read as the caller giving up. Unless the caller did,
 * call it what it is, Unavailable, so breakers and retries see it.
 */
export function normalize(err: unknown, callerSignal: AbortSignal | undefined): ConnectError {
  const ce = ConnectError.from(err);
  // An instance that cannot prove it is the service is no instance of it.
  if (certificateRefused(ce)) return new ConnectError(`instance refused: ${ce.rawMessage}`, Code.Unavailable, ce.metadata, undefined, ce);
  if ((ce.code === Code.Canceled || ce.code === Code.Aborted) && !callerSignal?.aborted) {
    return new ConnectError(`connection lost during the call: ${ce.rawMessage}`, Code.Unavailable, ce.metadata, undefined, ce);
  }
  return ce;
}

/** The server answered with this status itself (gRPC trailers), as opposed to the transport failing. */
const sentByServer = (err: ConnectError) => err.metadata.has("grpc-status");

/** A failure of the instance or the path to it, never a business answer such as NotFound. */
export function isTransportFailure(err: unknown): boolean {
  if (!(err instanceof ConnectError)) return false;
  if (err.code === Code.Unavailable || err.code === Code.DeadlineExceeded) return true;
  return err.code === Code.Internal && !sentByServer(err);
}

/** Failures that happen before a connection exists: no byte of the request went out. */
const beforeConnection = new Set(["connect", "getaddrinfo"]);
/**
 * The server's certificate was refused in the TLS handshake (tls.ts), before any request was sent:
 * Node's name check, or one of OpenSSL's chain verification results (X509_V_ERR_* without the prefix).
 */
const refusedCertificateCodes =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|INVALID_PURPOSE|INVALID_CA|PATH_LENGTH_EXCEEDED|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|[A-Z_]*SELF_SIGNED_CERT[A-Z_]*)$/;
const refusedCertificate = (cause: Error) => refusedCertificateCodes.test((cause as NodeJS.ErrnoException).code ?? "");

/** The instance could not prove it is the service called: no byte of the request went to it. */
export function certificateRefused(err: unknown): boolean {
  return err instanceof Error && [err, ...causes(err)].some(refusedCertificate);
}

/** The error's causes, innermost last (bounded: a cycle must not hang us). */
function causes(err: Error): Error[] {
  const list: Error[] = [];
  for (let cause = err.cause, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) list.push(cause);
  return list;
}

/** True when the request provably never reached a server, so even a non-idempotent call may go again. */
export function neverReachedServer(err: ConnectError): boolean {
  // HTTP/2 REFUSED_STREAM promises the server did not process the stream.
  if (err.code === Code.Unavailable && err.rawMessage.includes("REFUSED_STREAM")) return true;
  return causes(err).some((cause) => {
    const { syscall } = cause as NodeJS.ErrnoException;
    return (!!syscall && beforeConnection.has(syscall)) || refusedCertificate(cause);
  });
}

/** Whether sending the call again (to another instance) is safe and may help. */
export function mayRetry(method: DescMethod, err: ConnectError): boolean {
  if (neverReachedServer(err)) return true;
  if (!isIdempotent(method)) return false;
  // A throttle that names a retry-after will not let us in within this call's deadline.
  if (err.code === Code.ResourceExhausted) return !errorDetailOf(err)?.retryAfterSeconds;
  return isTransportFailure(err);
}
