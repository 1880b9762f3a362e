// The sandbox carrier: stands in for every carrier not integrated (so the shop's whole journey runs
// without one). Registering a shipment schedules its steps durably (schedule.ts); each is reported
// when due the way a real carrier's are, as a signed webhook through the gateway, so the logistics
// service takes the same verification path for the sandbox as for any carrier.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { CarrierProvider } from "../port.ts";
import { startDispatcher } from "./dispatch.ts";
import { parseBody } from "./event-body.ts";
import { scheduleSteps } from "./schedule.ts";
import { sign, toleranceSeconds, verify } from "./signature.ts";

export interface SandboxCarrierOptions {
  db: Db;
  secret: Buffer;
  /** Where the events are POSTed: the gateway's /api/v1/logistics/webhooks/sandbox. */
  webhookUrl: string;
  /** Seconds between a shipment's steps (read at registration). */
  stepSeconds: () => number;
  logger: Logger;
}

export function createSandboxCarrier(o: SandboxCarrierOptions): CarrierProvider {
  const dispatcher = startDispatcher({
    db: o.db,
    url: o.webhookUrl,
    logger: o.logger,
    sign: (body) => sign(o.secret, Math.floor(Date.now() / 1000), body),
    // Often enough that a step is reported about on time, at most once a second.
    pollSeconds: () => Math.min(1, Math.max(0.1, o.stepSeconds() / 4)),
  });
  return {
    name: "sandbox",
    toleranceSeconds,
    register: (ex, shipment) => scheduleSteps(ex, shipment, o.stepSeconds()),
    verifyWebhook(rawBody, signatureHeader, now) {
      const delivery = verify(o.secret, signatureHeader, rawBody, now);
      return { event: parseBody(rawBody, now), delivery };
    },
    close: () => dispatcher.stop(),
  };
}
