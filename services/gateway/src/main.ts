// Composition root of the gateway: config, telemetry, logs, registry, one transport per upstream
// deployable, the HTTP app, then an orderly stop. No database, so not kit's startService.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { services } from "@shop/contracts";
import { loadConfig } from "@shop/kit/config";
import { createRegistry } from "@shop/kit/discovery/create";
import { createHealth } from "@shop/kit/health";
import { createLogger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import { createShutdown } from "@shop/kit/shutdown";
import { initTelemetry } from "@shop/kit/telemetry";
import { buildApp } from "./app.ts";
import { gatewayEnv, gatewaySchema } from "./config.ts";

async function main(): Promise<void> {
  const telemetry = initTelemetry("gateway");
  const config = loadConfig(gatewaySchema, gatewayEnv);
  const c = config.value;
  const logger = createLogger("gateway", c.logLevel);
  config.onChange((next) => {
    if (logger.level !== next.logLevel) logger.info({ from: logger.level, to: next.logLevel }, "log level changed");
    logger.level = next.logLevel;
  });
  const shutdown = createShutdown(logger);
  shutdown.add("telemetry", () => telemetry.shutdown());
  shutdown.add("config", () => config.close());

  const registry = createRegistry(c, logger);
  shutdown.add("registry", () => registry.close());
  const transports = Object.fromEntries(Object.keys(services).map((name) => [name, createServiceTransport(name, registry, { timeoutMs: c.rpcTimeoutMs, logger, internalToken: c.internalToken })]));
  shutdown.add("upstreams", () => Object.values(transports).forEach((t) => t.close()));
  const health = createHealth();
  const app = buildApp({ config, logger, registry, transports, health });
  // Hooks run in reverse: stop being ready, stop accepting and drain, then the rest.
  shutdown.add("http", () => app.close());
  shutdown.add("readiness", () => health.setDraining());

  await app.listen({ port: c.services.gateway.httpPort, host: c.bindHost });
  const httpPort = (app.server.address() as AddressInfo).port;
  await registry.register({ id: `gateway-${randomUUID()}`, service: "gateway", host: c.advertiseHost, httpPort, grpcPort: 0 });
  // One line for the launcher and tests to wait on, with the port actually bound.
  logger.info({ ready: true, httpPort, grpcPort: 0 }, "ready");
}

main().catch((err: unknown) => {
  createLogger("gateway").fatal({ err }, "failed to start");
  process.exit(1);
});
