// The infrastructure profile on one machine: the servers (infra.ts), then N instances of every
// service in dependency order (the instances of one service at once), then N gateways and
// Prometheus. Instances that die are restarted (instance.ts); a server that dies stops the cluster.
// Stopped in the reverse order, the servers last.
import { join } from "node:path";
import { launchedServices, type LaunchConfig } from "../config.ts";
import { acquireLock, type Lock } from "../lock.ts";
import { describeExit, type Managed } from "../managed.ts";
import type { Output } from "../output.ts";
import { describeTaken, freePort, takenPorts } from "../ports.ts";
import type { ServicePorts } from "../supervisor.ts";
import { startInfra, type Infra } from "./infra.ts";
import { superviseInstance, type Instance } from "./instance.ts";
import { poolBudget, type PoolBudget } from "./pools.ts";
import { startPrometheus } from "./prometheus.ts";
import { clusterSecrets } from "./secrets.ts";

export interface ClusterOptions {
  config: LaunchConfig;
  repoRoot: string;
  instances: number;
  env: NodeJS.ProcessEnv;
  out: Output;
}

export interface Gateway {
  api: string;
  ops: string;
}

export interface ReadyCluster {
  dir: string;
  gateways: Gateway[];
  /** Each backend's first instance, for the seeding. */
  first: Record<string, ServicePorts>;
  prometheus: string | undefined;
  infra: Infra;
  budget: PoolBudget;
  pids: Record<string, number>;
  startupMs: number;
}

type Stoppable = Pick<Managed, "name" | "running" | "stop" | "kill"> & { pid: () => number };

export interface Cluster {
  start(): Promise<ReadyCluster>;
  /** The environment every instance runs with (it reaches the servers); not for printing. */
  serviceEnv(): NodeJS.ProcessEnv;
  instances(): Instance[];
  stop(): Promise<void>;
  force(): Promise<void>;
  readonly stopping: boolean;
  /** Resolves when a server exits without being asked to. */
  readonly failed: Promise<Error>;
}

const gatewayPorts = async (configured: number, count: number): Promise<number[]> => {
  const ports = [configured || (await freePort())]; // port 0 would leave the banner without an address
  // The second gateway on 8082 beside the default 8080 (8081 is the operations listener's default).
  if (count > 1)
    ports.push(configured === 8080 && (await takenPorts([{ host: "127.0.0.1", port: 8082, what: "", variable: "" }])).length === 0 ? 8082 : await freePort());
  while (ports.length < count) ports.push(await freePort());
  return ports;
};

export function createCluster(o: ClusterOptions): Cluster {
  const dir = join(o.config.platform.dataDir, "cluster");
  const out = o.out;
  const started: Stoppable[] = [];
  const instances: Instance[] = [];
  let lock: Lock | undefined;
  let env: NodeJS.ProcessEnv = {};
  let starting: Promise<ReadyCluster> | undefined;
  let stopping: Promise<void> | undefined;
  let reportFailure: (err: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
  const interruptedIfStopping = () => {
    if (stopping) throw new Error("start interrupted");
  };
  const trackServer = (m: Managed) => {
    started.push({ ...m, pid: () => m.pid });
    void m.exited.then((exit) => stopping || reportFailure(new Error(`${m.name} ${describeExit(exit)} unexpectedly`)));
  };
  const trackInstance = (i: Instance) => {
    instances.push(i);
    started.push({ name: i.label, pid: () => i.pid(), running: () => i.running(), stop: () => i.stop(), kill: () => i.kill() });
    return i;
  };
  const stopAll = async () => {
    for (const m of [...started].reverse()) {
      if (!m.running()) continue;
      out.log("info", `stopping ${m.name}`, { pid: m.pid() });
      await m.stop();
    }
  };
  const spawn = (name: string, n: number, extra: NodeJS.ProcessEnv, ports: ServicePorts) =>
    trackInstance(
      superviseInstance(
        {
          name,
          label: `${name}#${n}`,
          repoRoot: o.repoRoot,
          env: { ...env, ...extra },
          out,
          readyTimeoutMs: 90_000,
          configured: { host: "127.0.0.1", ...ports },
        },
        out,
      ),
    );

  async function run(): Promise<ReadyCluster> {
    lock = acquireLock(dir);
    const count = o.instances;
    const gatewayHttp = await gatewayPorts(o.config.platform.services.gateway.httpPort, count);
    const taken = await takenPorts(
      gatewayHttp.map((port, i) => ({ host: "127.0.0.1", port, what: `gateway #${i + 1} HTTP`, variable: i ? "(picked)" : "SHOP_GATEWAY_HTTP_PORT" })),
    );
    if (taken.length) throw new Error(describeTaken(taken));
    const infra = await startInfra(dir, o.env, out, trackServer);
    interruptedIfStopping();
    const processes = count * (launchedServices.length - 1); // the gateway keeps no database pool
    const budget = await poolBudget(infra.urls.postgres, processes, o.env.SHOP_DB_POOL_MAX || undefined);
    out.log(
      "info",
      `database connections: ${processes} service processes × pool ${budget.perProcess} = ${processes * budget.perProcess} of PostgreSQL's ${budget.maxConnections}`,
    );
    env = {
      ...o.env,
      SHOP_POSTGRES_URL: infra.urls.postgres,
      SHOP_REDIS_URL: infra.urls.redis,
      SHOP_AMQP_URL: infra.urls.amqp,
      SHOP_ETCD_URL: infra.urls.etcd,
      SHOP_DATA_DIR: dir,
      SHOP_BIND_HOST: "127.0.0.1",
      SHOP_ADVERTISE_HOST: "127.0.0.1",
      SHOP_DB_POOL_MAX: String(budget.perProcess),
      // The public address the services hand out (payment's checkout page and webhook): the first gateway.
      SHOP_GATEWAY_HTTP_PORT: String(gatewayHttp[0]),
    };
    // Shared secrets, unless the environment names its own.
    for (const [key, value] of Object.entries(clusterSecrets(dir))) env[key] ||= value;
    const first: Record<string, ServicePorts> = {};
    for (const name of launchedServices.filter((s) => s !== "gateway")) {
      interruptedIfStopping();
      const prefix = `SHOP_${name.toUpperCase()}`;
      const batch = [];
      for (let n = 1; n <= count; n++) {
        // Ports picked now, not 0: readiness is probed on them at any log level, and a restart comes back at the same address.
        const ports = { httpPort: await freePort(), grpcPort: await freePort() };
        batch.push(spawn(name, n, { [`${prefix}_HTTP_PORT`]: String(ports.httpPort), [`${prefix}_GRPC_PORT`]: String(ports.grpcPort) }, ports).ready);
      }
      first[name] = (await Promise.all(batch))[0]!;
    }
    const gateways: Gateway[] = [];
    const batch = [];
    for (let n = 1; n <= count; n++) {
      interruptedIfStopping();
      const ops = await freePort();
      const ports = { httpPort: gatewayHttp[n - 1]!, grpcPort: 0 };
      gateways.push({ api: `http://127.0.0.1:${ports.httpPort}`, ops: `http://127.0.0.1:${ops}` });
      batch.push(
        spawn("gateway", n, { SHOP_GATEWAY_HTTP_PORT: String(ports.httpPort), SHOP_GATEWAY_OPS_HOST: "127.0.0.1", SHOP_GATEWAY_OPS_PORT: String(ops) }, ports)
          .ready,
      );
    }
    await Promise.all(batch);
    interruptedIfStopping();
    const prometheus = await startPrometheus(
      dir,
      o.repoRoot,
      gateways.map((g) => `${g.ops}/sd/prometheus`),
      out,
    );
    if (prometheus) {
      trackServer(prometheus.daemon);
      await prometheus.daemon.ready;
    }
    const pids: Record<string, number> = { launcher: process.pid };
    for (const m of started) pids[m.name] = m.pid();
    return { dir, gateways, first, prometheus: prometheus?.url, infra, budget, pids, startupMs: Math.round(performance.now()) };
  }

  return {
    start: () => (starting ??= run()),
    serviceEnv: () => ({ ...env }),
    instances: () => [...instances],
    stop() {
      stopping ??= (async () => {
        await stopAll();
        await starting?.catch(() => undefined);
        await stopAll();
        lock?.release();
      })();
      return stopping;
    },
    async force() {
      for (const m of started) m.kill();
      await new Promise((r) => setTimeout(r, 2000));
      lock?.release();
    },
    get stopping() {
      return stopping !== undefined;
    },
    failed,
  };
}
