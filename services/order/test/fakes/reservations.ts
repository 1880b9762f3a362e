// TEST DOUBLE of the inventory service's ReservationService (the real one is services/inventory),
// faithful to the contract: stock per SKU that is really held and given back, all lines or none
// (OUT_OF_STOCK naming the first short SKU), every call idempotent by order id, committing a
// released (or restocked) reservation refused with RESERVATION_RELEASED, restocking a committed
// one putting its units back on hand (an open one released instead). It also counts calls, so tests can see
// that a retried checkout did not reserve twice. A from_reservation_id is only recorded: the units
// still come from the SKU's stock.
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { inventoryv1 } from "@shop/contracts";
import { AppError, toConnectError } from "@shop/kit/errors";

type State = "OPEN" | "COMMITTED" | "RELEASED" | "RESTOCKED";

interface Held {
  status: State;
  lines: { skuId: string; quantity: number }[];
  expiresAt: Date;
  /** The reservation the units were taken from (ReserveRequest.from_reservation_id); "" for stock. */
  from?: string;
}

export interface FakeReservations {
  routes: (router: ConnectRouter) => void;
  setStock(skuId: string, onHand: number): void;
  level(skuId: string): { onHand: number; reserved: number };
  /** The reservation of an order, if any. */
  of(orderId: string): Held | undefined;
  /** Releases an open reservation as the inventory's expiry sweeper would. */
  expire(orderId: string): void;
  /** Every reservation made, by order id. */
  all(): Map<string, Held>;
  calls: { reserve: number; commit: number; release: number; restock: number };
  /** Milliseconds each Reserve takes before it answers (a slow inventory: widens a test's window). */
  latencyMs: number;
  /** While true every call answers UNAVAILABLE, as an inventory service that is down. */
  down: boolean;
}

const fail = (reason: string, message: string, metadata: Record<string, string> = {}) =>
  toConnectError(new AppError("failed_precondition", reason, message, { metadata }));

export function fakeReservations(): FakeReservations {
  const stock = new Map<string, { onHand: number; reserved: number }>();
  const held = new Map<string, Held>();
  const calls = { reserve: 0, commit: 0, release: 0, restock: 0 };
  const level = (skuId: string) => stock.get(skuId) ?? { onHand: 0, reserved: 0 };
  const toMessage = (orderId: string, h: Held) => ({
    orderId,
    status: inventoryv1.ReservationStatus[h.status],
    lines: h.lines,
    expiresAt: timestampFromDate(h.expiresAt),
  });
  const release = (h: Held) => {
    if (h.status !== "OPEN") return;
    for (const l of h.lines) stock.set(l.skuId, { ...level(l.skuId), reserved: level(l.skuId).reserved - l.quantity });
    h.status = "RELEASED";
  };
  // One never made is remembered as released, so a Reserve arriving late cannot hold stock.
  const heldOrReleased = (orderId: string) => {
    const h = held.get(orderId) ?? { status: "RELEASED" as const, lines: [], expiresAt: new Date() };
    held.set(orderId, h);
    return h;
  };
  const unavailable = () => {
    if (fake.down) throw new ConnectError("inventory is down (test double)", Code.Unavailable);
  };
  const fake: FakeReservations = {
    calls,
    latencyMs: 0,
    down: false,
    all: () => held,
    routes: (router) =>
      router.service(inventoryv1.ReservationService, {
        async reserve(req) {
          calls.reserve++;
          unavailable();
          if (fake.latencyMs) await new Promise((r) => setTimeout(r, fake.latencyMs));
          const existing = held.get(req.orderId);
          if (existing) return toMessage(req.orderId, existing);
          const short = req.lines.find((l) => level(l.skuId).onHand - level(l.skuId).reserved < l.quantity);
          if (short)
            throw fail("OUT_OF_STOCK", "not enough stock for the order", {
              skuId: short.skuId,
              available: String(level(short.skuId).onHand - level(short.skuId).reserved),
            });
          for (const l of req.lines) stock.set(l.skuId, { ...level(l.skuId), reserved: level(l.skuId).reserved + l.quantity });
          const h: Held = {
            status: "OPEN",
            lines: req.lines.map(({ skuId, quantity }) => ({ skuId, quantity })),
            expiresAt: new Date(Date.now() + req.ttlSeconds * 1000),
            from: req.fromReservationId,
          };
          held.set(req.orderId, h);
          return toMessage(req.orderId, h);
        },
        commitReservation(req) {
          calls.commit++;
          unavailable();
          const h = held.get(req.orderId);
          if (!h) throw toConnectError(new AppError("not_found", "RESERVATION_NOT_FOUND", "no reservation for this order"));
          if (h.status === "RELEASED" || h.status === "RESTOCKED") throw fail("RESERVATION_RELEASED", "the reservation was released");
          if (h.status === "OPEN") {
            for (const l of h.lines) stock.set(l.skuId, { onHand: level(l.skuId).onHand - l.quantity, reserved: level(l.skuId).reserved - l.quantity });
            h.status = "COMMITTED";
          }
          return toMessage(req.orderId, h);
        },
        releaseReservation(req) {
          calls.release++;
          unavailable();
          const h = heldOrReleased(req.orderId);
          release(h);
          return toMessage(req.orderId, h);
        },
        restockReservation(req) {
          calls.restock++;
          unavailable();
          const h = heldOrReleased(req.orderId);
          if (h.status === "COMMITTED") {
            for (const l of h.lines) stock.set(l.skuId, { ...level(l.skuId), onHand: level(l.skuId).onHand + l.quantity });
            h.status = "RESTOCKED";
          }
          release(h);
          return toMessage(req.orderId, h);
        },
        getReservation(req) {
          const h = held.get(req.orderId);
          if (!h) throw toConnectError(new AppError("not_found", "RESERVATION_NOT_FOUND", "no reservation for this order"));
          return toMessage(req.orderId, h);
        },
      }),
    setStock: (skuId, onHand) => void stock.set(skuId, { ...level(skuId), onHand }),
    level,
    of: (orderId) => held.get(orderId),
    expire: (orderId) => {
      const h = held.get(orderId);
      if (h) release(h);
    },
  };
  return fake;
}
