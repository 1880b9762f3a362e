// Prometheus metrics: one registry per process, default Node metrics plus per-RPC rate, errors
// and latency, shared by server and client interceptors.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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
