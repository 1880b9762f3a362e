// The checker of a chaos run: reads every service's database (straight to PostgreSQL, not through
// the proxies) once the system has settled, and holds it to what the shoppers were told. One
// function per invariant, each returning its violations with details; an empty list is a pass.
import { inventoryViolations } from "@shop/inventory/invariant";
import type pg from "pg";
import type { Ledger } from "./load.ts";

export interface Violation {
  rule: string;
  detail: string;
}

export interface Dbs {
  order: pg.Client;
  payment: pg.Client;
  inventory: pg.Client;
  coupon: pg.Client;
  seckill: pg.Client;
}

const paidStatuses = ["PAID", "SHIPPED", "COMPLETED"];
const taken = ["SUCCEEDED", "REFUND_PENDING", "REFUNDED"];

async function rows<T>(db: pg.Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** Every order a shopper was told was placed exists, once, under its key, and is a real order. */
export async function placedOrdersExistOnce(dbs: Dbs, ledger: Ledger): Promise<Violation[]> {
  const told = [...ledger.placed.values()];
  const found = await rows<{ id: string; user_id: string; idempotency_key: string; status: string }>(
    dbs.order,
    "select id::text, user_id::text, idempotency_key, status from orders where id = any($1::uuid[])",
    [told.map((t) => t.orderId)],
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  const out: Violation[] = [];
  for (const t of told) {
    const row = byId.get(t.orderId);
    if (!row) out.push({ rule: "placed_order_exists", detail: `order ${t.orderId} (key ${t.key}) was told placed and is not in the database` });
    else if (row.user_id !== t.userId || row.idempotency_key !== t.key)
      out.push({ rule: "placed_order_exists", detail: `order ${t.orderId} belongs to ${row.user_id}/${row.idempotency_key}` });
    else if (row.status === "PENDING" || row.status === "FAILED")
      out.push({ rule: "placed_order_exists", detail: `order ${t.orderId} was told placed and is ${row.status}` });
  }
  const keys = [...told.map((t) => ({ userId: t.userId, key: t.key })), ...ledger.unanswered];
  const counts = await rows<{ user_id: string; idempotency_key: string; n: number }>(
    dbs.order,
    `select user_id::text, idempotency_key, count(*)::int as n from orders
     where (user_id, idempotency_key) in (select * from unnest($1::uuid[], $2::text[])) group by 1, 2 having count(*) > 1`,
    [keys.map((k) => k.userId), keys.map((k) => k.key)],
  );
  for (const c of counts) out.push({ rule: "one_order_per_key", detail: `${c.n} orders for key ${c.idempotency_key} of ${c.user_id}` });
  return out;
}

/** Every paid order has exactly one payment that took money and its stock committed; no money is kept for an unpaid order. */
export async function paidOrdersPaidOnce(dbs: Dbs, ledger: Ledger): Promise<{ violations: Violation[]; webhooksLost: number }> {
  const orders = await rows<{ id: string; status: string; refund_status: string }>(dbs.order, "select id::text, status, refund_status from orders");
  const payments = await rows<{ order_id: string; status: string }>(dbs.payment, "select order_id::text, status from payments");
  const reservations = new Map(
    (await rows<{ order_id: string; status: string }>(dbs.inventory, "select order_id::text, status from reservations")).map((r) => [r.order_id, r.status]),
  );
  const takenBy = new Map<string, number>();
  for (const p of payments) if (taken.includes(p.status)) takenBy.set(p.order_id, (takenBy.get(p.order_id) ?? 0) + 1);
  const out: Violation[] = [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const o of orders) {
    const n = takenBy.get(o.id) ?? 0;
    if (paidStatuses.includes(o.status)) {
      if (n !== 1) out.push({ rule: "paid_order_one_payment", detail: `order ${o.id} is ${o.status} with ${n} payment(s) that took money` });
      if (reservations.get(o.id) !== "committed")
        out.push({ rule: "paid_order_stock_committed", detail: `order ${o.id} is ${o.status}, its reservation ${reservations.get(o.id) ?? "missing"}` });
    } else if (n > 0 && o.refund_status === "NONE") {
      out.push({ rule: "unpaid_order_keeps_no_money", detail: `order ${o.id} is ${o.status} and ${n} payment(s) took money without a refund` });
    }
  }
  // A payment the sandbox accepted whose webhook died with its payment process (deliveries live in
  // memory, deliver.ts): the shop never learnt of it, the order timed out and nothing was charged
  // in the shop's books. Counted, not a violation; anything else told paid must be paid or refunded.
  let webhooksLost = 0;
  for (const id of ledger.toldPaid) {
    const o = byId.get(id);
    if (!o) continue; // placed_order_exists names it
    if (paidStatuses.includes(o.status) || o.refund_status !== "NONE") continue;
    if ((takenBy.get(id) ?? 0) === 0) webhooksLost++;
    else out.push({ rule: "told_paid_is_paid", detail: `order ${id} was paid on the sandbox and is ${o.status}, refund ${o.refund_status}` });
  }
  return { violations: out, webhooksLost };
}

/** Every cancelled (or timed-out) order gave back its stock and its coupon. */
export async function cancelledOrdersReleased(dbs: Dbs, ledger: Ledger): Promise<Violation[]> {
  const cancelled = await rows<{ id: string; status: string; user_coupon_id: string | null }>(
    dbs.order,
    "select id::text, status, user_coupon_id::text from orders where status in ('CANCELLED', 'FAILED')",
  );
  const ids = cancelled.map((o) => o.id);
  const out: Violation[] = [];
  const held = await rows<{ order_id: string; status: string }>(
    dbs.inventory,
    "select order_id::text, status from reservations where order_id = any($1::uuid[]) and status in ('open', 'committed')",
    [ids],
  );
  for (const r of held) out.push({ rule: "cancelled_order_stock_released", detail: `order ${r.order_id} is cancelled, its reservation ${r.status}` });
  const locks = await rows<{ order_id: string; status: string }>(
    dbs.coupon,
    "select order_id::text, status from coupon_locks where order_id = any($1::uuid[]) and status <> 'RELEASED'",
    [ids],
  );
  for (const l of locks) out.push({ rule: "cancelled_order_coupon_released", detail: `order ${l.order_id} is cancelled, its coupon lock ${l.status}` });
  const coupons = await rows<{ id: string; order_id: string }>(
    dbs.coupon,
    "select id::text, order_id::text from user_coupons where order_id = any($1::uuid[])",
    [ids],
  );
  for (const c of coupons) out.push({ rule: "cancelled_order_coupon_released", detail: `coupon ${c.id} still taken by cancelled order ${c.order_id}` });
  const status = new Map(cancelled.map((o) => [o.id, o.status]));
  for (const id of ledger.toldCancelled) {
    const s = status.get(id);
    if (s !== "CANCELLED") out.push({ rule: "told_cancelled_is_cancelled", detail: `order ${id} was told cancelled and is ${s ?? "not cancelled"}` });
  }
  return out;
}

/** Nothing is held for an order that no longer needs it: open reservations and coupon locks belong to orders awaiting payment (or a flash sale's set-aside). */
export async function holdsBelongToLiveOrders(dbs: Dbs): Promise<Violation[]> {
  const live = new Set((await rows<{ id: string }>(dbs.order, "select id::text from orders where status in ('PENDING', 'AWAITING_PAYMENT')")).map((o) => o.id));
  const sales = new Set((await rows<{ id: string }>(dbs.seckill, "select id::text from sales")).map((s) => s.id));
  const out: Violation[] = [];
  for (const r of await rows<{ order_id: string }>(dbs.inventory, "select order_id::text from reservations where status = 'open'")) {
    if (!live.has(r.order_id) && !sales.has(r.order_id))
      out.push({ rule: "open_reservation_has_live_order", detail: `reservation ${r.order_id} open without an order awaiting payment` });
  }
  for (const l of await rows<{ order_id: string }>(dbs.coupon, "select order_id::text from coupon_locks where status = 'LOCKED'")) {
    if (!live.has(l.order_id)) out.push({ rule: "coupon_lock_has_live_order", detail: `coupon locked for ${l.order_id}, which is not awaiting payment` });
  }
  return out;
}

/** The inventory's own invariant (services/inventory/src/repo/invariant.ts), for every SKU. */
export async function inventoryHolds(dbs: Dbs): Promise<Violation[]> {
  return (await inventoryViolations(dbs.inventory)).map((v) => ({
    rule: `inventory_${v.rule}`,
    detail: `SKU ${v.skuId}: expected ${v.expected}, found ${v.actual}`,
  }));
}

/** A template's counters match its coupons; every coupon a shopper was told they claimed exists. */
export async function couponsAddUp(dbs: Dbs, ledger: Ledger): Promise<Violation[]> {
  const out: Violation[] = [];
  const counts = await rows<{ id: string; claimed_count: number; used_count: number; claimed: number; used: number }>(
    dbs.coupon,
    `select t.id::text, t.claimed_count, t.used_count, count(c.id)::int as claimed, count(c.id) filter (where c.status = 'USED')::int as used
     from coupon_templates t left join user_coupons c on c.template_id = t.id group by t.id`,
  );
  for (const c of counts) {
    if (c.claimed_count !== c.claimed)
      out.push({ rule: "coupon_claims_counted", detail: `template ${c.id}: claimed_count ${c.claimed_count}, coupons ${c.claimed}` });
    if (c.used_count !== c.used) out.push({ rule: "coupon_uses_counted", detail: `template ${c.id}: used_count ${c.used_count}, used coupons ${c.used}` });
  }
  const existing = new Set(
    (await rows<{ id: string }>(dbs.coupon, "select id::text from user_coupons where id = any($1::uuid[])", [[...ledger.claimed]])).map((c) => c.id),
  );
  for (const id of ledger.claimed) if (!existing.has(id)) out.push({ rule: "claimed_coupon_exists", detail: `coupon ${id} was told claimed and is missing` });
  const used = await rows<{ id: string; order_id: string }>(dbs.coupon, "select id::text, order_id::text from user_coupons where status = 'USED'");
  const paid = new Set((await rows<{ id: string }>(dbs.order, "select id::text from orders where status = any($1)", [paidStatuses])).map((o) => o.id));
  for (const c of used)
    if (!paid.has(c.order_id)) out.push({ rule: "used_coupon_paid_order", detail: `coupon ${c.id} USED by order ${c.order_id}, which is not paid` });
  return out;
}

/** No flash sale sells more than its units, no shopper has two tickets or orders of one sale, every won ticket is one order. */
export async function flashSalesHold(dbs: Dbs, ledger: Ledger): Promise<Violation[]> {
  const out: Violation[] = [];
  const sales = await rows<{ id: string; quantity: number }>(dbs.seckill, "select id::text, quantity from sales");
  for (const s of sales) {
    const tickets = await rows<{ id: string; user_id: string; status: string; unit_returned: boolean }>(
      dbs.seckill,
      "select id::text, user_id::text, status, unit_returned from tickets where sale_id = $1",
      [s.id],
    );
    const holding = tickets.filter((t) => !t.unit_returned).length;
    if (holding > s.quantity) out.push({ rule: "flash_sale_no_oversell", detail: `sale ${s.id}: ${holding} tickets hold units of ${s.quantity}` });
    if (new Set(tickets.map((t) => t.user_id)).size !== tickets.length)
      out.push({ rule: "flash_sale_once_per_shopper", detail: `sale ${s.id}: a shopper has two tickets` });
    const orders = await rows<{ id: string; user_id: string; status: string }>(
      dbs.order,
      "select id::text, user_id::text, status from orders where flash_sale_id = $1",
      [s.id],
    );
    // A cancelled or timed-out order gave its unit back to the sale, so another shopper may win it:
    // what may not exceed the units is the orders that still hold one.
    const holdingOrders = orders.filter((o) => o.status !== "FAILED" && o.status !== "CANCELLED");
    if (holdingOrders.length > s.quantity)
      out.push({ rule: "flash_sale_no_oversell", detail: `sale ${s.id}: ${holdingOrders.length} live orders for ${s.quantity} units` });
    const real = orders.filter((o) => o.status !== "FAILED");
    if (new Set(real.map((o) => o.user_id)).size !== real.length)
      out.push({ rule: "flash_sale_once_per_shopper", detail: `sale ${s.id}: a shopper has two orders` });
    const orderIds = new Set(orders.map((o) => o.id));
    for (const t of tickets) {
      if (t.status === "QUEUED") out.push({ rule: "flash_sale_ticket_settled", detail: `ticket ${t.id} still queued` });
      if (["ORDERED", "PAID", "CANCELLED"].includes(t.status) && !orderIds.has(t.id))
        out.push({ rule: "flash_sale_ticket_has_order", detail: `ticket ${t.id} is ${t.status} without its order` });
    }
    const ticketIds = new Set(tickets.map((t) => t.id));
    for (const o of orders) if (!ticketIds.has(o.id)) out.push({ rule: "flash_sale_order_has_ticket", detail: `order ${o.id} of sale ${s.id} has no ticket` });
  }
  const all = new Map((await rows<{ id: string; user_id: string }>(dbs.seckill, "select id::text, user_id::text from tickets")).map((t) => [t.id, t.user_id]));
  for (const w of ledger.won)
    if (all.get(w.ticketId) !== w.userId)
      out.push({
        rule: "won_ticket_exists",
        detail: `ticket ${w.ticketId} was told won by ${w.userId} and is ${all.has(w.ticketId) ? "another's" : "missing"}`,
      });
  return out;
}

/** Nothing left half-way: no checkout still PENDING, no unpaid order past its deadline. */
export async function sagasSettled(dbs: Dbs): Promise<Violation[]> {
  const stuck = await rows<{ id: string; status: string }>(
    dbs.order,
    "select id::text, status from orders where status = 'PENDING' or (status = 'AWAITING_PAYMENT' and payment_deadline < now() - interval '30 seconds')",
  );
  return stuck.map((o) => ({ rule: "sagas_settled", detail: `order ${o.id} still ${o.status}` }));
}
