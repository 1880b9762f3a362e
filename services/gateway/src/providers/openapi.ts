// The provider routes in the OpenAPI document: they are not built from the route table (raw bodies
// and HTML), so they are described here, next to the routes.
import type { Schema } from "../openapi/schemas.ts";
import { webhookBodyLimitBytes } from "./routes.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const html = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" } } } });
const paymentId = { name: "paymentId", in: "path", required: true, schema: { type: "string", format: "uuid" } };

const submit = (outcome: string): Schema => ({
  operationId: `SandboxCheckout_${outcome}`,
  tags: ["PaymentProviders"],
  summary: `The shopper pressed ${outcome} on the sandbox's page; the outcome comes back as a signed webhook.`,
  parameters: [paymentId],
  security: [],
  responses: { "303": { description: "Back to the checkout page, which shows the status." }, "404": html("No such payment.") },
});

export const providerPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/payments/webhooks/{provider}": {
    post: {
      operationId: "PaymentProviders_ReceiveWebhook",
      tags: ["PaymentProviders"],
      summary: "A payment provider's webhook: the raw body and its signature header.",
      description:
        'The body is read as bytes, whatever its content type, so the signature covers exactly what was sent. The sandbox signs Stripe\'s way: `Shop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, 5 minutes of tolerance either way; a duplicate event is answered 200 and applied once.',
      parameters: [
        { name: "provider", in: "path", required: true, schema: { type: "string", pattern: "^[a-z][a-z0-9_-]{0,31}$" } },
        { name: "Shop-Signature", in: "header", required: true, schema: { type: "string", maxLength: 1024 } },
      ],
      requestBody: { required: true, content: { "*/*": { schema: { type: "string", format: "binary", maxLength: webhookBodyLimitBytes } } } },
      security: [],
      responses: {
        "200": {
          description: "Received; `applied` is false for a duplicate or an event that moves nothing.",
          content: {
            "application/json": {
              schema: { type: "object", required: ["received", "applied"], properties: { received: { type: "boolean" }, applied: { type: "boolean" } } },
            },
          },
        },
        "400": error("AMOUNT_MISMATCH, WEBHOOK_MALFORMED, REFUND_NOT_FOUND (retry later)."),
        "401": error("WEBHOOK_SIGNATURE_INVALID or WEBHOOK_TIMESTAMP_STALE."),
        "404": error("PROVIDER_NOT_FOUND or PAYMENT_NOT_FOUND."),
        "413": error("Body over 64 KiB."),
      },
    },
  },
  "/sandbox/checkout/{paymentId}": {
    get: {
      operationId: "SandboxCheckout_Page",
      tags: ["PaymentProviders"],
      summary: "The sandbox provider's hosted checkout page: the order number and amount, Pay and Decline.",
      parameters: [paymentId],
      security: [],
      responses: { "200": html("The page (private, no-store; strict CSP)."), "404": html("No such payment.") },
    },
  },
  "/sandbox/checkout/{paymentId}/pay": { post: submit("Pay") },
  "/sandbox/checkout/{paymentId}/decline": { post: submit("Decline") },
};
