// Shared by the wallet tests: topping a shopper's wallet up through the sandbox's real path (the
// hosted page's Pay, the signed webhook through the gateway), and asking the order service (on
// the bus, as the order service does) for a refund.
import { create, toBinary } from "@bufbuild/protobuf";
import { events, orderv1, paymentv1 } from "@shop/contracts";
import type { Bus } from "@shop/kit/bus/port";
import { waitFor } from "@shop/testkit/wait";
import { v7 } from "uuid";
import type { PaymentTest, Shopper } from "./helpers.ts";

/** A top-up of `amountMinor` paid on the sandbox page, once the webhook settled it. */
export async function topUp(t: PaymentTest, shopper: Shopper, amountMinor: number, currency = "EUR"): Promise<paymentv1.TopUp> {
  const started = await t.wallet.createTopUp({ amountMinor: BigInt(amountMinor), currency }, shopper.as);
  await t.provider.submitSandboxCheckout({ paymentId: started.id, outcome: paymentv1.SandboxOutcome.PAY });
  return waitFor("the top-up to succeed", async () => {
    const now = await t.wallet.getTopUp({ topUpId: started.id }, shopper.as);
    return now.status === paymentv1.TopUpStatus.SUCCEEDED ? now : undefined;
  });
}

export async function balanceOf(t: PaymentTest, shopper: Shopper, currency = "EUR"): Promise<bigint> {
  const wallet = await t.wallet.getWallet({}, shopper.as);
  return wallet.balances.find((b) => b.currency === currency)?.balanceMinor ?? 0n;
}

export async function requestRefund(bus: Bus, orderId: string, paymentId: string): Promise<void> {
  await bus.publish({
    id: v7(),
    topic: events.orderRefundRequested.topic,
    type: events.orderRefundRequested.schema.typeName,
    payload: toBinary(orderv1.OrderRefundRequestedSchema, create(orderv1.OrderRefundRequestedSchema, { orderId, paymentId, reason: "cancelled" })),
    headers: {},
    occurredAt: new Date().toISOString(),
  });
}

/** The ledger's own check, asked as an admin. */
export const ledgerCheck = (t: PaymentTest) => t.adminWallet.checkLedger({}, t.asAdmin);
