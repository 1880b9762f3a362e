// The whole system as the launcher runs it: a lock on the data folder, PostgreSQL (embedded unless
// SHOP_POSTGRES_URL is set), then the services one by one, each ready before the next starts;
// stopped in the reverse order, PostgreSQL last.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { isLoopbackHost } from "@shop/kit/rpc/internal-trust";
import { launchedServices, type LaunchConfig } from "./config.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { describeExit, type Managed } from "./managed.ts";
import type { Output } from "./output.ts";
import { describeTaken, takenPorts, type PortUse } from "./ports.ts";
import { startEmbeddedPostgres, stopLeftover } from "./postgres.ts";
import { spawnService, type ServicePorts } from "./supervisor.ts";
import { displayHost, systemUrls, type Urls } from "./urls.ts";

export interface ReadySystem {
  urls: Urls;
  /** Milliseconds from the launcher's process start to every service ready (before any seeding). */
  startupMs: number;
  pids: Record<string, number>;
  /** Where the data is, for people. */
  postgres: string;
}

export interface System {
  start(): Promise<ReadySystem>;
  /** The environment the services were started with (it reaches their PostgreSQL); not for printing. */
  serviceEnv(): NodeJS.ProcessEnv;
  /** Stops whatever has started, in order, also in the middle of start(); idempotent. */
  stop(): Promise<void>;
  /** Forces every process now and waits (briefly) for them to be gone. */
  force(): Promise<void>;
  readonly stopping: boolean;
  /** Resolves with the reason when a process exits without being asked to. */
  readonly failed: Promise<Error>;
}

function portUses(config: LaunchConfig): PortUse[] {
  const { bindHost, services } = config.platform;
  const uses: PortUse[] = launchedServices.flatMap((name) => {
    const prefix = `SHOP_${name.toUpperCase()}`;
    return [
      { host: bindHost, port: services[name].httpPort, what: `${name} HTTP`, variable: `${prefix}_HTTP_PORT` },
      { host: bindHost, port: services[name].grpcPort, what: `${name} gRPC`, variable: `${prefix}_GRPC_PORT` },
    ];
  });
  uses.push({ host: config.gatewayOps.host, port: config.gatewayOps.port, what: "gateway operations", variable: "SHOP_GATEWAY_OPS_PORT" });
  if (!config.postgresUrl) uses.push({ host: "127.0.0.1", port: config.embeddedPgPort, what: "embedded PostgreSQL", variable: "SHOP_EMBEDDED_PG_PORT" });
  return uses.filter((u) => u.port !== 0);
}

function checkDistinct(uses: PortUse[]): void {
  const seen = new Map<number, PortUse>();
  for (const use of uses) {
    const first = seen.get(use.port);
    if (first) throw new Error(`port ${use.port} is configured twice: ${first.variable} and ${use.variable}`);
    seen.set(use.port, use);
  }
}

const masked = (url: string) => url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");

export function createSystem(config: LaunchConfig, out: Output, repoRoot: string): System {
  const { dataDir, bindHost } = config.platform;
  const started: Managed[] = [];
  let lock: Lock | undefined;
  let env: NodeJS.ProcessEnv = {};
  let starting: Promise<ReadySystem> | undefined;
  let stopping: Promise<void> | undefined;
  let reportFailure: (err: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const track = <M extends Managed>(m: M): M => {
    started.push(m);
    void m.exited.then((exit) => stopping || reportFailure(new Error(`${m.name} ${describeExit(exit)} unexpectedly`)));
    return m;
  };
  const interruptedIfStopping = () => {
    if (stopping) throw new Error("start interrupted");
  };
  const stopAll = async () => {
    for (const m of [...started].reverse()) {
      if (!m.running()) continue;
      out.log("info", `stopping ${m.name}`, { pid: m.pid });
      await m.stop();
    }
  };

  async function run(): Promise<ReadySystem> {
    lock = acquireLock(dataDir);
    if (!config.postgresUrl) await stopLeftover(dataDir, out);
    interruptedIfStopping();
    const uses = portUses(config);
    checkDistinct(uses);
    const taken = await takenPorts(uses);
    if (taken.length) throw new Error(describeTaken(taken));
    let postgresUrl = config.postgresUrl;
    let postgres = postgresUrl ? `${masked(postgresUrl)} (SHOP_POSTGRES_URL)` : "";
    if (!postgresUrl) {
      const server = track(await startEmbeddedPostgres(dataDir, config.embeddedPgPort, out));
      await server.ready;
      postgresUrl = server.url;
      const data = server.pgdata === join(dataDir, "postgres") ? server.pgdata : `${join(dataDir, "postgres")} -> ${server.pgdata}`;
      postgres = `127.0.0.1:${config.embeddedPgPort} (embedded; data in ${data}, password in ${dataDir}/postgres.password)`;
    }
    env = { ...process.env, SHOP_POSTGRES_URL: postgresUrl, SHOP_DATA_DIR: dataDir };
    if (config.configFile) env.SHOP_CONFIG_FILE = config.configFile;
    // Bound beyond loopback, loopback trust is not enough (the kit refuses it): one token for this run.
    if (!config.platform.internalToken && !isLoopbackHost(bindHost)) env.SHOP_INTERNAL_TOKEN = randomBytes(32).toString("hex");
    const ports: Record<string, ServicePorts> = {};
    for (const name of launchedServices) {
      interruptedIfStopping();
      const { httpPort, grpcPort } = config.platform.services[name];
      const configured = { host: displayHost(bindHost), httpPort, grpcPort };
      const service = track(spawnService({ name, repoRoot, env: { ...env }, out, readyTimeoutMs: 60_000, configured }));
      ports[name] = await service.ready;
      // Later services find it through the static registry: tell them the ports it really bound.
      env[`SHOP_${name.toUpperCase()}_HTTP_PORT`] = String(ports[name].httpPort);
      env[`SHOP_${name.toUpperCase()}_GRPC_PORT`] = String(ports[name].grpcPort);
    }
    interruptedIfStopping();
    const { gateway, ...backends } = ports;
    return {
      urls: systemUrls(displayHost(bindHost), gateway!, backends, config.gatewayOps),
      startupMs: Math.round(performance.now()),
      pids: Object.fromEntries([["launcher", process.pid], ...started.map((m) => [m.name, m.pid])]) as Record<string, number>,
      postgres,
    };
  }

  return {
    start: () => (starting ??= run()),
    serviceEnv: () => ({ ...env }),
    stop() {
      stopping ??= (async () => {
        await stopAll(); // which also ends any wait start() is in
        await starting?.catch(() => undefined);
        await stopAll(); // anything start() spawned meanwhile
        lock?.release();
      })();
      return stopping;
    },
    async force() {
      for (const m of started) m.kill();
      await Promise.race([Promise.all(started.map((m) => m.exited)), new Promise((r) => setTimeout(r, 10_000))]);
      lock?.release();
    },
    get stopping() {
      return stopping !== undefined;
    },
    failed,
  };
}
