// The common composition of a service process: config, logs, tracing, its database (created and
// migrated), the event bus with the outbox relay, the two-listener RPC server, registration,
// readiness and an orderly stop.
// A service's main.ts calls startService with what is its own: schema, migrations, routes.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConnectRouter } from "@connectrpc/connect";
import type { z } from "zod";
import { createBus } from "./bus/create.ts";
import { startOutboxRelay } from "./bus/outbox-relay.ts";
import type { Bus } from "./bus/port.ts";
import { loadConfig, type Config, type EnvMap } from "./config.ts";
import { createDb, ensureDatabase, databaseUrl, migrate, type Db } from "./db.ts";
import { createRegistry } from "./discovery/create.ts";
import type { Registry } from "./discovery/registry.ts";
import { createHealth, type Health } from "./health.ts";
import { createLogger, type Logger } from "./log.ts";
import type { Deployable, PlatformConfig } from "./platform.ts";
import type { TokenVerifier } from "./rpc/server-interceptors.ts";
import { withIdempotency } from "./rpc/idempotency.ts";
import { startRpcServer, type RpcServer } from "./rpc/server.ts";
import { createShutdown } from "./shutdown.ts";
import { initTelemetry } from "./telemetry.ts";

const kitMigrations = fileURLToPath(new URL("../migrations", import.meta.url));

export interface ServiceContext<C extends PlatformConfig> {
  config: Config<C>;
  logger: Logger;
  db: Db;
  /** Subscribe here; publish through the outbox (bus/outbox.ts), which the kit relays. */
  bus: Bus;
  registry: Registry;
  health: Health;
}

export interface ServiceParts {
  routes: (router: ConnectRouter) => void;
  verifyToken: TokenVerifier;
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Runs on stop, after the bus closed (no handler runs any more), before the database pool closes. */
  stop?: () => Promise<void>;
}

export interface StartServiceOptions<S extends z.ZodType<PlatformConfig>> {
  name: Deployable;
  schema: S;
  env: EnvMap;
  migrationsDir: string;
  build: (ctx: ServiceContext<z.output<S>>) => Promise<ServiceParts> | ServiceParts;
  environment?: NodeJS.ProcessEnv;
}

export interface RunningService {
  rpc: RpcServer;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startService<S extends z.ZodType<PlatformConfig>>(opts: StartServiceOptions<S>): Promise<RunningService> {
  const telemetry = initTelemetry(opts.name, opts.environment);
  const config = loadConfig(opts.schema, opts.env, opts.environment);
  const c = config.value;
  const logger = createLogger(opts.name, c.logLevel);
  config.onChange((next) => {
    if (logger.level !== next.logLevel) logger.info({ from: logger.level, to: next.logLevel }, "log level changed");
    logger.level = next.logLevel;
  });
  const database = `${c.dbPrefix}${opts.name}`;
  await ensureDatabase(c.postgresUrl, database);
  const db = createDb(databaseUrl(c.postgresUrl, database));
  const applied = [...(await migrate(db, kitMigrations, "kit")), ...(await migrate(db, opts.migrationsDir))];
  if (applied.length) logger.info({ applied }, "migrations applied");
  const health = createHealth();
  health.addCheck("postgres", async () => void (await db.$client.query("select 1")));
  const bus = await createBus(c, logger, opts.name);
  health.addCheck("bus", () => bus.ping());
  const relay = startOutboxRelay(db, bus, logger);
  const registry = createRegistry(c, logger);
  const parts = await opts.build({ config, logger, db, bus, registry, health });
  const own = c.services[opts.name];
  const rpc = await startRpcServer({ name: opts.name, host: c.bindHost, httpPort: own.httpPort, grpcPort: own.grpcPort, health, logger, internalToken: c.internalToken, ...parts, routes: withIdempotency(db, parts.routes) });
  await registry.register({ id: `${opts.name}-${randomUUID()}`, service: opts.name, host: c.advertiseHost, httpPort: rpc.httpPort, grpcPort: rpc.grpcPort });
  // One line for the launcher and tests to wait on, with the ports actually bound.
  logger.info({ ready: true, httpPort: rpc.httpPort, grpcPort: rpc.grpcPort }, "ready");
  return {
    rpc,
    logger,
    async stop() {
      health.setDraining();
      await registry.close(); // callers stop picking us before we stop answering
      await rpc.close();
      await relay.stop(); // what it did not publish stays in the outbox for the next start
      await bus.close(); // subscriptions finish their handlers first
      await parts.stop?.();
      await db.$client.end();
      config.close();
      await telemetry.shutdown();
    },
  };
}

/** For main.ts: start, and stop on SIGTERM/SIGINT or when the launcher goes away. */
export async function runService<S extends z.ZodType<PlatformConfig>>(opts: StartServiceOptions<S>): Promise<void> {
  try {
    const svc = await startService(opts);
    createShutdown(svc.logger).add("service", () => svc.stop());
  } catch (err) {
    createLogger(opts.name).fatal({ err }, "failed to start");
    process.exit(1);
  }
}
