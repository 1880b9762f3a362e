// One chaos run, start to end: infrastructure behind proxies, the cluster, a catalog, shoppers and
// a flash-sale crowd under a schedule of faults, then a bounded settle and the checker. Used by
// `npm run chaos` (main.ts) and, shorter, by test/chaos.test.ts.
import { databaseUrl } from "@shop/kit/db";
import { sleep } from "@shop/testkit/wait";
import pg from "pg";
import { bulkShoppers } from "../../bench/shoppers.ts";
import { client } from "../../services/gateway/test/helpers.ts";
import { deadLetters, outboxesDrained, queueDepths, queuesDrained, undrained, unsentOutbox } from "./bus-check.ts";
import { makeCatalog } from "./catalog.ts";
import * as check from "./checker.ts";
import { backendNames, startCluster, type Cluster } from "./cluster.ts";
import { parseFaults, runFaults, type Fault, type FaultRecord } from "./faults.ts";
import { api, newTally } from "./http.ts";
import { flashSaleAttempt, newLedger, shop } from "./load.ts";
import { startInfra, type Infra } from "./proxies.ts";
import type { RunResult } from "./report.ts";

export interface ChaosOptions {
  durationS: number;
  shoppers: number;
  saleCrowd: number;
  cutS: number;
  hangS: number;
  restartAfterS: number;
  gapS: number;
  settleS: number;
  /** The faults in the order they come round (CHAOS_FAULTS). */
  faults: Fault[];
  log: (line: string) => void;
  /** Aborted (the test's timeout): the cluster and the infrastructure are stopped at once, so nothing outlives the run. */
  signal?: AbortSignal;
}

/** CHAOS_* from the environment over `defaults`. */
export function chaosOptions(defaults: Omit<ChaosOptions, "log" | "signal" | "faults">, env = process.env): Omit<ChaosOptions, "log" | "signal"> {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${raw}`);
    return n;
  };
  return {
    durationS: num("CHAOS_DURATION_S", defaults.durationS),
    shoppers: Math.max(1, Math.round(num("CHAOS_SHOPPERS", defaults.shoppers))),
    saleCrowd: Math.round(num("CHAOS_SALE_CROWD", defaults.saleCrowd)),
    cutS: num("CHAOS_CUT_S", defaults.cutS),
    hangS: num("CHAOS_HANG_S", defaults.hangS),
    restartAfterS: num("CHAOS_RESTART_AFTER_S", defaults.restartAfterS),
    gapS: num("CHAOS_GAP_S", defaults.gapS),
    settleS: num("CHAOS_SETTLE_S", defaults.settleS),
    faults: parseFaults(env.CHAOS_FAULTS),
  };
}

const services = ["order", "payment", "inventory", "coupon", "seckill"] as const;

async function openDbs(infra: Infra): Promise<{ dbs: check.Dbs; all: Record<string, pg.Client>; close: () => Promise<void> }> {
  const all: Record<string, pg.Client> = {};
  for (const name of backendNames) {
    const c = new pg.Client({ connectionString: databaseUrl(infra.direct.postgresUrl, `${infra.prefix}${name}`) });
    await c.connect();
    all[name] = c;
  }
  const dbs = Object.fromEntries(services.map((s) => [s, all[s]!])) as unknown as check.Dbs;
  return { dbs, all, close: async () => void (await Promise.all(Object.values(all).map((c) => c.end()))) };
}

/** Waits (bounded) until nothing is in flight: no checkout or unpaid order open, no ticket queued, outboxes and queues empty. */
async function settle(infra: Infra, all: Record<string, pg.Client>, o: ChaosOptions): Promise<void> {
  const vhost = infra.prefix.replace(/_$/, "");
  const until = Date.now() + o.settleS * 1000;
  let lastSaid = 0;
  for (;;) {
    const open = (await all.order!.query<{ n: number }>("select count(*)::int as n from orders where status in ('PENDING', 'AWAITING_PAYMENT')")).rows[0]!.n;
    const queued = (await all.seckill!.query<{ n: number }>("select count(*)::int as n from tickets where status = 'QUEUED'")).rows[0]!.n;
    let outbox = 0;
    for (const c of Object.values(all)) {
      const has = await c.query<{ t: string | null }>("select to_regclass('kit_outbox')::text as t");
      if (has.rows[0]!.t) outbox += await unsentOutbox(c);
    }
    const queues = undrained(queueDepths(vhost)).reduce((n, q) => n + q.messages, 0);
    const line = `settling: ${open} orders open, ${queued} tickets queued, ${outbox} outbox rows unsent, ${queues} messages queued`;
    if (!open && !queued && !outbox && !queues) return o.log(`settled (${line.slice(10)})`);
    if (Date.now() > until) return o.log(`not settled within ${o.settleS} s (${line.slice(10)}); checking anyway`);
    if (Date.now() - lastSaid > 5000) {
      o.log(line);
      lastSaid = Date.now();
    }
    await sleep(1000);
  }
}

export async function runChaos(o: ChaosOptions): Promise<RunResult> {
  let infra: Infra | undefined;
  let cluster: Cluster | undefined;
  // Whoever asks first stops each part once: the end of the run, Ctrl-C or an abort.
  const cleanup = async () => {
    const [c, i] = [cluster, infra];
    cluster = infra = undefined;
    await c?.stop().catch(() => undefined);
    await i?.teardown().catch(() => undefined);
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const onAbort = () => {
    o.log("aborted: stopping the cluster and the infrastructure");
    void cleanup();
  };
  o.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    infra = await startInfra();
    o.signal?.throwIfAborted();
    o.log(`infrastructure: prefix ${infra.prefix}, PostgreSQL ${infra.postgresUrl}, Redis ${infra.redisUrl}, RabbitMQ ${infra.amqpUrl}, etcd ${infra.etcdUrl}`);
    cluster = await startCluster(infra, { log: o.log });
    o.signal?.throwIfAborted();
    const gateways = cluster.gatewayPorts;
    const catalog = await makeCatalog(client(gateways[0]!), {
      skus: 4,
      stock: 60,
      coupons: Math.ceil(o.shoppers / 2),
      saleUnits: 5,
      saleSeconds: o.durationS + o.settleS + 600,
    });
    const people = await bulkShoppers(
      {
        api: `http://127.0.0.1:${gateways[0]}`,
        dataDir: infra.dataDir,
        keyFile: `${infra.dataDir}/keys/jwt-ed25519.pem`,
        userDbUrl: databaseUrl(infra.direct.postgresUrl, `${infra.prefix}user`),
        ttlSeconds: 4 * 3600,
      },
      o.shoppers + o.saleCrowd + 1,
    );
    const [probeShopper, ...rest] = people;
    const tally = newTally();
    const ledger = newLedger();
    const http = api(() => gateways, tally);
    const startedAt = Date.now();
    // The faults stop coming once the time is up; the shoppers go on until the faults are over too
    // (a run goes round every fault at least once, and a fault needs traffic to show).
    let timeUp = false;
    let faultsDone = false;
    const aborted = () => o.signal?.aborted === true;
    const load = { api: http, catalog, ledger, stopped: () => aborted() || (timeUp && faultsDone) };
    o.log(`load: ${o.shoppers} shoppers for ${o.durationS} s, a crowd of ${o.saleCrowd} for a flash sale of ${catalog.sale.quantity} units`);
    const shoppers = rest.slice(0, o.shoppers).map((who) => shop(load, who));
    const crowd = sleep((o.durationS * 1000) / 3).then(() => Promise.all(rest.slice(o.shoppers).map((who) => flashSaleAttempt(load, who))));
    const faults: Promise<FaultRecord[]> = runFaults(
      {
        cluster,
        infra,
        api: http,
        catalog,
        ledger,
        probeShopper: probeShopper!,
        cutS: o.cutS,
        hangS: o.hangS,
        restartAfterS: o.restartAfterS,
        gapS: o.gapS,
        recoveryLimitS: 90,
        cycle: o.faults,
        log: o.log,
      },
      () => timeUp || aborted(),
      startedAt,
    );
    const ticker = setInterval(
      () =>
        o.log(
          `t=${Math.round((Date.now() - startedAt) / 1000)} s: ${[...tally.counts.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0)} requests, ${ledger.placed.size} orders placed`,
        ),
      10_000,
    ).unref();
    await sleep(o.durationS * 1000);
    timeUp = true;
    const faultRecords = await faults;
    faultsDone = true;
    await Promise.all([...shoppers, crowd]);
    clearInterval(ticker);
    const loadS = (Date.now() - startedAt) / 1000;
    o.log("load and faults over; settling");

    const { dbs, all, close } = await openDbs(infra);
    try {
      const settleFrom = Date.now();
      await settle(infra, all, o);
      const settleS = (Date.now() - settleFrom) / 1000;
      const paid = await check.paidOrdersPaidOnce(dbs, ledger);
      const dead = await deadLetters(infra.prefix.replace(/_$/, ""), infra.direct.amqpUrl);
      const violations: check.Violation[] = [
        ...cluster.crashes.map((c) => ({
          rule: "no_crash",
          detail: `${c.service}#${c.index} exited by itself (${c.code}): ${c.tail.split("--- last log lines")[0]!.replace(/\s+/g, " ").slice(-600)}`,
        })),
        ...(await check.placedOrdersExistOnce(dbs, ledger)),
        ...paid.violations,
        ...(await check.cancelledOrdersReleased(dbs, ledger)),
        ...(await check.holdsBelongToLiveOrders(dbs)),
        ...(await check.inventoryHolds(dbs)),
        ...(await check.couponsAddUp(dbs, ledger)),
        ...(await check.flashSalesHold(dbs, ledger)),
        ...(await check.sagasSettled(dbs)),
        ...(await outboxesDrained(all)),
        ...(await queuesDrained(infra.prefix.replace(/_$/, ""))),
        ...dead.violations,
      ];
      const orders = Object.fromEntries(
        (await dbs.order.query<{ status: string; n: number }>("select status, count(*)::int as n from orders group by 1 order by 1")).rows.map((r) => [
          r.status,
          r.n,
        ]),
      );
      return {
        seconds: { load: loadS, settle: settleS },
        shoppers: o.shoppers,
        tally,
        ledger,
        orders,
        faults: faultRecords,
        webhooksLost: paid.webhooksLost,
        deadLetters: dead.lines,
        violations,
        errorLines: cluster.logLines(["error", "fatal"]),
        warnLines: cluster.logLines(["warn"]),
        crashes: cluster.crashes,
      };
    } finally {
      await close();
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    o.signal?.removeEventListener("abort", onAbort);
    await cleanup();
  }
}
