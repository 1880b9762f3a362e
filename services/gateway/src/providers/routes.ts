// Routes of the payment providers, which are not REST over the contracts: the sandbox's hosted
// checkout page (HTML, forms posting back) and the providers' webhooks (a raw signed body, read
// as bytes because the signature covers them exactly). Both call the payment service's
// PaymentProviderService through the gateway's transport to "payment".
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import type { Logger } from "@shop/kit/log";
import type { FastifyInstance, FastifyReply } from "fastify";
import { httpStatusOf } from "../errors.ts";
import { privateNoStore } from "../http-cache.ts";
import { checkoutPage, errorPage, sandboxPageCsp } from "./sandbox-page.ts";

export const webhookBodyLimitBytes = 64 * 1024;
const signatureHeader = "shop-signature";

export interface ProviderRouteDeps {
  /** The transport to the deployable that serves PaymentProviderService. */
  transport: Transport;
  timeoutMs: () => number;
  logger: Logger;
}

type CheckoutParams = { Params: { paymentId: string }; Querystring: { submitted?: string } };

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header("content-security-policy", sandboxPageCsp)
    .header("cache-control", privateNoStore)
    .header("referrer-policy", "no-referrer")
    .header("x-frame-options", "DENY")
    .send(html);
}

/** An upstream refusal as a page; a server-side failure says no more than that. */
function sendFailure(reply: FastifyReply, err: unknown, logger: Logger): FastifyReply {
  const ce = ConnectError.from(err);
  const status = httpStatusOf[ce.code];
  if (status >= 500) logger.warn({ code: ce.code, upstreamMessage: ce.rawMessage }, "sandbox page: payment service failed");
  const message =
    ce.code === Code.NotFound || ce.code === Code.InvalidArgument
      ? "No such payment."
      : status >= 500
        ? "The payment service is unavailable; try again shortly."
        : ce.rawMessage;
  return sendPage(reply, status, errorPage(message));
}

export function installProviderRoutes(app: FastifyInstance, deps: ProviderRouteDeps): void {
  const client = createClient(paymentv1.PaymentProviderService, deps.transport);
  const call = () => ({ timeoutMs: deps.timeoutMs() });

  void app.register((scope, _opts, done) => {
    // In this scope only: any body (a form post, a provider's JSON) is kept as raw bytes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: webhookBodyLimitBytes }, (_req, body, parsed) => parsed(null, body));

    scope.get<CheckoutParams>("/sandbox/checkout/:paymentId", async (req, reply) => {
      try {
        const checkout = await client.getSandboxCheckout({ paymentId: req.params.paymentId }, call());
        return sendPage(reply, 200, checkoutPage(checkout, req.query.submitted === "1"));
      } catch (err) {
        return sendFailure(reply, err, deps.logger);
      }
    });

    for (const [path, outcome] of [
      ["pay", paymentv1.SandboxOutcome.PAY],
      ["decline", paymentv1.SandboxOutcome.DECLINE],
    ] as const) {
      scope.post<CheckoutParams>(`/sandbox/checkout/:paymentId/${path}`, { bodyLimit: webhookBodyLimitBytes }, async (req, reply) => {
        try {
          await client.submitSandboxCheckout({ paymentId: req.params.paymentId, outcome }, call());
        } catch (err) {
          // Chosen already (no longer pending): the page shows what became of it.
          if (!(err instanceof ConnectError && err.code === Code.FailedPrecondition)) return sendFailure(reply, err, deps.logger);
        }
        return reply.redirect(`/sandbox/checkout/${encodeURIComponent(req.params.paymentId)}?submitted=1`, 303);
      });
    }

    scope.post<{ Params: { provider: string } }>("/api/v1/payments/webhooks/:provider", { bodyLimit: webhookBodyLimitBytes }, async (req, reply) => {
      const header = req.headers[signatureHeader];
      const res = await client.receiveWebhook(
        {
          provider: req.params.provider,
          payload: Buffer.isBuffer(req.body) ? req.body : new Uint8Array(),
          signature: (Array.isArray(header) ? header.join(",") : (header ?? "")).slice(0, 1024),
        },
        call(),
      );
      return reply.send({ received: true, applied: res.applied });
    });
    done();
  });
}
