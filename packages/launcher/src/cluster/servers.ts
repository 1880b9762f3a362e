// etcd, Redis and RabbitMQ as the cluster starts them when no URL names a running one: each from
// the Debian package's binary, data under <dataDir>/cluster/<name>, on 127.0.0.1 and free ports.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect as tcpConnect } from "node:net";
import { join } from "node:path";
import { connect as amqpConnect } from "amqplib";
import type { Output } from "../output.ts";
import { freePort } from "../ports.ts";
import { requireBinary, startDaemon, type Daemon } from "./daemon.ts";

export interface Started {
  daemon: Daemon;
  /** The value for the service's URL variable. */
  url: string;
  /** Where it is, for the banner (no secrets). */
  where: string;
}

export async function startEtcd(dir: string, out: Output): Promise<Started> {
  const bin = requireBinary("/usr/bin/etcd", "etcd", "etcd-server", "SHOP_ETCD_URL");
  const [client, peer] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const data = join(dir, "etcd");
  const args = [
    "--name=shop",
    `--data-dir=${data}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=shop=${peerUrl}`,
    "--log-level=warn",
  ];
  const probe = async () => ((await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).json()) as { health?: string }).health === "true";
  const daemon = await startDaemon(
    { name: "etcd", bin, args, log: join(dir, "logs", "etcd.log"), pidFile: join(dir, "etcd.pid"), probe, readyTimeoutMs: 30_000 },
    out,
  );
  return { daemon, url, where: `${url} (started here; data in ${data})` };
}

/** A PING answered with PONG. */
function redisPong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once("data", (d) => {
      resolve(d.toString().startsWith("+PONG"));
      socket.destroy();
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

export async function startRedis(dir: string, out: Output): Promise<Started> {
  const bin = requireBinary("/usr/bin/redis-server", "Redis", "redis-server", "SHOP_REDIS_URL");
  const port = await freePort();
  const data = join(dir, "redis");
  mkdirSync(data, { recursive: true });
  // Carts and flash-sale stock live here: an append-only file keeps them across a restart.
  const args = [
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--dir",
    data,
    "--appendonly",
    "yes",
    "--save",
    "",
    "--daemonize",
    "no",
    "--protected-mode",
    "yes",
  ];
  const daemon = await startDaemon(
    { name: "redis", bin, args, log: join(dir, "logs", "redis.log"), pidFile: join(dir, "redis.pid"), probe: () => redisPong(port), readyTimeoutMs: 30_000 },
    out,
  );
  return { daemon, url: `redis://127.0.0.1:${port}`, where: `redis://127.0.0.1:${port} (started here; data in ${data})` };
}

async function amqpAnswers(url: string): Promise<boolean> {
  const conn = await amqpConnect(url, { timeout: 2000 });
  await conn.close();
  return true;
}

export async function startRabbitMq(dir: string, out: Output): Promise<Started> {
  requireBinary("/usr/sbin/rabbitmq-server", "RabbitMQ", "rabbitmq-server", "SHOP_AMQP_URL");
  // The script behind Debian's wrapper: the wrapper would switch to the rabbitmq user and log to /var/log.
  const bin = requireBinary("/usr/lib/rabbitmq/bin/rabbitmq-server", "RabbitMQ", "rabbitmq-server", "SHOP_AMQP_URL");
  const [port, dist] = [await freePort(), await freePort()];
  const base = join(dir, "rabbitmq");
  for (const sub of ["home", "mnesia", "log"]) mkdirSync(join(base, sub), { recursive: true });
  writeFileSync(join(base, "enabled_plugins"), "[].\n");
  writeFileSync(join(base, "rabbitmq.conf"), `listeners.tcp.1 = 127.0.0.1:${port}\nloopback_users = none\n`);
  // Named after the data folder: stable across restarts (its data is filed under the node name),
  // distinct from another folder's cluster on the same machine.
  const node = `shop-${createHash("sha256").update(base).digest("hex").slice(0, 8)}@localhost`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(base, "home"), // its Erlang cookie
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: "127.0.0.1",
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(dist),
    RABBITMQ_MNESIA_BASE: join(base, "mnesia"),
    RABBITMQ_LOG_BASE: join(base, "log"),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(base, "enabled_plugins"),
    RABBITMQ_CONFIG_FILE: join(base, "rabbitmq.conf"),
  };
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  // SIGTERM makes its start script run a clean broker stop.
  const daemon = await startDaemon(
    {
      name: "rabbitmq",
      pidFile: join(dir, "rabbitmq.pid"),
      bin,
      args: [],
      env,
      cwd: base,
      log: join(dir, "logs", "rabbitmq.log"),
      probe: () => amqpAnswers(url),
      readyTimeoutMs: 120_000,
      deadlineMs: 30_000,
    },
    out,
  );
  return { daemon, url, where: `amqp://guest:***@127.0.0.1:${port} (started here, node ${node}; data in ${base})` };
}
