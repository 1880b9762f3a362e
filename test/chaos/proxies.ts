// The run's infrastructure: the machine's PostgreSQL, Redis and RabbitMQ (a virtual host of the
// run's own), each behind a TCP proxy so faults can cut or hang the network to it, and an etcd of
// the run's own (unproxied: the registry's outages are the etcd tests' business). Names are the
// run's own (database and Redis key prefix, virtual host), and `teardown` removes all of it.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";
import { amqpUrl as machineAmqpUrl, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropRedisKeys, testRedisUrl } from "@shop/testkit/redis";
import { dropDatabases, postgresUrl as machinePostgresUrl, requirePostgres, requireTcp } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";

export type Dependency = "postgres" | "redis" | "rabbitmq";
export const dependencies: Dependency[] = ["postgres", "redis", "rabbitmq"];

export interface Infra {
  prefix: string;
  dataDir: string;
  /** What the services get: through the proxies. */
  postgresUrl: string;
  redisUrl: string;
  amqpUrl: string;
  etcdUrl: string;
  /** What the checker uses: straight to the servers. */
  direct: { postgresUrl: string; redisUrl: string; amqpUrl: string };
  proxies: Record<Dependency, TcpProxy>;
  teardown(): Promise<void>;
}

/** `url` with its host and port replaced by the proxy's. */
function via(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(proxy.port);
  return u.toString().replace(/\/$/, "");
}

const hostPort = (url: string, port: number) => {
  const u = new URL(url);
  return [u.hostname, Number(u.port || port)] as const;
};

export async function startInfra(): Promise<Infra> {
  await requirePostgres();
  await requireRabbitMq();
  await requireTcp("Redis", ...hostPort(testRedisUrl, 6379));
  const prefix = `chaos${randomBytes(4).toString("hex")}_`;
  const vhost = prefix.replace(/_$/, "");
  const dataDir = mkdtempSync(join(tmpdir(), "shop-chaos-"));
  execFileSync("rabbitmqctl", ["add_vhost", vhost], { stdio: "ignore" });
  execFileSync("rabbitmqctl", ["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"], { stdio: "ignore" });
  const amqpDirect = `${machineAmqpUrl.replace(/\/$/, "")}/${vhost}`;
  let etcd: EtcdServer | undefined;
  const proxies: Partial<Record<Dependency, TcpProxy>> = {};
  const teardown = async () => {
    await Promise.all(Object.values(proxies).map((p) => p.close()));
    await etcd?.stop();
    await dropDatabases(prefix, machinePostgresUrl).catch(() => undefined);
    await dropRedisKeys(testRedisUrl, prefix).catch(() => undefined);
    try {
      execFileSync("rabbitmqctl", ["delete_vhost", vhost], { stdio: "ignore" });
    } catch {
      // best effort: a leftover virtual host is harmless
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    etcd = await startEtcd();
    proxies.postgres = await startTcpProxy(...hostPort(machinePostgresUrl, 5432));
    proxies.redis = await startTcpProxy(...hostPort(testRedisUrl, 6379));
    proxies.rabbitmq = await startTcpProxy(...hostPort(machineAmqpUrl, 5672));
  } catch (err) {
    await teardown();
    throw err;
  }
  const all = proxies as Record<Dependency, TcpProxy>;
  return {
    prefix,
    dataDir,
    postgresUrl: via(machinePostgresUrl, all.postgres),
    redisUrl: via(testRedisUrl, all.redis),
    amqpUrl: via(amqpDirect, all.rabbitmq),
    etcdUrl: etcd.url,
    direct: { postgresUrl: machinePostgresUrl, redisUrl: testRedisUrl, amqpUrl: amqpDirect },
    proxies: all,
    teardown,
  };
}
