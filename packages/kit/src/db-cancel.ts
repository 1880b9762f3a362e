// A call's abort (its deadline passed, its caller went away) cancels the SQL it is running, so a
// dead call does not keep a connection and the database busy until the statement ends. The RPC
// server makes each call's signal ambient (rpc/server-interceptors.ts); the pools of createDb use
// these classes, which read it as each statement starts.
import { context } from "@opentelemetry/api";
import type * as Pg from "pg";
import { BreakerOpenError } from "./breaker.ts";
import { callValue } from "./call-context.ts";
import type { PoolGuard } from "./db-breaker.ts";

const callSignal = callValue<AbortSignal>("call-signal");

/** Runs `fn` so that SQL it starts is cancelled when `signal` aborts. */
export const withAbortSignal = <T>(signal: AbortSignal, fn: () => T): T => callSignal.run(signal, fn);

type Callback = (err: Error | undefined, res?: unknown) => void;

/** pg_cancel_backend over a connection of its own: the pool may have none to spare. */
async function cancelBackend(pg: typeof Pg, config: Pg.ClientConfig, pid: number): Promise<void> {
  const client = new pg.Client(config);
  client.on("error", () => undefined); // a connection lost meanwhile fails the query below instead
  await client.connect();
  try {
    await client.query("select pg_cancel_backend($1)", [pid]);
  } finally {
    await client.end();
  }
}

/**
 * pg's Pool, with clients whose statements stop when the ambient call's signal aborts, and, with a
 * guard (db-breaker.ts), refused at once while the server is known not to answer.
 */
export function cancellablePool(pg: typeof Pg, config: Pg.PoolConfig, guard?: PoolGuard): Pg.Pool {
  class CancellableClient extends pg.Client {
    constructor(clientConfig: Pg.ClientConfig = {}) {
      super(clientConfig);
      // A connection that breaks while a caller holds it emits 'error' with no pool listener on it
      // (pg-pool listens only while a client is idle), which would end the process. The caller's
      // next statement fails instead, and the pool discards the broken client on release.
      this.on("error", () => undefined);
      // A checked-out client whose connection ended goes back to the pool at once, with an error so
      // the pool drops it: a holder may never release it. drizzle's transaction() sends BEGIN before
      // its try/finally, so a BEGIN that fails (the breaker refused it, the connection broke) leaks
      // the client, and in the chaos run a PostgreSQL hang left pools with no connection for good.
      // The holder's own release afterwards is a no-op (see `releaseOnce`).
      this.once("end", () => (this as unknown as Partial<Pg.PoolClient>).release?.(new Error("connection ended")));
      const raw = this.query.bind(this) as (...args: unknown[]) => unknown;
      const plain = guard ? guard.wrapQuery(this, raw) : raw;
      this.query = ((...args: unknown[]) => {
        const signal = callSignal.get();
        const first = args[0] as { submit?: unknown } | undefined;
        // Statements after the abort (a ROLLBACK, say) run: a connection must end clean.
        if (!signal || signal.aborted || typeof first?.submit === "function") return plain(...args);
        let cancelling: Promise<void> | undefined;
        const onAbort = () => {
          const pid = (this as unknown as { processID: number }).processID;
          cancelling = cancelBackend(pg, clientConfig, pid).catch(() => undefined);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        // The connection is not handed on before the cancel landed, so it cannot hit the next statement.
        const settle = async (err: Error | undefined): Promise<Error | undefined> => {
          signal.removeEventListener("abort", onAbort);
          if (!cancelling) return err;
          await cancelling;
          return err && (signal.reason as Error);
        };
        const callback = args.at(-1);
        if (typeof callback === "function") {
          args[args.length - 1] = (err: Error | undefined, res: unknown) => void settle(err).then((e) => (callback as Callback)(e, res));
          return plain(...args);
        }
        return (plain(...args) as Promise<unknown>).then(
          async (res) => (await settle(undefined), res),
          async (err: Error) => {
            throw (await settle(err)) ?? err;
          },
        );
      }) as typeof this.query;
    }
  }
  class CancellablePool extends pg.Pool {
    // A caller waiting for a connection is called back from whoever released one: keep its context.
    // (context.bind is a closure; AsyncResource.bind costs a resource and two deprecation wrappers per call.)
    override connect(callback?: Parameters<Pg.Pool["connect"]>[0]) {
      if (guard?.refusing()) {
        const err = new BreakerOpenError("PostgreSQL");
        return (callback ? void process.nextTick(() => (callback as (e: Error) => void)(err)) : Promise.reject(err)) as never;
      }
      if (callback) {
        const bound = context.bind(context.active(), callback);
        return super.connect((err, client, done) => {
          const held = client && releaseOnce(client);
          bound(err, held, held ? (e?: Error | boolean) => held.release(e) : done);
        }) as never;
      }
      const connected = super.connect().then(releaseOnce);
      return (guard ? guard.trackConnect(connected) : connected) as never;
    }
  }
  return new CancellablePool({ ...config, Client: CancellableClient });
}

/** pg-pool gives each checkout a release that throws when called twice; this one ignores the second call. */
function releaseOnce(client: Pg.PoolClient): Pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  client.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    release(err);
  };
  return client;
}
