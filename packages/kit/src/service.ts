// A service process: the kit's process bootstrap (process.ts) plus what every service has and the
// gateway has not: its database (created and migrated), the event bus with the outbox relay and the
// two-listener RPC server.
// A service's main.ts calls runService with what is its own: schema, migrations, routes.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConnectRouter } from "@connectrpc/connect";
import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import type { z } from "zod";
import { createBus } from "./bus/create.ts";
import { deadLetterCounter } from "./bus/dead-letter-count.ts";
import { withDeadLetterGauge } from "./bus/dead-letter-gauge.ts";
import { startOutboxRelay } from "./bus/outbox-relay.ts";
import type { Bus } from "./bus/port.ts";
import type { EnvMap } from "./config.ts";
import { isServerBusy } from "./db-errors.ts";
import { createDb, ensureDatabase, databaseUrl, migrate, type Db } from "./db.ts";
import type { Logger } from "./log.ts";
import type { Deployable, PlatformConfig } from "./platform.ts";
import { runProcess, startProcess, type ProcessContext } from "./process.ts";
import type { TokenVerifier } from "./rpc/server-interceptors.ts";
import { withIdempotency } from "./rpc/idempotency.ts";
import { startRpcServer, type RpcServer } from "./rpc/server.ts";
import { readOrCreateSecret } from "./secret-file.ts";

const kitMigrations = fileURLToPath(new URL("../migrations", import.meta.url));

export interface ServiceContext<C extends PlatformConfig> extends ProcessContext<C> {
  db: Db;
  /** Subscribe here; publish through the outbox (bus/outbox.ts), which the kit relays. */
  bus: Bus;
}

export interface ServiceParts {
  routes: (router: ConnectRouter) => void;
  verifyToken: TokenVerifier;
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Largest request the RPC server reads, when the default 1 MiB does not fit (the file service's uploads). */
  readMaxBytes?: number;
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
  const proc = startProcess(opts);
  const { config, logger, telemetry, registry, health, tls } = proc;
  const c = config.value;
  const database = `${c.dbPrefix}${opts.name}`;
  await whenAdmitted(logger, () => ensureDatabase(c.postgresUrl, database));
  const db = createDb(databaseUrl(c.postgresUrl, database), c.dbPoolMax, c.dbStatementTimeoutMs, c.dbIdleSeconds * 1000);
  // Stop steps run in reverse order of adding: listeners, relay, bus, the parts' own stop, database.
  proc.onStop("database", () => db.$client.end());
  const applied = await whenAdmitted(logger, async () => [...(await migrate(db, kitMigrations, "kit")), ...(await migrate(db, opts.migrationsDir))]);
  if (applied.length) logger.info({ applied }, "migrations applied");
  health.addCheck("postgres", async () => void (await db.$client.query("select 1")));
  const bus = withDeadLetterGauge(await whenAdmitted(logger, () => createBus(c, logger, opts.name)), deadLetterCounter(c), logger);
  health.addCheck("bus", () => bus.ping());
  const relay = startOutboxRelay(db, bus, logger, { service: opts.name });
  const parts = await opts.build({ config, logger, telemetry, registry, health, tls, db, bus });
  proc.onStop("parts", () => parts.stop?.()); // after the bus closed: no handler runs any more
  proc.onStop("bus", () => bus.close()); // subscriptions finish their handlers first
  proc.onStop("outbox relay", () => relay.stop()); // what it did not publish stays in the outbox for the next start
  const own = c.services[opts.name];
  const idempotencySecret = c.idempotencySecret
    ? Buffer.from(c.idempotencySecret)
    : readOrCreateSecret(join(c.dataDir, "keys", `idempotency-${opts.name}.key`));
  const rpc = await startRpcServer({
    name: opts.name,
    host: c.bindHost,
    httpPort: own.httpPort,
    grpcPort: own.grpcPort,
    health,
    logger,
    internalToken: c.internalToken,
    tls,
    ...parts,
    routes: withIdempotency({ db, secret: idempotencySecret }, parts.routes),
  });
  proc.onStop("rpc", () => rpc.close());
  await proc.ready({ httpPort: rpc.httpPort, grpcPort: rpc.grpcPort });
  return { rpc, logger, stop: () => proc.stop() };
}

// PostgreSQL turning connections away for a moment (every slot taken while a whole cluster starts,
// or the server still starting) is waited out at start, up to about half a minute, rather than
// ending the process; any other error (a wrong URL, a refused login) fails the start at once.
const admission = retry(handleWhen(isServerBusy), { maxAttempts: 10, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 5000 }) });

function whenAdmitted<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  return admission.execute(({ attempt }) => {
    if (attempt > 0) logger.warn({ attempt }, "PostgreSQL is turning connections away; trying again");
    return work();
  });
}

/** For main.ts: start, and stop on SIGTERM/SIGINT or when the launcher goes away. */
export async function runService<S extends z.ZodType<PlatformConfig>>(opts: StartServiceOptions<S>): Promise<void> {
  await runProcess(opts.name, () => startService(opts));
}
