// What every process of the system starts with, the gateway and each service alike: tracing, config
// (its log level followed live), logs, the registry, readiness checks, the "ready" line and an
// orderly stop. service.ts builds a service on top of it; the gateway uses it directly.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { loadConfig, type Config, type EnvMap } from "./config.ts";
import { createRegistry } from "./discovery/create.ts";
import type { Registry } from "./discovery/registry.ts";
import { createHealth, type Health } from "./health.ts";
import { createLogger, type Logger } from "./log.ts";
import type { Deployable, PlatformConfig } from "./platform.ts";
import { checkInternalTrust } from "./rpc/internal-trust.ts";
import { loadTls, type TlsMaterial } from "./rpc/tls.ts";
import { createShutdown, createSteps } from "./shutdown.ts";
import { initTelemetry, type Telemetry } from "./telemetry.ts";

export interface ProcessContext<C extends PlatformConfig> {
  config: Config<C>;
  logger: Logger;
  telemetry: Telemetry;
  registry: Registry;
  health: Health;
  /** The cluster's CA and this process's certificate (tls.*): mutual TLS for its calls and its gRPC listener; undefined: h2c. */
  tls: TlsMaterial | undefined;
}

export interface StartProcessOptions<S extends z.ZodType<PlatformConfig>> {
  name: Deployable;
  schema: S;
  env: EnvMap;
  environment?: NodeJS.ProcessEnv;
}

export interface KitProcess<C extends PlatformConfig> extends ProcessContext<C> {
  /**
   * Adds a step to `stop`. Steps run in reverse order of adding, after the process stopped being
   * ready and left the registry, and before the config watch and tracing close.
   */
  onStop(name: string, run: () => Promise<void> | void): void;
  /** Registers this instance with the ports actually bound and logs the line the launcher and tests wait on. */
  ready(ports: { httpPort: number; grpcPort: number }): Promise<void>;
  stop(): Promise<void>;
}

export function startProcess<S extends z.ZodType<PlatformConfig>>(opts: StartProcessOptions<S>): KitProcess<z.output<S>> {
  // Tracing first, so the instrumentations are in place before pg or http are first used.
  const telemetry = initTelemetry(opts.name, opts.environment);
  const config = loadConfig(opts.schema, opts.env, opts.environment);
  const c = config.value;
  checkInternalTrust(c.bindHost, c.internalToken);
  const logger = createLogger(opts.name, c.logLevel);
  config.onChange((next) => {
    if (logger.level !== next.logLevel) logger.info({ from: logger.level, to: next.logLevel }, "log level changed");
    logger.level = next.logLevel;
  });
  const tls = loadTls(c.tls, opts.name);
  const registry = createRegistry(c, logger);
  const health = createHealth();
  const steps = createSteps(logger);
  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    telemetry,
    registry,
    health,
    tls,
    onStop: steps.add,
    async ready({ httpPort, grpcPort }) {
      await registry.register({ id: `${opts.name}-${randomUUID()}`, service: opts.name, host: c.advertiseHost, httpPort, grpcPort, version: c.serviceVersion });
      logger.info({ ready: true, httpPort, grpcPort }, "ready");
    },
    stop() {
      stopping ??= (async () => {
        health.setDraining();
        await registry.close(); // callers stop picking us before we stop answering
        await steps.run();
        config.close();
        await telemetry.shutdown();
      })();
      return stopping;
    },
  };
}

/** For main.ts: start, then stop on SIGTERM/SIGINT or when the launcher goes away; a failed start is logged and exits 1. */
export async function runProcess(name: Deployable, start: () => Promise<{ logger: Logger; stop(): Promise<void> }>): Promise<void> {
  try {
    const running = await start();
    createShutdown(running.logger).add(name, () => running.stop());
  } catch (err) {
    createLogger(name).fatal({ err }, "failed to start");
    process.exit(1);
  }
}
