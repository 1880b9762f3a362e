// Reading orders: one with its lines (and history), pages of them, and what the payment service
// needs to take a payment.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import type { Executor } from "@shop/kit/db";
import { orderNotFound } from "../domain/errors.ts";
import type { PricedLine } from "../domain/pricing.ts";
import { hiddenFromShopper, statuses, type Status } from "../domain/status.ts";
import { historyOf, type HistoryRow } from "../repo/history.ts";
import { linesOf } from "../repo/lines.ts";
import { findOrder, listOrders, type OrderFilter, type OrderRow } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";

export interface OrderView {
  order: OrderRow;
  lines: PricedLine[];
  history: HistoryRow[];
}

const defaultPageSize = 20;
const maxPageSize = 100;

export async function viewOf(ex: Executor, order: OrderRow, withHistory: boolean): Promise<OrderView> {
  return { order, lines: await linesOf(ex, order.id), history: withHistory ? await historyOf(ex, order.id) : [] };
}

/** The order with its history; another user's (when `userId` is given) is NOT_FOUND. */
export async function getOrder(d: Deps, orderId: string, userId?: string): Promise<OrderView> {
  const order = await findOrder(d.db, orderId);
  if (!order || (userId && order.userId !== userId)) throw orderNotFound();
  return viewOf(d.db, order, true);
}

export interface ListInput {
  userId?: string;
  status?: Status;
  numberPrefix?: string;
  /** Without a status filter: leave out orders that are not orders yet (the shopper's list). */
  hideUnplaced?: boolean;
  pageSize: number;
  pageToken: string;
}

export async function listOrderViews(d: Deps, input: ListInput): Promise<{ orders: OrderView[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const filter: OrderFilter = {
    userId: input.userId,
    numberPrefix: input.numberPrefix,
    statuses: input.status ? [input.status] : input.hideUnplaced ? statuses.filter((s) => !hiddenFromShopper.includes(s)) : undefined,
  };
  const fingerprint = queryFingerprint(filter);
  const before = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listOrders(d.db, filter, { beforeId: before?.id, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    orders: await Promise.all(page.map((o) => viewOf(d.db, o, false))),
    nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "",
  };
}

/** For the payment service: the user's own order, its amount, and whether it may be paid now. */
export async function payableOrder(d: Deps, orderId: string, userId: string): Promise<OrderRow & { payable: boolean }> {
  const order = await findOrder(d.db, orderId);
  if (!order || order.userId !== userId) throw orderNotFound();
  return { ...order, payable: order.status === "AWAITING_PAYMENT" };
}
