// The order service's Prometheus gauges (served on /metrics with the kit's): orders waiting for
// their payment, and those past their deadline, which the payment timeout or the sweeper should
// already have cancelled. Counted every SHOP_ORDER_METRICS_SECONDS, not per scrape; every instance
// counts the same table, so a dashboard takes the max over instances.
import { Gauge } from "prom-client";
import { metricsRegistry } from "@shop/kit/metrics";
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { unpaidCounts } from "./repo/orders.ts";
import type { Deps } from "./usecases/deps.ts";

export const awaitingPayment = new Gauge({
  name: "orders_awaiting_payment",
  help: "Orders placed and not yet paid (AWAITING_PAYMENT)",
  registers: [metricsRegistry],
});

export const paymentOverdue = new Gauge({
  name: "orders_payment_overdue",
  help: "Orders still AWAITING_PAYMENT past their payment deadline: the timeout and the sweeper are behind",
  registers: [metricsRegistry],
});

/** Counts now and every `everySeconds`; a failed count keeps the last figures (logged by startPeriodic). */
export function startOrderGauges(d: Pick<Deps, "db" | "logger">, everySeconds: () => number): Periodic {
  return startPeriodic(
    "counting unpaid orders",
    everySeconds,
    async () => {
      const { awaiting, overdue } = await unpaidCounts(d.db);
      awaitingPayment.set(awaiting);
      paymentOverdue.set(overdue);
    },
    d.logger,
    { now: true },
  );
}
