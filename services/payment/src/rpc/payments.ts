// PaymentService and AdminPaymentService: the kit's interceptors have checked access (the proto's
// option) and input.
import type { ServiceImpl } from "@connectrpc/connect";
import type { paymentv1 } from "@shop/contracts";
import { createPayment } from "../usecases/create-payment.ts";
import type { Deps } from "../usecases/deps.ts";
import { getPayment, listPayments } from "../usecases/get-payments.ts";
import { methodOf, toPayment, userOf } from "./mapping.ts";

export function paymentService(d: Deps): ServiceImpl<typeof paymentv1.PaymentService> {
  return {
    async createPayment(req, ctx) {
      return toPayment(await createPayment(d, userOf(ctx), req.orderId, methodOf(req.method)));
    },
    async getPayment(req, ctx) {
      return toPayment(await getPayment(d, userOf(ctx), req.paymentId));
    },
    async listOrderPayments(req, ctx) {
      return { payments: (await listPayments(d, req.orderId, userOf(ctx))).map(toPayment) };
    },
  };
}

export function adminPaymentService(d: Deps): ServiceImpl<typeof paymentv1.AdminPaymentService> {
  return {
    async adminListOrderPayments(req) {
      return { payments: (await listPayments(d, req.orderId)).map(toPayment) };
    },
  };
}
