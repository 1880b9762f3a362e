// Composition root of the gateway: the kit's process bootstrap (config, telemetry, logs, registry,
// health, orderly stop), one transport per upstream deployable and the HTTP app. No database, bus
// or RPC server, so not the kit's startService.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { services } from "@shop/contracts";
import { runProcess, startProcess } from "@shop/kit/process";
import { createServiceTransport } from "@shop/kit/rpc/client";
import { buildApp } from "./app.ts";
import { gatewayEnv, gatewaySchema } from "./config.ts";
import { opsService } from "./service-discovery.ts";

async function startGateway() {
  const proc = startProcess({ name: "gateway", schema: gatewaySchema, env: gatewayEnv });
  const { config, logger, registry, health, tls } = proc;
  const c = config.value;
  const transports = Object.fromEntries(
    Object.keys(services).map((name) => [
      name,
      createServiceTransport(name, registry, { timeoutMs: c.rpcTimeoutMs, logger, internalToken: c.internalToken, tls }),
    ]),
  );
  proc.onStop("upstreams", () => Object.values(transports).forEach((t) => t.close()));
  const { api, ops } = buildApp({ config, logger, registry, transports, health });
  proc.onStop("ops", () => ops.close()); // after "http": metrics and health stay readable while the API drains
  proc.onStop("http", () => api.close()); // runs before "upstreams": stop accepting and drain first
  await ops.listen({ port: c.gateway.ops.port, host: c.gateway.ops.host });
  const opsPort = (ops.server.address() as AddressInfo).port;
  logger.info({ opsHost: c.gateway.ops.host, opsPort }, "operations listener (metrics, traces, health details) up");
  // In the registry too, so Prometheus finds every gateway's /metrics through /sd/prometheus.
  const opsHost = ["0.0.0.0", "::", ""].includes(c.gateway.ops.host) ? c.advertiseHost : c.gateway.ops.host;
  await registry.register({ id: `${opsService}-${randomUUID()}`, service: opsService, host: opsHost, httpPort: opsPort, grpcPort: 0 });
  await api.listen({ port: c.services.gateway.httpPort, host: c.bindHost });
  await proc.ready({ httpPort: (api.server.address() as AddressInfo).port, grpcPort: 0 });
  return proc;
}

await runProcess("gateway", startGateway);
