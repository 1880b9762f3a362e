// The carriers' tracking webhooks: a raw signed body, read as bytes because the signature covers
// them exactly, passed to the logistics service's CarrierWebhookService through the gateway's
// transport to it. Described in OpenAPI here too (not built from the route table).
import { createClient, type Transport } from "@connectrpc/connect";
import { logisticsv1 } from "@shop/contracts";
import type { FastifyInstance } from "fastify";
import type { Schema } from "../openapi/schemas.ts";
import { webhookBodyLimitBytes } from "./routes.ts";

const signatureHeader = "shop-signature";
const path = "/api/v1/logistics/webhooks";

export function installCarrierRoutes(app: FastifyInstance, deps: { transport: Transport; timeoutMs: () => number }): void {
  const client = createClient(logisticsv1.CarrierWebhookService, deps.transport);
  void app.register((scope, _opts, done) => {
    // In this scope only: any body is kept as raw bytes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: webhookBodyLimitBytes }, (_req, body, parsed) => parsed(null, body));
    scope.post<{ Params: { carrier: string } }>(`${path}/:carrier`, { bodyLimit: webhookBodyLimitBytes }, async (req, reply) => {
      const header = req.headers[signatureHeader];
      const res = await client.receiveTrackingWebhook(
        {
          provider: req.params.carrier,
          payload: Buffer.isBuffer(req.body) ? req.body : new Uint8Array(),
          signature: (Array.isArray(header) ? header.join(",") : (header ?? "")).slice(0, 1024),
        },
        { timeoutMs: deps.timeoutMs() },
      );
      return reply.send({ received: true, applied: res.applied, duplicate: res.duplicate });
    });
    done();
  });
}

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

export const carrierPaths: Record<string, Record<string, Schema>> = {
  [`${path}/{carrier}`]: {
    post: {
      operationId: "Carriers_ReceiveTrackingWebhook",
      tags: ["Carriers"],
      summary: "A carrier's tracking webhook: the raw body and its signature header.",
      description:
        'The body is read as bytes, so the signature covers exactly what was sent. The sandbox carrier signs like the payment sandbox: `Shop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, 5 minutes of tolerance either way; the same delivery sent twice is refused, another delivery of a recorded event is answered 200 and recorded once.',
      parameters: [
        { name: "carrier", in: "path", required: true, schema: { type: "string", pattern: "^[a-z][a-z0-9_-]{0,31}$" } },
        { name: "Shop-Signature", in: "header", required: true, schema: { type: "string", maxLength: 1024 } },
      ],
      requestBody: { required: true, content: { "*/*": { schema: { type: "string", format: "binary", maxLength: webhookBodyLimitBytes } } } },
      security: [],
      responses: {
        "200": {
          description: "Received; `applied` when the shipment moved forward, `duplicate` when the event was recorded before.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["received", "applied", "duplicate"],
                properties: { received: { type: "boolean" }, applied: { type: "boolean" }, duplicate: { type: "boolean" } },
              },
            },
          },
        },
        "400": error("WEBHOOK_MALFORMED."),
        "401": error("WEBHOOK_SIGNATURE_INVALID or WEBHOOK_TIMESTAMP_STALE."),
        "404": error("PROVIDER_NOT_FOUND or SHIPMENT_NOT_FOUND."),
        "409": error("WEBHOOK_REPLAYED: this very delivery was received before."),
        "413": error("Body over 64 KiB."),
      },
    },
  },
};
