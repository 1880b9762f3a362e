// Paying an order on the provider's hosted page (the sandbox's): a payment is made (or the pending
// one given again) and the browser goes there; the page links back to /pay/return/<paymentId>.
import { PaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { rpc } from "../../api/client.ts";

export async function payOrder(orderId: string, idempotencyKey: string): Promise<void> {
  const payment = await rpc(PaymentService.method.createPayment, { orderId }, { idempotencyKey });
  if (payment.checkoutUrl) window.location.assign(payment.checkoutUrl);
  else window.location.assign(`/account/orders/${encodeURIComponent(orderId)}`);
}
