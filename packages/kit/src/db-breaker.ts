// A PostgreSQL that hangs (accepts, never answers) never enforces its statement_timeout: every
// query would wait for the call's deadline. So each pool has a watchdog and a breaker (gauge kind
// "postgres"): when a query has been out longer than `suspectMs` (or a connect failed), a liveness
// probe (`select 1` on a connection of its own) must answer within `probeTimeoutMs`. If it does
// not, and no other query got an answer meanwhile (a busy machine is not a hung server), the
// breaker opens: the queries in flight are failed and their connections destroyed (never handed
// back), and new ones fail at once as unavailable (503). While open, the probe runs again every
// `cooldownMs` and closes the breaker when the server answers. A long query on a server that
// answers the probe is left alone: nothing here bounds how long a statement may legitimately take.
import type * as Pg from "pg";
import { BreakerOpenError, createBreaker, type Breaker } from "./breaker.ts";
import type { Logger } from "./log.ts";

export interface PoolGuardOptions {
  /** Names the pool in circuit_breaker_state{kind="postgres"} (the database). */
  target: string;
  /** A query out longer than this asks the probe whether the server is alive. Default 100. */
  suspectMs?: number;
  /** The probe's answer must come within this. Default 200. */
  probeTimeoutMs?: number;
  /** How often an open breaker probes again. Default 1000. */
  cooldownMs?: number;
  logger?: Logger;
}

interface Op {
  at: number;
  client?: Pg.Client;
  /** Set when the breaker failed this operation: its error is then BreakerOpenError. */
  killed: boolean;
}

export interface PoolGuard {
  readonly breaker: Breaker;
  /** Wraps a client's raw query: refused while open, tracked while out. */
  wrapQuery(client: Pg.Client, query: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown;
  /** Whether new work is refused now. */
  refusing(): boolean;
  /** Watches a pool connect: one that fails asks the probe. */
  trackConnect<T>(p: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Callback = (err: Error | undefined, res?: unknown) => void;

export function createPoolGuard(pg: typeof Pg, clientConfig: Pg.ClientConfig, o: PoolGuardOptions): PoolGuard {
  const suspectMs = o.suspectMs ?? 100;
  const probeTimeoutMs = o.probeTimeoutMs ?? 200;
  const cooldownMs = o.cooldownMs ?? 1000;
  const ops = new Set<Op>();
  let probeClient: Pg.Client | undefined;
  let probing: Promise<boolean> | undefined;
  let probedAt = 0;
  let answeredAt = 0; // when a query last got its answer: a slow probe on a busy machine is not a hang
  let watchdog: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const breaker = createBreaker({ kind: "postgres", target: o.target, failures: 1, cooldownMs });
  const unavailable = () => new BreakerOpenError("PostgreSQL");

  // The probe's connection is opened when first needed and closed after 10 s without probes: pools
  // share the server's connection slots, so it exists only around slow moments.
  let probeConnect: Promise<unknown> | undefined;
  let idle: NodeJS.Timeout | undefined;
  const probeConnection = () => {
    if (!probeClient) {
      probeClient = new pg.Client(clientConfig);
      // Idle between probes, nobody else listens: a connection cut then would end the process.
      probeClient.on("error", () => undefined);
    }
    const client = probeClient;
    const connected = (probeConnect ??= client.connect().catch((err: unknown) => {
      if (probeClient === client) [probeClient, probeConnect] = [undefined, undefined];
      throw err;
    }));
    connected.catch(() => undefined);
    return { client, connected };
  };

  /** One `select 1` on the probe's own connection; a connection that did not answer is dropped. */
  const probe = (patience = 1): Promise<boolean> =>
    (probing ??= (async () => {
      probedAt = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const { client, connected } = probeConnection();
      // A new connection gets half as much again: TCP, startup and authentication.
      const budget = ((client as unknown as { _connected: boolean })._connected ? probeTimeoutMs : probeTimeoutMs * 1.5) * patience;
      try {
        const attempt = connected.then(() => client.query("select 1"));
        attempt.catch(() => undefined);
        await Promise.race([attempt, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("probe timed out")), budget)))]);
        return true;
      } catch {
        if (probeClient === client) [probeClient, probeConnect] = [undefined, undefined];
        destroy(client);
        return false;
      } finally {
        clearTimeout(timer);
        clearTimeout(idle);
        idle = setTimeout(() => {
          const c = probeClient;
          [probeClient, probeConnect] = [undefined, undefined];
          void c?.end().catch(() => undefined);
        }, 10_000).unref();
      }
    })().finally(() => (probing = undefined)));

  const open = () => {
    if (breaker.state !== "open") o.logger?.warn({ database: o.target, inFlight: ops.size }, "postgres not answering; circuit breaker opened");
    breaker.trip();
    for (const op of ops) {
      if (!op.client) continue;
      op.killed = true;
      destroy(op.client); // its query fails now; the pool drops the client when it is released
    }
    clearTimeout(retry);
    if (!closed) retry = setTimeout(recover, cooldownMs);
  };
  // Each failed probe doubles the next one's budget (up to 16×), each answered one halves it back:
  // on a machine so busy that a new connection takes longer than the short budget, a fixed budget
  // would trip the breaker again after every recovery and keep it open for good (the chaos run
  // beside the full test run showed it). While open, calls fail at once whatever the probe takes.
  let strikes = 0;
  const patience = () => 2 ** Math.min(strikes, 4);
  const judged = (alive: boolean) => {
    strikes = alive ? Math.max(0, strikes - 1) : strikes + 1;
    return alive;
  };
  const recover = () =>
    void probe(patience()).then((alive) => {
      if (closed) return;
      if (!judged(alive)) return open();
      breaker.success();
      o.logger?.info({ database: o.target }, "postgres answering again; circuit breaker closed");
    });

  const watch = () => {
    watchdog = undefined;
    if (closed || !ops.size || breaker.state !== "closed") return;
    const oldest = Math.min(...[...ops].map((op) => op.at));
    // Only when nothing was answered lately either: a server that answers other queries is slow,
    // not hung, and each probe holds a connection of its own (on a busy machine every pool kept one
    // open, and the full test run ran out of PostgreSQL's connections). While a long query runs
    // alone on a live server, a probe every quarter second is all it costs.
    const quiet = Date.now() - Math.max(oldest, answeredAt) >= suspectMs;
    if (quiet && !probing && Date.now() - probedAt >= 250) {
      const since = Date.now();
      // Two failed probes in a row with nothing answered meanwhile: one alone is too often a busy
      // machine (a crowd on one row, a slow new connection) and would fail every call in flight.
      void probe(patience()).then((alive) => !judged(alive) && strikes >= 2 && answeredAt < since && !closed && open());
    }
    arm();
  };
  const arm = () => {
    if (!watchdog && !closed) watchdog = setTimeout(watch, Math.max(10, suspectMs / 2)).unref();
  };

  const begin = (client?: Pg.Client): Op => {
    const op: Op = { at: Date.now(), client, killed: false };
    ops.add(op);
    arm();
    return op;
  };
  const end = (op: Op, err: unknown) => {
    ops.delete(op);
    if (!err) answeredAt = Date.now();
    return op.killed ? unavailable() : err;
  };

  return {
    breaker,
    refusing: () => breaker.state !== "closed",
    wrapQuery(client, query) {
      return (...args: unknown[]) => {
        const first = args[0] as { submit?: unknown } | undefined;
        if (typeof first?.submit === "function") return query(...args); // a Submittable (cursor, stream): its own business
        const callback = args.at(-1);
        if (breaker.state !== "closed") {
          // The client may be inside a transaction that began before the breaker opened: refused
          // here, its rollback would be refused too and the connection go back to the pool still
          // in that transaction, holding its locks, with the next caller's statements joining it
          // (the chaos run found stock held for ever). Dropped instead: the server rolls it back
          // and the pool replaces the connection.
          destroy(client);
          const err = unavailable();
          if (typeof callback === "function") return void process.nextTick(() => (callback as Callback)(err));
          return Promise.reject(err);
        }
        const op = begin(client);
        if (typeof callback === "function") {
          args[args.length - 1] = (err: Error | undefined, res: unknown) => (callback as Callback)(end(op, err) as Error | undefined, res);
          return query(...args);
        }
        return (query(...args) as Promise<unknown>).then(
          (res) => (end(op, undefined), res),
          (err: unknown) => {
            throw end(op, err);
          },
        );
      };
    },
    // A connect is not watched (a new connection on a busy machine is slow, and bounded by its
    // own timeout); one that failed asks the probe.
    async trackConnect(p) {
      try {
        const client = await p;
        answeredAt = Date.now();
        return client;
      } catch (err) {
        const since = Date.now();
        if (breaker.state === "closed") void probe(patience()).then((alive) => !judged(alive) && answeredAt < since && !closed && open());
        throw err;
      }
    },
    async close() {
      closed = true;
      clearTimeout(watchdog);
      clearTimeout(retry);
      clearTimeout(idle);
      breaker.remove();
      await probeClient?.end().catch(() => undefined);
    },
  };
}

/** Drops a client's connection at once: no goodbye to a server that does not answer. */
function destroy(client: Pg.Client): void {
  client.on("error", () => undefined); // a checked-out client has no other listener: the queries report it
  (client as unknown as { connection?: { stream?: { destroy(err: Error): void } } }).connection?.stream?.destroy(new Error("PostgreSQL not answering"));
}
