// The chaos run's cluster: two instances of every service of the checkout (one of the others) and two gateways, each a process
// of its own registered in the run's etcd, talking to PostgreSQL, Redis and RabbitMQ through the
// proxies (proxies.ts). An instance can be SIGKILLed and started again with the same environment;
// a gateway comes back on its own port (the shoppers and the payment sandbox's webhook know it).
import { randomBytes } from "node:crypto";
import type { Deployable } from "@shop/kit/platform";
import { freePort } from "@shop/launcher/ports";
import { Etcd3 } from "etcd3";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { sleep } from "@shop/testkit/wait";
import type { Infra } from "./proxies.ts";

/**
 * The services the shoppers' load and the checker use, in start order: the checkout, payments,
 * coupons and flash sales. These run two instances each, and one of each is killed in a round.
 */
export const checkoutServices: Deployable[] = ["user", "inventory", "product", "cart", "coupon", "order", "payment", "seckill"];

/**
 * Every backend, in start order. Files, reviews, logistics and notifications run one instance each
 * and are never killed: the load never calls them, but a gateway is ready only when every service it
 * routes to has an instance (and 26 processes on two cores would measure the machine, not recovery).
 */
export const backendNames: Deployable[] = [...checkoutServices, "file", "review", "logistics", "notification"];

export const admin = { username: "root", email: "root@example.com", password: "root-password-123" };

export interface Instance {
  service: string;
  /** 0 or 1: which of the two. */
  index: number;
  proc: ServiceProcess | undefined;
  env: Record<string, string>;
}

export interface Cluster {
  instances: Instance[];
  gatewayPorts: number[];
  /** SIGKILLs the instance (no goodbye: its etcd lease stays until it runs out). */
  kill(inst: Instance): Promise<void>;
  /** Starts it again; resolves once it logged ready. */
  start(inst: Instance): Promise<ServiceProcess>;
  /** Whether the instance is listed in etcd (its ports) and answers /readyz. */
  serving(inst: Instance): Promise<boolean>;
  /** Every process's log lines of these levels so far (dead processes' included), newest last. */
  logLines(levels: string[]): string[];
  /** Instances that exited by themselves, with the tail of their output. */
  crashes: { service: string; index: number; at: number; code: string; tail: string }[];
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra environment of every process (knobs of a run). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

const perService: Record<string, Record<string, string>> = {
  user: {
    SHOP_ARGON2_MEMORY_KIB: "4096",
    SHOP_ARGON2_TIME_COST: "1",
    SHOP_ADMIN_EMAIL: admin.email,
    SHOP_ADMIN_USERNAME: admin.username,
    SHOP_ADMIN_PASSWORD: admin.password,
    SHOP_REGISTER_MAX_PER_IP: "100000",
  },
  // Order and seckill run the most at once (saga steps, sweepers, consumers).
  order: { SHOP_DB_POOL_MAX: "3" },
  seckill: { SHOP_DB_POOL_MAX: "3" },
};

export async function startCluster(infra: Infra, opts: ClusterOptions): Promise<Cluster> {
  const gatewayPorts = [await freePort(), await freePort()];
  const secret = () => randomBytes(24).toString("hex");
  const common: Record<string, string> = {
    SHOP_POSTGRES_URL: infra.postgresUrl,
    SHOP_REDIS_URL: infra.redisUrl,
    SHOP_AMQP_URL: infra.amqpUrl,
    SHOP_ETCD_URL: infra.etcdUrl,
    SHOP_DB_PREFIX: infra.prefix,
    SHOP_DATA_DIR: infra.dataDir,
    // 16 processes on PostgreSQL's 100 connections, beside whatever else runs on the machine.
    SHOP_DB_POOL_MAX: "2",
    SHOP_REGISTRY_TTL_SECONDS: "5",
    SHOP_INTERNAL_TOKEN: secret(),
    SHOP_IDEMPOTENCY_SECRET: secret(),
    SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: secret(),
    SHOP_JWT_PRIVATE_KEY_FILE: `${infra.dataDir}/keys/jwt-ed25519.pem`,
    // The payment sandbox's pages and webhooks go to the first gateway.
    SHOP_GATEWAY_HTTP_PORT: String(gatewayPorts[0]),
    SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "10000000",
    SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE: "100000",
    SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "20",
    SHOP_ORDER_SWEEP_SECONDS: "3",
    SHOP_ORDER_SAGA_GRACE_SECONDS: "10",
    SHOP_INVENTORY_RESERVATION_SWEEP_SECONDS: "5",
    SHOP_LOG_LEVEL: "info",
    ...opts.env,
  };
  const instances: Instance[] = [];
  for (const index of [0, 1]) {
    for (const service of [...(index === 0 ? backendNames : checkoutServices), "gateway"]) {
      const own: Record<string, string> = service === "gateway" ? { SHOP_GATEWAY_HTTP_PORT: String(gatewayPorts[index]), SHOP_GATEWAY_OPS_PORT: "0" } : {};
      instances.push({ service, index, proc: undefined, env: { ...common, ...perService[service], ...own } });
    }
  }
  const etcd = new Etcd3({ hosts: infra.etcdUrl });
  const dead: ServiceProcess[] = [];
  let stopping = false;
  const cluster: Cluster = {
    instances,
    crashes: [],
    gatewayPorts,
    async kill(inst) {
      const proc = inst.proc;
      inst.proc = undefined;
      if (!proc) return;
      await proc.kill();
      dead.push(proc);
    },
    async start(inst) {
      const proc = await startServiceProcess(inst.service, inst.env, 90_000);
      inst.proc = proc;
      // An exit nobody asked for is a crash: kept with the last lines it wrote, and its instance is
      // started again as a supervisor would.
      let tail = "";
      proc.child.stderr!.on("data", (d: Buffer) => (tail = (tail + d.toString()).slice(-3000)));
      proc.child.once("exit", (code, signal) => {
        if (inst.proc !== proc || stopping) return;
        inst.proc = undefined;
        dead.push(proc);
        const lastLogs = proc.logs
          .slice(-5)
          .map((l) => JSON.stringify(l))
          .join("\n");
        cluster.crashes.push({
          service: inst.service,
          index: inst.index,
          at: Date.now(),
          code: `${code ?? signal}`,
          tail: `${tail.slice(-2500)}\n--- last log lines:\n${lastLogs.slice(-1500)}`,
        });
        opts.log(`CRASH: ${inst.service}#${inst.index} exited by itself (${code ?? signal}); starting it again`);
        void cluster.start(inst).catch((err: Error) => opts.log(`restart of crashed ${inst.service}#${inst.index} failed: ${err.message.split("\n")[0]}`));
      });
      return proc;
    },
    async serving(inst) {
      const proc = inst.proc;
      if (!proc) return false;
      if (inst.service !== "gateway") {
        const listed = await etcd.getAll().prefix(`/shop/services/${inst.service}/`).strings();
        if (!Object.values(listed).some((v) => (JSON.parse(v) as { grpcPort?: number }).grpcPort === proc.grpcPort)) return false;
      }
      const res = await fetch(`http://127.0.0.1:${proc.httpPort}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      return res?.status === 200;
    },
    logLines(levels) {
      const all = [...dead, ...instances.flatMap((i) => (i.proc ? [i.proc] : []))];
      return all.flatMap((p) => p.logs.filter((l) => levels.includes(String(l.level))).map((l) => JSON.stringify(l)));
    },
    async stop() {
      stopping = true;
      // Callers before the services they call.
      // A process stuck on a hung connection may never finish its graceful stop: 10 s, then SIGKILL.
      for (const inst of [...instances].reverse()) {
        const proc = inst.proc;
        if (proc) await Promise.race([proc.stop(), sleep(10_000).then(() => proc.kill())]);
      }
      etcd.close();
    },
  };
  try {
    // The first instance of each in dependency order (the user service makes the admin and the
    // signing key once), then the second ones two at a time.
    for (const inst of instances.filter((i) => i.index === 0)) {
      await cluster.start(inst);
      opts.log(`started ${inst.service}#0 (http ${inst.proc!.httpPort})`);
    }
    const seconds = instances.filter((i) => i.index === 1);
    for (let i = 0; i < seconds.length; i += 2) {
      await Promise.all(seconds.slice(i, i + 2).map((inst) => cluster.start(inst)));
    }
    opts.log(`started the second instance of every service; gateways on ${gatewayPorts.join(", ")}`);
    await sleep(500);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
