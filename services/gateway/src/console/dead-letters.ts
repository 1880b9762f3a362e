// Dead letters for the console: listed and replayed on the bus the system uses, opened by the
// gateway as `shop dead-letters` opens it (createBus with the platform config: RabbitMQ when
// SHOP_AMQP_URL is set, else the PostgreSQL queue tables `<dbPrefix>bus` on SHOP_POSTGRES_URL).
// Opened on first use and kept: most gateways never serve this page. Each letter's payload is shown
// decoded when its type is a contract event, so the admin sees what failed before replaying it.
import { fromBinary, toJson, type DescMessage } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { events } from "@shop/contracts";
import { createBus } from "@shop/kit/bus/create";
import type { Bus, DeadLetter } from "@shop/kit/bus/port";
import type { Logger } from "@shop/kit/log";
import type { PlatformConfig } from "@shop/kit/platform";
import { HttpError } from "../errors.ts";
import type { DeadLetterView } from "./answers.ts";

/** Most letters one replay of `all` takes (RabbitMQ reads them one by one), as the CLI. */
export const maxReplayAll = 10_000;

const schemas = new Map<string, DescMessage>(Object.values(events).map((e) => [e.schema.typeName, e.schema]));

function decoded(d: DeadLetter): unknown {
  const schema = schemas.get(d.type);
  if (!schema) return null;
  try {
    return toJson(schema, fromBinary(schema, d.payload));
  } catch {
    return null; // a poison message: the bytes do not decode
  }
}

const view = (d: DeadLetter): DeadLetterView => ({
  id: d.id,
  topic: d.topic,
  type: d.type,
  attempts: d.attempt,
  error: d.error,
  failedAt: d.failedAt,
  occurredAt: d.occurredAt,
  payload: decoded(d),
  payloadBytes: d.payload.byteLength,
});

export interface DeadLetterDesk {
  list(group: string, limit: number): Promise<DeadLetterView[]>;
  /** Replays `ids`, or every letter of the group; returns how many went back on the queue. */
  replay(group: string, which: { ids: string[] } | { all: true }): Promise<number>;
  close(): Promise<void>;
}

export function createDeadLetterDesk(platform: PlatformConfig, logger: Logger): DeadLetterDesk {
  let opening: Promise<Bus> | undefined;
  const bus = async () => {
    opening ??= createBus(platform, logger, "gateway-console").catch((err: unknown) => {
      opening = undefined;
      throw err;
    });
    try {
      return await opening;
    } catch (err) {
      logger.warn({ err }, "console: the event bus could not be opened");
      throw new HttpError(Code.Unavailable, "BUS_UNAVAILABLE", "the event bus cannot be reached; try again shortly");
    }
  };
  return {
    async list(group, limit) {
      return (await (await bus()).deadLetters(group, limit)).map(view);
    },
    async replay(group, which) {
      const b = await bus();
      const ids = "ids" in which ? which.ids : (await b.deadLetters(group, maxReplayAll)).map((d) => d.id);
      return ids.length ? b.replay(group, ids) : 0;
    },
    async close() {
      const b = await opening?.catch(() => undefined);
      opening = undefined;
      await b?.close();
    },
  };
}
