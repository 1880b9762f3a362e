// The transactional outbox (house rule 4, docs/architecture.md): a service writes its change and
// the event that announces it in one transaction, so neither exists without the other. The relay
// (outbox-relay.ts) publishes what was committed.
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { EventType } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Executor } from "../db.ts";
import { currentTraceHeaders } from "./instrument.ts";
import { assertTopic } from "./topics.ts";

export interface EnqueueOptions {
  /** Deliver no earlier than this many seconds after the transaction wrote the event. */
  delaySeconds?: number;
}

/**
 * Writes `message`, an event of type `event` (an entry of the contracts' `events` table: its topic
 * and schema), in `ex`: as intended, the caller's transaction; the pool makes the insert its own.
 * Stored as protobuf binary with a UUIDv7 id and the current trace context; returns the id.
 */
export async function enqueue<Desc extends DescMessage>(
  ex: Executor,
  event: EventType<Desc>,
  message: MessageShape<Desc>,
  options: EnqueueOptions = {},
): Promise<string> {
  assertTopic(event.topic);
  const delay = options.delaySeconds ?? 0;
  if (!(delay >= 0 && delay <= 366 * 86_400)) throw new Error(`bad delaySeconds ${delay}`);
  const id = uuidv7();
  const payload = Buffer.from(toBinary(event.schema, message));
  await ex.execute(sql`
    insert into kit_outbox (id, topic, type, payload, headers, delay_seconds)
    values (${id}, ${event.topic}, ${event.schema.typeName}, ${payload}, ${JSON.stringify(currentTraceHeaders())}::jsonb, ${delay})`);
  return id;
}
