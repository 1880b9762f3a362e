// The sandbox provider: a hosted checkout page served by the gateway (/sandbox/checkout/<id>) on
// which the shopper presses Pay or Decline, and refunds that always succeed. Outcomes come back
// the way a real provider's do, as signed webhooks through the gateway, so the payment service
// takes the same verification path for the sandbox as for any provider.
import { v7 } from "uuid";
import type { ProviderEvent, ProviderEventType } from "../../domain/provider-event.ts";
import type { Checkout, PaymentProvider, PaymentRef, RefundRef } from "../port.ts";
import type { WebhookSender } from "./deliver.ts";
import { parseBody, toBody } from "./event-body.ts";
import { sign, verify } from "./signature.ts";

export type SandboxOutcome = "pay" | "decline";

export interface SandboxProvider extends PaymentProvider {
  /** The shopper's choice on the hosted page: reported by webhook, as a provider would. */
  submit(payment: PaymentRef, outcome: SandboxOutcome): void;
}

export interface SandboxOptions {
  /** Where the gateway serves the hosted page: `${publicUrl}/sandbox/checkout/<payment id>`. */
  publicUrl: string;
  secret: Buffer;
  sender: WebhookSender;
  now?: () => Date;
}

export function createSandboxProvider(opts: SandboxOptions): SandboxProvider {
  const now = opts.now ?? (() => new Date());
  const unix = () => Math.floor(now().getTime() / 1000);

  function report(payment: PaymentRef, type: ProviderEventType, extra: Partial<ProviderEvent> = {}): void {
    const event: ProviderEvent = {
      id: `evt_${v7()}`,
      type,
      paymentId: payment.id,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      providerReference: payment.providerReference,
      created: unix(),
      ...extra,
    };
    const body = Buffer.from(JSON.stringify(toBody(event)));
    opts.sender.send(event.id, body, () => sign(opts.secret, unix(), body));
  }

  return {
    name: "sandbox",
    createCheckout(payment): Promise<Checkout> {
      const base = opts.publicUrl.replace(/\/+$/, "");
      return Promise.resolve({ url: `${base}/sandbox/checkout/${payment.id}`, providerReference: `sbx_${payment.id.replaceAll("-", "")}` });
    },
    submit(payment, outcome) {
      if (outcome === "pay") report(payment, "payment.succeeded");
      else report(payment, "payment.failed", { failureReason: "declined on the sandbox page" });
    },
    refund(payment: PaymentRef, refund: RefundRef) {
      report(payment, "refund.succeeded", { refundId: refund.id, amountMinor: refund.amountMinor });
      return Promise.resolve();
    },
    verifyWebhook(rawBody, signatureHeader, at) {
      verify(opts.secret, signatureHeader, rawBody, at);
      return parseBody(rawBody);
    },
    close: () => opts.sender.close(),
  };
}
