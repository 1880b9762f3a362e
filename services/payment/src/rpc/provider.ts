// PaymentProviderService: what the gateway's provider routes call (the sandbox's hosted page and
// the providers' webhooks). Public: a provider's page and webhook carry no shopper token.
import type { ServiceImpl } from "@connectrpc/connect";
import type { paymentv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { receiveWebhook } from "../usecases/receive-webhook.ts";
import { getSandboxCheckout, submitSandboxCheckout } from "../usecases/sandbox-checkout.ts";
import { outcomeOf, toSandboxCheckout } from "./mapping.ts";

export function paymentProviderService(d: Deps): ServiceImpl<typeof paymentv1.PaymentProviderService> {
  return {
    async getSandboxCheckout(req) {
      return toSandboxCheckout(await getSandboxCheckout(d, req.paymentId));
    },
    async submitSandboxCheckout(req) {
      return toSandboxCheckout(await submitSandboxCheckout(d, req.paymentId, outcomeOf(req.outcome)));
    },
    async receiveWebhook(req) {
      return receiveWebhook(d, req.provider, req.payload, req.signature);
    },
  };
}
