// The cluster's infrastructure: each server from its URL variable when set, otherwise started here
// (PostgreSQL embedded, etcd, Redis and RabbitMQ from the Debian packages' binaries), all at once.
import { join } from "node:path";
import type { Managed } from "../managed.ts";
import type { Output } from "../output.ts";
import { freePort } from "../ports.ts";
import { startEmbeddedPostgres, stopLeftover } from "../postgres.ts";
import { startEtcd, startRabbitMq, startRedis, type Started } from "./servers.ts";

export interface Infra {
  urls: { postgres: string; redis: string; amqp: string; etcd: string };
  /** Where each is, for people (passwords masked). */
  where: Record<string, string>;
}

/** The embedded PostgreSQL serves every instance: room for 20 processes' pools and more. */
const embeddedMaxConnections = 300;

export const masked = (url: string) => url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");

/** Starts what is missing; `track` receives each process as soon as it is spawned, so a stop in the middle finds it. */
export async function startInfra(dir: string, env: NodeJS.ProcessEnv, out: Output, track: (m: Managed) => void): Promise<Infra> {
  const given = {
    postgres: env.SHOP_POSTGRES_URL || undefined,
    redis: env.SHOP_REDIS_URL || undefined,
    amqp: env.SHOP_AMQP_URL || undefined,
    etcd: env.SHOP_ETCD_URL || undefined,
  };
  const where: Record<string, string> = {};
  const own = async (what: keyof typeof given, variable: string, start: () => Promise<Started>): Promise<string> => {
    const url = given[what];
    if (url) {
      where[what] = `${masked(url)} (${variable})`;
      return url;
    }
    const started = await start();
    track(started.daemon);
    out.log("info", `starting ${started.daemon.name}`, { log: started.daemon.log });
    await started.daemon.ready;
    where[what] = started.where;
    return started.url;
  };
  const postgres = async (): Promise<string> => {
    if (given.postgres) {
      where.postgres = `${masked(given.postgres)} (SHOP_POSTGRES_URL)`;
      return given.postgres;
    }
    await stopLeftover(dir, out);
    const port = await freePort();
    const server = await startEmbeddedPostgres(dir, port, out, { max_connections: String(embeddedMaxConnections) });
    track(server);
    await server.ready;
    where.postgres = `127.0.0.1:${port} (embedded; data in ${server.pgdata}, password in ${join(dir, "postgres.password")})`;
    return server.url;
  };
  const [pgUrl, etcd, redis, amqp] = await Promise.all([
    postgres(),
    own("etcd", "SHOP_ETCD_URL", () => startEtcd(dir, out)),
    own("redis", "SHOP_REDIS_URL", () => startRedis(dir, out)),
    own("amqp", "SHOP_AMQP_URL", () => startRabbitMq(dir, out)),
  ]);
  return { urls: { postgres: pgUrl, redis, amqp, etcd }, where };
}
