// The faults of a chaos run, one after another on a schedule until the load ends: a round of kills
// (a random instance of every service and a gateway, SIGKILLed, started again a few seconds later),
// then each of PostgreSQL, Redis and RabbitMQ cut (refused and every connection dropped), then each
// hung (connections accepted, nothing forwarded). After each fault a probe measures the recovery:
// from the fault's end until a request that needs the broken part succeeds again (for a kill: until
// the new instance is registered in etcd and ready).
import { randomUUID } from "node:crypto";
import { sleep } from "@shop/testkit/wait";
import type { BulkShopper } from "../../bench/shoppers.ts";
import type { Catalog } from "./catalog.ts";
import type { Cluster, Instance } from "./cluster.ts";
import { retryable, type Api } from "./http.ts";
import type { Ledger } from "./load.ts";
import { dependencies, type Dependency, type Infra } from "./proxies.ts";

export interface FaultRecord {
  kind: "kill" | "cut" | "hang";
  target: string;
  /** ms since the run started */
  startedAt: number;
  endedAt: number;
  /** From the fault's end until the probe succeeded; undefined: not within the limit. */
  recoveryMs: number | undefined;
}

export interface FaultOptions {
  cluster: Cluster;
  infra: Infra;
  api: Api;
  catalog: Catalog;
  ledger: Ledger;
  probeShopper: BulkShopper;
  /** Seconds: a cut's and a hang's length, a killed instance's downtime, the pause between faults. */
  cutS: number;
  hangS: number;
  restartAfterS: number;
  gapS: number;
  recoveryLimitS: number;
  cycle: Fault[];
  log: (line: string) => void;
}

export type Fault = { kind: "kill" } | { kind: "cut" | "hang"; dep: Dependency };

/** The faults in the order they come round. */
export const faultCycle: Fault[] = [
  { kind: "kill" },
  ...dependencies.map((dep) => ({ kind: "cut" as const, dep })),
  ...dependencies.map((dep) => ({ kind: "hang" as const, dep })),
];

const faultName = (f: Fault) => (f.kind === "kill" ? "kill" : `${f.kind}-${f.dep}`);

/** The cycle as CHAOS_FAULTS names it (`kill,cut-postgres,hang-redis,…`); empty: every fault. */
export function parseFaults(spec: string | undefined): Fault[] {
  if (!spec) return faultCycle;
  return spec.split(",").map((name) => {
    const found = faultCycle.find((f) => faultName(f) === name.trim());
    if (!found) throw new Error(`CHAOS_FAULTS: unknown fault ${name}; known: ${faultCycle.map(faultName).join(", ")}`);
    return found;
  });
}

/** Polls `probe` until it holds; the ms it took, or undefined past `limitMs`. */
async function recovery(probe: () => Promise<boolean>, limitMs: number): Promise<number | undefined> {
  const from = Date.now();
  while (Date.now() - from < limitMs) {
    if (await probe().catch(() => false)) return Date.now() - from;
    await sleep(200);
  }
  return undefined;
}

/** A probe per broken part, as a shopper sees it. */
function probes(o: FaultOptions): Record<Dependency, () => Promise<boolean>> {
  const { api, probeShopper: who, catalog, ledger } = o;
  const addToCart = async () =>
    (await api.call("probe", "POST", "/api/v1/cart/items", { token: who.token, body: { skuId: catalog.probe.skuId, quantity: 1 } })).status === 200;
  const placeOrder = async () => {
    if (!(await addToCart())) return undefined;
    const key = randomUUID();
    const res = await api.call("probe", "POST", "/api/v1/orders", {
      token: who.token,
      body: { addressId: who.addressId },
      headers: { "idempotency-key": key },
    });
    if (retryable(res)) ledger.unanswered.push({ userId: who.id, key });
    if (res.status !== 200) return undefined;
    const orderId = res.json.id as string;
    ledger.placed.set(orderId, { orderId, userId: who.id, key, userCouponId: "" });
    return orderId;
  };
  return {
    // Placing an order writes the inventory's and the order's databases.
    postgres: async () => (await placeOrder()) !== undefined,
    // Carts live in Redis.
    redis: addToCart,
    // A payment reaches the order through the bus: an order paid on the sandbox shows PAID.
    rabbitmq: async () => {
      const orderId = await placeOrder();
      if (!orderId) return false;
      const payment = await api.call("probe", "POST", `/api/v1/orders/${orderId}/payments`, { token: who.token, body: {} });
      if (payment.status !== 200) return false;
      const pay = await api.call("probe", "POST", `${new URL(payment.json.checkoutUrl as string).pathname}/pay`, { redirect: "manual" });
      if (pay.status === 0 || pay.status >= 400) return false;
      ledger.toldPaid.add(orderId);
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const got = await api.call("probe", "GET", `/api/v1/orders/${orderId}`, { token: who.token });
        if (got.json.status === "ORDER_STATUS_PAID") return true;
        await sleep(250);
      }
      return false;
    },
  };
}

async function killRound(o: FaultOptions, record: (r: FaultRecord) => void, now: () => number): Promise<void> {
  // Only services with a second instance to carry the load meanwhile.
  const services = [...new Set(o.cluster.instances.filter((i) => i.index === 1).map((i) => i.service))];
  const victims: Instance[] = services.map((s) => {
    const both = o.cluster.instances.filter((i) => i.service === s && i.proc);
    return both[Math.floor(Math.random() * both.length)]!;
  });
  const startedAt = now();
  for (const v of victims) await o.cluster.kill(v);
  o.log(`fault: SIGKILLed ${victims.map((v) => `${v.service}#${v.index}`).join(", ")}`);
  await sleep(o.restartAfterS * 1000);
  // Three at a time: starting nine processes at once on two cores slows them all.
  const queue = [...victims];
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        const endedAt = now();
        // As a supervisor would: a start that fails (on a loaded machine a dependency can be slow to
        // answer at start-up) is tried again until the recovery limit.
        const ms = await recovery(async () => {
          if (!v.proc) {
            await o.cluster.start(v).catch((err: Error) => {
              o.log(`restart of ${v.service}#${v.index} failed: ${err.message.replace(/\s+/g, " ").slice(0, 600)}`);
            });
          }
          return o.cluster.serving(v);
        }, o.recoveryLimitS * 1000);
        record({ kind: "kill", target: `${v.service}#${v.index}`, startedAt, endedAt, recoveryMs: ms === undefined ? undefined : now() - endedAt });
      }
    }),
  );
}

/** Runs faults until `stopped()` and at least one whole cycle is done; returns what was done. Every fault is undone before it returns. */
export async function runFaults(o: FaultOptions, stopped: () => boolean, startedAtMs: number): Promise<FaultRecord[]> {
  const done: FaultRecord[] = [];
  const now = () => Date.now() - startedAtMs;
  const record = (r: FaultRecord) => {
    done.push(r);
    const rec = r.recoveryMs === undefined ? `not recovered within ${o.recoveryLimitS} s` : `recovered in ${(r.recoveryMs / 1000).toFixed(1)} s`;
    o.log(`fault ${r.kind} ${r.target} [${(r.startedAt / 1000).toFixed(1)}-${(r.endedAt / 1000).toFixed(1)} s]: ${rec}`);
  };
  const probe = probes(o);
  await sleep(o.gapS * 1000);
  // At least one whole cycle, however short the load: every kind of fault happens in every run.
  for (let i = 0; !stopped() || i < o.cycle.length; i++) {
    const fault = o.cycle[i % o.cycle.length]!;
    if (fault.kind === "kill") await killRound(o, record, now);
    else {
      const proxy = o.infra.proxies[fault.dep];
      const startedAt = now();
      if (fault.kind === "cut") {
        proxy.refuse(true);
        proxy.dropConnections();
        o.log(`fault: ${fault.dep} cut for ${o.cutS} s`);
        await sleep(o.cutS * 1000);
        proxy.refuse(false);
      } else {
        proxy.hang(true);
        o.log(`fault: ${fault.dep} hung for ${o.hangS} s`);
        await sleep(o.hangS * 1000);
        proxy.hang(false);
      }
      const endedAt = now();
      record({ kind: fault.kind, target: fault.dep, startedAt, endedAt, recoveryMs: await recovery(probe[fault.dep], o.recoveryLimitS * 1000) });
    }
    await sleep(o.gapS * 1000);
  }
  return done;
}
