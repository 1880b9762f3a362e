// Builds the operations console's parts from the gateway's own (config, registry watch, health,
// operations listener) and installs its routes, so app.ts adds it in one call.
import type { AddressInfo } from "node:net";
import type { Config } from "@shop/kit/config";
import type { Health } from "@shop/kit/health";
import type { Logger } from "@shop/kit/log";
import { metricsRegistry } from "@shop/kit/metrics";
import { initTelemetry } from "@shop/kit/telemetry";
import type { FastifyInstance } from "fastify";
import type { Authorize } from "../auth.ts";
import type { GatewayConfig } from "../config.ts";
import { installConsole } from "./admin.ts";
import { createDeadLetterDesk } from "./dead-letters.ts";
import { createRouteStats } from "./route-stats.ts";
import type { TargetDeps } from "./targets.ts";

export interface WireDeps {
  config: Config<GatewayConfig>;
  logger: Logger;
  authorize: Authorize;
  health: Health;
  deployables: string[];
  instances: TargetDeps["instances"];
  /** The operations listener, to tell this gateway from the others registered. */
  ops: FastifyInstance;
}

const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo | null)?.port;

export function installOperationsConsole(app: FastifyInstance, d: WireDeps): void {
  const c = d.config.value;
  const telemetry = initTelemetry("gateway");
  installConsole(app, {
    authorize: d.authorize,
    targets: {
      deployables: d.deployables,
      instances: d.instances,
      internalToken: c.internalToken,
      // For a person, not a probe: a slow instance shown as slow beats one called unreachable.
      timeoutMs: () => Math.max(d.config.value.gateway.healthTimeoutMs, 5000),
      self: () => ({ hosts: [c.advertiseHost, c.gateway.ops.host], port: portOf(d.ops) }),
    },
    self: {
      health: d.health,
      id: `gateway-pid${process.pid}`,
      address: () => `${c.advertiseHost}:${portOf(app) ?? c.services.gateway.httpPort}`,
      version: c.serviceVersion,
    },
    traces: { recentSpans: (id) => telemetry.recentSpans(id), store: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? "collector" : "memory" },
    routeStats: createRouteStats(metricsRegistry),
    deadLetters: createDeadLetterDesk(c, d.logger),
  });
}
