// Prometheus metrics: one registry per process, default Node metrics plus per-RPC rate, errors
// and latency, shared by server and client interceptors.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const rpcServerRequests = new Counter({
  name: "rpc_server_requests_total",
  help: "RPCs handled, by method and Connect code",
  labelNames: ["service", "method", "code"] as const,
  registers: [metricsRegistry],
});

export const rpcServerDuration = new Histogram({
  name: "rpc_server_duration_seconds",
  help: "RPC handling time",
  labelNames: ["service", "method"] as const,
  buckets,
  registers: [metricsRegistry],
});

export const rpcClientRequests = new Counter({
  name: "rpc_client_requests_total",
  help: "RPCs sent, by target method and Connect code",
  labelNames: ["service", "method", "code"] as const,
  registers: [metricsRegistry],
});

export const rpcClientDuration = new Histogram({
  name: "rpc_client_duration_seconds",
  help: "RPC round-trip time seen by the caller",
  labelNames: ["service", "method"] as const,
  buckets,
  registers: [metricsRegistry],
});

/**
 * Every circuit breaker's state, one series per breaker: `kind` is `rpc` (one per called instance,
 * `target` = `<service>/<instance id>`), `postgres`, `redis` or `amqp` (`target` names the client).
 * 0 closed, 1 half-open (one probe let through), 2 open (failing fast). A breaker that is gone
 * (an instance left the registry) removes its series.
 */
export const breakerState = new Gauge({
  name: "circuit_breaker_state",
  help: "Circuit breaker state: 0 closed, 1 half-open, 2 open",
  labelNames: ["kind", "target"] as const,
  registers: [metricsRegistry],
});

export const breakerStateValue = { closed: 0, halfOpen: 1, open: 2 } as const;
