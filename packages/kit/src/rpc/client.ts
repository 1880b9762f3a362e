// Typed clients of other services: a Connect transport balanced over the live instances the
// registry reports. Every call has a deadline; idempotent calls (and calls that provably never
// reached a server) are retried with jittered exponential back-off on another instance; each
// instance has a circuit breaker. Calls are counted, timed and traced.
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import type { Instance, Registry } from "../discovery/registry.ts";
import type { Logger } from "../log.ts";
import { rpcClientDuration, rpcClientRequests } from "../metrics.ts";
import { injectTraceHeaders } from "../telemetry.ts";
import { createBalancer } from "./balancer.ts";
import type { BreakerOptions, Member } from "./breaker.ts";
import { isIdempotent, mayRetry, normalize } from "./failures.ts";
import { internalTokenHeader } from "./internal-trust.ts";
import { codeName } from "./server-interceptors.ts";
import type { TlsMaterial } from "./tls.ts";
import { versionPickKey, type VersionPick } from "./version-pick.ts";

export interface ClientOptions {
  /** Default deadline per call in ms; a call's own `timeoutMs` wins. */
  timeoutMs: number;
  /** Attempts per call, the first included (default 3). */
  maxAttempts?: number;
  /** Per-instance circuit breaker (default: 3 consecutive failures open it for 5 s). */
  breaker?: Partial<BreakerOptions>;
  /** Where breaker transitions are logged. */
  logger?: Logger;
  /** Sent with every call so the callee treats this caller as internal (SHOP_INTERNAL_TOKEN). */
  internalToken?: string;
  /** The cluster's CA and this process's certificate: calls go over mutual TLS, to instances whose certificate names `service`. */
  tls?: TlsMaterial;
}

export interface ServiceTransport extends Transport {
  /** The instances the registry reports right now (for health pages). */
  instances(): Instance[];
  /** Stops following the registry and closes the connections. */
  close(): void;
}

// Short, jittered (decorrelated) back-off: the next attempt goes to another instance anyway.
const backoff = new ExponentialBackoff({ initialDelay: 25, maxDelay: 200 });
/** No retry is started with less time than this left: it would only end in DeadlineExceeded. */
const minRetryBudgetMs = 250;

const tracer = trace.getTracer("shop-rpc");

/** Carries the caller's trace into the request headers. */
const propagateTrace: Interceptor = (next) => (req) => {
  injectTraceHeaders(req.header);
  return next(req);
};

/** A client span around the whole call (all attempts), plus the client metrics. */
async function observed<T>(target: string, method: DescMethod, call: () => Promise<T>): Promise<T> {
  const service = method.parent.typeName;
  const span = tracer.startSpan(`${service}/${method.name}`, {
    kind: SpanKind.CLIENT,
    attributes: { "rpc.system": "connect_rpc", "rpc.service": service, "rpc.method": method.name, "peer.service": target },
  });
  const end = rpcClientDuration.startTimer({ service, method: method.name });
  let code = "ok";
  try {
    return await context.with(trace.setSpan(context.active(), span), call);
  } catch (err) {
    const ce = ConnectError.from(err);
    code = codeName(ce.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: ce.rawMessage });
    throw ce;
  } finally {
    end();
    rpcClientRequests.inc({ service, method: method.name, code });
    span.setAttribute("rpc.connect_rpc.error_code", code);
    span.end();
  }
}

export function createServiceTransport(service: string, registry: Registry, opts: ClientOptions): ServiceTransport {
  const maxAttempts = opts.maxAttempts ?? 3;
  const breaker: BreakerOptions = { failures: 3, cooldownMs: 5000, ...opts.breaker };
  const token = opts.internalToken;
  const presentToken: Interceptor = (next) => (req) => {
    if (token) req.header.set(internalTokenHeader, token);
    return next(req);
  };
  const balancer = createBalancer(service, registry, [propagateTrace, presentToken], breaker, opts.logger, opts.tls);

  /**
   * Runs `attempt` within the call's deadline, retrying where `mayRetry` allows. While another
   * attempt could follow, an idempotent call gives an attempt half the time left, so one hung
   * instance still leaves time to try another; otherwise an attempt gets all the time left.
   */
  async function withRetries<T>(
    method: DescMethod,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    pick: VersionPick | undefined,
    attempt: (transport: Transport, attemptMs: number) => Promise<T>,
  ): Promise<T> {
    const callMs = timeoutMs ?? opts.timeoutMs;
    const deadline = Date.now() + callMs;
    const idempotent = isIdempotent(method);
    await balancer.ready(callMs, signal);
    const tried = new Set<Member>();
    const policy = retry(
      handleWhen((err) => err instanceof ConnectError && deadline - Date.now() > minRetryBudgetMs && mayRetry(method, err)),
      { maxAttempts: maxAttempts - 1, backoff },
    );
    policy.onRetry((r) => trace.getActiveSpan()?.addEvent("retry", { "rpc.retry.delay_ms": r.delay, "rpc.retry.error": "error" in r ? String(r.error) : "" }));
    return policy.execute(({ attempt: retries }) => {
      const left = deadline - Date.now();
      if (left <= 0) throw new ConnectError(`deadline of ${callMs} ms exceeded`, Code.DeadlineExceeded);
      const split = idempotent && retries < maxAttempts - 1 && left / 2 > minRetryBudgetMs;
      const attemptMs = split ? Math.ceil(left / 2) : left;
      return balancer.run(
        tried,
        (transport) =>
          attempt(transport, attemptMs).catch((err: unknown) => {
            throw normalize(err, signal);
          }),
        pick,
      );
    }, signal);
  }

  return {
    unary: (method, signal, timeoutMs, header, input, contextValues) =>
      observed(service, method, () =>
        withRetries(method, signal, timeoutMs, contextValues?.get(versionPickKey), (t, attemptMs) =>
          t.unary(method, signal, attemptMs, header, input, contextValues),
        ),
      ),
    // A stream's input can be consumed once, so it is never retried; only its start is observed.
    stream: (method, signal, timeoutMs, header, input, contextValues) =>
      observed(service, method, async () => {
        const callMs = timeoutMs ?? opts.timeoutMs;
        await balancer.ready(callMs, signal);
        return balancer.run(
          new Set(),
          (t) =>
            t.stream(method, signal, callMs, header, input, contextValues).catch((err: unknown) => {
              throw normalize(err, signal);
            }),
          contextValues?.get(versionPickKey),
        );
      }),
    instances: () => balancer.instances(),
    close: () => balancer.close(),
  };
}

export function createServiceClient<T extends DescService>(desc: T, transport: Transport): Client<T> {
  return createClient(desc, transport);
}

/** Transports to several services with the same options, closed together when the caller stops. */
export function serviceTransports(registry: Registry, opts: ClientOptions): { to: (service: string) => ServiceTransport; close: () => void } {
  const open: ServiceTransport[] = [];
  return {
    to: (service) => {
      const t = createServiceTransport(service, registry, opts);
      open.push(t);
      return t;
    },
    close: () => open.forEach((t) => t.close()),
  };
}
