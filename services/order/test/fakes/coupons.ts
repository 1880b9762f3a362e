// TEST DOUBLE of the coupon service's CouponInternalService (the real one is services/coupon, built
// alongside), faithful to the contract for fixed-amount coupons: options judged against the lines
// (currency, scope by product, applicable first, largest discount first), shares proportional to
// the lines in scope adding up to the discount (largest remainder), one lock per order (asked again,
// the same answer), another user's coupon NOT_FOUND, a coupon locked elsewhere COUPON_NOT_AVAILABLE,
// a release recorded even before any lock. It keeps the calls, so tests can see what was sent.
import { randomUUID } from "node:crypto";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import { AppError, toConnectError } from "@shop/kit/errors";

interface Coupon {
  id: string;
  userId: string;
  name: string;
  amountOffMinor: number;
  currency: string;
  /** Empty: every product. */
  productIds: string[];
  status: "AVAILABLE" | "LOCKED" | "USED";
  orderId: string;
}

type Line = { skuId: string; productId: string; categoryId: string; subtotalMinor: bigint };

export interface FakeCoupons {
  routes: (router: ConnectRouter) => void;
  /** Gives `userId` a coupon of `amountOffMinor` (EUR, every product unless `productIds`); returns its id. */
  give(userId: string, amountOffMinor: number, opts?: { name?: string; productIds?: string[]; currency?: string }): string;
  coupon(id: string): Coupon | undefined;
  calls: { evaluate: Line[][]; lock: string[]; release: string[] };
  /** While true every call answers UNAVAILABLE, as a coupon service that is down. */
  down: boolean;
}

const refuse = (kind: "failed_precondition" | "not_found", reason: string) => toConnectError(new AppError(kind, reason, reason.toLowerCase()));

function judge(c: Coupon, currency: string, lines: Line[]) {
  const inScope = lines.filter((l) => !c.productIds.length || c.productIds.includes(l.productId));
  const base = inScope.reduce((sum, l) => sum + Number(l.subtotalMinor), 0);
  const why = c.currency !== currency ? "CURRENCY_MISMATCH" : !inScope.length ? "NOT_IN_SCOPE" : "";
  if (why) return { coupon: { id: c.id, template: { name: c.name } }, applicable: false, reason: why, discountMinor: 0n, allocations: [] };
  const discount = Math.min(c.amountOffMinor, base);
  const exact = inScope.map((l) => (discount * Number(l.subtotalMinor)) / base);
  const shares = exact.map(Math.floor);
  let left = discount - shares.reduce((a, b) => a + b, 0);
  for (const i of exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i)) {
    if (left-- > 0) shares[i]! += 1;
  }
  const allocations = inScope.map((l, i) => ({ skuId: l.skuId, discountMinor: BigInt(shares[i]!) }));
  return { coupon: { id: c.id, template: { name: c.name } }, applicable: true, reason: "", discountMinor: BigInt(discount), allocations };
}

export function fakeCoupons(): FakeCoupons {
  const coupons = new Map<string, Coupon>();
  const released = new Set<string>();
  const locks = new Map<string, ReturnType<typeof judge>>();
  const fake: FakeCoupons = {
    calls: { evaluate: [], lock: [], release: [] },
    down: false,
    coupon: (id) => coupons.get(id),
    give(userId, amountOffMinor, { name = "Coupon", productIds = [], currency = "EUR" } = {}) {
      const id = randomUUID();
      coupons.set(id, { id, userId, name, amountOffMinor, currency, productIds, status: "AVAILABLE", orderId: "" });
      return id;
    },
    routes: (router) =>
      router.service(couponv1.CouponInternalService, {
        evaluateCoupons(req) {
          unavailable();
          fake.calls.evaluate.push(req.lines);
          const options = [...coupons.values()]
            .filter((c) => c.userId === req.userId && c.status === "AVAILABLE")
            .map((c) => judge(c, req.currency, req.lines))
            .sort((a, b) => Number(b.applicable) - Number(a.applicable) || Number(b.discountMinor - a.discountMinor));
          return { options, bestUserCouponId: options.find((o) => o.applicable)?.coupon.id ?? "" };
        },
        lockCoupon(req) {
          unavailable();
          fake.calls.lock.push(req.orderId);
          const c = coupons.get(req.userCouponId);
          if (!c || c.userId !== req.userId) throw refuse("not_found", "COUPON_NOT_FOUND");
          if (released.has(req.orderId)) throw refuse("failed_precondition", "COUPON_LOCK_RELEASED");
          const done = locks.get(req.orderId);
          if (!done && c.status !== "AVAILABLE") throw refuse("failed_precondition", "COUPON_NOT_AVAILABLE");
          const lock = done ?? judge(c, req.currency, req.lines);
          if (!lock.applicable) throw refuse("failed_precondition", "COUPON_NOT_APPLICABLE");
          Object.assign(c, { status: "LOCKED", orderId: req.orderId });
          locks.set(req.orderId, lock);
          return { userCouponId: c.id, orderId: req.orderId, discountMinor: lock.discountMinor, allocations: lock.allocations };
        },
        releaseCoupon(req) {
          unavailable();
          fake.calls.release.push(req.orderId);
          released.add(req.orderId);
          const c = [...coupons.values()].find((x) => x.orderId === req.orderId && x.status === "LOCKED");
          if (c) Object.assign(c, { status: "AVAILABLE", orderId: "" });
          return { userCouponId: c?.id ?? "" };
        },
      }),
  };
  const unavailable = () => {
    if (fake.down) throw new ConnectError("coupon service is down (test double)", Code.Unavailable);
  };
  return fake;
}
