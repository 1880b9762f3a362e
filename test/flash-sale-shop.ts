// Flash sales through the gateway, as the web app and curl use them (proto/shop/seckill/v1: the
// routes are the RPCs' google.api.http rules): an admin schedules a sale, a shopper gets an attempt
// token once it has started and attempts with it, then polls their attempt until the order is made.
// Shared by the whole-system flash-sale tests and bench/seckill.ts.
import { databaseUrl } from "@shop/kit/db";
import { postgresUrl } from "@shop/testkit/servers";
import { sleep } from "@shop/testkit/wait";
import { bulkShoppers, type BulkShopper } from "../bench/shoppers.ts";
import type { Answer, Call } from "../services/gateway/test/helpers.ts";
import type { Shop } from "./checkout-shop.ts";

export interface Sale {
  id: string;
  skuId: string;
  quantity: number;
  remaining: number;
  status: string;
}

/** An attempt's answer as JSON (AttemptResult): status is an AttemptStatus name. */
export interface Attempt {
  saleId: string;
  status: string;
  ticketId: string;
  orderId: string;
  reason: string;
}

export const won = (a: Attempt) => a.status !== "ATTEMPT_STATUS_SOLD_OUT" && a.status !== "ATTEMPT_STATUS_FAILED" && a.ticketId !== "";

const reasonOf = (res: Answer) => (res.json.details as { reason?: string } | undefined)?.reason ?? "";

/** A sale of `quantity` units of `skuId` at `salePriceMinor`, from `startsAt` to `endsAt`; the raw answer. */
export function scheduleSale(call: Call, adminToken: string, o: { skuId: string; quantity: number; startsAt: Date; endsAt: Date; salePriceMinor?: number }) {
  return call("POST", "/api/v1/admin/flash-sales", {
    token: adminToken,
    body: {
      skuId: o.skuId,
      salePriceMinor: String(o.salePriceMinor ?? 1000),
      quantity: o.quantity,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
    },
  });
}

export const issueToken = (call: Call, saleId: string, shopperToken: string) =>
  call("POST", `/api/v1/flash-sales/${saleId}/token`, { token: shopperToken, body: {} });

export const attemptPurchase = (call: Call, saleId: string, shopperToken: string, attemptToken: string, addressId: string) =>
  call("POST", `/api/v1/flash-sales/${saleId}/attempts`, { token: shopperToken, body: { token: attemptToken, addressId } });

export const myAttempt = (call: Call, saleId: string, shopperToken: string) => call("GET", `/api/v1/flash-sales/${saleId}/attempt`, { token: shopperToken });

/**
 * The shopper's attempt token, asking again while the sale has not quite started (a sale scheduled
 * to start a moment from now); any other refusal is returned as it is.
 */
export async function tokenOnceStarted(call: Call, saleId: string, shopperToken: string, timeoutMs = 30_000): Promise<Answer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await issueToken(call, saleId, shopperToken);
    if (reasonOf(res) !== "SALE_NOT_STARTED" || Date.now() > until) return res;
    await sleep(200);
  }
}

export type AttemptOutcome = { kind: "won"; attempt: Attempt } | { kind: "sold_out" } | { kind: "error"; status: number; text: string };

/** Token then attempt, once: won (a ticket), sold out (an answer SOLD_OUT, or a refusal with that reason), or an error. */
export async function tokenAndAttempt(call: Call, saleId: string, who: { token: string; addressId: string }): Promise<AttemptOutcome> {
  const token = await issueToken(call, saleId, who.token);
  if (token.status !== 200) return { kind: "error", status: token.status, text: `token: ${token.text}` };
  return outcomeOf(await attemptPurchase(call, saleId, who.token, token.json.token as string, who.addressId));
}

export function outcomeOf(res: Answer): AttemptOutcome {
  if (res.status === 200) {
    const attempt = res.json as unknown as Attempt;
    if (won(attempt)) return { kind: "won", attempt };
    if (attempt.status === "ATTEMPT_STATUS_SOLD_OUT") return { kind: "sold_out" };
    return { kind: "error", status: res.status, text: res.text };
  }
  if (res.status < 500 && reasonOf(res) === "SOLD_OUT") return { kind: "sold_out" };
  return { kind: "error", status: res.status, text: res.text };
}

/**
 * Polls each shopper's attempt until it is past QUEUED (the order service made the order, or the
 * attempt failed); returns the attempts by shopper token. Rounds over the shoppers still waiting,
 * `concurrency` at a time, so each shopper polls gently (the gateway's per-user limit).
 */
export async function settledAttempts(call: Call, saleId: string, tokens: string[], timeoutMs: number, concurrency = 20): Promise<Map<string, Attempt>> {
  const settled = new Map<string, Attempt>();
  const until = Date.now() + timeoutMs;
  let waiting = [...tokens];
  while (waiting.length) {
    const still: string[] = [];
    await inBatches(waiting, concurrency, async (token) => {
      const res = await myAttempt(call, saleId, token);
      const attempt = res.json as unknown as Attempt;
      if (res.status === 200 && attempt.status !== "ATTEMPT_STATUS_QUEUED") settled.set(token, attempt);
      else still.push(token);
    });
    waiting = still;
    if (!waiting.length) break;
    if (Date.now() > until) throw new Error(`${waiting.length} of ${tokens.length} attempts still queued after ${timeoutMs} ms`);
    await sleep(500);
  }
  return settled;
}

/** Runs `fn` over `items`, at most `concurrency` at once. */
export async function inBatches<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export interface SaleOrder {
  id: string;
  userId: string;
  status: string;
  flashSaleId: string;
}

/** Every order of the sale, through the admin order list (all pages). */
export async function ordersOfSale(call: Call, adminToken: string, saleId: string): Promise<SaleOrder[]> {
  const found: SaleOrder[] = [];
  let pageToken = "";
  do {
    const res = await call("GET", `/api/v1/admin/orders?pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ""}`, { token: adminToken });
    if (res.status !== 200) throw new Error(`listing orders: ${res.status} ${res.text}`);
    found.push(...(res.json.orders as SaleOrder[]).filter((o) => o.flashSaleId === saleId));
    pageToken = res.json.nextPageToken as string;
  } while (pageToken);
  return found;
}

/** The sale as admins see it (counts included): one of the newest 100 in the admin list. */
export async function saleAsAdmin(call: Call, adminToken: string, saleId: string): Promise<Sale & { won: number; ordered: number; paid: number }> {
  const res = await call("GET", "/api/v1/admin/flash-sales?pageSize=100", { token: adminToken });
  if (res.status !== 200) throw new Error(`listing flash sales: ${res.status} ${res.text}`);
  const sale = (res.json.sales as (Sale & { won: number; ordered: number; paid: number })[]).find((s) => s.id === saleId);
  if (!sale) throw new Error(`sale ${saleId} is not among the newest 100`);
  return sale;
}

/** `count` signed-in shoppers with an address, made cheaply (bench/shoppers.ts) on a test shop. */
export function shopShoppers(shop: Shop, count: number): Promise<BulkShopper[]> {
  const { stack } = shop;
  return bulkShoppers(
    { api: `http://127.0.0.1:${stack.gateway.httpPort}`, dataDir: stack.dataDir, userDbUrl: databaseUrl(postgresUrl, `${stack.dbPrefix}user`) },
    count,
  );
}

export { dropRedisKeys } from "@shop/testkit/redis";
