// The cluster registry: each instance is a key `/shop/services/<service>/<id>` on a lease that the
// etcd3 client keeps alive, so a dead process vanishes when its TTL runs out and a clean stop
// revokes at once. Subscribers list the prefix, then watch it from the next revision.
import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import { Etcd3, type IKeyValue, type Lease, type Watcher } from "etcd3";
import { z } from "zod";
import type { Logger } from "../log.ts";
import type { Instance, Registry } from "./registry.ts";

export const registryRoot = "/shop/services/";

export interface EtcdRegistryOptions {
  /** Client URLs, e.g. `http://127.0.0.1:2379`. */
  endpoints: string[];
  ttlSeconds: number;
  logger: Logger;
  /** etcd's authentication (a user with read and write on /shop/services/). */
  auth?: { username: string; password: string };
  /** TLS to etcd (`https://` endpoints): the CA bundle, and a client certificate when etcd asks for one. */
  credentials?: { rootCertificate: Buffer; certChain?: Buffer; privateKey?: Buffer };
}

const instanceSchema = z.object({
  id: z.string().min(1),
  service: z.string().min(1),
  host: z.string().min(1),
  httpPort: z.number().int().min(0).max(65535),
  grpcPort: z.number().int().min(0).max(65535),
  // Optional: entries of processes older than versions read as the default version.
  version: z.string().min(1).max(64).optional(),
});

/** Thrown inside retried work once nobody wants the result any more; ends the retries. */
class Abandoned extends Error {}

const backoff = new ExponentialBackoff({ initialDelay: 200, maxDelay: 5000 });
const untilAbandoned = handleWhen((err) => !(err instanceof Abandoned));
// The first registration gives etcd some seconds, then fails the start loudly (a wrong
// SHOP_ETCD_URL); later ones never give up. Unref'd: a pending back-off must not keep a stopping
// process alive.
const firstAttempts = retry(untilAbandoned, { maxAttempts: 6, backoff }).dangerouslyUnref();
const forever = retry(untilAbandoned, { maxAttempts: Infinity, backoff }).dangerouslyUnref();

const keyOf = (i: Instance) => `${registryRoot}${i.service}/${i.id}`;
const label = (i: Instance) => `${i.id}@${i.host}:${i.grpcPort}`;

export function createEtcdRegistry(opts: EtcdRegistryOptions): Registry {
  const { logger, ttlSeconds } = opts;
  // Unary calls get a deadline (house rule 5); watch and keepalive streams live on. Watches
  // reconnect within 5 s of etcd's return (etcd3's default back-off grows to 30 s).
  const client = new Etcd3({
    hosts: opts.endpoints,
    auth: opts.auth,
    credentials: opts.credentials,
    dialTimeout: 5000,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + 5000 }),
    faultHandling: { watchBackoff: backoff.next() },
  });
  const leases = new Set<Lease>();
  const subscriptions = new Set<() => void>();
  let closed = false;

  async function announce(instance: Instance, policy: typeof forever): Promise<void> {
    const key = keyOf(instance);
    await policy.execute(async () => {
      if (closed) throw new Abandoned();
      const lease = client.lease(ttlSeconds);
      try {
        await lease.put(key).value(JSON.stringify(instance)).exec();
      } catch (err) {
        await lease.revoke().catch(() => undefined);
        logger.warn({ err, key }, "registration in etcd failed; retrying");
        throw err;
      }
      if (closed) {
        await lease.revoke().catch(() => undefined);
        throw new Abandoned();
      }
      leases.add(lease);
      // etcd restarted without our lease, or it expired while we could not reach etcd.
      lease.on("lost", (err) => {
        leases.delete(lease);
        if (closed) return;
        logger.warn({ err, key }, "registry lease lost; registering again");
        void announce(instance, forever).catch(() => undefined);
      });
    });
    logger.info({ key, ttlSeconds }, "registered in etcd");
  }

  return {
    register: (instance) =>
      announce(instance, firstAttempts).catch((err: unknown) => {
        throw new Error(`cannot register ${keyOf(instance)} in etcd at ${opts.endpoints.join(",")}: ${(err as Error).message}`, { cause: err });
      }),

    subscribe(service, onChange) {
      const prefix = `${registryRoot}${service}/`;
      const current = new Map<string, Instance>();
      let published: string | undefined;
      let watcher: Watcher | undefined;
      let generation = 0;
      let stopped = false;

      const publish = () => {
        const list = [...current.values()].sort((a, b) => a.id.localeCompare(b.id));
        const text = JSON.stringify(list);
        if (text === published) return;
        published = text;
        logger.info({ service, instances: list.map(label) }, "instances changed");
        onChange(list);
      };
      const apply = (kv: IKeyValue, deleted: boolean) => {
        const key = kv.key.toString();
        if (deleted) return current.delete(key);
        let value: unknown;
        try {
          value = JSON.parse(kv.value.toString());
        } catch {
          value = undefined;
        }
        const parsed = instanceSchema.safeParse(value);
        if (parsed.success) current.set(key, parsed.data);
        else logger.warn({ key }, "ignoring a malformed registry entry");
      };

      // List, then watch from the revision right after the list: no change falls in between.
      const sync = async (gen: number) => {
        const superseded = () => stopped || closed || gen !== generation;
        if (superseded()) throw new Abandoned();
        const res = await client
          .getAll()
          .prefix(prefix)
          .exec()
          .catch((err: unknown) => {
            logger.warn({ err, service }, "registry list failed; retrying");
            throw err;
          });
        if (superseded()) throw new Abandoned();
        current.clear();
        for (const kv of res.kvs) apply(kv, false);
        publish();
        if (superseded()) return; // the subscriber left in its first callback: no watch to leak
        const listed = Number(res.header.revision);
        // watcher() attaches at once (create() would resolve only after the first events could
        // already have been emitted), so no event slips past the handlers below.
        const w = client
          .watch()
          .prefix(prefix)
          .startRevision(String(listed + 1))
          .watcher();
        watcher = w;
        let disconnected = false;
        const change = (deleted: boolean) => (kv: IKeyValue) => {
          if (w !== watcher) return;
          apply(kv, deleted);
          publish();
        };
        w.on("put", change(false))
          .on("delete", change(true))
          .on("disconnected", (err) => {
            if (w !== watcher) return;
            disconnected = true;
            logger.warn({ err, service }, "registry watch disconnected");
          })
          // A resumed watch can miss history (compaction, an etcd that lost its data), and one
          // created on an etcd younger than our list would wait for revisions that mean nothing.
          .on("connected", (ack) => {
            if (w === watcher && (disconnected || Number(ack.header.revision) < listed)) resync();
          })
          .on("error", (err) => {
            if (w !== watcher) return;
            logger.warn({ err, service }, "registry watch failed; listing again");
            resync();
          });
      };
      const resync = () => {
        const gen = ++generation;
        void watcher?.cancel().catch(() => undefined);
        watcher = undefined;
        forever
          .execute(() => sync(gen))
          .catch((err: unknown) => {
            if (!(err instanceof Abandoned)) logger.error({ err, service }, "registry subscription gave up");
          });
      };
      const unsubscribe = () => {
        stopped = true;
        subscriptions.delete(unsubscribe);
        void watcher?.cancel().catch(() => undefined);
        watcher = undefined;
      };
      subscriptions.add(unsubscribe);
      resync();
      return unsubscribe;
    },

    async close() {
      closed = true;
      for (const unsubscribe of [...subscriptions]) unsubscribe();
      // Revoking removes our keys now, so callers stop picking us before we stop answering.
      await Promise.all([...leases].map((lease) => lease.revoke().catch((err: unknown) => logger.warn({ err }, "lease revoke failed; it will expire"))));
      leases.clear();
      client.close();
    },
  };
}
