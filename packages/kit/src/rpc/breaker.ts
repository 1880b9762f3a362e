// One instance as the balancer sees it: its own HTTP/2 connection (Connect protocol) and its own
// circuit breaker (cockatiel), which counts only transport failures of that instance. With
// certificates the connection is mutual TLS and the instance must prove it is the service (tls.ts).
import { type Interceptor, type Transport } from "@connectrpc/connect";
import { createConnectTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";
import type { Instance } from "../discovery/registry.ts";
import type { Logger } from "../log.ts";
import { breakerState, breakerStateValue } from "../metrics.ts";
import { isTransportFailure } from "./failures.ts";
import { clientTlsOptions, type TlsMaterial } from "./tls.ts";

export interface BreakerOptions {
  /** Consecutive transport failures that open the breaker. */
  failures: number;
  /** How long an open breaker rejects before letting one probe call through. */
  cooldownMs: number;
}

export interface Member {
  instance: Instance;
  transport: Transport;
  breaker: CircuitBreakerPolicy;
  /** When this instance last failed at transport level (0: never); picks the fallback when all breakers are open. */
  lastFailureAt: number;
  /** Runs one attempt against this instance, bookkeeping failures and in-flight calls. */
  run<T>(attempt: (transport: Transport) => Promise<T>): Promise<T>;
  /** The instance left the registry: close the connection once in-flight calls are done. */
  retire(): void;
}

export function createMember(instance: Instance, interceptors: Interceptor[], opts: BreakerOptions, logger?: Logger, tls?: TlsMaterial): Member {
  const baseUrl = `${tls ? "https" : "http"}://${instance.host}:${instance.grpcPort}`;
  // PINGs on busy connections find a peer that vanished without a FIN (pulled cable, partition).
  const sessionManager = new Http2SessionManager(
    baseUrl,
    { pingIntervalMs: 15_000, pingTimeoutMs: 5_000 },
    tls ? clientTlsOptions(tls, instance.service) : undefined,
  );
  const breaker = circuitBreaker(handleWhen(isTransportFailure), {
    halfOpenAfter: opts.cooldownMs,
    breaker: new ConsecutiveBreaker(opts.failures),
  });
  const who = { service: instance.service, instance: instance.id, address: baseUrl };
  const series = { kind: "rpc", target: `${instance.service}/${instance.id}` };
  breakerState.set(series, breakerStateValue.closed);
  breaker.onBreak(() => {
    breakerState.set(series, breakerStateValue.open);
    logger?.warn(who, "circuit breaker opened");
  });
  breaker.onHalfOpen(() => breakerState.set(series, breakerStateValue.halfOpen));
  breaker.onReset(() => {
    breakerState.set(series, breakerStateValue.closed);
    logger?.info(who, "circuit breaker closed");
  });
  let inFlight = 0;
  let retired = false;
  const member: Member = {
    instance,
    // The Connect protocol, binary, over the service's HTTP/2 port: per call, half of gRPC's CPU in the
    // service and two thirds in the caller with connect-node (npm run bench:rpc); the port still
    // serves gRPC to foreign clients.
    transport: createConnectTransport({ baseUrl, httpVersion: "2", useBinaryFormat: true, sessionManager, interceptors }),
    breaker,
    lastFailureAt: 0,
    async run(attempt) {
      inFlight++;
      try {
        return await attempt(member.transport);
      } catch (err) {
        if (isTransportFailure(err)) member.lastFailureAt = Date.now();
        throw err;
      } finally {
        if (--inFlight === 0 && retired) sessionManager.abort();
      }
    },
    retire() {
      retired = true;
      breakerState.remove(series);
      if (inFlight === 0) sessionManager.abort();
    },
  };
  return member;
}
